/**
 * The regional indicator table: in-, door- and uitstroom per gemeente / aanbieder / intensity level and in total.
 * See README.md in this library for every definition.
 */
import { addMonthsClamped } from '@trajectwacht/dates';
import { daysBetween, dutchDate, isRealDate, type IsoDate } from '@trajectwacht/ijw';
import type { TrajectoryState } from '@trajectwacht/trajectory';
import {
  INDICATOR_NAMES,
  ONBEKEND,
  TOTAAL,
  type Cell,
  type GroupAggregates,
  type GroupBy,
  type IndicatorCell,
  type IndicatorName,
  type IndicatorOptions,
  type IndicatorResult,
  type IndicatorRow,
  type Norms,
  type OpenAlert,
  type OpenAlertCells,
  type Percentiles,
} from './model';
import { activeAt, endedDuration, endedIn, isIncluded, runningDuration, startedIn, validatePeriod } from './selection';
import { countCell, isSmall, percentile, round4, shareCell, validateMinCount, validateNorm, withStoplicht } from './stats';

/** Group key of a trajectory; null for groupBy 'totaal'. */
export function groupKey(t: TrajectoryState, groupBy: GroupBy): string | null {
  switch (groupBy) {
    case 'gemeente':
      return t.gemeente;
    case 'aanbieder':
      return t.aanbieder;
    case 'intensiteit':
      return t.intensiteit ?? ONBEKEND;
    case 'totaal':
      return null;
  }
}

function alertGroupKey(a: OpenAlert, groupBy: GroupBy): string | null {
  if (groupBy === 'gemeente') return a.gemeente;
  if (groupBy === 'aanbieder') return a.aanbieder ?? null;
  return null; // an alert has no intensity level: it only counts in the 'totaal' row
}

/** Date of detection: an ISO date as is, a timestamp as its date in Europe/Amsterdam. */
function alertDate(detectedAt: string): IsoDate {
  if (isRealDate(detectedAt)) return detectedAt;
  const at = new Date(detectedAt);
  if (Number.isNaN(at.getTime())) throw new RangeError(`openAlerts: detectedAt is no date or timestamp: ${detectedAt}`);
  return dutchDate(at);
}

/** Start of a (new) trajectory for herinstroom: the toewijzing ingangsdatum, else (no JW301) the begindatum. */
function herinstroomStart(t: TrajectoryState): IsoDate | null {
  return t.ingangsdatum ?? t.begindatum;
}

/**
 * True when the trajectory starts within `months` calendar months after the stop of ANOTHER trajectory of the same
 * child: stopdatum < start ≤ stopdatum + months.
 */
function isHerinstroom(t: TrajectoryState, sameChild: readonly TrajectoryState[], months: number): boolean {
  const start = herinstroomStart(t);
  if (start === null) return false;
  return sameChild.some((s) => s !== t && s.stopdatum !== null && s.stopdatum < start && start <= addMonthsClamped(s.stopdatum, months));
}

interface Context {
  from: IsoDate;
  to: IsoDate;
  byChild: Map<string, TrajectoryState[]>;
}

/** Children with instroom, and how many of them have herinstroom within 6 and 12 months. */
function herinstroomCounts(started: TrajectoryState[], ctx: Context): { kinderen: number; m6: number; m12: number } {
  const children = new Map<string, { m6: boolean; m12: boolean }>();
  for (const t of started) {
    const sameChild = ctx.byChild.get(t.clientPseudonym) ?? [];
    const prev = children.get(t.clientPseudonym) ?? { m6: false, m12: false };
    children.set(t.clientPseudonym, {
      m6: prev.m6 || isHerinstroom(t, sameChild, 6),
      m12: prev.m12 || isHerinstroom(t, sameChild, 12),
    });
  }
  const flags = [...children.values()];
  return { kinderen: flags.length, m6: flags.filter((f) => f.m6).length, m12: flags.filter((f) => f.m12).length };
}

function percentiles(values: readonly number[]): Percentiles {
  return { n: values.length, p50: percentile(values, 50), p75: percentile(values, 75), p90: percentile(values, 90) };
}

/** The aggregates of one group, computed from its trajectories (the reference for the SQL in indicators.repository.ts). */
function groupAggregates(trajectories: TrajectoryState[], ctx: Context): GroupAggregates {
  const { from, to } = ctx;
  const started = trajectories.filter((t) => startedIn(t, from, to));
  const ended = trajectories.filter((t) => endedIn(t, from, to));
  const active = trajectories.filter((t) => activeAt(t, to));
  const endedKnownPlan = ended.filter((t) => t.volgensPlan !== null);
  const herinstroom = herinstroomCounts(started, ctx);
  return {
    instroom: started.length,
    uitstroom: ended.length,
    actief: active.length,
    duurBeeindigd: percentiles(ended.map(endedDuration).filter((d): d is number => d !== null)),
    duurLopend: percentiles(active.map((t) => runningDuration(t, to)).filter((d): d is number => d !== null)),
    wachttijd: percentiles(started.map((t) => t.wachttijdDagen).filter((d): d is number => d !== null)),
    instroomVerblijf: started.filter((t) => t.verblijf).length,
    uitstroomPlanBekend: endedKnownPlan.length,
    uitstroomVolgensPlan: endedKnownPlan.filter((t) => t.volgensPlan === true).length,
    kinderenInstroom: herinstroom.kinderen,
    herinstroom6m: herinstroom.m6,
    herinstroom12m: herinstroom.m12,
  };
}

