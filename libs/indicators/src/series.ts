/**
 * Series for charts: flows between intensity levels (Sankey), in/out/active per month (trend) and a duration
 * histogram. Same inclusion rule, date predicates and privacy suppression as computeIndicators.
 */
import { addDays, addMonthsClamped } from '@trajectwacht/dates';
import { intensityRank, type IntensityLevel, type IsoDate } from '@trajectwacht/ijw';
import type { TrajectoryState } from '@trajectwacht/trajectory';
import type { HistogramBucket, LevelFlow, TrendPoint } from './model';
import { activeAt, endedDuration, endedIn, isIncluded, runningDuration, startedIn, validatePeriod } from './selection';
import { countCell, validateMinCount } from './stats';

export interface FlowOptions {
  /** Privacy threshold (default 5). */
  minCount?: number;
  /** A predecessor may have ended at most this many days before the new start (default 30). */
  windowDays?: number;
}

/**
 * Children moving between intensity levels. A flow A → B is counted for a child when a trajectory at level B starts
 * (begindatum) within [from, to] and the same child has ANOTHER trajectory at level A ≠ B that began strictly
 * before it and was still running at the new start or ended at most `windowDays` days before it:
 * A.begindatum < B.begindatum and (A.stopdatum null or A.stopdatum ≥ B.begindatum − windowDays).
 * Each child counts at most once per (A, B) pair; one child may appear in several pairs. Trajectories without a
 * level and moves within one level are left out. Only pairs with at least one child are returned, sorted by the
 * rank of A then of B; counts 1 … minCount−1 are suppressed.
 */
export function flowsBetweenLevels(
  trajectories: readonly TrajectoryState[],
  from: IsoDate,
  to: IsoDate,
  options: FlowOptions = {},
): LevelFlow[] {
  validatePeriod(from, to);
  const minCount = validateMinCount(options.minCount);
  const windowDays = validateWindowDays(options.windowDays);

  const leveled = trajectories.filter((t) => isIncluded(t) && t.intensiteit !== null && t.begindatum !== null);
  const byChild = new Map<string, TrajectoryState[]>();
  for (const t of leveled) byChild.set(t.clientPseudonym, [...(byChild.get(t.clientPseudonym) ?? []), t]);

  const pairs = new Map<string, Set<string>>();
  for (const b of leveled) {
    if (!startedIn(b, from, to)) continue;
    const start = b.begindatum as IsoDate;
    const windowStart = addDays(start, -windowDays);
    for (const a of byChild.get(b.clientPseudonym) ?? []) {
      if (a === b || a.intensiteit === b.intensiteit) continue;
      if (!((a.begindatum as IsoDate) < start && (a.stopdatum === null || a.stopdatum >= windowStart))) continue;
      const key = `${a.intensiteit}>${b.intensiteit}`;
      const children = pairs.get(key) ?? new Set<string>();
      children.add(b.clientPseudonym);
      pairs.set(key, children);
    }
  }

  return levelFlows(
    [...pairs.entries()].map(([key, children]) => {
      const [van, naar] = key.split('>') as [IntensityLevel, IntensityLevel];
      return { van, naar, kinderen: children.size };
    }),
    minCount,
  );
}

export function validateWindowDays(windowDays: number | undefined): number {
  const w = windowDays ?? 30;
  if (!Number.isInteger(w) || w < 0) throw new RangeError(`windowDays must be an integer ≥ 0, got ${w}`);
  return w;
}

/** Flow links from (van, naar, number of children ≥ 1): richting, suppression, sorted by the rank of van then naar. */
export function levelFlows(
  pairs: readonly { van: IntensityLevel; naar: IntensityLevel; kinderen: number }[],
  minCount: number,
): LevelFlow[] {
  return pairs
    .map(({ van, naar, kinderen }) => {
      const richting: LevelFlow['richting'] = intensityRank(naar) > intensityRank(van) ? 'opschalen' : 'afschalen';
      return { van, naar, richting, kinderen: countCell(kinderen, minCount) };
    })
    .sort((x, y) => intensityRank(x.van) - intensityRank(y.van) || intensityRank(x.naar) - intensityRank(y.naar));
}

export type TrendInterval = 'month' | 'quarter' | 'year';

