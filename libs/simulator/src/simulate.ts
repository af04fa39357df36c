/**
 * The simulator: children arrive (Poisson process per region, rate calibrated to the share of youths in care),
 * each child's whole care history is planned at arrival (toewijzingen, waits, starts, durations, escalations,
 * doorplaatsingen, afschalen, re-entries, turning 18, forgotten stops, late messages, corrections), and its
 * messages go into a min-heap on send time. Messages are yielded in time order as soon as no later arrival can
 * produce an earlier one, so the stream never holds more than the pending messages of children in care.
 *
 * Dates are day numbers internally (days.ts); a run starts `warmupDays` before `from` so that children already in
 * care at `from` exist. Messages of such a toewijzing sent before `from` are re-sent at `from` (01:00 UTC onwards,
 * scenario flag `initieel`) as an initial load, so every start and stop refers to a known toewijzing.
 */
import type { IjwBericht, IsoDate, Verwijzer } from '@trajectwacht/ijw';
import { BsnGenerator } from './bsn';
import { DEFAULT_CALIBRATION, LEVELS, SIM_LEVELS, type Calibration, type ProductDef, type SimLevel } from './calibration';
import { DAY_MS, addWorkingDays, birthdayDay, dayOf, isoOf, isoTimestamp } from './days';
import { MinHeap } from './heap';
import { Rng, cumulative, hash32 } from './random';
import { getRegion, youths, type SimAanbieder, type SimGemeente, type SimRegion } from './region';

export type SimSender = { role: 'toegang'; gemeente: string } | { role: 'aanbieder'; agb: string };

export interface SimulatedMessage {
  /** When the sender sends it (business time), ISO timestamp in UTC. */
  at: string;
  sender: SimSender;
  /** The bare message in the JSON contract (libs/ijw/src/model.ts). */
  bericht: IjwBericht;
  /** Why it exists: nieuw, parallel, herinstroom, escalatie, doorplaatsing, crisis-plaatsing, afschalen. */
  scenario: string;
  /** True for the initial load at `from` of toewijzingen that began before the simulated window. */
  initieel?: boolean;
}

export interface SimulateOptions {
  region: SimRegion | string;
  seed: number;
  from: IsoDate;
  /** Last day (inclusive). Required for simulateRegion; without it simulateStream never ends. */
  to?: IsoDate;
  /** Multiplies the population (1 = the real size). */
  scale?: number;
  calibration?: Calibration;
  /** Days simulated before `from` so that care already running at `from` exists (default 5 years). */
  warmupDays?: number;
}

// ---------------------------------------------------------------------------------------------------------------
// planning (pure numbers)

interface Child {
  birth: number;
  b18: number;
  b21: number;
  b23: number;
  gemeente: SimGemeente;
  /** Care continues past 18 (verlengde jeugdhulp or pleegzorg to 21). */
  verlengd: boolean;
  bsn?: string;
}

interface Version {
  sendMs: number;
  einddatum: number;
  reden?: string;
  volume: number;
}

export interface PlannedToewijzing {
  child: Child;
  level: SimLevel;
  product: ProductDef;
  aanbieder: SimAanbieder;
  ingang: number;
  /** Actual start, null when never started. */
  start: number | null;
  end: number;
  reden: string;
  stopSent: boolean;
  versions: Version[];
  startMs: number;
  stopMs: number;
  scenario: string;
  verwijzer: Verwijzer;
  /** Last day care may run under the age rules. */
  cap: number;
  nummer?: string;
}

interface ToewijzingOptions {
  startAt?: number;
  forceStart?: boolean;
  exclude?: string;
}

const VOORTIJDIG = new Set(['32', '33', '34', '35']);
const HOUR = 3_600_000;

export class Planner {
  private readonly levelCum: Float64Array;
  private readonly redenKeys: string[];
  private readonly redenCum: Float64Array;
  private readonly verwijzerKeys: string[];
  private readonly verwijzerCum: Float64Array;
  private readonly providers = new Map<SimLevel, { list: SimAanbieder[]; cum: Float64Array }>();
  private readonly productCum = new Map<SimLevel, Float64Array>();

