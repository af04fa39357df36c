/**
 * The overgang-18 indicator (issue 15, point 4): of the youths whose moment to have the follow-up arranged fell in the
 * period, the share that had it recorded in time — per gemeente, aanbieder or in total, with a stoplicht.
 *
 * - **18**: youths whose 18th birthday lies in [from, to] and who on that day have care that needs an answer at 18
 *   (OVERGANG_18 would open its '18' situation without any follow-up: begeleiding, behandeling/GGZ without a decision,
 *   jeugdbescherming; not pleegzorg/gezinshuis, which run to 21, nor the justice frame). In time: the follow-up the
 *   rule accepts (a hand-over, "no follow-up needed", verlengde jeugdhulp where it can continue) recorded no later
 *   than the birthday, so the '18' signal never opens.
 * - **16 (verblijf)**: youths in jeugdhulp met verblijf on their 16th birthday (the regiovisie's "plan vanaf 16 jaar")
 *   whose deadline — the 16th birthday + planBinnenMaanden (default 6) — lies in [from, to]. In time: any registration
 *   (a plan included) recorded by that deadline.
 * Groups: the gemeente of the care concerned (the youth's gemeente), each aanbieder delivering it (a youth counts once
 * per aanbieder), or totaal (each youth once). Counts 1 … minCount−1 and shares computed from them are suppressed.
 * The same rule code as the signals decides (libs/signals OVERGANG_18), so the dashboard and the inbox never disagree.
 */
import type { DatumGebruik, IsoDate } from '@trajectwacht/ijw';
import { addMonthsRolledOver, birthday } from '@trajectwacht/dates';
import {
  DEFAULT_SIGNAL_CONFIG,
  RULES,
  type RuleInput,
  type SignalConfig,
  type SignalOverrides,
  type VervolgRegistratie,
} from '@trajectwacht/signals';
import { geboortedatumBereik, type TrajectoryState } from '@trajectwacht/trajectory';
import { TOTAAL, type Cell, type IndicatorCell, type Norm } from './model';
import { countCell, shareCell, validateMinCount, validateNorm, withStoplicht } from './stats';
import { quote } from './csv';

export interface Overgang18Youth {
  clientPseudonym: string;
  geboortedatum: IsoDate;
  geboortedatumGebruik?: DatumGebruik;
  trajectories: readonly TrajectoryState[];
  vervolg: readonly VervolgRegistratie[];
}

export interface Overgang18IndicatorOptions {
  from: IsoDate;
  to: IsoDate;
  groupBy: 'gemeente' | 'aanbieder' | 'totaal';
  minCount?: number;
  /** Norm of both shares (default DEFAULT_OVERGANG18_NORM). */
  norm?: Norm;
  /** Months after the 16th birthday by which the plan is due (default 6). */
  planBinnenMaanden?: number;
  config?: SignalConfig;
  overrides?: SignalOverrides;
}

export interface Overgang18Cells {
  /** Youths whose deadline fell in the period. */
  bereikt: Cell;
  /** Of them, with the follow-up recorded in time. */
  tijdig: Cell;
  aandeelTijdig: IndicatorCell;
}

export interface Overgang18Row {
  group: string;
  achttien: Overgang18Cells;
  zestienVerblijf: Overgang18Cells;
}

export interface Overgang18IndicatorResult {
  from: IsoDate;
  to: IsoDate;
  groupBy: Overgang18IndicatorOptions['groupBy'];
  minCount: number;
  norm: Norm;
  planBinnenMaanden: number;
  /** Groups sorted by key, then 'totaal' last. */
  rows: Overgang18Row[];
}

/** Platform default: nine in ten in time is on track, three in four needs attention (a region sets its own). */
export const DEFAULT_OVERGANG18_NORM: Norm = { groen: 0.9, oranje: 0.75, direction: 'higher-is-better' };

interface Outcome {
  milestone: '18' | '16';
  tijdig: boolean;
  gemeente: string;
  aanbieders: string[];
}

function situation(
  youth: Overgang18Youth,
  now: IsoDate,
  vervolg: readonly VervolgRegistratie[],
  milestone: '16' | '18',
  config: SignalConfig,
  overrides: SignalOverrides | undefined,
) {
  const input: RuleInput = {
    child: {
      clientPseudonym: youth.clientPseudonym,
      geboortedatum: youth.geboortedatum,
      ...(youth.geboortedatumGebruik ? { geboortedatumGebruik: youth.geboortedatumGebruik } : {}),
      trajectories: youth.trajectories,
      vervolg,
    },
    now,
    config,
    ...(overrides ? { overrides } : {}),
  };
  return RULES.OVERGANG_18.situations(input).find((c) => c.facts.mijlpaal === milestone) ?? null;
}

