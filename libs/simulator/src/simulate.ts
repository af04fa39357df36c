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
import {
  fromRegels,
  fromVerzoekRegels,
  writeIjwXml,
  type Berichtcode,
  type IjwBericht,
  type IjwJson,
  type IsoDate,
  type VerzoekBericht,
  type VerzoekBerichtcode,
  type Verwijzer,
} from '@trajectwacht/ijw';
import { BsnGenerator } from './bsn';
import { DEFAULT_CALIBRATION, LEVELS, SIM_LEVELS, type Calibration, type ProductDef, type SimLevel } from './calibration';
import { DAY_MS, addWorkingDays, birthdayDay, dayOf, isoOf, isoTimestamp, weekdayOf } from './days';
import { MinHeap } from './heap';
import { Rng, cumulative, hash32 } from './random';
import { getRegion, youths, type SimAanbieder, type SimGemeente, type SimRegion } from './region';
import { VerzoekPlanner, type PlannedVerzoek } from './verzoeken';

export type SimSender = { role: 'toegang'; gemeente: string } | { role: 'aanbieder'; agb: string };

export interface SimulatedMessage {
  /** When the sender sends it (business time), ISO timestamp in UTC. */
  at: string;
  sender: SimSender;
  /**
   * One product of an iJw bericht as the flat model (libs/ijw/src/model.ts), exactly what toHeenbericht gives for
   * the published XML: the products of one bericht are consecutive messages with the same `bericht.identificatie`
   * and berichtIds `${identificatie}/1`, `/2`, … (simulateBerichten groups them).
   */
  bericht: IjwBericht;
  /** Why it exists: nieuw, parallel, herinstroom, escalatie, doorplaatsing, crisis-plaatsing, afschalen. */
  scenario: string;
  /** True for the initial load at `from` of toewijzingen that began before the simulated window. */
  initieel?: boolean;
}

/**
 * One message of the request side (SimulateOptions.verzoeken): a JW315 AangevraagdProduct, a JW317 Verzoek or a JW319
 * Antwoord as the flat model of libs/ijw (what toVerzoekbericht gives for the published XML).
 */
export interface SimulatedVerzoek {
  at: string;
  sender: SimSender;
  verzoek: VerzoekBericht;
  /** The flow: vot-direct, vot-onderzoek, vot-laat, vot-woonplaatsbeginsel, vot-afgewezen, vot-onbeantwoord, vow-… */
  scenario: string;
  initieel?: boolean;
}

/** Everything the simulator sends when the request side is on. */
export type SimulatedTraffic = SimulatedMessage | SimulatedVerzoek;

export function isSimulatedVerzoek(m: SimulatedTraffic): m is SimulatedVerzoek {
  return 'verzoek' in m;
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
  /**
   * Also the request side (issue 17, verzoeken.ts): JW315 verzoeken om toewijzing (the medical route), JW317 verzoeken
   * om wijziging and the gemeente's JW319 antwoorden, and the ReferentieAanbieder on the JW301s that honour them.
   * Default off: the toewijzing cycle alone, as the benchmarks read it (the same JW301/305/307 dates either way).
   */
  verzoeken?: boolean;
  /**
   * simulateBerichten: check each written bericht against the XSD model before it is yielded (writeIjwXml's check;
   * default true). False skips the check, which is most of the cost of writing: the same berichten (they are valid by
   * construction, as the simulator's specs check), for bulk generation such as the pipeline benchmark.
   */
  validateXml?: boolean;
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
  /** Toewijzingsdatum + Toewijzingstijd: when the gemeente decided this version (≤ sendMs, increasing per toewijzing). */
  decisionMs: number;
  einddatum: number;
  reden?: string;
  volume: number;
  /** ReferentieAanbieder of the verzoek this version honours (TR379). */
  referentie?: string;
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
  /** Decided together with this toewijzing (same aanbieder, same JW301 bericht). */
  samenMet?: PlannedToewijzing;
  /** A wrong Begindatum in the first JW305, corrected at correctieMs (IV008). */
  foutStart?: number;
  correctieMs?: number;
}