  constructor(
    private readonly rng: Rng,
    private readonly cal: Calibration,
    region: SimRegion,
  ) {
    this.levelCum = cumulative(SIM_LEVELS.map((l) => cal.levelMix.value[l]));
    this.redenKeys = Object.keys(cal.redenBeeindiging.value);
    this.redenCum = cumulative(this.redenKeys.map((k) => cal.redenBeeindiging.value[k]!));
    this.verwijzerKeys = Object.keys(cal.verwijzer.value);
    this.verwijzerCum = cumulative(this.verwijzerKeys.map((k) => cal.verwijzer.value[k]!));
    for (const level of SIM_LEVELS) {
      const list = region.aanbieders.filter((a) => a.levels.includes(level));
      if (list.length === 0) throw new Error(`region ${region.id} has no provider for level ${level}`);
      this.providers.set(level, { list, cum: cumulative(list.map((a) => a.weight)) });
      this.productCum.set(level, cumulative(LEVELS[level].products.map((p) => p.weight)));
    }
  }

  sampleLevel(): SimLevel {
    return SIM_LEVELS[this.rng.weighted(this.levelCum)]!;
  }

  private ageDays(level: SimLevel): number {
    const r = this.rng;
    let years: number;
    if (level === 'gesloten') years = 12 + 5.5 * r.next();
    else if (LEVELS[level].crisis) years = 17.5 * Math.cbrt(r.next());
    else if (LEVELS[level].verblijf) years = 17.5 * Math.sqrt(Math.sqrt(r.next()));
    else years = (17.5 * (r.next() + r.next())) / 2;
    return Math.max(30, Math.floor(years * 365.25));
  }

  /** Plans a child's whole care history; the first toewijzing is decided on `arrival`. */
  planLife(arrival: number, gemeente: SimGemeente): { child: Child; tws: PlannedToewijzing[] } {
    const r = this.rng;
    const level = this.sampleLevel();
    const birth = arrival - this.ageDays(level);
    const child: Child = { birth, b18: birthdayDay(birth, 18), b21: birthdayDay(birth, 21), b23: birthdayDay(birth, 23), gemeente, verlengd: false };
    const tws: PlannedToewijzing[] = [];
    let lastEnd = this.chain(child, level, arrival, tws, 'nieuw');
    if (r.chance(this.cal.parallelAmbulant.value)) {
      this.chain(child, r.chance(0.5) ? 'licht_ambulant' : 'specialistisch_ambulant', arrival + r.int(0, 30), tws, 'parallel', 1);
    }
    for (let re = 0; re < 2 && lastEnd !== null && r.chance(this.cal.herinstroom12m.value); re++) {
      const gap = r.chance(this.cal.herinstroomBinnen6mAandeel.value) ? r.int(14, 182) : r.int(183, 365);
      lastEnd = this.chain(child, this.sampleLevel(), lastEnd + gap, tws, 'herinstroom');
    }
    return { child, tws };
  }

  /** A chain of toewijzingen linked by escalation, doorplaatsing, crisis placement or afschalen. Returns the last actual end. */
  private chain(child: Child, level: SimLevel, day: number, tws: PlannedToewijzing[], scenario: string, maxSteps = 8): number | null {
    const r = this.rng;
    const cal = this.cal;
    let cur = this.toewijzing(child, level, day, scenario, {});
    let lastEnd: number | null = null;
    for (let step = 0; cur; step++) {
      tws.push(cur);
      if (cur.start === null) {
        this.finish(cur);
        return lastEnd;
      }
      let next: PlannedToewijzing | null = null;
      const L = LEVELS[cur.level];
      const start = cur.start;
      const dur = cur.end - start;
      const endedAt18 = cur.end === child.b18 - 1 && !child.verlengd;
      if (step + 1 < maxSteps && !endedAt18) {
        if (L.crisis) {
          if (r.chance(cal.crisisNaarUithuisplaatsing.value)) {
            const x = r.next();
            const lvl: SimLevel = x < 0.4 ? 'pleegzorg' : x < 0.85 ? 'residentieel' : 'gezinshuis';
            next = this.toewijzing(child, lvl, Math.max(start, cur.end - r.int(0, 5)), 'crisis-plaatsing', { startAt: cur.end, forceStart: true });
            if (next) cur.reden = '34';
          }
        } else if ((cur.level === 'residentieel' || cur.level === 'gezinshuis' || cur.level === 'gesloten') && r.chance(cal.doorplaatsing.value)) {
          next = this.toewijzing(child, 'residentieel', Math.max(start + 1, cur.end - r.int(0, 14)), 'doorplaatsing', {
            startAt: cur.end + r.int(0, 30),
            forceStart: true,
            exclude: cur.aanbieder.agb,
          });
          if (next) cur.reden = r.chance(0.6) ? '38' : r.chance(0.5) ? '34' : '33';
        } else if (dur > 14 && r.chance(cal.escalatie.value[cur.level])) {
          let lvl = this.heavier(cur.level);
          // JeugdzorgPlus is for adolescents: younger children escalate to a residential group instead
          if (lvl === 'gesloten' && start - child.birth < 12 * 365) lvl = 'residentieel';
          if (lvl) {
            const t = start + Math.floor(dur * (0.3 + 0.6 * r.next()));
            next = this.toewijzing(child, lvl, t, 'escalatie', { startAt: t + r.int(0, 10), forceStart: true });
            if (next && next.start !== null) {
              cur.end = Math.min(cur.end, next.start + r.int(0, 7));
              cur.reden = r.chance(0.7) ? '34' : '37';
            }
          }
        } else if (L.verblijf && r.chance(cal.afschalenNaVerblijf.value)) {
          next = this.toewijzing(child, 'specialistisch_ambulant', Math.max(start + 1, cur.end - r.int(0, 21)), 'afschalen', { startAt: cur.end + r.int(0, 21) });
        }
      }
      this.finish(cur);
      lastEnd = cur.end;
      cur = next;
    }
    return lastEnd;
  }

