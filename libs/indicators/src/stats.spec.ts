import { addMonthsClamped } from '@trajectwacht/dates';
import { percentile, round4, stoplicht } from '@trajectwacht/indicators';

describe('percentile (nearest rank: value at rank ⌈p/100 · n⌉ of the sorted values)', () => {
  it('matches hand-computed values', () => {
    const v = [28, 5, 16, 9, 27, 14, 21]; // sorted [5, 9, 14, 16, 21, 27, 28], n = 7
    expect(percentile(v, 50)).toBe(16); // ⌈3.5⌉ = 4
    expect(percentile(v, 75)).toBe(27); // ⌈5.25⌉ = 6
    expect(percentile(v, 90)).toBe(28); // ⌈6.3⌉ = 7
    expect(percentile(v, 0)).toBe(5); // rank 1
    expect(percentile(v, 100)).toBe(28); // rank 7
  });

  it('takes the lower middle value for an even count (no interpolation)', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2); // ⌈2⌉ = 2
    expect(percentile([10, 20], 50)).toBe(10);
    expect(percentile([10, 20], 51)).toBe(20); // ⌈1.02⌉ = 2
  });

  it('is exact on integer ranks despite floating point (0.9 · 10 = 9.000000000000002)', () => {
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(ten, 90)).toBe(9);
    expect(percentile(ten, 75)).toBe(8); // ⌈7.5⌉ = 8
    expect(percentile([...ten, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20], 90)).toBe(18); // rank 18
  });

  it('handles one value, negative values and an empty list', () => {
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([-3, 4], 50)).toBe(-3);
    expect(percentile([], 50)).toBeNull();
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it('does not reorder the input', () => {
    const v = [3, 1, 2];
    percentile(v, 50);
    expect(v).toEqual([3, 1, 2]);
  });
});

describe('round4', () => {
  it('rounds to 4 decimals', () => {
    expect(round4(2 / 3)).toBe(0.6667);
    expect(round4(2 / 7)).toBe(0.2857);
    expect(round4(0.5)).toBe(0.5);
  });
});

describe('stoplicht boundaries', () => {
  const higher = { groen: 0.8, oranje: 0.6, direction: 'higher-is-better' as const };
  const lower = { groen: 14, oranje: 21, direction: 'lower-is-better' as const };

  it('higher-is-better: ≥ groen groen, ≥ oranje oranje, else rood', () => {
    expect(stoplicht(0.9, higher)).toBe('groen');
    expect(stoplicht(0.8, higher)).toBe('groen');
    expect(stoplicht(0.7999, higher)).toBe('oranje');
    expect(stoplicht(0.6, higher)).toBe('oranje');
    expect(stoplicht(0.5999, higher)).toBe('rood');
  });

  it('lower-is-better: ≤ groen groen, ≤ oranje oranje, else rood', () => {
    expect(stoplicht(0, lower)).toBe('groen');
    expect(stoplicht(14, lower)).toBe('groen');
    expect(stoplicht(15, lower)).toBe('oranje');
    expect(stoplicht(21, lower)).toBe('oranje');
    expect(stoplicht(22, lower)).toBe('rood');
  });

  it('is null without a value or a norm', () => {
    expect(stoplicht(null, lower)).toBeNull();
    expect(stoplicht(3, undefined)).toBeNull();
  });
});

describe("addMonthsClamped, the indicators' month arithmetic (calendar months, day clamped to the month end)", () => {
  it('adds months', () => {
    expect(addMonthsClamped('2023-11-15', 6)).toBe('2024-05-15');
    expect(addMonthsClamped('2023-11-15', 12)).toBe('2024-11-15');
    expect(addMonthsClamped('2024-08-31', 6)).toBe('2025-02-28');
    expect(addMonthsClamped('2023-08-31', 6)).toBe('2024-02-29');
    expect(addMonthsClamped('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonthsClamped('2024-03-01', -3)).toBe('2023-12-01');
  });
});