interface ToewijzingOptions {
  startAt?: number;
  samenMet?: PlannedToewijzing;
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
    const child: Child = {
      birth,
      b18: birthdayDay(birth, 18),
      b21: birthdayDay(birth, 21),
      b23: birthdayDay(birth, 23),
      gemeente,
      verlengd: false,
    };
    const tws: PlannedToewijzing[] = [];
    let lastEnd = this.chain(child, level, arrival, tws, 'nieuw');
    if (r.chance(this.cal.parallelAmbulant.value)) {
      const level = r.chance(0.5) ? 'licht_ambulant' : 'specialistisch_ambulant';
      const first = tws[0];
      const samen = first !== undefined && !LEVELS[first.level].crisis && r.chance(this.cal.samenToegewezen.value);
      this.chain(child, level, samen ? arrival : arrival + r.int(0, 30), tws, 'parallel', 1, samen ? { samenMet: first } : {});
    }
    for (let re = 0; re < 2 && lastEnd !== null && r.chance(this.cal.herinstroom12m.value); re++) {
      const gap = r.chance(this.cal.herinstroomBinnen6mAandeel.value) ? r.int(14, 182) : r.int(183, 365);
      lastEnd = this.chain(child, this.sampleLevel(), lastEnd + gap, tws, 'herinstroom');
    }
    return { child, tws };
  }

  /** A chain of toewijzingen linked by escalation, doorplaatsing, crisis placement or afschalen. Returns the last actual end. */
  private chain(
    child: Child,
    level: SimLevel,
    day: number,
    tws: PlannedToewijzing[],
    scenario: string,
    maxSteps = 8,
    firstOpts: ToewijzingOptions = {},
  ): number | null {
    const r = this.rng;
    const cal = this.cal;
    let cur = this.toewijzing(child, level, day, scenario, firstOpts);
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
            next = this.toewijzing(child, lvl, Math.max(start, cur.end - r.int(0, 5)), 'crisis-plaatsing', {
              startAt: cur.end,
              forceStart: true,
            });
            if (next) cur.reden = '34';
          }
        } else if (
          (cur.level === 'residentieel' || cur.level === 'gezinshuis' || cur.level === 'gesloten') &&
          r.chance(cal.doorplaatsing.value)
        ) {
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
          next = this.toewijzing(child, 'specialistisch_ambulant', Math.max(start + 1, cur.end - r.int(0, 21)), 'afschalen', {
            startAt: cur.end + r.int(0, 21),
          });
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
    let samen = opts.samenMet && opts.samenMet.aanbieder.levels.includes(level) ? opts.samenMet : undefined;
    const aanbieder = samen ? samen.aanbieder : this.pickProvider(level, opts.exclude);
    if (!aanbieder) return null;
    let ingang: number;
    let send: number;
    if (samen) {
      ingang = samen.ingang;
      send = Math.floor(samen.versions[0]!.sendMs / DAY_MS);
    } else if (L.crisis) {
      ingang = day;
      send = day + r.int(0, 3);
    } else if (opts.startAt !== undefined) {
      ingang = day;
      send = day;
    } else {
      send = day;
      const x = r.next();
      ingang =
        x < cal.ingangsdatumTerugwerkend.value
          ? day - r.int(1, 14)
          : x < cal.ingangsdatumTerugwerkend.value + 0.2
            ? day + r.int(1, 14)
            : day;
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
    const product = LEVELS[level].products[r.weighted(this.productCum.get(level)!)]!;
    // one bericht may hold the same Product twice only with periods that do not overlap (TR302): keep them apart
    if (samen && samen.product.code === product.code) samen = undefined;
    const tw: PlannedToewijzing = {
      child,
      level,
      product,
      aanbieder,
      ingang,
      start,
      end,
      reden,
      stopSent: !r.chance(aanbieder.slordig ? cal.stopVergetenSlordig.value : cal.stopVergetenOverig.value),
      versions: [
        {
          sendMs: samen ? samen.versions[0]!.sendMs : this.msOn(send),
          decisionMs: 0,
          einddatum: firstEind,
          volume: r.int(omvang.volume[0], omvang.volume[1]),
        },
      ],
      startMs: 0,
      stopMs: 0,
      scenario,
      verwijzer: this.verwijzer(L.crisis),
      cap,
    };
    if (samen) tw.samenMet = samen;
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
        tw.versions.push({
          sendMs: v0.sendMs + r.int(7, 40) * DAY_MS,
          decisionMs: 0,
          einddatum: tw.ingang,
          reden: '13',
          volume: v0.volume,
        });
      }
      this.decide(tw);
      return;
    }
    // extensions (JZ002 04) sent 5–30 days before the current einddatum
    let last = v0;
    while (tw.end > last.einddatum) {
      const einddatum = Math.max(tw.end, Math.min(last.einddatum + geldigheid, tw.cap));
      const sendDay = Math.max(last.einddatum - r.int(5, 30), Math.floor(last.sendMs / DAY_MS) + 1);
      const v: Version = {
        sendMs: Math.max(this.msOn(sendDay), last.sendMs + 60_000),
        decisionMs: 0,
        einddatum,
        reden: '04',
        volume: v0.volume,
      };
      tw.versions.push(v);
      last = v;
    }
    if (r.chance(cal.correctie.value)) {
      const sendMs = v0.sendMs + r.int(1, 10) * DAY_MS;
      const nextSend = tw.versions[1]?.sendMs ?? Infinity;
      if (sendMs < nextSend)
        tw.versions.splice(1, 0, { sendMs, decisionMs: 0, einddatum: v0.einddatum, reden: '14', volume: v0.volume + 1 });
    }
    tw.startMs = Math.max(this.msOn(Math.max(this.sendDay(tw.start), Math.floor(v0.sendMs / DAY_MS))), v0.sendMs + 60_000);
    tw.stopMs = Math.max(this.msOn(this.sendDay(tw.end)), tw.startMs + 60_000);
    const lastVersion = tw.versions[tw.versions.length - 1]!;
    if (lastVersion.einddatum < tw.end) throw new Error('internal: stop after einddatum');
    if (tw.stopSent && VOORTIJDIG.has(tw.reden) && tw.end < lastVersion.einddatum && r.chance(cal.verkortingNaVoortijdig.value)) {
      tw.versions.push({
        sendMs: Math.max(tw.stopMs, lastVersion.sendMs) + r.int(1, 10) * DAY_MS,
        decisionMs: 0,
        einddatum: tw.end,
        reden: '05',
        volume: v0.volume,
      });
    }
    if (r.chance(cal.startCorrectie.value)) {
      const k = r.int(1, 7);
      const correctieMs = this.msOn(addWorkingDays(Math.floor(tw.startMs / DAY_MS), r.int(1, 10)));
      if (tw.start - k >= tw.ingang && correctieMs > tw.startMs && (!tw.stopSent || correctieMs < tw.stopMs)) {
        tw.foutStart = tw.start - k;
        tw.correctieMs = correctieMs;
      }
    }
    this.decide(tw);
  }

  /**
   * Toewijzingsdatum + Toewijzingstijd of every version: mostly on the sending day before the sending time, else
   * 1–3 working days earlier; strictly increasing per toewijzing; a toewijzing decided together with another
   * (samenMet) shares its first decision.
   */
  private decide(tw: PlannedToewijzing): void {
    const r = this.rng;
    let prev = -Infinity;
    tw.versions.forEach((v, i) => {
      let ms: number;
      if (i === 0 && tw.samenMet) ms = tw.samenMet.versions[0]!.decisionMs;
      else {
        const sendDay = Math.floor(v.sendMs / DAY_MS);
        if (r.chance(this.cal.toewijzingZelfdeDag.value)) {
          const earliest = sendDay * DAY_MS + 7 * HOUR;
          ms = earliest + Math.floor((r.next() * Math.max(0, v.sendMs - earliest)) / 1000) * 1000;
        } else {
          let day = sendDay;
          for (let back = r.int(1, 3); back > 0;) {
            day--;
            if (weekdayOf(day) !== 0 && weekdayOf(day) !== 6) back--;
          }
          ms = this.msOn(day);
        }
      }
      v.decisionMs = Math.min(v.sendMs, Math.max(ms, prev + 60_000));
      prev = v.decisionMs;
    });
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

type EventKind = 'v' | 'start' | 'correctie' | 'stop';

type EventPart = { tw: PlannedToewijzing; kind: EventKind; vi: number } | { kind: 'verzoek'; verzoek: PlannedVerzoek };

/** One iJw bericht to send: its products (one part each; a correctie part gives two StartProducten). */
interface PendingEvent {
  parts: EventPart[];
  identificatie: string;
  initieel: boolean;
}

/** Arrivals per day per gemeente for the options (exported for docs and tests). */
export function arrivalRates(
  region: SimRegion,
  cal: Calibration = DEFAULT_CALIBRATION,
  scale = 1,
): { gemeente: SimGemeente; perDay: number }[] {
  const years = careYearsPerChild(cal, region);
  return region.gemeenten.map((g) => ({
    gemeente: g,
    perDay: ((g.shareInCare ?? cal.shareInCare.value) * youths(g) * scale) / years / 365.25,
  }));
}

/**
 * Yields the simulated messages in time order (`at`), lazily. Deterministic from the seed. With `verzoeken: true` the
 * request side (SimulatedVerzoek) is interleaved.
 */
export function simulateStream(options: SimulateOptions & { verzoeken: true }): Generator<SimulatedTraffic, void, undefined>;
export function simulateStream(options: SimulateOptions & { verzoeken?: false }): Generator<SimulatedMessage, void, undefined>;
export function simulateStream(options: SimulateOptions): Generator<SimulatedTraffic, void, undefined>;
export function* simulateStream(options: SimulateOptions): Generator<SimulatedTraffic, void, undefined> {
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
  // 9-digit ToewijzingNummers (LDT_Nummer allows up to 999 999 999): 40 blocks of 20 million per gemeente
  const nummerBase = 100_000_000 + (runTag % 40) * 20_000_000 + 1;
  // Identificatie (LDT_IdentificatieBericht, at most 12 characters): S + 6 characters of the run tag + a base-36 counter
  const idTag = tag.padStart(6, '0').slice(-6);
  const nummers = new Map<string, number>();
  let berichtCounter = 0;
  let initCounter = 0;
  const heap = new MinHeap<PendingEvent>();
  // the request side draws from its own stream: the toewijzing side of a seed stays the same with or without it
  const verzoeken = options.verzoeken
    ? new VerzoekPlanner(new Rng(hash32(`${options.seed}|${options.from}|${region.id}|verzoeken`)), cal, region, idTag)
    : null;

  const schedule = (tws: PlannedToewijzing[]): void => {
    const pending: (EventPart & { ms: number })[] = [];
    // (the toewijzing side first: which toewijzingen are published, their nummers and the child's BSN)
    for (const tw of tws) {
      const events: { ms: number; kind: EventKind; vi: number }[] = tw.versions.map((v, vi) => ({ ms: v.sendMs, kind: 'v' as const, vi }));
      if (tw.start !== null) {
        events.push({ ms: tw.startMs, kind: 'start', vi: 0 });
        if (tw.correctieMs !== undefined) events.push({ ms: tw.correctieMs, kind: 'correctie', vi: 0 });
        if (tw.stopSent) events.push({ ms: tw.stopMs, kind: 'stop', vi: 0 });
      }
      events.sort((a, b) => a.ms - b.ms);
      if (events[events.length - 1]!.ms < fromMs) continue;
      if (events[0]!.ms > toEndMs) continue;
      if (tw.nummer === undefined) {
        const code = tw.child.gemeente.code;
        const n = nummers.get(code) ?? nummerBase;
        nummers.set(code, n + 1);
        tw.nummer = String(n);
      }
      if (tw.child.bsn === undefined) tw.child.bsn = bsns.next();
      for (const e of events) {
        if (e.ms > toEndMs) break;
        pending.push({ ...e, tw });
      }
    }
    if (verzoeken) {
      for (const verzoek of verzoeken.plan(tws, fromMs)) {
        if (verzoek.ms <= toEndMs) pending.push({ ms: verzoek.ms, kind: 'verzoek', verzoek });
      }
    }
    // one bericht per send: toewijzingen decided together (same moment, same aanbieder, other product) share a JW301
    pending.sort((a, b) => a.ms - b.ms);
    const groups: { ms: number; parts: EventPart[] }[] = [];
    for (const e of pending) {
      const last = groups[groups.length - 1];
      const head = last?.parts[0];
      if (
        last &&
        head &&
        e.kind === 'v' &&
        head.kind === 'v' &&
        last.ms === e.ms &&
        head.tw.aanbieder === e.tw.aanbieder &&
        last.parts.every((p) => p.kind === 'v' && p.tw.product.code !== e.tw.product.code)
      ) {
        last.parts.push({ tw: e.tw, kind: e.kind, vi: e.vi });
      } else if (e.kind === 'verzoek') groups.push({ ms: e.ms, parts: [{ kind: 'verzoek', verzoek: e.verzoek }] });
      else groups.push({ ms: e.ms, parts: [{ tw: e.tw, kind: e.kind, vi: e.vi }] });
    }
    for (const g of groups) {
      const initieel = g.ms < fromMs;
      const ms = initieel ? fromMs + HOUR + initCounter++ : g.ms;
      const identificatie = `S${idTag}${(berichtCounter++ % 36 ** 5).toString(36).padStart(5, '0')}`;
      heap.push(ms, { parts: g.parts, identificatie, initieel });
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
      yield* materialise(key, heap.pop()!);
    }
    const gemeente = rates[rng.weighted(gemeenteCum)]!.gemeente;
    schedule(planner.planLife(day, gemeente).tws);
  }
  while (heap.size > 0) {
    const key = heap.peekKey()!;
    yield* materialise(key, heap.pop()!);
  }
}

/** Dutch civil time (Europe/Amsterdam: CET, CEST from the last Sunday of March to the last Sunday of October, 01:00 UTC). */
function dutchTime(ms: number): string {
  const year = new Date(ms).getUTCFullYear();
  const lastSunday = (month: number): number => {
    const d = new Date(Date.UTC(year, month + 1, 0));
    return Date.UTC(year, month, d.getUTCDate() - d.getUTCDay(), 1);
  };
  const offset = ms >= lastSunday(2) && ms < lastSunday(9) ? 2 : 1;
  return new Date(ms + offset * HOUR).toISOString().slice(11, 19);
}

function materialise(ms: number, ev: PendingEvent): SimulatedTraffic[] {
  const out: SimulatedTraffic[] = [];
  const add = (tw: PlannedToewijzing, sender: SimSender, bericht: IjwBericht): void => {
    const m: SimulatedMessage = { at: isoTimestamp(ms), sender, bericht, scenario: tw.scenario };
    if (ev.initieel) m.initieel = true;
    out.push(m);
  };
  for (const part of ev.parts) {
    if (part.kind === 'verzoek') {
      for (const verzoek of part.verzoek.build(ev.identificatie)) {
        const m: SimulatedVerzoek = { at: isoTimestamp(ms), sender: part.verzoek.sender, verzoek, scenario: part.verzoek.scenario };
        if (ev.initieel) m.initieel = true;
        out.push(m);
      }
      continue;
    }
    const tw = part.tw;
    const child = tw.child;
    const base = () => ({
      berichtId: `${ev.identificatie}/${out.length + 1}`,
      identificatie: ev.identificatie,
      gemeente: child.gemeente.code,
      aanbieder: tw.aanbieder.agb,
      client: { bsn: child.bsn!, geboortedatum: isoOf(child.birth) },
      toewijzingNummer: tw.nummer!,
      product: { categorie: tw.product.categorie, code: tw.product.code },
    });
    const aanbieder: SimSender = { role: 'aanbieder', agb: tw.aanbieder.agb };
    if (part.kind === 'v') {
      const v = tw.versions[part.vi]!;
      const L = LEVELS[tw.level];
      add(
        tw,
        { role: 'toegang', gemeente: child.gemeente.code },
        {
          berichtcode: 'JW301',
          ...base(),
          dagtekening: isoOf(Math.floor(v.sendMs / DAY_MS)),
          ingangsdatum: isoOf(tw.ingang),
          einddatum: isoOf(v.einddatum),
          ...(v.reden ? { redenWijziging: v.reden } : {}),
          omvang: { volume: v.volume, eenheid: L.omvang.eenheid, frequentie: L.omvang.frequentie },
          toewijzingsdatum: isoOf(Math.floor(v.decisionMs / DAY_MS)),
          toewijzingstijd: dutchTime(v.decisionMs),
          ...(v.referentie ? { referentieAanbieder: v.referentie } : {}),
        },
      );
    } else if (part.kind === 'start' || part.kind === 'correctie') {
      const sendMs = part.kind === 'start' ? tw.startMs : tw.correctieMs!;
      const start = {
        berichtcode: 'JW305' as const,
        dagtekening: isoOf(Math.floor(sendMs / DAY_MS)),
        toewijzingIngangsdatum: isoOf(tw.ingang),
      };
      if (part.kind === 'start')
        add(tw, aanbieder, { ...base(), ...start, begindatum: isoOf(tw.foutStart ?? tw.start!), statusAanlevering: '1' });
      else {
        // IV008: delete the wrong start and send the right one in the same bericht
        add(tw, aanbieder, { ...base(), ...start, begindatum: isoOf(tw.foutStart!), statusAanlevering: '3' });
        add(tw, aanbieder, { ...base(), ...start, begindatum: isoOf(tw.start!), statusAanlevering: '1' });
      }
    } else {
      add(tw, aanbieder, {
        berichtcode: 'JW307',
        ...base(),
        dagtekening: isoOf(Math.floor(tw.stopMs / DAY_MS)),
        toewijzingIngangsdatum: isoOf(tw.ingang),
        begindatum: isoOf(tw.start!),
        einddatum: isoOf(tw.end),
        redenBeeindiging: tw.reden,
        statusAanlevering: '1',
      });
    }
  }
  return out;
}

/** One simulated iJw bericht as it is published: its flat products, its JSON form and its XML. */
export interface SimulatedIjwBericht {
  at: string;
  sender: SimSender;
  soort: Berichtcode;
  /** The products as flat messages (what toHeenbericht gives for `xml`). */
  regels: IjwBericht[];
  json: IjwJson;
  /** The XSD-valid iJw 3.2 XML (writeIjwXml of fromRegels(regels)). */
  xml: string;
  scenario: string;
  initieel?: boolean;
}

/** One simulated bericht of the request side as it is published (SimulateOptions.verzoeken). */
export interface SimulatedVerzoekBericht {
  at: string;
  sender: SimSender;
  soort: VerzoekBerichtcode;
  /** Its flat messages (what toVerzoekbericht gives for `xml`): AangevraagdProducten, the Verzoek or the Antwoord. */
  regels: VerzoekBericht[];
  json: IjwJson;
  /** The XSD-valid iJw 3.2 XML (writeIjwXml of fromVerzoekRegels(regels)). */
  xml: string;
  scenario: string;
  initieel?: boolean;
}

export type SimulatedBericht = SimulatedIjwBericht | SimulatedVerzoekBericht;

export function isVerzoekBericht(b: SimulatedBericht): b is SimulatedVerzoekBericht {
  return b.soort === 'JW315' || b.soort === 'JW317' || b.soort === 'JW319';
}

const identificatieOf = (m: SimulatedTraffic): string | undefined => ('verzoek' in m ? m.verzoek.identificatie : m.bericht.identificatie);

/** Groups a message stream into iJw berichten (consecutive messages with the same Identificatie). */
export function toBerichten(
  messages: Iterable<SimulatedMessage>,
  options?: { validate?: boolean },
): Generator<SimulatedIjwBericht, void, undefined>;
export function toBerichten(
  messages: Iterable<SimulatedTraffic>,
  options?: { validate?: boolean },
): Generator<SimulatedBericht, void, undefined>;
export function* toBerichten(
  messages: Iterable<SimulatedTraffic>,
  options: { validate?: boolean } = {},
): Generator<SimulatedBericht, void, undefined> {
  const write = { validate: options.validate !== false };
  let group: SimulatedTraffic[] = [];
  const flush = (): SimulatedBericht => {
    const first = group[0]!;
    let out: SimulatedBericht;
    if (isSimulatedVerzoek(first)) {
      const regels = (group as SimulatedVerzoek[]).map((m) => m.verzoek);
      const { soort, json } = fromVerzoekRegels(regels);
      out = { at: first.at, sender: first.sender, soort, regels, json, xml: writeIjwXml(soort, json, write), scenario: first.scenario };
    } else {
      const regels = (group as SimulatedMessage[]).map((m) => m.bericht);
      const { soort, json } = fromRegels(regels);
      out = { at: first.at, sender: first.sender, soort, regels, json, xml: writeIjwXml(soort, json, write), scenario: first.scenario };
    }
    if (first.initieel) out.initieel = true;
    return out;
  };
  for (const m of messages) {
    if (group.length > 0 && identificatieOf(group[0]!) !== identificatieOf(m)) {
      yield flush();
      group = [];
    }
    group.push(m);
  }
  if (group.length > 0) yield flush();
}

/** The simulated traffic as iJw XML berichten in time order (simulateStream grouped per bericht). */
export function simulateBerichten(options: SimulateOptions & { verzoeken: true }): Generator<SimulatedBericht, void, undefined>;
export function simulateBerichten(options: SimulateOptions & { verzoeken?: false }): Generator<SimulatedIjwBericht, void, undefined>;
export function simulateBerichten(options: SimulateOptions): Generator<SimulatedBericht, void, undefined>;
export function simulateBerichten(options: SimulateOptions): Generator<SimulatedBericht, void, undefined> {
  return toBerichten(simulateStream(options), { validate: options.validateXml !== false });
}

/** All messages of a bounded window, sorted by `at`. */
export function simulateRegion(options: SimulateOptions & { to: IsoDate; verzoeken: true }): SimulatedTraffic[];
export function simulateRegion(options: SimulateOptions & { to: IsoDate; verzoeken?: false }): SimulatedMessage[];
export function simulateRegion(options: SimulateOptions & { to: IsoDate }): SimulatedTraffic[];
export function simulateRegion(options: SimulateOptions & { to: IsoDate }): SimulatedTraffic[] {
  return Array.from(simulateStream(options));
}

/** The sender id used as Kafka key and token subject: gemeente:0034 or aanbieder:98100003. */
export function senderKey(sender: SimSender): string {
  return sender.role === 'toegang' ? `gemeente:${sender.gemeente}` : `aanbieder:${sender.agb}`;
}
