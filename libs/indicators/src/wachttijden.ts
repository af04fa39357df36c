/**
 * Waiting times and referral routes (issue 17, point 4): the request side of the cycle, per gemeente, aanbieder,
 * productcategorie and verwijzer(type), and what happened later to the care each route brought in. See README.md in this
 * library ("Wachttijden en verwijsroutes (issue 17)") for every definition, the norms and their sources.
 *
 * Three waiting times, each a REALISED wait counted in the period in which it ended (median and p90, nearest rank):
 * - verzoekToewijzing: a verzoek (JW315 / JW317) whose first honouring JW301 was received in [from, to]:
 *   toegewezenOp − ontvangen (both the platform's receipt dates, the moments the standard's terms run between);
 * - toewijzingStart: a trajectory whose care began (JW305) in [from, to]: wachttijdDagen (begindatum − ingangsdatum
 *   of the toewijzing), exactly the population and value of the wachttijd of computeIndicators;
 * - verzoekStart: a verzoek whose first linked trajectory began in [from, to]: that begindatum − ontvangen.
 * Referral routes: the instroom of the period (begindatum in [from, to]) by the route through which the care came in —
 * the COD327 type of the JW315 that led to its toewijzing, `wijziging` (only a JW317 led to it) or `zonder_verzoek` (the
 * gemeente's own toegang: iJw 3.2's JW301 carries no Verwijzer, so a toewijzing without a verzoek names none) — and for
 * each route how often the care later escalated (the ESCALATIE definition of libs/signals) or came back (herinstroom).
 * Pure: the reference for the SQL in wachttijden.repository.ts.
 */
import { addMonthsClamped } from '@trajectwacht/dates';
import { daysBetween, type IsoDate } from '@trajectwacht/ijw';
import { DEFAULT_SIGNAL_CONFIG, findEscalations, type SignalConfig } from '@trajectwacht/signals';
import type { TrajectoryState } from '@trajectwacht/trajectory';
import { ONBEKEND, TOTAAL, type Cell, type IndicatorCell, type Norm } from './model';
import { isIncluded, validatePeriod, within } from './selection';
import { countCell, isSmall, percentile, shareCell, validateMinCount, validateNorm, withStoplicht } from './stats';

/** Route of a trajectory whose toewijzing no verzoek led to (the gemeente's own toegang, procesbeschrijving §2.3). */
export const ZONDER_VERZOEK = 'zonder_verzoek';
/** Route (and verwijzer group) of a verzoek om wijziging (JW317): it names no verwijzer. */
export const VERZOEK_OM_WIJZIGING = 'wijziging';

/**
 * COD327 Code verwijzer (../shared/ijw-3.2/codelijsten/COD327_Code_verwijzer.md), for labels; the group key is the code.
 */
export const VERWIJZER_TYPES: Readonly<Record<string, string>> = {
  '01': 'Gemeente',
  '02': 'Huisarts',
  '03': 'Jeugdarts',
  '04': 'Gecertificeerde instelling',
  '05': 'Medisch specialist',
  '06': 'Zelfverwijzer / geen verwijzer',
  '08': 'Rechter, Officier van Justitie, functionaris Justitiële jeugdinrichting',
};

/**
 * What the indicators read of a verzoek: the fields of VerzoekState (libs/trajectory/src/verzoek.ts) of the same names,
 * so a VerzoekState is one.
 */
export interface WachttijdVerzoek {
  id: string;
  soort: 'JW315' | 'JW317';
  gemeente: string;
  aanbieder: string;
  clientPseudonym: string;
  productcategorie: string | null;
  /** JW315: its COD327 type; JW317: null. */
  verwijzer: { type: string } | null;
  /** Dutch date of receipt of the verzoek. */
  ontvangen: IsoDate;
  /** Dutch date of receipt of the first JW301 carrying its reference; null while not toegewezen. */
  toegewezenOp: IsoDate | null;
  /** The trajectories (toewijzingen) that honour it. */
  trajectoryIds: readonly string[];
}