  private heavier(level: SimLevel): SimLevel | null {
    const rank = LEVELS[level].rank;
    const candidates: [SimLevel, number][] = (
      [
        ['specialistisch_ambulant', 6],
        ['dagbehandeling', 4],
        ['pleegzorg', 1.2],
        ['gezinshuis', 0.4],
        ['residentieel', 1],
        ['gesloten', 0.15],
      ] as [SimLevel, number][]
    ).filter(([l]) => LEVELS[l].rank > rank);
    if (candidates.length === 0) return null;
    const cum = cumulative(candidates.map(([, w]) => w));
    return candidates[this.rng.weighted(cum)]![0];
  }

  private pickProvider(level: SimLevel, exclude?: string): SimAanbieder | null {
    const { list, cum } = this.providers.get(level)!;
    for (let attempt = 0; attempt < 8; attempt++) {
      const a = list[this.rng.weighted(cum)]!;
      if (a.agb !== exclude) return a;
    }
    return list.find((a) => a.agb !== exclude) ?? null;
  }

  private verwijzer(crisis: boolean): Verwijzer {
    const r = this.rng;
    const type = crisis ? (r.chance(0.7) ? '01' : '04') : this.verwijzerKeys[r.weighted(this.verwijzerCum)]!;
    if (type === '02' || type === '03' || type === '05') {
      return { type, zorgverlenerCode: `${type === '02' ? '01' : '03'}${String(r.int(0, 999_999)).padStart(6, '0')}` };
    }
    return { type };
  }

