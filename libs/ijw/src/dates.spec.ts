import { addDays, daysBetween, dutchDate, isRealDate } from './dates';

describe('isRealDate', () => {
  it.each(['2024-02-29', '2000-02-29', '2025-01-01', '2025-12-31', '2025-04-30', '1900-01-01', '2999-12-31'])('accepts %s', (d) => {
    expect(isRealDate(d)).toBe(true);
  });

  it.each([
    ['2023-02-29', 'no leap year'],
    ['1900-02-29', '1900 is no leap year'],
    ['2100-02-29', '2100 is no leap year'],
    ['2023-02-30', 'February 30'],
    ['2023-04-31', 'April 31'],
    ['2023-13-01', 'month 13'],
    ['2023-00-01', 'month 0'],
    ['2023-01-00', 'day 0'],
    ['2023-01-32', 'day 32'],
    ['2023-1-01', 'one-digit month'],
    ['2023-01-1', 'one-digit day'],
    ['23-01-01', 'two-digit year'],
    ['01-01-2023', 'DD-MM-YYYY'],
    ['2023/01/01', 'slashes'],
    ['20230101', 'compact'],
    ['2023-01-01T00:00:00Z', 'with time'],
    ['2023-01-01 ', 'trailing space'],
    [' 2023-01-01', 'leading space'],
    ['2023-01-01\n', 'trailing newline'],
    ['+02023-01-01', 'expanded year'],
    ['1899-12-31', 'before 1900'],
    ['3000-01-01', 'after 2999'],
    ['２０２３-01-01', 'full-width digits'],
    ['', 'empty'],
  ])('rejects %s (%s)', (d) => {
    expect(isRealDate(d)).toBe(false);
  });

  it.each([[20230101], [null], [undefined], [new Date('2023-01-01')], [{}]])('rejects the non-string %p', (v) => {
    expect(isRealDate(v)).toBe(false);
  });

  it('agrees with the calendar for every day of 2023 and 2024', () => {
    for (const year of [2023, 2024]) {
      let days = 0;
      for (let m = 1; m <= 12; m++) {
        for (let d = 1; d <= 31; d++) {
          const iso = `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const real = new Date(Date.UTC(year, m - 1, d)).getUTCDate() === d;
          expect(isRealDate(iso)).toBe(real);
          if (real) days++;
        }
      }
      expect(days).toBe(year === 2024 ? 366 : 365);
    }
  });
});

describe('dutchDate', () => {
  it.each([
    ['2025-06-01T10:00:00Z', '2025-06-01'],
    ['2025-06-01T21:59:59Z', '2025-06-01'], // 23:59:59 CEST
    ['2025-06-01T22:00:00Z', '2025-06-02'], // 00:00 CEST
    ['2025-01-01T22:59:59Z', '2025-01-01'], // 23:59:59 CET
    ['2025-01-01T23:00:00Z', '2025-01-02'], // 00:00 CET
    ['2024-12-31T23:30:00Z', '2025-01-01'], // new year in Amsterdam, not yet in UTC
    ['2025-03-29T23:30:00Z', '2025-03-30'], // night of the switch to summer time
    ['2025-10-25T22:30:00Z', '2025-10-26'], // night of the switch to winter time
  ])('%s is %s in the Netherlands', (iso, expected) => {
    expect(dutchDate(new Date(iso))).toBe(expected);
  });

  it('returns a real ISO date', () => {
    expect(isRealDate(dutchDate(new Date('2024-02-29T12:00:00Z')))).toBe(true);
  });
});

describe('daysBetween and addDays', () => {
  it.each([
    ['2025-05-01', '2025-05-01', 0],
    ['2025-05-01', '2025-05-02', 1],
    ['2025-05-02', '2025-05-01', -1],
    ['2024-02-28', '2024-03-01', 2],
    ['2023-02-28', '2023-03-01', 1],
    ['2024-01-01', '2025-01-01', 366],
    ['2025-03-29', '2025-03-31', 2], // across the DST switch (dates are calendar days)
    ['2025-10-25', '2025-10-27', 2],
  ])('daysBetween(%s, %s) = %i', (a, b, n) => {
    expect(daysBetween(a, b)).toBe(n);
  });

  it.each([
    ['2025-05-01', 0, '2025-05-01'],
    ['2025-05-31', 1, '2025-06-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2025-03-29', 2, '2025-03-31'],
    ['2025-01-01', 365, '2026-01-01'],
  ])('addDays(%s, %i) = %s', (d, n, expected) => {
    expect(addDays(d, n)).toBe(expected);
  });

  it('addDays and daysBetween are inverse', () => {
    for (let n = -400; n <= 400; n += 7) expect(daysBetween('2025-06-01', addDays('2025-06-01', n))).toBe(n);
  });
});
