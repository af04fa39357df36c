/**
 * Summary figures of a simulated message set, computed from the messages alone (as the platform would see them),
 * so tests and the docs can compare the emergent behaviour with the calibration.
 */
import type { IjwBericht, IsoDate, Jw301Toewijzing } from '@trajectwacht/ijw';
import { LEVELS, SIM_LEVELS, type SimLevel } from './calibration';
import { addWorkingDays, dayOf, isoOf } from './days';
import type { SimulatedMessage } from './simulate';

const LEVEL_BY_CODE = new Map<string, SimLevel>();
for (const level of SIM_LEVELS) for (const p of LEVELS[level].products) LEVEL_BY_CODE.set(p.code, level);

/** The simulator level of a product code (undefined for codes the simulator does not produce). */
export function levelOfProduct(code: string | undefined): SimLevel | undefined {
  return code === undefined ? undefined : LEVEL_BY_CODE.get(code);
}

export interface Quantiles {
  n: number;
  median: number | null;
  p90: number | null;
}

export interface SimulationSummary {
  messages: number;
  perBerichtcode: Record<string, number>;
  perGemeente: Record<string, number>;
  perScenario: Record<string, number>;
  initieel: number;
  firstAt: string | null;
  lastAt: string | null;
  toewijzingen: number;
  gestart: number;
  gestopt: number;
  children: number;
  /** Children with a started trajectory overlapping [window.from, window.to]. */
  childrenInCare: number;
  /** childrenInCare / youths, when youths is given. */
  shareInCare: number | null;
  /** Started trajectories with a verblijf product / started trajectories. */
  verblijfShare: number;
  /** JW307 with reden 31 / all JW307. */
  volgensPlanShare: number;
  redenBeeindiging: Record<string, number>;
  redenWijziging: Record<string, number>;
  /** Days from the toewijzing's ingangsdatum to the JW305 begindatum. */
  wachttijd: Quantiles;
  /** Waiting time per wait group of the level (ambulant, verblijf, crisis), excluding follow-up placements. */
  wachttijdPerGroep: Partial<Record<'ambulant' | 'verblijf' | 'crisis', Quantiles>>;
  /** Days from begindatum to einddatum of JW307, per simulator level. */
  duur: Partial<Record<SimLevel, Quantiles>>;
  /** JW305/JW307 (not initial load) sent at most 5 working days after the actual date. */
  binnen5Werkdagen: number;
  /** Toewijzingen without JW305 whose ingangsdatum is 90+ days before the last message, not withdrawn (13). */
  nooitGestart: number;
  /** Started toewijzingen whose (last) einddatum is 14+ days before the last message, without JW307. */
  stopOntbreekt: number;
  /** Verblijf stops (excluding crisisopvang) where the youth is 18 the day after the einddatum / all such stops. */
  verblijfUitstroom18Share: number;
  /** Children with a new toewijzing within 6 / 12 months after a JW307 einddatum, over children with a JW307. */
  herinstroom6m: number;
  herinstroom12m: number;
}

