import fc from 'fast-check';
import {
  addDays,
  addMonthsClamped,
  addMonthsRolledOver,
  birthday,
  daysBetween,
  halfBirthday,
  isRealDate,
  lastDayOfMonth,
  maxDate,
  minDate,
  nextAfter,
  weekday,
} from './index';

describe('the two ways to add months', () => {
  // [date, months, clamped, rolled over]
  const CASES: Array<[string, number, string, string]> = [
    ['2024-01-31', 1, '2024-02-29', '2024-03-01'], // 31 January, leap year
    ['2023-01-31', 1, '2023-02-28', '2023-03-01'], // 31 January, common year
    ['2024-02-29', 12, '2025-02-28', '2025-03-01'], // 29 February + a year
    ['2024-02-29', 48, '2028-02-29', '2028-02-29'], // 29 February + four years: exists
    ['2024-02-29', -12, '2023-02-28', '2023-03-01'],
    ['2024-03-31', -1, '2024-02-29', '2024-03-01'],
    ['2024-01-31', 3, '2024-04-30', '2024-05-01'],
    ['2024-12-31', -1, '2024-11-30', '2024-12-01'],
    ['2024-11-30', 1, '2024-12-30', '2024-12-30'],
    ['2023-12-31', 2, '2024-02-29', '2024-03-01'],
    ['2024-10-31', 1, '2024-11-30', '2024-12-01'],
    ['2024-12-31', 0, '2024-12-31', '2024-12-31'],
    ['2024-08-31', 6, '2025-02-28', '2025-03-01'],
    ['2024-01-15', -13, '2022-12-15', '2022-12-15'],
  ];
  it.each(CASES)('%s + %d months: clamped %s, rolled over %s', (date, months, clamped, rolledOver) => {
    expect(addMonthsClamped(date, months)).toBe(clamped);
    expect(addMonthsRolledOver(date, months)).toBe(rolledOver);
  });

  it('rolls over across the year end', () => {
    expect(addMonthsRolledOver('2024-10-31', 2)).toBe('2024-12-31');
    expect(addMonthsRolledOver('2023-12-31', -10)).toBe('2023-03-01');
    expect(addMonthsClamped('2023-12-31', -10)).toBe('2023-02-28');
  });

  it('agree whenever the day exists in the target month', () => {
    for (let d = 1; d <= 28; d++) {
      const date = `2024-01-${String(d).padStart(2, '0')}`;
      for (let n = -30; n <= 30; n++) expect(addMonthsClamped(date, n)).toBe(addMonthsRolledOver(date, n));
    }
  });
});

describe('birthdays', () => {
  it('29 February turns a year older on 1 March in a common year', () => {
    expect(birthday('2008-02-29', 18)).toBe('2026-03-01');
    expect(birthday('2008-02-29', 16)).toBe('2024-02-29');
    expect(halfBirthday('2008-02-29', 17)).toBe('2025-09-01');
    expect(halfBirthday('2008-08-31', 17)).toBe('2026-03-01');
  });
});

describe('days', () => {
  it('adds and counts days across month ends and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2024-01-01', -1)).toBe('2023-12-31');
    expect(daysBetween('2024-01-31', '2024-03-01')).toBe(30);
    expect(daysBetween('2024-03-01', '2024-01-31')).toBe(-30);
  });

  it('knows the real dates and month lengths', () => {
    expect([
      isRealDate('2024-02-29'),
      isRealDate('2023-02-29'),
      isRealDate('2024-04-31'),
      isRealDate('2024-1-01'),
      isRealDate(20240101),
    ]).toEqual([true, false, false, false, false]);
    expect([1, 2, 4, 12].map((m) => lastDayOfMonth(2024, m))).toEqual([31, 29, 30, 31]);
    expect(lastDayOfMonth(2023, 2)).toBe(28);
    expect(weekday('2024-02-29')).toBe(4);
  });

  it('picks the earliest, the latest and the next date', () => {
    expect(minDate('2024-03-01', null, '2024-02-29', undefined)).toBe('2024-02-29');
    expect(maxDate('2024-03-01', null, '2024-02-29')).toBe('2024-03-01');
    expect(minDate()).toBeNull();
    expect(nextAfter('2024-02-29', ['2024-02-29', '2024-03-02', null, '2024-03-01'])).toBe('2024-03-01');
  });
});

describe('the integer day arithmetic gives what the Date-based forms give', () => {
  // the forms before the integer arithmetic (kept here as the oracle)
  const viaDate = {
    addDays: (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10),
    daysBetween: (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000),
    weekday: (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay(),
    lastDayOfMonth: (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate(),
  };
  const realDate = fc
    .date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

  it('addDays, daysBetween and weekday on real dates of years 1000–9999', () => {
    fc.assert(
      fc.property(realDate, realDate, fc.integer({ min: -40_000, max: 40_000 }), (a, b, n) => {
        const later = viaDate.addDays(a, n);
        if (later.length === 10) expect(addDays(a, n)).toBe(later);
        expect(daysBetween(a, b)).toBe(viaDate.daysBetween(a, b));
        expect(weekday(a)).toBe(viaDate.weekday(a));
      }),
      { numRuns: 5000 },
    );
  });

  it('lastDayOfMonth for every month of 400 years, and around the edges', () => {
    for (let year = 1900; year < 2300; year++)
      for (let month = 1; month <= 12; month++) expect(lastDayOfMonth(year, month)).toBe(viaDate.lastDayOfMonth(year, month));
    for (const [y, m] of [
      [2024, 0],
      [2024, 13],
      [2000, 2],
      [1900, 2],
    ] as const)
      expect(lastDayOfMonth(y, m)).toBe(viaDate.lastDayOfMonth(y, m));
  });

  it('what is not a real date takes the Date-based path, as before', () => {
    for (const odd of ['2025-02-30', '2025-13-01', '0999-12-31', '2025-1-01'])
      for (const n of [0, 1, -1]) {
        let expected: string | Error;
        try {
          expected = viaDate.addDays(odd, n);
        } catch (e) {
          expected = e as Error;
        }
        if (expected instanceof Error) expect(() => addDays(odd, n)).toThrow(RangeError);
        else expect(addDays(odd, n)).toBe(expected);
      }
    expect(addDays('2025-12-31', 0.5)).toBe(viaDate.addDays('2025-12-31', 0.5));
    expect(weekday('2025-02-30')).toBe(viaDate.weekday('2025-02-30'));
  });
});