export type WachttijdGroupBy = 'gemeente' | 'aanbieder' | 'productcategorie' | 'verwijzer' | 'totaal';
export const WACHTTIJD_GROUP_BYS: readonly WachttijdGroupBy[] = ['gemeente', 'aanbieder', 'productcategorie', 'verwijzer', 'totaal'];

export const WACHTTIJD_MEASURES = ['verzoekToewijzing', 'toewijzingStart', 'verzoekStart'] as const;
export type WachttijdMeasureName = (typeof WACHTTIJD_MEASURES)[number];

/** Norm names: `<measure>Mediaan` and `<measure>P90`. */
export const WACHTTIJD_NORM_NAMES = WACHTTIJD_MEASURES.flatMap((m) => [`${m}Mediaan`, `${m}P90`] as const);
export type WachttijdNormName = `${WachttijdMeasureName}${'Mediaan' | 'P90'}`;
export type WachttijdNorms = Partial<Record<WachttijdNormName, Norm>>;

/**
 * Platform defaults, in days (lower is better; the same boundaries for median and p90: each source is a maximum, so
 * the p90 shows whether nine in ten stayed within it). A region sets its own (MONITOR_NORMS_FILE). Sources:
 * - verzoek → toewijzing: groen ≤ 7 — the gemeente answers a verzoek om toewijzing "altijd binnen 5 werkdagen" with a
 *   toewijzing or antwoordbericht (iJw 3.2 procesbeschrijving §2.5.3; 5 working days are 7 calendar days without a
 *   holiday); oranje ≤ 14 — the "binnen 2 weken" of the answer when another gemeente is responsible (§2.5.1).
 * - toewijzing → start: groen ≤ 28 — the WACHTTIJD_GEEN_START term (domain brief: 28 days, the platform's wachttijd
 *   norm); oranje ≤ 70 — the Treeknorm of the ggz for the behandelingswachttijd, "uiterlijk tien weken na de intake"
 *   (Treeknormen of zorgaanbieders and zorgverzekeraars, 2000; used as a guideline in jeugdhulp: NRC 17-05-2017 "In de
 *   jeugdzorg wijst iedereen naar elkaar", quoting the VNG: "De Treeknormen worden als richtlijn nog wel gehanteerd").
 * - verzoek → start: groen ≤ 70 — that same Treeknorm: in the medical route the aanbieder asks for the toewijzing after
 *   its own intake and assessment (§2.4), so the wait from the verzoek to the start is the behandelingswachttijd;
 *   oranje ≤ 98 — the Treeknorm's whole allowance of 14 weeks (4 weeks aanmelding → intake + 10 weeks intake →
 *   behandeling, NRC 12-07-2021 on the NZa figures); beyond it rood.
 */
export const DEFAULT_WACHTTIJD_NORMS: Required<WachttijdNorms> = {
  verzoekToewijzingMediaan: { groen: 7, oranje: 14, direction: 'lower-is-better' },
  verzoekToewijzingP90: { groen: 7, oranje: 14, direction: 'lower-is-better' },
  toewijzingStartMediaan: { groen: 28, oranje: 70, direction: 'lower-is-better' },
  toewijzingStartP90: { groen: 28, oranje: 70, direction: 'lower-is-better' },
  verzoekStartMediaan: { groen: 70, oranje: 98, direction: 'lower-is-better' },
  verzoekStartP90: { groen: 70, oranje: 98, direction: 'lower-is-better' },
};

export interface WachttijdOptions {
  from: IsoDate;
  to: IsoDate;
  groupBy: WachttijdGroupBy;
  /** Privacy threshold (default 5; 1 disables suppression). */
  minCount?: number;
  norms?: WachttijdNorms;
}

/** Waits of one measure in one group: how many, their median and p90 (nearest rank), before suppression. */
export interface WaitValues {
  n: number;
  p50: number | null;
  p90: number | null;
}

export type WachttijdAggregates = Record<WachttijdMeasureName, WaitValues>;

export interface WachttijdMeasure {
  aantal: Cell;
  mediaan: IndicatorCell;
  p90: IndicatorCell;
}

