/**
 * Statistics, privacy suppression and stoplicht: the building blocks of every indicator cell.
 */
import type { Cell, IndicatorCell, Norm, Stoplicht } from './model';

export const DEFAULT_MIN_COUNT = 5;

/**
 * Percentile by the NEAREST-RANK method: sort the values ascending and take the value at 1-based rank
 * ⌈p/100 · n⌉ (rank 1 for p = 0). The result is always one of the observed values (whole days stay whole days), and
 * the median of an even number of values is the LOWER of the two middle values. Null for an empty list.
 *
 * Example: [5, 9, 14, 16, 21, 27, 28] → p50 = rank ⌈3.5⌉ = 4 → 16; p75 = rank ⌈5.25⌉ = 6 → 27; p90 = rank ⌈6.3⌉ = 7 → 28.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile: p must be within [0, 100], got ${p}`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  // Guard against floating point (e.g. 0.9 · 10 = 9.000000000000002 must give rank 9, not 10).
  const exact = (p / 100) * sorted.length;
  const rank = Math.max(1, Math.ceil(Math.round(exact * 1e9) / 1e9));
  return sorted[rank - 1];
}

/** Shares and ratios are rounded to 4 decimals in the result (and written exactly so in the CSV). */
export function round4(x: number): number {
  const r = Math.round(x * 10_000) / 10_000;
  return Object.is(r, -0) ? 0 : r;
}

export function validateMinCount(minCount: number | undefined): number {
  const m = minCount ?? DEFAULT_MIN_COUNT;
  if (!Number.isInteger(m) || m < 1) throw new RangeError(`minCount must be an integer ≥ 1, got ${m}`);
  return m;
}

/** True when a count must be suppressed: 1 ≤ n ≤ minCount − 1 (0 is never suppressed). */
export function isSmall(n: number, minCount: number): boolean {
  return n >= 1 && n < minCount;
}

export function countCell(n: number, minCount: number): Cell {
  return isSmall(n, minCount) ? { value: null, suppressed: true } : { value: n, suppressed: false };
}

/** Percentile over values; suppressed when there are 1 … minCount−1 values, null (not suppressed) when none. */
export function percentileCell(values: readonly number[], p: number, minCount: number): Cell {
  if (isSmall(values.length, minCount)) return { value: null, suppressed: true };
  return { value: percentile(values, p), suppressed: false };
}

/**
 * numerator / denominator rounded to 4 decimals. Null (not suppressed) when the denominator is 0; suppressed when
 * the numerator or the denominator is a small count (the numerator could be recomputed from share × denominator).
 */
export function shareCell(numerator: number, denominator: number, minCount: number): Cell {
  if (isSmall(numerator, minCount) || isSmall(denominator, minCount)) return { value: null, suppressed: true };
  if (denominator === 0) return { value: null, suppressed: false };
  return { value: round4(numerator / denominator), suppressed: false };
}

export function validateNorm(name: string, norm: Norm): void {
  if (!Number.isFinite(norm.groen) || !Number.isFinite(norm.oranje))
    throw new RangeError(`norm ${name}: groen and oranje must be finite numbers`);
  if (norm.direction === 'higher-is-better' ? norm.groen < norm.oranje : norm.groen > norm.oranje) {
    throw new RangeError(`norm ${name}: the groen boundary must be at least as good as the oranje boundary (${norm.direction})`);
  }
}

/**
 * Stoplicht (Almere raadsrapportage: rood = extra maatregel nodig, oranje = extra aandacht nodig, groen = op koers).
 * Boundaries inclusive: higher-is-better → value ≥ groen is groen, value ≥ oranje is oranje, else rood;
 * lower-is-better → value ≤ groen is groen, value ≤ oranje is oranje, else rood. Null for a null value or no norm.
 */
export function stoplicht(value: number | null, norm: Norm | undefined): Stoplicht | null {
  if (value === null || norm === undefined) return null;
  if (norm.direction === 'higher-is-better') {
    if (value >= norm.groen) return 'groen';
    if (value >= norm.oranje) return 'oranje';
    return 'rood';
  }
  if (value <= norm.groen) return 'groen';
  if (value <= norm.oranje) return 'oranje';
  return 'rood';
}

export function withStoplicht(cell: Cell, norm: Norm | undefined): IndicatorCell {
  return { ...cell, stoplicht: cell.suppressed ? null : stoplicht(cell.value, norm) };
}
