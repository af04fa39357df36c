/**
 * The regional indicator table: in-, door- and uitstroom per gemeente / aanbieder / intensity level and in total.
 * See README.md in this library for every definition.
 */
import { daysBetween, dutchDate, isRealDate, type IsoDate } from '@trajectwacht/ijw';
import type { TrajectoryState } from '@trajectwacht/trajectory';
import {
  INDICATOR_NAMES,
  ONBEKEND,
  TOTAAL,
  type Cell,
  type GroupBy,
  type IndicatorCell,
  type IndicatorName,
  type IndicatorOptions,
  type IndicatorResult,
  type IndicatorRow,
  type Norms,
  type OpenAlert,
  type OpenAlertCells,
} from './model';
import { activeAt, addMonths, endedDuration, endedIn, isIncluded, runningDuration, startedIn, validatePeriod } from './selection';
import { countCell, percentileCell, round4, shareCell, validateMinCount, validateNorm, withStoplicht } from './stats';

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
  return sameChild.some((s) => s !== t && s.stopdatum !== null && s.stopdatum < start && start <= addMonths(s.stopdatum, months));
}

interface Context {
  from: IsoDate;
  to: IsoDate;
  minCount: number;
  norms: Norms;
  byChild: Map<string, TrajectoryState[]>;
  ruleIds: string[];
}

function herinstroomCells(started: TrajectoryState[], ctx: Context): { m6: Cell; m12: Cell } {
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
  return {
    m6: shareCell(flags.filter((f) => f.m6).length, flags.length, ctx.minCount),
    m12: shareCell(flags.filter((f) => f.m12).length, flags.length, ctx.minCount),
  };
}

function indicatorCells(trajectories: TrajectoryState[], ctx: Context): Record<IndicatorName, Cell> {
  const { from, to, minCount } = ctx;
  const started = trajectories.filter((t) => startedIn(t, from, to));
  const ended = trajectories.filter((t) => endedIn(t, from, to));
  const active = trajectories.filter((t) => activeAt(t, to));

  const instroom = countCell(started.length, minCount);
  const uitstroom = countCell(ended.length, minCount);
  const ratio: Cell =
    instroom.suppressed || uitstroom.suppressed
      ? { value: null, suppressed: true }
      : { value: started.length === 0 ? null : round4(ended.length / started.length), suppressed: false };

  const endedDurations = ended.map(endedDuration).filter((d): d is number => d !== null);
  const runningDurations = active.map((t) => runningDuration(t, to)).filter((d): d is number => d !== null);
  const waits = started.map((t) => t.wachttijdDagen).filter((d): d is number => d !== null);
  const endedKnownPlan = ended.filter((t) => t.volgensPlan !== null);
  const herinstroom = herinstroomCells(started, ctx);

  return {
    instroom,
    uitstroom,
    actief: countCell(active.length, minCount),
    ratioUitstroomInstroom: ratio,
    duurBeeindigdMediaan: percentileCell(endedDurations, 50, minCount),
    duurBeeindigdP75: percentileCell(endedDurations, 75, minCount),
    duurBeeindigdP90: percentileCell(endedDurations, 90, minCount),
    duurLopendMediaan: percentileCell(runningDurations, 50, minCount),
    duurLopendP75: percentileCell(runningDurations, 75, minCount),
    duurLopendP90: percentileCell(runningDurations, 90, minCount),
    wachttijdMediaan: percentileCell(waits, 50, minCount),
    wachttijdP75: percentileCell(waits, 75, minCount),
    wachttijdP90: percentileCell(waits, 90, minCount),
    aandeelVerblijf: shareCell(started.filter((t) => t.verblijf).length, started.length, minCount),
    aandeelVolgensPlan: shareCell(endedKnownPlan.filter((t) => t.volgensPlan === true).length, endedKnownPlan.length, minCount),
    herinstroom6m: herinstroom.m6,
    herinstroom12m: herinstroom.m12,
  };
}

function alertCells(alerts: { ruleId: string; age: number }[], ctx: Context): OpenAlertCells[] {
  return ctx.ruleIds.map((ruleId) => {
    const ages = alerts.filter((a) => a.ruleId === ruleId).map((a) => a.age);
    return {
      ruleId,
      jongerDan7Dagen: countCell(ages.filter((a) => a < 7).length, ctx.minCount),
      van7Tot30Dagen: countCell(ages.filter((a) => a >= 7 && a <= 30).length, ctx.minCount),
      ouderDan30Dagen: countCell(ages.filter((a) => a > 30).length, ctx.minCount),
      totaal: countCell(ages.length, ctx.minCount),
    };
  });
}

function buildRow(group: string, trajectories: TrajectoryState[], alerts: { ruleId: string; age: number }[], ctx: Context): IndicatorRow {
  const cells = indicatorCells(trajectories, ctx);
  const indicators = {} as Record<IndicatorName, IndicatorCell>;
  for (const name of INDICATOR_NAMES) indicators[name] = withStoplicht(cells[name], ctx.norms[name]);
  return { group, indicators, openAlerts: alertCells(alerts, ctx) };
}

/**
 * Computes the indicator table for the period [from, to] (both inclusive): one row per group (sorted by key) and the
 * 'totaal' row last. Withdrawn trajectories (status 'ingetrokken') are left out; see README.md for all definitions.
 */
export function computeIndicators(trajectories: readonly TrajectoryState[], options: IndicatorOptions): IndicatorResult {
  const { from, to, groupBy } = options;
  validatePeriod(from, to);
  const minCount = validateMinCount(options.minCount);
  const norms = options.norms ?? {};
  for (const [name, norm] of Object.entries(norms)) {
    if (!(INDICATOR_NAMES as readonly string[]).includes(name)) throw new RangeError(`norms: unknown indicator ${name}`);
    if (norm) validateNorm(name, norm);
  }

  const included = trajectories.filter(isIncluded);
  const byChild = new Map<string, TrajectoryState[]>();
  for (const t of included) {
    const list = byChild.get(t.clientPseudonym);
    if (list) list.push(t);
    else byChild.set(t.clientPseudonym, [t]);
  }

  // Alerts open at the end of the period: detected on or before `to` (the caller passes only still-open alerts).
  const alerts = (options.openAlerts ?? [])
    .map((a) => ({ alert: a, age: daysBetween(alertDate(a.detectedAt), to) }))
    .filter((a) => a.age >= 0);
  const ruleIds = [...new Set(alerts.map((a) => a.alert.ruleId))].sort();
  const ctx: Context = { from, to, minCount, norms, byChild, ruleIds };

  const rows: IndicatorRow[] = [];
  if (groupBy !== 'totaal') {
    const groups = new Set<string>();
    for (const t of included) groups.add(groupKey(t, groupBy) as string);
    for (const a of alerts) {
      const key = alertGroupKey(a.alert, groupBy);
      if (key !== null) groups.add(key);
    }
    for (const group of [...groups].sort()) {
      rows.push(
        buildRow(
          group,
          included.filter((t) => groupKey(t, groupBy) === group),
          alerts.filter((a) => alertGroupKey(a.alert, groupBy) === group).map((a) => ({ ruleId: a.alert.ruleId, age: a.age })),
          ctx,
        ),
      );
    }
  }
  rows.push(buildRow(TOTAAL, included, alerts.map((a) => ({ ruleId: a.alert.ruleId, age: a.age })), ctx));
  return { from, to, groupBy, minCount, norms: { ...norms }, rows };
}
