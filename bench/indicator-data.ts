import { INTENSITY_LADDER, addDays, daysBetween, type IntensityLevel, type IsoDate } from '@trajectwacht/ijw';
import type { TrajectoryState } from '@trajectwacht/trajectory';

/**
 * A national population of trajectory states for the indicator benchmark, generated directly (the read path is
 * measured here, not the projection): 342 gemeenten of Zipf-like size (exponent 0.7: the largest holds about 6 %),
 * 3 000 aanbieders, children with one to four trajectories in sequence (a successor often starts within a month of
 * the previous stop: flows and herinstroom), toewijzingen over three years up to END, about 90 % started, stops after
 * a skewed duration (still running when the stop would lie after END), 2 % withdrawn. Complete states with a small
 * timeline, about as large as the projection's. Deterministic for a seed. Not calibrated: libs/simulator is.
 */
export const END: IsoDate = '2025-12-31';
const START: IsoDate = '2023-01-01';
const SPAN = daysBetween(START, END);

export const GEMEENTEN: string[] = Array.from({ length: 342 }, (_, i) => String(1000 + i * 7).padStart(4, '0'));
const AANBIEDERS: string[] = Array.from({ length: 3000 }, (_, i) => String(10_000_000 + i * 13));

/** The region of the benchmark: six mid-sized gemeenten (size ranks 20–25). */
export const REGION: string[] = GEMEENTEN.slice(20, 26);
/** The single gemeente of the benchmark: the largest (the worst case for one gemeente). */
export const LARGEST: string = GEMEENTEN[0]!;

function cumulative(weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  return weights.map((w) => (acc += w / total));
}
const GEMEENTE_CDF = cumulative(GEMEENTEN.map((_, i) => 1 / (i + 1) ** 0.7));
const AANBIEDER_CDF = cumulative(AANBIEDERS.map((_, i) => 1 / (i + 1) ** 0.8));
const LEVEL_CDF = cumulative([45, 30, 8, 7, 7, 3]);

function pickCdf<T>(list: readonly T[], cdf: readonly number[], u: number): T {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid]! < u) lo = mid + 1;
    else hi = mid;
  }
  return list[lo]!;
}

export class IndicatorPopulation {
  private state: number;
  private child = 0;
  private nummer = 0;

  constructor(seed = 1) {
    this.state = seed >>> 0 || 1;
  }

  private rnd(): number {
    this.state = (Math.imul(this.state, 1664525) + 1013904223) >>> 0;
    return this.state / 2 ** 32;
  }

  /** The next `n` trajectories (whole children, so a batch may hold a few more than n). */
  next(n: number): TrajectoryState[] {
    const out: TrajectoryState[] = [];
    while (out.length < n) out.push(...this.nextChild());
    return out;
  }

  private nextChild(): TrajectoryState[] {
    const r = () => this.rnd();
    const pseudonym = (0x9e3779b9 * ++this.child).toString(16).padStart(8, '0') + this.child.toString(16).padStart(24, '0');
    const gemeente = pickCdf(GEMEENTEN, GEMEENTE_CDF, r());
    const geboortedatum = addDays('2006-01-01', Math.floor(r() * 365 * 17));
    const u = r();
    const count = u < 0.6 ? 1 : u < 0.85 ? 2 : u < 0.95 ? 3 : 4;
    const out: TrajectoryState[] = [];
    let ingang = addDays(START, Math.floor(r() * SPAN));
    for (let k = 0; k < count && ingang <= END; k++) {
      const level = r() < 0.03 ? null : pickCdf(INTENSITY_LADDER, LEVEL_CDF, r());
      const started = r() < 0.9;
      const wait = Math.floor(-Math.log(1 - r()) * 20) - (r() < 0.03 ? 10 : 0);
      let begin: IsoDate | null = started ? addDays(ingang, wait) : null;
      if (begin !== null && begin > END) begin = null;
      const duration = Math.floor(30 + -Math.log(1 - r()) * 200 * (level !== null && INTENSITY_LADDER.indexOf(level) >= 3 ? 2 : 1));
      let stop: IsoDate | null = begin !== null ? addDays(begin, duration) : null;
      if (stop !== null && stop > END) stop = null;
      const withdrawn = stop === null && r() < 0.02;
      out.push(
        this.state_(
          gemeente,
          pickCdf(AANBIEDERS, AANBIEDER_CDF, r()),
          pseudonym,
          geboortedatum,
          level,
          ingang,
          begin,
          stop,
          withdrawn,
          r(),
        ),
      );
      // the next trajectory: often soon after the stop (a transfer or step up/down), else months later or alongside
      const v = r();
      const anchor = stop ?? begin ?? ingang;
      ingang =
        v < 0.35
          ? addDays(anchor, Math.floor(r() * 30) - 5)
          : v < 0.7
            ? addDays(anchor, 30 + Math.floor(r() * 400))
            : addDays(ingang, Math.floor(r() * 120));
    }
    return out;
  }

  private state_(
    gemeente: string,
    aanbieder: string,
    clientPseudonym: string,
    geboortedatum: IsoDate,
    intensiteit: IntensityLevel | null,
    ingang: IsoDate,
    begin: IsoDate | null,
    stop: IsoDate | null,
    withdrawn: boolean,
    u: number,
  ): TrajectoryState {
    const toewijzingNummer = String(++this.nummer);
    const verblijf = intensiteit !== null && INTENSITY_LADDER.indexOf(intensiteit) >= 3;
    const b = `b${toewijzingNummer}`;
    const timeline: TrajectoryState['timeline'] = [
      { berichtId: `${b}-301`, berichtcode: 'JW301', datum: ingang, soort: 'toewijzing', effect: null },
    ];
    if (begin) timeline.push({ berichtId: `${b}-305`, berichtcode: 'JW305', datum: begin, soort: 'start', effect: null });
    if (stop) timeline.push({ berichtId: `${b}-307`, berichtcode: 'JW307', datum: stop, soort: 'stop', effect: null });
    if (withdrawn)
      timeline.push({
        berichtId: `${b}-301i`,
        berichtcode: 'JW301',
        datum: addDays(ingang, 10),
        soort: 'intrekking',
        effect: 'intrekking',
      });
    return {
      id: `${gemeente}-${toewijzingNummer}`,
      gemeente,
      toewijzingNummer,
      aanbieder,
      clientPseudonym,
      geboortedatum,
      productcategorie: verblijf ? '44' : '45',
      productcode: verblijf ? '44A01' : '45A01',
      intensiteit,
      crisis: false,
      verblijf,
      gedwongenKader: false,
      status: withdrawn ? 'ingetrokken' : stop ? 'beeindigd' : begin ? 'gestart' : 'toegewezen',
      ingetrokken: withdrawn,
      toewijzingOntbreekt: false,
      ingangsdatum: ingang,
      einddatum: addDays(ingang, 365),
      begindatum: begin,
      stopdatum: stop,
      redenBeeindiging: stop ? (u < 0.6 ? '31' : u < 0.85 ? '34' : '35') : null,
      volgensPlan: stop ? (u < 0.6 ? true : u < 0.85 ? false : null) : null,
      redenWijziging: null,
      aantalWijzigingen: 0,
      aantalVerlengingen: 0,
      wachttijdDagen: begin ? daysBetween(ingang, begin) : null,
      timeline: timeline.sort((x, y) => (x.datum < y.datum ? -1 : x.datum > y.datum ? 1 : 0)),
      berichtIds: timeline.map((e) => e.berichtId).sort(),
    };
  }
}