export interface WachttijdRow {
  group: string;
  verzoekToewijzing: WachttijdMeasure;
  toewijzingStart: WachttijdMeasure;
  verzoekStart: WachttijdMeasure;
}

export interface WachttijdResult {
  from: IsoDate;
  to: IsoDate;
  groupBy: WachttijdGroupBy;
  minCount: number;
  norms: WachttijdNorms;
  /** Groups with at least one wait, sorted by key (code-unit order), then 'totaal' last. */
  rows: WachttijdRow[];
}

export interface VerwijsrouteOptions {
  from: IsoDate;
  to: IsoDate;
  minCount?: number;
  /** Months after the begindatum within which a later escalation counts (default 12). */
  volgMaanden?: number;
  /** The ESCALATIE settings (default DEFAULT_SIGNAL_CONFIG.escalatie: 90 days back, crisis counts). */
  escalatie?: SignalConfig['escalatie'];
  /** Optional stoplicht norms of the three shares. */
  norms?: Partial<Record<'aandeelGeescaleerd' | 'herinstroom6m' | 'herinstroom12m', Norm>>;
}

/** Counts of one route, before suppression. */
export interface RouteAggregates {
  instroom: number;
  geescaleerd: number;
  beeindigd: number;
  herinstroom6m: number;
  herinstroom12m: number;
}

export interface VerwijsrouteRow {
  /** COD327 code, 'wijziging', 'zonder_verzoek', or 'totaal'. */
  route: string;
  instroom: Cell;
  /** Share of the route in the total instroom. */
  aandeelInstroom: Cell;
  geescaleerd: Cell;
  aandeelGeescaleerd: IndicatorCell;
  /** Of the instroom: the trajectories with a stop (the ones that can come back). */
  beeindigd: Cell;
  herinstroom6m: IndicatorCell;
  herinstroom12m: IndicatorCell;
}

export interface VerwijsrouteResult {
  from: IsoDate;
  to: IsoDate;
  minCount: number;
  volgMaanden: number;
  escalatie: SignalConfig['escalatie'];
  norms: NonNullable<VerwijsrouteOptions['norms']>;
  /** Routes with instroom, sorted by key, then 'totaal' last. */
  rows: VerwijsrouteRow[];
}

// ---------------------------------------------------------------------------------------------------------------------
// Shared by the pure computation and the SQL repository: validation and aggregates → cells.

export function validateWachttijdOptions(options: WachttijdOptions): { minCount: number; norms: WachttijdNorms } {
  validatePeriod(options.from, options.to);
  if (!WACHTTIJD_GROUP_BYS.includes(options.groupBy)) throw new RangeError(`groupBy must be one of ${WACHTTIJD_GROUP_BYS.join(', ')}`);
  const minCount = validateMinCount(options.minCount);
  const norms = options.norms ?? {};
  for (const [name, norm] of Object.entries(norms)) {
    if (!(WACHTTIJD_NORM_NAMES as readonly string[]).includes(name)) throw new RangeError(`norms: unknown waiting time ${name}`);
    if (norm) validateNorm(name, norm);
  }
  return { minCount, norms };
}

export function validateVerwijsrouteOptions(options: VerwijsrouteOptions): {
  minCount: number;
  volgMaanden: number;
  escalatie: SignalConfig['escalatie'];
  norms: NonNullable<VerwijsrouteOptions['norms']>;
} {
  validatePeriod(options.from, options.to);
  const minCount = validateMinCount(options.minCount);
  const volgMaanden = options.volgMaanden ?? 12;
  if (!Number.isInteger(volgMaanden) || volgMaanden < 1 || volgMaanden > 120)
    throw new RangeError('volgMaanden must be a whole number 1–120');
  const escalatie = options.escalatie ?? DEFAULT_SIGNAL_CONFIG.escalatie;
  if (!Number.isInteger(escalatie.terugkijkDagen) || escalatie.terugkijkDagen < 0)
    throw new RangeError('escalatie.terugkijkDagen must be a whole number ≥ 0');
  const norms = options.norms ?? {};
  for (const [name, norm] of Object.entries(norms)) {
    if (!['aandeelGeescaleerd', 'herinstroom6m', 'herinstroom12m'].includes(name)) throw new RangeError(`norms: unknown share ${name}`);
    if (norm) validateNorm(name, norm);
  }
  return { minCount, volgMaanden, escalatie: { ...escalatie }, norms };
}

