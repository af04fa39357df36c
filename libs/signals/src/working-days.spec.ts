import { addWorkingDays, dutchHolidays, easterSunday, isHoliday, isWorkingDay } from './working-days';

describe('working days', () => {
  it('computes Easter (anonymous Gregorian algorithm)', () => {
    expect(easterSunday(2000)).toBe('2000-04-23');
    expect(easterSunday(2019)).toBe('2019-04-21');
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2038)).toBe('2038-04-25');
  });

  it('lists the holidays of 2024', () => {
    expect(dutchHolidays(2024).map((h) => `${h.date} ${h.naam}`)).toEqual([
      '2024-01-01 Nieuwjaarsdag',
      '2024-03-29 Goede Vrijdag',
      '2024-03-31 Eerste Paasdag',
      '2024-04-01 Tweede Paasdag',
      '2024-04-27 Koningsdag',
      '2024-05-05 Bevrijdingsdag',
      '2024-05-09 Hemelvaartsdag',
      '2024-05-19 Eerste Pinksterdag',
      '2024-05-20 Tweede Pinksterdag',
      '2024-12-25 Eerste Kerstdag',
      '2024-12-26 Tweede Kerstdag',
    ]);
  });

  it('moves Koningsdag to 26 April when the 27th is a Sunday', () => {
    expect(isHoliday('2025-04-27')).toBe(false);
    expect(isHoliday('2025-04-26')).toBe(true);
    expect(isHoliday('2026-04-27')).toBe(true);
    expect(isWorkingDay('2026-04-27')).toBe(false);
    expect(isHoliday('2013-04-30')).toBe(true); // Koninginnedag before 2014
  });

  it('makes Goede Vrijdag and Bevrijdingsdag configurable', () => {
    expect(isWorkingDay('2024-03-29')).toBe(false);
    expect(isWorkingDay('2024-03-29', { goedeVrijdag: false })).toBe(true);
    expect(isWorkingDay('2023-05-05')).toBe(false);
    expect(isWorkingDay('2023-05-05', { bevrijdingsdag: 'lustrum' })).toBe(true);
    expect(isWorkingDay('2025-05-05', { bevrijdingsdag: 'lustrum' })).toBe(false);
    expect(isWorkingDay('2025-05-05', { bevrijdingsdag: 'nooit' })).toBe(true);
    expect(isWorkingDay('2024-05-10', { extraVrijeDagen: ['2024-05-10'] })).toBe(false);
  });

  it('skips weekends', () => {
    expect(isWorkingDay('2024-03-02')).toBe(false);
    expect(isWorkingDay('2024-03-03')).toBe(false);
    expect(addWorkingDays('2024-03-01', 5)).toBe('2024-03-08');
    expect(addWorkingDays('2024-03-02', 1)).toBe('2024-03-04');
  });

  it('adds working days around Easter, Koningsdag, Bevrijdingsdag and Christmas', () => {
    expect(addWorkingDays('2024-03-28', 5)).toBe('2024-04-08');
    expect(addWorkingDays('2024-03-28', 5, { goedeVrijdag: false })).toBe('2024-04-05');
    expect(addWorkingDays('2023-04-25', 5)).toBe('2023-05-03');
    expect(addWorkingDays('2026-04-24', 5)).toBe('2026-05-04');
    expect(addWorkingDays('2023-05-03', 5)).toBe('2023-05-11');
    expect(addWorkingDays('2023-05-03', 5, { bevrijdingsdag: 'lustrum' })).toBe('2023-05-10');
    expect(addWorkingDays('2024-12-23', 5)).toBe('2025-01-02');
    expect(addWorkingDays('2024-05-08', 1)).toBe('2024-05-10'); // Hemelvaartsdag
    expect(addWorkingDays('2024-05-17', 1)).toBe('2024-05-21'); // Tweede Pinksterdag
  });

  it('handles 0 and negative counts', () => {
    expect(addWorkingDays('2024-03-30', 0)).toBe('2024-03-30');
    expect(addWorkingDays('2024-04-02', -1)).toBe('2024-03-28');
    expect(() => addWorkingDays('2024-04-02', 1.5)).toThrow();
  });
});
