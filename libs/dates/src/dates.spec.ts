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