export const NO_WAITS: WaitValues = { n: 0, p50: null, p90: null };
const EMPTY_WACHTTIJD: WachttijdAggregates = { verzoekToewijzing: NO_WAITS, toewijzingStart: NO_WAITS, verzoekStart: NO_WAITS };

function measureOf(w: WaitValues, minCount: number, norms: WachttijdNorms, name: WachttijdMeasureName): WachttijdMeasure {
  const small = isSmall(w.n, minCount);
  const cell = (value: number | null): Cell =>
    small ? { value: null, suppressed: true } : { value: w.n === 0 ? null : value, suppressed: false };
  return {
    aantal: countCell(w.n, minCount),
    mediaan: withStoplicht(cell(w.p50), norms[`${name}Mediaan`]),
    p90: withStoplicht(cell(w.p90), norms[`${name}P90`]),
  };
}

/** The result from aggregates: rows of the groups with at least one wait, sorted, then totaal. */
export function wachttijdResultOf(
  options: WachttijdOptions,
  aggregates: { byGroup: ReadonlyMap<string, WachttijdAggregates>; totaal: WachttijdAggregates },
): WachttijdResult {
  const { minCount, norms } = validateWachttijdOptions(options);
  const row = (group: string, a: WachttijdAggregates): WachttijdRow => ({
    group,
    verzoekToewijzing: measureOf(a.verzoekToewijzing, minCount, norms, 'verzoekToewijzing'),
    toewijzingStart: measureOf(a.toewijzingStart, minCount, norms, 'toewijzingStart'),
    verzoekStart: measureOf(a.verzoekStart, minCount, norms, 'verzoekStart'),
  });
  const rows: WachttijdRow[] = [];
  if (options.groupBy !== 'totaal') {
    for (const group of [...aggregates.byGroup.keys()].sort()) {
      const a = aggregates.byGroup.get(group)!;
      if (WACHTTIJD_MEASURES.some((m) => a[m].n > 0)) rows.push(row(group, a));
    }
  }
  rows.push(row(TOTAAL, aggregates.totaal));
  return { from: options.from, to: options.to, groupBy: options.groupBy, minCount, norms: { ...norms }, rows };
}

export const EMPTY_ROUTE: RouteAggregates = { instroom: 0, geescaleerd: 0, beeindigd: 0, herinstroom6m: 0, herinstroom12m: 0 };

export function verwijsrouteResultOf(
  options: VerwijsrouteOptions,
  aggregates: { byRoute: ReadonlyMap<string, RouteAggregates>; totaal: RouteAggregates },
): VerwijsrouteResult {
  const { minCount, volgMaanden, escalatie, norms } = validateVerwijsrouteOptions(options);
  const total = aggregates.totaal.instroom;
  const row = (route: string, a: RouteAggregates): VerwijsrouteRow => ({
    route,
    instroom: countCell(a.instroom, minCount),
    aandeelInstroom: shareCell(a.instroom, total, minCount),
    geescaleerd: countCell(a.geescaleerd, minCount),
    aandeelGeescaleerd: withStoplicht(shareCell(a.geescaleerd, a.instroom, minCount), norms.aandeelGeescaleerd),
    beeindigd: countCell(a.beeindigd, minCount),
    herinstroom6m: withStoplicht(shareCell(a.herinstroom6m, a.beeindigd, minCount), norms.herinstroom6m),
    herinstroom12m: withStoplicht(shareCell(a.herinstroom12m, a.beeindigd, minCount), norms.herinstroom12m),
  });
  const rows = [...aggregates.byRoute.keys()]
    .sort()
    .filter((k) => aggregates.byRoute.get(k)!.instroom > 0)
    .map((k) => row(k, aggregates.byRoute.get(k)!));
  rows.push(row(TOTAAL, aggregates.totaal));
  return { from: options.from, to: options.to, minCount, volgMaanden, escalatie, norms: { ...norms }, rows };
}