function quantiles(values: number[]): Quantiles {
  if (values.length === 0) return { n: 0, median: null, p90: null };
  const sorted = Float64Array.from(values).sort();
  const q = (p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return { n: values.length, median: q(0.5), p90: q(0.9) };
}

const inc = (rec: Record<string, number>, key: string): void => {
  rec[key] = (rec[key] ?? 0) + 1;
};

function ageAt(geboortedatum: IsoDate, date: IsoDate): number {
  const [by, bm, bd] = geboortedatum.split('-').map(Number) as [number, number, number];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

interface TwState {
  first?: Jw301Toewijzing;
  last?: Jw301Toewijzing;
  withdrawn: boolean;
  start?: IsoDate;
  stop?: IsoDate;
  bsn: string;
  code?: string;
}

export function summarise(
  messages: readonly SimulatedMessage[],
  options: { youths?: number; window?: { from: IsoDate; to: IsoDate } } = {},
): SimulationSummary {
  const perBerichtcode: Record<string, number> = {};
  const perGemeente: Record<string, number> = {};
  const perScenario: Record<string, number> = {};
  const redenBeeindiging: Record<string, number> = {};
  const redenWijziging: Record<string, number> = {};
  const tws = new Map<string, TwState>();
  const bsns = new Set<string>();
  const durations = new Map<SimLevel, number[]>();
  const waits: number[] = [];
  const waitsPerGroep = new Map<'ambulant' | 'verblijf' | 'crisis', number[]>();
  let initieel = 0;
  let timely = 0;
  let timedTotal = 0;
  let verblijfStops = 0;
  let verblijfStops18 = 0;
  const stopsByChild = new Map<string, IsoDate[]>();
  const firstToewijzingDays = new Map<string, IsoDate[]>();

  for (const m of messages) {
    const b: IjwBericht = m.bericht;
    inc(perBerichtcode, b.berichtcode);
    inc(perGemeente, b.gemeente);
    inc(perScenario, m.scenario);
    if (m.initieel) initieel++;
    bsns.add(b.client.bsn);
    const key = `${b.gemeente}/${b.toewijzingNummer}`;
    let tw = tws.get(key);
    if (!tw) tws.set(key, (tw = { withdrawn: false, bsn: b.client.bsn, code: b.product?.code }));
    const sendDate = m.at.slice(0, 10);
    if (b.berichtcode === 'JW301') {
      if (!tw.first) {
        tw.first = b;
        const list = firstToewijzingDays.get(b.client.bsn) ?? [];
        list.push(b.ingangsdatum);
        firstToewijzingDays.set(b.client.bsn, list);
      }
      tw.last = b;
      if (b.redenWijziging) inc(redenWijziging, b.redenWijziging);
      if (b.redenWijziging === '13') tw.withdrawn = true;
    } else if (b.berichtcode === 'JW305') {
      // a deletion (StatusAanlevering 3) and its replacement correct an earlier start: count the start once
      if (b.statusAanlevering === '3') continue;
      const correctie = tw.start !== undefined;
      tw.start = b.begindatum;
      if (correctie) continue;
      if (tw.first) {
        const wait = dayOf(b.begindatum) - dayOf(tw.first.ingangsdatum);
        waits.push(wait);
        const level = levelOfProduct(b.product?.code ?? '');
        if (level && (m.scenario === 'nieuw' || m.scenario === 'herinstroom' || m.scenario === 'parallel')) {
          const group = LEVELS[level].wachtgroep;
          const list = waitsPerGroep.get(group) ?? [];
          list.push(wait);
          waitsPerGroep.set(group, list);
        }
      }
      if (!m.initieel) {
        timedTotal++;
        if (dayOf(sendDate) <= addWorkingDays(dayOf(b.begindatum), 5)) timely++;
      }
    } else {
      tw.stop = b.einddatum;
      inc(redenBeeindiging, b.redenBeeindiging);
      const level = levelOfProduct(b.product?.code ?? '');
      if (level) {
        const list = durations.get(level) ?? [];
        list.push(dayOf(b.einddatum) - dayOf(b.begindatum));
        durations.set(level, list);
        if (LEVELS[level].verblijf && !LEVELS[level].crisis) {
          verblijfStops++;
          // "18-jarigen": 18 on the day after the last day of care (care ending the day before the birthday counts)
          if (ageAt(b.client.geboortedatum, isoOf(dayOf(b.einddatum) + 1)) === 18) verblijfStops18++;
        }
      }
      const list = stopsByChild.get(b.client.bsn) ?? [];
      list.push(b.einddatum);
      stopsByChild.set(b.client.bsn, list);
      if (!m.initieel) {
        timedTotal++;
        if (dayOf(sendDate) <= addWorkingDays(dayOf(b.einddatum), 5)) timely++;
      }
    }
  }

  const lastAt = messages.length ? messages[messages.length - 1]!.at : null;
  const lastDay = lastAt ? dayOf(lastAt.slice(0, 10)) : 0;
  const winFrom = options.window?.from;
  const winTo = options.window?.to;
  let gestart = 0;
  let gestopt = 0;
  let verblijfStarted = 0;
  let nooitGestart = 0;
  let stopOntbreekt = 0;
  const inCare = new Set<string>();
  for (const tw of tws.values()) {
    if (tw.start !== undefined) {
      gestart++;
      const level = levelOfProduct(tw.code);
      if (level && LEVELS[level].verblijf) verblijfStarted++;
      const overlaps = (winTo === undefined || tw.start <= winTo) && (winFrom === undefined || tw.stop === undefined || tw.stop >= winFrom);
      if (overlaps) inCare.add(tw.bsn);
      if (tw.stop === undefined && tw.last?.einddatum && dayOf(tw.last.einddatum) + 14 < lastDay) stopOntbreekt++;
    } else if (tw.first && !tw.withdrawn && dayOf(tw.first.ingangsdatum) + 90 < lastDay) nooitGestart++;
    if (tw.stop !== undefined) gestopt++;
  }
  let withStop = 0;
  let re6 = 0;
  let re12 = 0;
  for (const [bsn, stops] of stopsByChild) {
    withStop++;
    const starts = firstToewijzingDays.get(bsn) ?? [];
    let w6 = false;
    let w12 = false;
    for (const s of stops) {
      const sd = dayOf(s);
      for (const t of starts) {
        const gap = dayOf(t) - sd;
        if (gap > 0 && gap <= 182) w6 = true;
        if (gap > 0 && gap <= 365) w12 = true;
      }
    }
    if (w6) re6++;
    if (w12) re12++;
  }
  const stops = perBerichtcode.JW307 ?? 0;
  const duur: Partial<Record<SimLevel, Quantiles>> = {};
  for (const [level, list] of durations) duur[level] = quantiles(list);
  return {
    messages: messages.length,
    perBerichtcode,
    perGemeente,
    perScenario,
    initieel,
    firstAt: messages.length ? messages[0]!.at : null,
    lastAt,
    toewijzingen: tws.size,
    gestart,
    gestopt,
    children: bsns.size,
    childrenInCare: inCare.size,
    shareInCare: options.youths ? inCare.size / options.youths : null,
    verblijfShare: gestart ? verblijfStarted / gestart : 0,
    volgensPlanShare: stops ? (redenBeeindiging['31'] ?? 0) / stops : 0,
    redenBeeindiging,
    redenWijziging,
    wachttijd: quantiles(waits),
    wachttijdPerGroep: Object.fromEntries([...waitsPerGroep].map(([g, list]) => [g, quantiles(list)])),
    duur,
    binnen5Werkdagen: timedTotal ? timely / timedTotal : 0,
    nooitGestart,
    stopOntbreekt,
    verblijfUitstroom18Share: verblijfStops ? verblijfStops18 / verblijfStops : 0,
    herinstroom6m: withStop ? re6 / withStop : 0,
    herinstroom12m: withStop ? re12 / withStop : 0,
  };
}