/** What each youth contributes: at most one outcome per milestone. */
export function overgang18Outcomes(
  youth: Overgang18Youth,
  options: Pick<Overgang18IndicatorOptions, 'from' | 'to' | 'planBinnenMaanden' | 'config' | 'overrides'>,
): Outcome[] {
  const config = options.config ?? DEFAULT_SIGNAL_CONFIG;
  const bereik = geboortedatumBereik(youth.geboortedatum, youth.geboortedatumGebruik);
  if (bereik === null) return [];
  const byId = new Map(youth.trajectories.map((t) => [t.id, t]));
  const outcome = (milestone: '16' | '18', deadline: IsoDate, day: IsoDate): Outcome | null => {
    if (deadline < options.from || deadline > options.to) return null;
    const needed = situation(youth, day, [], milestone, config, options.overrides);
    if (!needed) return null;
    const recorded = youth.vervolg.filter((v) => v.vastgelegdOp <= deadline);
    // 18: the signal does not open on the birthday; 16: a registration by the deadline answers the plan
    const tijdig = milestone === '18' ? situation(youth, day, recorded, '18', config, options.overrides) === null : recorded.length > 0;
    const ts = needed.trajectoryIds.map((id) => byId.get(id)).filter((t): t is TrajectoryState => t !== undefined);
    return { milestone, tijdig, gemeente: needed.gemeente, aanbieders: [...new Set(ts.map((t) => t.aanbieder))].sort() };
  };
  const b18 = birthday(bereik.vroegst, 18);
  const b16 = birthday(bereik.vroegst, 16);
  return [outcome('18', b18, b18), outcome('16', addMonthsRolledOver(b16, options.planBinnenMaanden ?? 6), b16)].filter(
    (o): o is Outcome => o !== null,
  );
}

function cells(outcomes: readonly Outcome[], minCount: number, norm: Norm): Overgang18Cells {
  const tijdig = outcomes.filter((o) => o.tijdig).length;
  return {
    bereikt: countCell(outcomes.length, minCount),
    tijdig: countCell(tijdig, minCount),
    aandeelTijdig: withStoplicht(shareCell(tijdig, outcomes.length, minCount), norm),
  };
}

export function overgang18Indicator(youths: readonly Overgang18Youth[], options: Overgang18IndicatorOptions): Overgang18IndicatorResult {
  if (options.from > options.to) throw new RangeError('from must not lie after to');
  if (!['gemeente', 'aanbieder', 'totaal'].includes(options.groupBy)) throw new RangeError('groupBy must be gemeente, aanbieder or totaal');
  const minCount = validateMinCount(options.minCount);
  const norm = options.norm ?? DEFAULT_OVERGANG18_NORM;
  validateNorm('overgang18', norm);
  const planBinnenMaanden = options.planBinnenMaanden ?? 6;
  if (!Number.isInteger(planBinnenMaanden) || planBinnenMaanden < 0) throw new RangeError('planBinnenMaanden must be a whole number ≥ 0');
  const groups = new Map<string, Outcome[]>();
  const all: Outcome[] = [];
  for (const youth of youths) {
    for (const o of overgang18Outcomes(youth, { ...options, planBinnenMaanden })) {
      all.push(o);
      const keys = options.groupBy === 'gemeente' ? [o.gemeente] : options.groupBy === 'aanbieder' ? o.aanbieders : [];
      for (const k of keys) groups.set(k, [...(groups.get(k) ?? []), o]);
    }
  }
  const row = (group: string, list: readonly Outcome[]): Overgang18Row => ({
    group,
    achttien: cells(
      list.filter((o) => o.milestone === '18'),
      minCount,
      norm,
    ),
    zestienVerblijf: cells(
      list.filter((o) => o.milestone === '16'),
      minCount,
      norm,
    ),
  });
  const rows = [...groups.keys()].sort().map((k) => row(k, groups.get(k)!));
  rows.push(row(TOTAAL, all));
  return { from: options.from, to: options.to, groupBy: options.groupBy, minCount, norm, planBinnenMaanden, rows };
}

/** The indicator as CSV lines for the export (same format as toCsv: ';', decimal comma, '*' suppressed, CRLF). */
export function overgang18Csv(result: Overgang18IndicatorResult, options: { naam?: (group: string) => string | null } = {}): string {
  const fmt = (c: Cell) => (c.suppressed ? '*' : c.value === null ? '' : String(c.value).replace('.', ','));
  const header = [
    result.groupBy === 'totaal' ? 'groep' : result.groupBy,
    ...(options.naam ? [`${result.groupBy}_naam`] : []),
    'overgang18_bereikt',
    'overgang18_tijdig',
    'overgang18_aandeelTijdig',
    'overgang18_aandeelTijdig_stoplicht',
    'plan16_bereikt',
    'plan16_tijdig',
    'plan16_aandeelTijdig',
    'plan16_aandeelTijdig_stoplicht',
  ];
  const lines = [header.join(';')];
  for (const r of result.rows) {
    lines.push(
      [
        r.group,
        ...(options.naam ? [quote(r.group === 'totaal' ? '' : (options.naam(r.group) ?? ''))] : []),
        fmt(r.achttien.bereikt),
        fmt(r.achttien.tijdig),
        fmt(r.achttien.aandeelTijdig),
        r.achttien.aandeelTijdig.stoplicht ?? '',
        fmt(r.zestienVerblijf.bereikt),
        fmt(r.zestienVerblijf.tijdig),
        fmt(r.zestienVerblijf.aandeelTijdig),
        r.zestienVerblijf.aandeelTijdig.stoplicht ?? '',
      ].join(';'),
    );
  }
  return lines.join('\r\n') + '\r\n';
}