  /** Plans one toewijzing (dates only; send times in finish()). Null when the age rules forbid it. */
  private toewijzing(child: Child, level: SimLevel, day: number, scenario: string, opts: ToewijzingOptions): PlannedToewijzing | null {
    const r = this.rng;
    const cal = this.cal;
    const L = LEVELS[level];
    const pleeg = level === 'pleegzorg' || level === 'gezinshuis';
    const aanbieder = this.pickProvider(level, opts.exclude);
    if (!aanbieder) return null;
    let ingang: number;
    let send: number;
    if (L.crisis) {
      ingang = day;
      send = day + r.int(0, 3);
    } else if (opts.startAt !== undefined) {
      ingang = day;
      send = day;
    } else {
      send = day;
      const x = r.next();
      ingang = x < cal.ingangsdatumTerugwerkend.value ? day - r.int(1, 14) : x < cal.ingangsdatumTerugwerkend.value + 0.2 ? day + r.int(1, 14) : day;
    }
    ingang = Math.max(ingang, child.birth + 1);
    // age rules: after 18 only when care already continues (verlengde jeugdhulp, pleegzorg to 21)
    if (ingang >= child.b18 - 14 && !child.verlengd) return null;
    const hardCap = (pleeg ? child.b21 : child.b23) - 1;
    if (ingang >= hardCap - 14) return null;
    const geldigheid = cal.geldigheidToewijzing.value[level];

    let start: number | null;
    if (!opts.forceStart && !L.crisis && r.chance(cal.nooitGestart.value)) start = null;
    else if (opts.startAt !== undefined) start = Math.max(opts.startAt, ingang);
    else if (L.crisis) start = ingang;
    else {
      const w = cal.wachttijd.value[L.wachtgroep];
      start = ingang + Math.min(Math.round(r.lognormal(w.median, w.p90)), Math.max(0, geldigheid - 30), 300);
    }
    if (start !== null && start >= child.b18 - 7 && !child.verlengd) return null;

    const d = cal.duration.value[level];
    const duration = Math.max(1, Math.round(r.lognormal(d.median, d.p90)));
    let reden = this.redenKeys[r.weighted(this.redenCum)]!;
    let end = 0;
    let cap = child.verlengd ? hardCap : child.b18 - 1;
    if (start !== null) {
      end = start + (VOORTIJDIG.has(reden) ? Math.max(1, Math.floor(duration * (0.2 + 0.6 * r.next()))) : duration);
      if (end >= child.b18 && start < child.b18 && !child.verlengd) {
        if (pleeg ? r.chance(cal.pleegzorgTot21.value) : r.chance(cal.verlengdeJeugdhulp.value)) {
          child.verlengd = true;
          cap = hardCap;
          if (pleeg) {
            end = child.b21 - 1;
            reden = '31';
          }
        } else {
          end = child.b18 - 1;
          reden = r.chance(cal.einde18Reden39.value) ? '39' : '31';
        }
      }
      if (end > cap) {
        end = cap;
        reden = r.chance(cal.einde18Reden39.value) ? '39' : '31';
      }
      if (end < start) end = start;
    }
    const firstEind = Math.max(ingang, Math.min(ingang + geldigheid - 1, child.verlengd ? hardCap : child.b18 - 1), start ?? ingang);
    const omvang = L.omvang;
    const tw: PlannedToewijzing = {
      child,
      level,
      product: LEVELS[level].products[r.weighted(this.productCum.get(level)!)]!,
      aanbieder,
      ingang,
      start,
      end,
      reden,
      stopSent: !r.chance(aanbieder.slordig ? cal.stopVergetenSlordig.value : cal.stopVergetenOverig.value),
      versions: [{ sendMs: this.msOn(send), einddatum: firstEind, volume: r.int(omvang.volume[0], omvang.volume[1]) }],
      startMs: 0,
      stopMs: 0,
      scenario,
      verwijzer: this.verwijzer(L.crisis),
      cap,
    };
    return tw;
  }

  /** A send time on a day: business hours, 07:00–16:00 UTC (08:00–18:00 in the Netherlands). */
  private msOn(day: number): number {
    return day * DAY_MS + 7 * HOUR + this.rng.int(0, 9 * 3600 - 1) * 1000;
  }

  private sendDay(actual: number): number {
    const r = this.rng;
    return r.chance(this.cal.teLaatVerzonden.value) ? actual + r.int(6, 40) : addWorkingDays(actual, r.int(0, 4));
  }