function percentileCells(p: Percentiles, minCount: number): [Cell, Cell, Cell] {
  if (isSmall(p.n, minCount))
    return [
      { value: null, suppressed: true },
      { value: null, suppressed: true },
      { value: null, suppressed: true },
    ];
  return [p.p50, p.p75, p.p90].map((value) => ({ value: p.n === 0 ? null : value, suppressed: false })) as [Cell, Cell, Cell];
}

/** The cells of one group from its aggregates: privacy suppression, rounding (see README.md, "Privacy"). */
export function indicatorCellsOf(a: GroupAggregates, minCount: number): Record<IndicatorName, Cell> {
  const instroom = countCell(a.instroom, minCount);
  const uitstroom = countCell(a.uitstroom, minCount);
  const ratio: Cell =
    instroom.suppressed || uitstroom.suppressed
      ? { value: null, suppressed: true }
      : { value: a.instroom === 0 ? null : round4(a.uitstroom / a.instroom), suppressed: false };
  const [duurBeeindigdMediaan, duurBeeindigdP75, duurBeeindigdP90] = percentileCells(a.duurBeeindigd, minCount);
  const [duurLopendMediaan, duurLopendP75, duurLopendP90] = percentileCells(a.duurLopend, minCount);
  const [wachttijdMediaan, wachttijdP75, wachttijdP90] = percentileCells(a.wachttijd, minCount);
  return {
    instroom,
    uitstroom,
    actief: countCell(a.actief, minCount),
    ratioUitstroomInstroom: ratio,
    duurBeeindigdMediaan,
    duurBeeindigdP75,
    duurBeeindigdP90,
    duurLopendMediaan,
    duurLopendP75,
    duurLopendP90,
    wachttijdMediaan,
    wachttijdP75,
    wachttijdP90,
    aandeelVerblijf: shareCell(a.instroomVerblijf, a.instroom, minCount),
    aandeelVolgensPlan: shareCell(a.uitstroomVolgensPlan, a.uitstroomPlanBekend, minCount),
    herinstroom6m: shareCell(a.herinstroom6m, a.kinderenInstroom, minCount),
    herinstroom12m: shareCell(a.herinstroom12m, a.kinderenInstroom, minCount),
  };
}

/** Open alerts of one group: per rule the number in each age bucket (age = to − detection date in days, ≥ 0). */
export type AlertCounts = ReadonlyMap<string, { lt7: number; d7to30: number; gt30: number }>;

function alertCellsOf(counts: AlertCounts | undefined, ruleIds: readonly string[], minCount: number): OpenAlertCells[] {
  return ruleIds.map((ruleId) => {
    const c = counts?.get(ruleId) ?? { lt7: 0, d7to30: 0, gt30: 0 };
    return {
      ruleId,
      jongerDan7Dagen: countCell(c.lt7, minCount),
      van7Tot30Dagen: countCell(c.d7to30, minCount),
      ouderDan30Dagen: countCell(c.gt30, minCount),
      totaal: countCell(c.lt7 + c.d7to30 + c.gt30, minCount),
    };
  });
}

/** What an indicator table is made of: the aggregates per group and in total, and the open alerts by group and rule. */
export interface IndicatorAggregates {
  /** Every group key (trajectory groups and alert groups); ignored for groupBy 'totaal'. */
  groups: Iterable<string>;
  byGroup: ReadonlyMap<string, GroupAggregates>;
  totaal: GroupAggregates;
  /** Open alerts per group key (only gemeente / aanbieder groupings attribute them); the 'totaal' key holds all. */
  alertsByGroup: ReadonlyMap<string, AlertCounts>;
  /** Rules with at least one open alert (any order; sorted here). */
  ruleIds: Iterable<string>;
}

export const EMPTY_AGGREGATES: GroupAggregates = {
  instroom: 0,
  uitstroom: 0,
  actief: 0,
  duurBeeindigd: { n: 0, p50: null, p75: null, p90: null },
  duurLopend: { n: 0, p50: null, p75: null, p90: null },
  wachttijd: { n: 0, p50: null, p75: null, p90: null },
  instroomVerblijf: 0,
  uitstroomPlanBekend: 0,
  uitstroomVolgensPlan: 0,
  kinderenInstroom: 0,
  herinstroom6m: 0,
  herinstroom12m: 0,
};