// ---------------------------------------------------------------------------------------------------------------------
// The pure computation.

/** The verwijzer group of a verzoek: its COD327 type (JW315) or 'wijziging' (JW317). */
export function verwijzerGroup(v: WachttijdVerzoek): string {
  return v.soort === 'JW317' ? VERZOEK_OM_WIJZIGING : (v.verwijzer?.type ?? ONBEKEND);
}

/**
 * The route of each trajectory: the verwijzer type of the earliest JW315 (by ontvangen, then id) that led to it, else
 * 'wijziging' when a JW317 did, else 'zonder_verzoek'.
 */
export function routesOf(verzoeken: readonly WachttijdVerzoek[]): Map<string, string> {
  const sorted = [...verzoeken].sort((a, b) => cmp(a.ontvangen, b.ontvangen) || cmp(a.id, b.id));
  const routes = new Map<string, string>();
  for (const v of sorted.filter((x) => x.soort === 'JW315'))
    for (const id of v.trajectoryIds) if (!routes.has(id)) routes.set(id, verwijzerGroup(v));
  for (const v of sorted.filter((x) => x.soort === 'JW317'))
    for (const id of v.trajectoryIds) if (!routes.has(id)) routes.set(id, VERZOEK_OM_WIJZIGING);
  return routes;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function values(list: number[]): WaitValues {
  return { n: list.length, p50: percentile(list, 50), p90: percentile(list, 90) };
}

/**
 * The waiting-time table for [from, to] over the trajectories and verzoeken given (the caller's scope). Withdrawn
 * trajectories (status 'ingetrokken') are left out, as in every indicator; a verzoek whose trajectories are all left
 * out has no start.
 */
export function computeWachttijden(
  trajectories: readonly TrajectoryState[],
  verzoeken: readonly WachttijdVerzoek[],
  options: WachttijdOptions,
): WachttijdResult {
  validateWachttijdOptions(options);
  const { from, to, groupBy } = options;
  const included = trajectories.filter(isIncluded);
  const byId = new Map(included.map((t) => [t.id, t]));
  const routes = routesOf(verzoeken);
  const waits = new Map<string, Record<WachttijdMeasureName, number[]>>();
  const add = (key: string | null, measure: WachttijdMeasureName, days: number) => {
    for (const k of key === null ? [TOTAAL] : [key, TOTAAL]) {
      const w = waits.get(k) ?? { verzoekToewijzing: [], toewijzingStart: [], verzoekStart: [] };
      w[measure].push(days);
      waits.set(k, w);
    }
  };
  const verzoekKey = (v: WachttijdVerzoek): string | null =>
    groupBy === 'gemeente'
      ? v.gemeente
      : groupBy === 'aanbieder'
        ? v.aanbieder
        : groupBy === 'productcategorie'
          ? (v.productcategorie ?? ONBEKEND)
          : groupBy === 'verwijzer'
            ? verwijzerGroup(v)
            : null;
  const trajectoryKey = (t: TrajectoryState): string | null =>
    groupBy === 'gemeente'
      ? t.gemeente
      : groupBy === 'aanbieder'
        ? t.aanbieder
        : groupBy === 'productcategorie'
          ? (t.productcategorie ?? ONBEKEND)
          : groupBy === 'verwijzer'
            ? (routes.get(t.id) ?? ZONDER_VERZOEK)
            : null;

  for (const v of verzoeken) {
    if (within(v.toegewezenOp, from, to)) add(verzoekKey(v), 'verzoekToewijzing', daysBetween(v.ontvangen, v.toegewezenOp!));
    const starts = v.trajectoryIds
      .map((id) => byId.get(id)?.begindatum ?? null)
      .filter((d): d is IsoDate => d !== null)
      .sort();
    const start = starts[0] ?? null;
    if (within(start, from, to)) add(verzoekKey(v), 'verzoekStart', daysBetween(v.ontvangen, start!));
  }
  for (const t of included)
    if (within(t.begindatum, from, to) && t.wachttijdDagen !== null) add(trajectoryKey(t), 'toewijzingStart', t.wachttijdDagen);

  const aggregatesOf = (w: Record<WachttijdMeasureName, number[]> | undefined): WachttijdAggregates =>
    w
      ? { verzoekToewijzing: values(w.verzoekToewijzing), toewijzingStart: values(w.toewijzingStart), verzoekStart: values(w.verzoekStart) }
      : EMPTY_WACHTTIJD;
  const byGroup = new Map<string, WachttijdAggregates>();
  for (const [k, w] of waits) if (k !== TOTAAL) byGroup.set(k, aggregatesOf(w));
  return wachttijdResultOf(options, { byGroup, totaal: aggregatesOf(waits.get(TOTAAL)) });
}

/**
 * Referral routes for [from, to]: the instroom (trajectories with begindatum in the period) per route, and of each
 * route's instroom the trajectories that later escalated and that came back after they ended:
 * - geescaleerd: some other trajectory E of the child is an ESCALATIE (findEscalations of libs/signals: a higher level
 *   than the child's baseline, or crisis) with this trajectory in its baseline, at a moment no later than volgMaanden
 *   calendar months after this trajectory's begindatum;
 * - herinstroom 6 / 12 months: the trajectory has a stopdatum s, and another trajectory of the child starts (its
 *   ingangsdatum, else begindatum, as in herinstroom6m) with s < start ≤ s + 6 (12) months — the herinstroom
 *   predicate of computeIndicators, looked at from the trajectory that ended.
 * Both look forward from the instroom, up to the data's present: for a recent period the follow-up is incomplete.
 */
export function computeVerwijsroutes(
  trajectories: readonly TrajectoryState[],
  verzoeken: readonly WachttijdVerzoek[],
  options: VerwijsrouteOptions,
): VerwijsrouteResult {
  const { volgMaanden, escalatie } = validateVerwijsrouteOptions(options);
  const { from, to } = options;
  const included = trajectories.filter(isIncluded);
  const routes = routesOf(verzoeken);
  const byChild = new Map<string, TrajectoryState[]>();
  for (const t of included) byChild.set(t.clientPseudonym, [...(byChild.get(t.clientPseudonym) ?? []), t]);
  const config: SignalConfig = { ...DEFAULT_SIGNAL_CONFIG, escalatie };
  const findings = new Map<string, ReturnType<typeof findEscalations>>();
  const escalationsOf = (child: string) => {
    let f = findings.get(child);
    if (!f) {
      const list = byChild.get(child) ?? [];
      f = findEscalations({
        child: { clientPseudonym: child, geboortedatum: list[0]?.geboortedatum ?? '2000-01-01', trajectories: list },
        now: '9999-12-31',
        config,
      });
      findings.set(child, f);
    }
    return f;
  };
  const counts = new Map<string, RouteAggregates>();
  for (const t of included) {
    if (!within(t.begindatum, from, to)) continue;
    const until = addMonthsClamped(t.begindatum!, volgMaanden);
    const geescaleerd = escalationsOf(t.clientPseudonym).some((f) => f.moment <= until && f.baseline.some((b) => b.id === t.id));
    const later = (months: number) =>
      t.stopdatum !== null &&
      (byChild.get(t.clientPseudonym) ?? []).some((o) => {
        const start = o.ingangsdatum ?? o.begindatum;
        return o.id !== t.id && start !== null && t.stopdatum! < start && start <= addMonthsClamped(t.stopdatum!, months);
      });
    for (const key of [routes.get(t.id) ?? ZONDER_VERZOEK, TOTAAL]) {
      const c = counts.get(key) ?? { ...EMPTY_ROUTE };
      c.instroom++;
      if (geescaleerd) c.geescaleerd++;
      if (t.stopdatum !== null) c.beeindigd++;
      if (later(6)) c.herinstroom6m++;
      if (later(12)) c.herinstroom12m++;
      counts.set(key, c);
    }
  }
  const totaal = counts.get(TOTAAL) ?? { ...EMPTY_ROUTE };
  counts.delete(TOTAAL);
  return verwijsrouteResultOf(options, { byRoute: counts, totaal });
}