function intervalStart(date: IsoDate, interval: TrendInterval): IsoDate {
  const [y, m] = date.split('-').map(Number);
  const month = interval === 'month' ? m : interval === 'quarter' ? Math.floor((m - 1) / 3) * 3 + 1 : 1;
  return `${String(y).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
}

function label(start: IsoDate, interval: TrendInterval): string {
  const [y, m] = start.split('-').map(Number);
  if (interval === 'month') return start.slice(0, 7);
  if (interval === 'quarter') return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
  return String(y);
}

/** One sub-period of a trend: its label and its dates, clipped to the period. */
export interface TrendPeriod {
  periode: string;
  from: IsoDate;
  to: IsoDate;
}

/** The calendar months (or quarters / years) overlapping [from, to], the first and last clipped to the period. */
export function trendPeriods(from: IsoDate, to: IsoDate, interval: TrendInterval = 'month'): TrendPeriod[] {
  validatePeriod(from, to);
  const step = interval === 'month' ? 1 : interval === 'quarter' ? 3 : 12;
  const periods: TrendPeriod[] = [];
  for (let start = intervalStart(from, interval); start <= to; start = addMonthsClamped(start, step)) {
    const end = addDays(addMonthsClamped(start, step), -1);
    periods.push({ periode: label(start, interval), from: start < from ? from : start, to: end > to ? to : end });
  }
  return periods;
}

/**
 * instroom / uitstroom / actief per calendar month (or quarter / year) overlapping [from, to]. The first and last
 * sub-periods are clipped to the period; actief is measured at the end of each sub-period.
 */
export function trendSeries(
  trajectories: readonly TrajectoryState[],
  from: IsoDate,
  to: IsoDate,
  interval: TrendInterval = 'month',
  options: { minCount?: number } = {},
): TrendPoint[] {
  validatePeriod(from, to);
  const minCount = validateMinCount(options.minCount);
  const included = trajectories.filter(isIncluded);
  return trendPeriods(from, to, interval).map(({ periode, from: subFrom, to: subTo }) => ({
    periode,
    from: subFrom,
    to: subTo,
    instroom: countCell(included.filter((t) => startedIn(t, subFrom, subTo)).length, minCount),
    uitstroom: countCell(included.filter((t) => endedIn(t, subFrom, subTo)).length, minCount),
    actief: countCell(included.filter((t) => activeAt(t, subTo)).length, minCount),
  }));
}

export interface HistogramOptions {
  minCount?: number;
  /** 'beeindigd' (default): trajectories ended in the period, stopdatum − begindatum. 'lopend': active at `to`, to − begindatum. */
  soort?: 'beeindigd' | 'lopend';
}

/**
 * Duration histogram. `bucketsInDays` are strictly ascending boundaries b1 < b2 < … < bk; the buckets are
 * [−∞, b1), [b1, b2), …, [bk, ∞) (k + 1 buckets; the first also takes the odd negative duration of faulty data).
 * Example: [90, 365] → "< 90", "90–364", "≥ 365".
 */
export function durationHistogram(
  trajectories: readonly TrajectoryState[],
  from: IsoDate,
  to: IsoDate,
  bucketsInDays: readonly number[],
  options: HistogramOptions = {},
): HistogramBucket[] {
  validatePeriod(from, to);
  const minCount = validateMinCount(options.minCount);
  validateBuckets(bucketsInDays);
  const included = trajectories.filter(isIncluded);
  const durations =
    (options.soort ?? 'beeindigd') === 'beeindigd'
      ? included.filter((t) => endedIn(t, from, to)).map(endedDuration)
      : included.filter((t) => activeAt(t, to)).map((t) => runningDuration(t, to));
  const known = durations.filter((d): d is number => d !== null);
  const bounds: (number | null)[] = [null, ...bucketsInDays, null];
  const counts = bounds.slice(0, -1).map((van, i) => {
    const tot = bounds[i + 1]!;
    return known.filter((d) => (van === null || d >= van) && (tot === null || d < tot)).length;
  });
  return histogramBuckets(bucketsInDays, counts, minCount);
}

export function validateBuckets(bucketsInDays: readonly number[]): void {
  if (bucketsInDays.length === 0) throw new RangeError('bucketsInDays: give at least one boundary');
  for (let i = 0; i < bucketsInDays.length; i++) {
    if (!Number.isInteger(bucketsInDays[i]) || (i > 0 && bucketsInDays[i] <= bucketsInDays[i - 1])) {
      throw new RangeError('bucketsInDays: boundaries must be strictly ascending whole days');
    }
  }
}

/** The k + 1 buckets of the boundaries with their counts (counts[i] for bucket i, first bucket below b1). */
export function histogramBuckets(bucketsInDays: readonly number[], counts: readonly number[], minCount: number): HistogramBucket[] {
  const bounds: (number | null)[] = [null, ...bucketsInDays, null];
  const buckets: HistogramBucket[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const van = bounds[i];
    const tot = bounds[i + 1];
    const text = van === null ? `< ${tot}` : tot === null ? `≥ ${van}` : `${van}–${tot - 1}`;
    buckets.push({ vanDagen: van, totDagen: tot, label: text, aantal: countCell(counts[i] ?? 0, minCount) });
  }
  return buckets;
}