/**
 * Validates the options and turns aggregates into the IndicatorResult: rows sorted by key ('totaal' last), cells with
 * suppression and stoplicht. Shared by computeIndicators (aggregates computed here) and the SQL repository.
 */
export function indicatorResultOf(options: IndicatorOptions, aggregates: IndicatorAggregates): IndicatorResult {
  const { from, to, groupBy } = options;
  const { minCount, norms } = validateOptions(options);
  const ruleIds = [...new Set(aggregates.ruleIds)].sort();
  const row = (group: string, agg: GroupAggregates | undefined): IndicatorRow => {
    const cells = indicatorCellsOf(agg ?? EMPTY_AGGREGATES, minCount);
    const indicators = {} as Record<IndicatorName, IndicatorCell>;
    for (const name of INDICATOR_NAMES) indicators[name] = withStoplicht(cells[name], norms[name]);
    return { group, indicators, openAlerts: alertCellsOf(aggregates.alertsByGroup.get(group), ruleIds, minCount) };
  };
  const rows: IndicatorRow[] = [];
  if (groupBy !== 'totaal')
    for (const group of [...new Set(aggregates.groups)].sort()) rows.push(row(group, aggregates.byGroup.get(group)));
  rows.push(row(TOTAAL, aggregates.totaal));
  return { from, to, groupBy, minCount, norms: { ...norms }, rows };
}

/** Checks period, minCount and norms; returns the effective minCount and norms. */
export function validateOptions(options: IndicatorOptions): { minCount: number; norms: Norms } {
  validatePeriod(options.from, options.to);
  if (!GROUP_BYS.includes(options.groupBy)) throw new RangeError(`groupBy must be one of ${GROUP_BYS.join(', ')}`);
  const minCount = validateMinCount(options.minCount);
  const norms = options.norms ?? {};
  for (const [name, norm] of Object.entries(norms)) {
    if (!(INDICATOR_NAMES as readonly string[]).includes(name)) throw new RangeError(`norms: unknown indicator ${name}`);
    if (norm) validateNorm(name, norm);
  }
  return { minCount, norms };
}

const GROUP_BYS: readonly GroupBy[] = ['gemeente', 'aanbieder', 'intensiteit', 'totaal'];

/** Age bucket counts of alerts: per group key, per rule. */
function countAlerts(
  alerts: readonly { key: string | null; ruleId: string; age: number }[],
): Map<string, Map<string, { lt7: number; d7to30: number; gt30: number }>> {
  const byGroup = new Map<string, Map<string, { lt7: number; d7to30: number; gt30: number }>>();
  for (const a of alerts) {
    for (const key of a.key === null ? [TOTAAL] : [a.key, TOTAAL]) {
      const rules = byGroup.get(key) ?? new Map<string, { lt7: number; d7to30: number; gt30: number }>();
      const c = rules.get(a.ruleId) ?? { lt7: 0, d7to30: 0, gt30: 0 };
      if (a.age < 7) c.lt7++;
      else if (a.age <= 30) c.d7to30++;
      else c.gt30++;
      rules.set(a.ruleId, c);
      byGroup.set(key, rules);
    }
  }
  return byGroup;
}

/**
 * Computes the indicator table for the period [from, to] (both inclusive): one row per group (sorted by key) and the
 * 'totaal' row last. Withdrawn trajectories (status 'ingetrokken') are left out; see README.md for all definitions.
 */
export function computeIndicators(trajectories: readonly TrajectoryState[], options: IndicatorOptions): IndicatorResult {
  const { from, to, groupBy } = options;
  validateOptions(options);

  const included = trajectories.filter(isIncluded);
  const byChild = new Map<string, TrajectoryState[]>();
  for (const t of included) {
    const list = byChild.get(t.clientPseudonym);
    if (list) list.push(t);
    else byChild.set(t.clientPseudonym, [t]);
  }
  const ctx: Context = { from, to, byChild };

  // Alerts open at the end of the period: detected on or before `to` (the caller passes only still-open alerts).
  const alerts = (options.openAlerts ?? [])
    .map((a) => ({ key: alertGroupKey(a, groupBy), ruleId: a.ruleId, age: daysBetween(alertDate(a.detectedAt), to) }))
    .filter((a) => a.age >= 0);

  const groups = new Set<string>();
  const byGroup = new Map<string, GroupAggregates>();
  if (groupBy !== 'totaal') {
    const members = new Map<string, TrajectoryState[]>();
    for (const t of included) {
      const key = groupKey(t, groupBy) as string;
      const list = members.get(key);
      if (list) list.push(t);
      else members.set(key, [t]);
    }
    for (const [key, list] of members) {
      groups.add(key);
      byGroup.set(key, groupAggregates(list, ctx));
    }
    for (const a of alerts) if (a.key !== null) groups.add(a.key);
  }
  return indicatorResultOf(options, {
    groups,
    byGroup,
    totaal: groupAggregates(included, ctx),
    alertsByGroup: countAlerts(alerts),
    ruleIds: alerts.map((a) => a.ruleId),
  });
}