  /** Send times of all messages of a planned toewijzing, extensions, corrections, withdrawal and shortening. */
  private finish(tw: PlannedToewijzing): void {
    const r = this.rng;
    const cal = this.cal;
    const v0 = tw.versions[0]!;
    const geldigheid = cal.geldigheidToewijzing.value[tw.level];
    if (tw.start === null) {
      if (r.chance(cal.intrekkingNooitGestart.value)) {
        tw.versions.push({ sendMs: v0.sendMs + r.int(7, 40) * DAY_MS, einddatum: tw.ingang, reden: '13', volume: v0.volume });
      }
      return;
    }
    // extensions (JZ002 04) sent 5–30 days before the current einddatum
    let last = v0;
    while (tw.end > last.einddatum) {
      const einddatum = Math.max(tw.end, Math.min(last.einddatum + geldigheid, tw.cap));
      const sendDay = Math.max(last.einddatum - r.int(5, 30), Math.floor(last.sendMs / DAY_MS) + 1);
      const v: Version = { sendMs: Math.max(this.msOn(sendDay), last.sendMs + 60_000), einddatum, reden: '04', volume: v0.volume };
      tw.versions.push(v);
      last = v;
    }
    if (r.chance(cal.correctie.value)) {
      const sendMs = v0.sendMs + r.int(1, 10) * DAY_MS;
      const nextSend = tw.versions[1]?.sendMs ?? Infinity;
      if (sendMs < nextSend) tw.versions.splice(1, 0, { sendMs, einddatum: v0.einddatum, reden: '14', volume: v0.volume + 1 });
    }
    tw.startMs = Math.max(this.msOn(Math.max(this.sendDay(tw.start), Math.floor(v0.sendMs / DAY_MS))), v0.sendMs + 60_000);
    tw.stopMs = Math.max(this.msOn(this.sendDay(tw.end)), tw.startMs + 60_000);
    const lastVersion = tw.versions[tw.versions.length - 1]!;
    if (lastVersion.einddatum < tw.end) throw new Error('internal: stop after einddatum');
    if (tw.stopSent && VOORTIJDIG.has(tw.reden) && tw.end < lastVersion.einddatum && r.chance(cal.verkortingNaVoortijdig.value)) {
      tw.versions.push({ sendMs: Math.max(tw.stopMs, lastVersion.sendMs) + r.int(1, 10) * DAY_MS, einddatum: tw.end, reden: '05', volume: v0.volume });
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// calibration of the arrival rate

const careYearsCache = new WeakMap<Calibration, Map<string, number>>();

/**
 * Expected number of distinct calendar-year windows a child is counted "in care" in, estimated once by Monte Carlo
 * (fixed seed): the measure of the union of [start − 1 year, end] over the child's started trajectories, in years.
 * Arrivals per year = share in care × youths / this number.
 */
export function careYearsPerChild(cal: Calibration, region: SimRegion): number {
  let perRegion = careYearsCache.get(cal);
  if (!perRegion) careYearsCache.set(cal, (perRegion = new Map()));
  const cached = perRegion.get(region.id);
  if (cached !== undefined) return cached;
  const planner = new Planner(new Rng(20_240_101), cal, region);
  const n = 20_000;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const { tws } = planner.planLife(20_000, region.gemeenten[0]!);
    const intervals = tws.filter((t) => t.start !== null).map((t) => [t.start! - 365, t.end] as [number, number]);
    intervals.sort((a, b) => a[0] - b[0]);
    let covered = 0;
    let curS = -Infinity;
    let curE = -Infinity;
    for (const [s, e] of intervals) {
      if (s > curE) {
        if (curE > curS) covered += curE - curS;
        curS = s;
        curE = e;
      } else curE = Math.max(curE, e);
    }
    if (curE > curS) covered += curE - curS;
    total += covered / 365;
  }
  const value = total / n;
  perRegion.set(region.id, value);
  return value;
}

// ---------------------------------------------------------------------------------------------------------------
// the stream

interface PendingEvent {
  tw: PlannedToewijzing;
  kind: 'v' | 'start' | 'stop';
  vi: number;
  berichtId: string;
  initieel: boolean;
}

/** Arrivals per day per gemeente for the options (exported for docs and tests). */
export function arrivalRates(region: SimRegion, cal: Calibration = DEFAULT_CALIBRATION, scale = 1): { gemeente: SimGemeente; perDay: number }[] {
  const years = careYearsPerChild(cal, region);
  return region.gemeenten.map((g) => ({ gemeente: g, perDay: ((g.shareInCare ?? cal.shareInCare.value) * youths(g) * scale) / years / 365.25 }));
}

/** Yields the simulated messages in time order (`at`), lazily. Deterministic from the seed. */
export function* simulateStream(options: SimulateOptions): Generator<SimulatedMessage, void, undefined> {
  const region = typeof options.region === 'string' ? getRegion(options.region) : options.region;
  const cal = options.calibration ?? DEFAULT_CALIBRATION;
  const scale = options.scale ?? 1;
  if (!(scale > 0)) throw new Error('scale must be positive');
  const fromDay = dayOf(options.from);
  const toDay = options.to === undefined ? Infinity : dayOf(options.to);
  if (toDay < fromDay) throw new Error('to lies before from');
  const fromMs = fromDay * DAY_MS;
  const toEndMs = toDay === Infinity ? Infinity : (toDay + 1) * DAY_MS - 1;
  const warmup = options.warmupDays ?? 5 * 365;

  const rng = new Rng(options.seed);
  const planner = new Planner(rng, cal, region);
  const rates = arrivalRates(region, cal, scale);
  const total = rates.reduce((s, r) => s + r.perDay, 0);
  const gemeenteCum = cumulative(rates.map((r) => r.perDay));
  const runTag = hash32(`${options.seed}|${options.from}|${region.id}`);
  const tag = runTag.toString(36);
  const bsns = new BsnGenerator(runTag % 90_000_000);
  const nummerBase = (runTag % 40) * 2_000_000 + 1;
  const nummers = new Map<string, number>();
  let berichtCounter = 0;
  let initCounter = 0;
  const heap = new MinHeap<PendingEvent>();

  const schedule = (tws: PlannedToewijzing[]): void => {
    for (const tw of tws) {
      const events: { ms: number; kind: PendingEvent['kind']; vi: number }[] = tw.versions.map((v, vi) => ({ ms: v.sendMs, kind: 'v' as const, vi }));
      if (tw.start !== null) {
        events.push({ ms: tw.startMs, kind: 'start', vi: 0 });
        if (tw.stopSent) events.push({ ms: tw.stopMs, kind: 'stop', vi: 0 });
      }
      events.sort((a, b) => a.ms - b.ms);
      if (events[events.length - 1]!.ms < fromMs) continue;
      if (events[0]!.ms > toEndMs) continue;
      if (tw.nummer === undefined) {
        const code = tw.child.gemeente.code;
        const n = nummers.get(code) ?? nummerBase;
        nummers.set(code, n + 1);
        tw.nummer = String(n % 100_000_000 || 1);
      }
      if (tw.child.bsn === undefined) tw.child.bsn = bsns.next();
      for (const e of events) {
        if (e.ms > toEndMs) break;
        const initieel = e.ms < fromMs;
        const ms = initieel ? fromMs + HOUR + initCounter++ : e.ms;
        heap.push(ms, { tw, kind: e.kind, vi: e.vi, berichtId: `sim-${tag}-${(berichtCounter++).toString(36)}`, initieel });
      }
    }
  };

  let t = fromDay - warmup;
  for (;;) {
    t += rng.exponential(1 / total);
    const day = Math.floor(t);
    if (day > toDay) break;
    const limitMs = day * DAY_MS;
    while (heap.size > 0 && heap.peekKey()! < limitMs) {
      const key = heap.peekKey()!;
      yield materialise(key, heap.pop()!);
    }
    const gemeente = rates[rng.weighted(gemeenteCum)]!.gemeente;
    schedule(planner.planLife(day, gemeente).tws);
  }
  while (heap.size > 0) {
    const key = heap.peekKey()!;
    yield materialise(key, heap.pop()!);
  }
}

function materialise(ms: number, ev: PendingEvent): SimulatedMessage {
  const tw = ev.tw;
  const child = tw.child;
  const base = {
    berichtId: ev.berichtId,
    gemeente: child.gemeente.code,
    aanbieder: tw.aanbieder.agb,
    client: { bsn: child.bsn!, geboortedatum: isoOf(child.birth) },
    toewijzingNummer: tw.nummer!,
    product: { categorie: tw.product.categorie, code: tw.product.code },
  };
  let bericht: IjwBericht;
  let sender: SimSender;
  if (ev.kind === 'v') {
    const v = tw.versions[ev.vi]!;
    const L = LEVELS[tw.level];
    sender = { role: 'toegang', gemeente: child.gemeente.code };
    bericht = {
      berichtcode: 'JW301',
      ...base,
      dagtekening: isoOf(Math.floor(v.sendMs / DAY_MS)),
      ingangsdatum: isoOf(tw.ingang),
      einddatum: isoOf(v.einddatum),
      ...(v.reden ? { redenWijziging: v.reden } : {}),
      omvang: { volume: v.volume, eenheid: L.omvang.eenheid, frequentie: L.omvang.frequentie },
      verwijzer: tw.verwijzer,
    };
  } else if (ev.kind === 'start') {
    sender = { role: 'aanbieder', agb: tw.aanbieder.agb };
    bericht = { berichtcode: 'JW305', ...base, dagtekening: isoOf(Math.floor(tw.startMs / DAY_MS)), begindatum: isoOf(tw.start!) };
  } else {
    sender = { role: 'aanbieder', agb: tw.aanbieder.agb };
    bericht = {
      berichtcode: 'JW307',
      ...base,
      dagtekening: isoOf(Math.floor(tw.stopMs / DAY_MS)),
      begindatum: isoOf(tw.start!),
      einddatum: isoOf(tw.end),
      redenBeeindiging: tw.reden,
    };
  }
  const out: SimulatedMessage = { at: isoTimestamp(ms), sender, bericht, scenario: tw.scenario };
  if (ev.initieel) out.initieel = true;
  return out;
}

/** All messages of a bounded window, sorted by `at`. */
export function simulateRegion(options: SimulateOptions & { to: IsoDate }): SimulatedMessage[] {
  return Array.from(simulateStream(options));
}

/** The sender id used as Kafka key and token subject: gemeente:0034 or aanbieder:98100003. */
export function senderKey(sender: SimSender): string {
  return sender.role === 'toegang' ? `gemeente:${sender.gemeente}` : `aanbieder:${sender.agb}`;
}
