/**
 * The request side of the simulated cycle (issue 17): for the toewijzingen the planner made, the verzoeken that came
 * before them and the gemeente's answers, as the standard's berichtstromen run (../shared/ijw-3.2/berichtstromen):
 *
 * - VOT (JW315, the medical route): when the verwijzer type calls for it (`verzoekRoute`), the aanbieder asks for the
 *   toewijzing before the gemeente decided it; the gemeente answers directly with the JW301 (its ToegewezenProduct
 *   carries the ReferentieAanbieder, TR379), or first with a JW319 "aanvraag in onderzoek", or late (`votAntwoord`);
 *   before it, sometimes a JW315 to the wrong gemeente refused for the woonplaatsbeginsel (reden 8 with the right
 *   gemeente), or a JW315 of another aanbieder refused or never answered (`votVooraf`).
 * - VOW (JW317): an extension (JZ002 04) follows a verzoek om wijziging of the aanbieder (`vowVoorVerlenging`); some
 *   verzoeken are refused or never answered (`vowAfgewezen`, `vowOnbeantwoord`) and change nothing.
 *
 * The toewijzing side stays exactly as planned (same dates, same send times): verzoeken are placed before the decision
 * they lead to, drawn from their own random stream, so the JW301/JW305/JW307 traffic of a seed is unchanged apart from
 * the ReferentieAanbieder of the ToegewezenProducten that honour a verzoek. TR374 (no second verzoek of the same
 * aanbieder for the client while one is in behandeling) and TR349 (a JW317 names every actual toewijzing of the client
 * at that aanbieder) hold by construction; the spec checks them.
 */
import type {
  IsoDate,
  Jw315AangevraagdProduct,
  Jw317VerzoekOmWijziging,
  Jw319Antwoord,
  VerzoekBericht,
  Verwijzer,
} from '@trajectwacht/ijw';
import type { Calibration, ProductDef, SimLevel } from './calibration';
import { LEVELS } from './calibration';
import { DAY_MS, isoOf, weekdayOf } from './days';
import { Rng, cumulative } from './random';
import type { SimAanbieder, SimGemeente, SimRegion } from './region';

const HOUR = 3_600_000;

/** The parts of a planned toewijzing the request side reads (PlannedToewijzing of simulate.ts has them all). */
export interface VerzoekTw {
  child: { bsn?: string; birth: number; gemeente: SimGemeente };
  level: SimLevel;
  product: ProductDef;
  aanbieder: SimAanbieder;
  ingang: number;
  start: number | null;
  end: number;
  stopSent: boolean;
  stopMs: number;
  scenario: string;
  verwijzer: Verwijzer;
  cap: number;
  nummer?: string;
  samenMet?: VerzoekTw;
  versions: { sendMs: number; decisionMs: number; einddatum: number; reden?: string; volume: number; referentie?: string }[];
}

export type VerzoekSender = { role: 'toegang'; gemeente: string } | { role: 'aanbieder'; agb: string };

/** One verzoek bericht to send: its flat messages once it has its Identificatie. */
export interface PlannedVerzoek {
  ms: number;
  sender: VerzoekSender;
  /** vot-direct, vot-onderzoek, vot-laat, vot-woonplaatsbeginsel, vot-afgewezen, vot-onbeantwoord, vow-…, the flow it belongs to. */
  scenario: string;
  build: (identificatie: string) => VerzoekBericht[];
}

interface Flow {
  /** Per verzoek of the flow: aanbieder, client, from when until when it is in behandeling (TR374). */
  open: { agb: string; from: number; until: number }[];
  berichten: PlannedVerzoek[];
  /** Applied only when the flow is kept: the ReferentieAanbieder on the version that honours it. */
  apply: () => void;
}

const GI_NAMEN = ['GI Jeugdbescherming Regio', 'GI Jeugdreclassering', 'GI Gezinsvoogdij'];

export class VerzoekPlanner {
  private readonly routeTypes: Map<string, number>;
  private readonly redenKeys: string[];
  private readonly redenCum: Float64Array;
  private counter = 0;

  constructor(
    private readonly rng: Rng,
    private readonly cal: Calibration,
    private readonly region: SimRegion,
    private readonly tag: string,
  ) {
    this.routeTypes = new Map(Object.entries(cal.verzoekRoute.value));
    this.redenKeys = Object.keys(cal.redenAfwijzing.value);
    this.redenCum = cumulative(this.redenKeys.map((k) => cal.redenAfwijzing.value[k]!));
  }

  /**
   * The verzoeken of one child's toewijzingen (all of them: `tws`; those published in the window have a nummer and the
   * child its BSN). Sets the ReferentieAanbieder on the versions that honour a kept verzoek.
   */
  plan(tws: readonly VerzoekTw[], fromMs = -Infinity): PlannedVerzoek[] {
    const r = this.rng;
    const flows: Flow[] = [];
    for (const tw of tws) {
      if (tw.nummer === undefined || tw.samenMet) continue;
      const route = this.routeTypes.get(tw.verwijzer.type) ?? 0;
      if (route > 0 && r.chance(route)) {
        const flow = this.vot(tw, tws);
        if (flow) flows.push(flow);
      }
      if (tw.start === null) continue;
      tw.versions.forEach((v, vi) => {
        if (vi > 0 && v.reden === '04' && r.chance(this.cal.vowVoorVerlenging.value)) {
          const flow = this.vowHonoured(tw, vi, tws);
          if (flow) flows.push(flow);
        }
      });
      const last = tw.versions[tw.versions.length - 1]!;
      if (tw.end < last.einddatum && tw.end - tw.start >= 60) {
        const x = r.next();
        const refused = x < this.cal.vowAfgewezen.value;
        const unanswered = !refused && x < this.cal.vowAfgewezen.value + this.cal.vowOnbeantwoord.value;
        if (refused || unanswered) {
          const flow = this.vowNotHonoured(tw, tws, unanswered);
          if (flow) flows.push(flow);
        }
      }
    }
    // TR374: keep a flow only when none of its verzoeken overlaps one of the same aanbieder still in behandeling
    flows.sort((a, b) => a.berichten[0]!.ms - b.berichten[0]!.ms);
    const kept: Flow[] = [];
    const busy: { agb: string; from: number; until: number }[] = [];
    for (const f of flows) {
      const clash = f.open.some((o) => busy.some((b) => b.agb === o.agb && o.from < b.until && b.from < o.until));
      if (clash) continue;
      busy.push(...f.open);
      // The initial load (berichten before `fromMs`, re-sent at `fromMs`) carries a verzoek only when it bears on the
      // window: one of its berichten is sent in it, or it is decided in it. A verzoek decided before the window, or one
      // left unanswered before it, is history the platform never received (its JW301 then carries no
      // ReferentieAanbieder): re-sent, it would arrive years late and all at once (issue 17, the demo's first month).
      const bears = f.berichten.some((b) => b.ms >= fromMs) || f.open.some((o) => Number.isFinite(o.until) && o.until >= fromMs);
      if (!bears) continue;
      kept.push(f);
      f.apply();
    }
    return kept.flatMap((f) => f.berichten);
  }

  private referentie(soort: 'VOT' | 'VOW'): string {
    return `${soort}-${this.tag}-${(this.counter++).toString(36)}`;
  }

  /** A send time strictly before `ms`: `wd` working days earlier in office hours (07:00–16:00 UTC), 0 = earlier that day. */
  private before(ms: number, wd: number): number {
    const day = Math.floor(ms / DAY_MS);
    const earliest = day * DAY_MS + 7 * HOUR;
    if (wd <= 0 && ms - earliest > 10 * 60_000 && weekdayOf(day) !== 0 && weekdayOf(day) !== 6)
      return earliest + Math.floor((this.rng.next() * (ms - earliest - 60_000)) / 1000) * 1000;
    let d = day;
    for (let left = Math.max(1, wd); left > 0;) {
      d--;
      if (weekdayOf(d) !== 0 && weekdayOf(d) !== 6) left--;
    }
    return d * DAY_MS + 7 * HOUR + this.rng.int(0, 9 * 3600 - 1) * 1000;
  }

  /** A send time strictly after `ms`: `wd` working days later in office hours, 0 = later that day when it can. */
  private after(ms: number, wd: number): number {
    const day = Math.floor(ms / DAY_MS);
    const latest = day * DAY_MS + 16 * HOUR;
    if (wd <= 0 && latest - ms > 10 * 60_000) return ms + 60_000 + Math.floor((this.rng.next() * (latest - ms - 60_000)) / 1000) * 1000;
    let d = day;
    for (let left = Math.max(1, wd); left > 0;) {
      d++;
      if (weekdayOf(d) !== 0 && weekdayOf(d) !== 6) left--;
    }
    return d * DAY_MS + 7 * HOUR + this.rng.int(0, 9 * 3600 - 1) * 1000;
  }

  /** 0–5 working days, most answers in the first days. */
  private termijn(): number {
    return Math.min(this.rng.int(0, 5), this.rng.int(0, 5));
  }

  private reden(): string {
    return this.redenKeys[this.rng.weighted(this.redenCum)]!;
  }

  private verwijzerOf(tw: VerzoekTw): Verwijzer {
    const v = tw.verwijzer;
    // CD067: a GI (type 04) without ZorgverlenerCode carries its Naam
    if (v.type === '04' && v.zorgverlenerCode === undefined) return { type: '04', naam: GI_NAMEN[tw.aanbieder.agb.charCodeAt(7) % 3]! };
    return { ...v };
  }

  private aangevraagd(
    tw: VerzoekTw,
    referentie: string,
    verwijzer: Verwijzer,
    gemeente: string,
    aanbieder: string,
  ): Omit<Jw315AangevraagdProduct, 'berichtId' | 'identificatie' | 'dagtekening'> {
    const v0 = tw.versions[0]!;
    const L = LEVELS[tw.level];
    return {
      berichtcode: 'JW315',
      gemeente,
      aanbieder,
      referentieAanbieder: referentie,
      client: { bsn: tw.child.bsn!, geboortedatum: isoOf(tw.child.birth) },
      product: { categorie: tw.product.categorie, code: tw.product.code },
      toewijzingIngangsdatum: isoOf(tw.ingang),
      toewijzingEinddatum: isoOf(v0.einddatum),
      omvang: { volume: v0.volume, eenheid: L.omvang.eenheid, frequentie: L.omvang.frequentie },
      verwijzer,
    };
  }

  private jw315(
    ms: number,
    producten: Omit<Jw315AangevraagdProduct, 'berichtId' | 'identificatie' | 'dagtekening'>[],
    scenario: string,
  ): PlannedVerzoek {
    const dagtekening = isoOf(Math.floor(ms / DAY_MS));
    return {
      ms,
      sender: { role: 'aanbieder', agb: producten[0]!.aanbieder },
      scenario,
      build: (identificatie) =>
        producten.map((p, i) => ({ ...p, berichtId: `${identificatie}/${i + 1}`, identificatie, dagtekening, client: { ...p.client } })),
    };
  }

  private jw319(
    ms: number,
    gemeente: string,
    aanbieder: string,
    referentie: string,
    antwoord: Pick<Jw319Antwoord, 'verzoekAntwoord' | 'redenAfwijzingVerzoek' | 'woonplaatsbeginselGemeente'>,
    scenario: string,
  ): PlannedVerzoek {
    const dagtekening = isoOf(Math.floor(ms / DAY_MS));
    return {
      ms,
      sender: { role: 'toegang', gemeente },
      scenario,
      build: (identificatie) => [
        {
          berichtcode: 'JW319',
          berichtId: `${identificatie}/1`,
          identificatie,
          gemeente,
          aanbieder,
          dagtekening,
          referentieAanbieder: referentie,
          ...antwoord,
        },
      ],
    };
  }

  /** The honoured verzoek's timing before the decision `decision`: the verzoek, optionally its JW319 2. */
  private antwoordVoor(
    decision: number,
    crisis: boolean,
  ): { flow: 'direct' | 'onderzoek' | 'laat'; verzoekMs: number; onderzoekMs?: number } {
    const r = this.rng;
    if (crisis) return { flow: 'direct', verzoekMs: this.before(decision, 0) };
    const x = r.next();
    const { onderzoek, laat } = this.cal.votAntwoord.value;
    if (x < onderzoek) {
      const verzoekMs = this.before(decision, r.int(7, 35));
      return { flow: 'onderzoek', verzoekMs, onderzoekMs: this.after(verzoekMs, r.int(1, 5)) };
    }
    if (x < onderzoek + laat) return { flow: 'laat', verzoekMs: this.before(decision, r.int(6, 25)) };
    return { flow: 'direct', verzoekMs: this.before(decision, this.termijn()) };
  }

  private vot(tw: VerzoekTw, tws: readonly VerzoekTw[]): Flow | null {
    const r = this.rng;
    const v0 = tw.versions[0]!;
    const crisis = LEVELS[tw.level].crisis;
    const gemeente = tw.child.gemeente.code;
    const agb = tw.aanbieder.agb;
    const samen = tws.filter((t) => t.samenMet === tw && t.nummer !== undefined);
    const verwijzer = this.verwijzerOf(tw);
    const timing = this.antwoordVoor(v0.decisionMs, crisis);
    const refs = [tw, ...samen].map(() => this.referentie('VOT'));
    const producten = [tw, ...samen].map((t, i) => this.aangevraagd(t, refs[i]!, verwijzer, gemeente, agb));
    const berichten: PlannedVerzoek[] = [this.jw315(timing.verzoekMs, producten, `vot-${timing.flow}`)];
    if (timing.onderzoekMs !== undefined) {
      for (const ref of refs) berichten.push(this.jw319(timing.onderzoekMs, gemeente, agb, ref, { verzoekAntwoord: '2' }, 'vot-onderzoek'));
    }
    const open = [{ agb, from: timing.verzoekMs, until: v0.sendMs }];
    // what came before the honoured verzoek
    const x = r.next();
    const { woonplaatsbeginsel, afgewezenElders, onbeantwoordElders } = this.cal.votVooraf.value;
    const andere = this.region.gemeenten.filter((g) => g.code !== gemeente);
    const elders = this.region.aanbieders.filter((a) => a.agb !== agb && a.levels.includes(tw.level));
    if (!crisis && x < woonplaatsbeginsel && andere.length > 0) {
      const fout = andere[r.int(0, andere.length - 1)]!.code;
      const ref = this.referentie('VOT');
      const antwoordMs = this.before(timing.verzoekMs, r.int(0, 2));
      const eerderMs = this.before(antwoordMs, r.int(1, 8));
      berichten.unshift(
        this.jw315(eerderMs, [this.aangevraagd(tw, ref, verwijzer, fout, agb)], 'vot-woonplaatsbeginsel'),
        this.jw319(
          antwoordMs,
          fout,
          agb,
          ref,
          { verzoekAntwoord: '1', redenAfwijzingVerzoek: '8', woonplaatsbeginselGemeente: gemeente },
          'vot-woonplaatsbeginsel',
        ),
      );
      open.push({ agb, from: eerderMs, until: antwoordMs });
    } else if (!crisis && x < woonplaatsbeginsel + afgewezenElders + onbeantwoordElders && elders.length > 0) {
      const ander = elders[r.int(0, elders.length - 1)]!;
      const ref = this.referentie('VOT');
      const onbeantwoord = x >= woonplaatsbeginsel + afgewezenElders;
      const antwoordMs = this.before(timing.verzoekMs, r.int(0, 3));
      const eerderMs = this.before(antwoordMs, r.int(1, 5));
      const scenario = onbeantwoord ? 'vot-onbeantwoord' : 'vot-afgewezen';
      berichten.unshift(this.jw315(eerderMs, [this.aangevraagd(tw, ref, verwijzer, gemeente, ander.agb)], scenario));
      if (!onbeantwoord)
        berichten.splice(
          1,
          0,
          this.jw319(antwoordMs, gemeente, ander.agb, ref, { verzoekAntwoord: '1', redenAfwijzingVerzoek: this.reden() }, scenario),
        );
      open.push({ agb: ander.agb, from: eerderMs, until: onbeantwoord ? Infinity : antwoordMs });
    }
    return {
      open,
      berichten,
      apply: () => {
        v0.referentie = refs[0];
        samen.forEach((t, i) => (t.versions[0]!.referentie = refs[i + 1]));
      },
    };
  }

  /** The toewijzingen of the client at `agb` that are actual at `ms`, other than `self` (TR349: OngewijzigdProduct). */
  private actueel(tws: readonly VerzoekTw[], agb: string, ms: number, self: VerzoekTw): string[] | null {
    const day = Math.floor(ms / DAY_MS);
    const out: string[] = [];
    for (const t of tws) {
      if (t === self || t.aanbieder.agb !== agb || t.versions[0]!.sendMs >= ms) continue;
      const inForce = [...t.versions].reverse().find((v) => v.sendMs <= ms)!;
      if (inForce.reden === '13' || inForce.einddatum < day) continue;
      if (t.nummer === undefined) return null; // an actual toewijzing outside the published window: leave the VOW out
      // TR361: the same product twice with overlapping periods in one VOW is refused, yet TR349 wants both named; no VOW
      // then (both are actual at `ms`, so they overlap)
      if (t.product.code === self.product.code && t.product.categorie === self.product.categorie) return null;
      out.push(t.nummer);
    }
    return out.sort();
  }

  private jw317(
    ms: number,
    tw: VerzoekTw,
    referentie: string,
    wens: { einddatum: number; volume: number },
    ongewijzigd: string[],
    scenario: string,
  ): PlannedVerzoek {
    const day = Math.floor(ms / DAY_MS);
    const L = LEVELS[tw.level];
    const redenVerzoek = this.rng.chance(0.7) ? '2' : '1';
    return {
      ms,
      sender: { role: 'aanbieder', agb: tw.aanbieder.agb },
      scenario,
      build: (identificatie): Jw317VerzoekOmWijziging[] => [
        {
          berichtcode: 'JW317',
          berichtId: `${identificatie}/1`,
          identificatie,
          gemeente: tw.child.gemeente.code,
          aanbieder: tw.aanbieder.agb,
          dagtekening: isoOf(day),
          referentieAanbieder: referentie,
          client: { bsn: tw.child.bsn! },
          redenVerzoek,
          ongewijzigd,
          teWijzigen: [
            {
              toewijzingNummer: tw.nummer!,
              // TR380: strictly after the dagtekening (the change applies from then; the ingangsdatum stays)
              gewensteIngangsdatum: isoOf(day + 1) as IsoDate,
              einddatum: isoOf(wens.einddatum),
              omvang: { volume: wens.volume, eenheid: L.omvang.eenheid, frequentie: L.omvang.frequentie },
            },
          ],
          nieuw: [],
        },
      ],
    };
  }

  private vowHonoured(tw: VerzoekTw, vi: number, tws: readonly VerzoekTw[]): Flow | null {
    if (tw.nummer === undefined) return null;
    const v = tw.versions[vi]!;
    const prev = tw.versions[vi - 1]!;
    const timing = this.antwoordVoor(v.decisionMs, false);
    const day = Math.floor(timing.verzoekMs / DAY_MS);
    // the verzoek is about an actual toewijzing the aanbieder has: after the version in force, within its period
    if (timing.verzoekMs <= prev.sendMs + HOUR || day >= prev.einddatum || v.einddatum <= day + 1) return null;
    const ongewijzigd = this.actueel(tws, tw.aanbieder.agb, timing.verzoekMs, tw);
    if (!ongewijzigd) return null;
    const ref = this.referentie('VOW');
    const agb = tw.aanbieder.agb;
    const berichten = [
      this.jw317(timing.verzoekMs, tw, ref, { einddatum: v.einddatum, volume: v.volume }, ongewijzigd, `vow-${timing.flow}`),
    ];
    if (timing.onderzoekMs !== undefined)
      berichten.push(this.jw319(timing.onderzoekMs, tw.child.gemeente.code, agb, ref, { verzoekAntwoord: '2' }, 'vow-onderzoek'));
    return { open: [{ agb, from: timing.verzoekMs, until: v.sendMs }], berichten, apply: () => (v.referentie = ref) };
  }

  private vowNotHonoured(tw: VerzoekTw, tws: readonly VerzoekTw[], unanswered: boolean): Flow | null {
    const r = this.rng;
    if (tw.nummer === undefined || tw.start === null) return null;
    const startSent = Math.floor(tw.versions[0]!.sendMs / DAY_MS);
    const from = Math.max(tw.start + 20, startSent + 1);
    const to = tw.end - 10;
    if (to <= from) return null;
    const ms = this.after((from + r.int(0, to - from)) * DAY_MS, 0);
    const day = Math.floor(ms / DAY_MS);
    const inForce = [...tw.versions].reverse().find((v) => v.sendMs <= ms)!;
    if (inForce.reden === '13' || day + 1 > inForce.einddatum || (tw.stopSent && ms >= tw.stopMs)) return null;
    // the next version (a correction, a verkorting) after a refused VOW: keep the verzoek before it
    const next = tw.versions.find((v) => v.sendMs > ms);
    const ongewijzigd = this.actueel(tws, tw.aanbieder.agb, ms, tw);
    if (!ongewijzigd) return null;
    const langer = r.chance(0.5);
    const wens = langer
      ? { einddatum: Math.min(inForce.einddatum + this.cal.geldigheidToewijzing.value[tw.level], tw.cap), volume: inForce.volume }
      : { einddatum: inForce.einddatum, volume: inForce.volume + r.int(1, 2) };
    if (wens.einddatum < day + 1 || (langer && wens.einddatum <= inForce.einddatum)) return null;
    const ref = this.referentie('VOW');
    const agb = tw.aanbieder.agb;
    const gemeente = tw.child.gemeente.code;
    const scenario = unanswered ? 'vow-onbeantwoord' : 'vow-afgewezen';
    const berichten = [this.jw317(ms, tw, ref, wens, ongewijzigd, scenario)];
    let until = Infinity;
    if (!unanswered) {
      let answerMs = this.after(ms, r.int(0, 5));
      if (r.chance(0.2)) {
        berichten.push(this.jw319(answerMs, gemeente, agb, ref, { verzoekAntwoord: '2' }, scenario));
        answerMs = this.after(answerMs, r.int(5, 25));
      }
      berichten.push(this.jw319(answerMs, gemeente, agb, ref, { verzoekAntwoord: '1', redenAfwijzingVerzoek: this.reden() }, scenario));
      until = answerMs;
    }
    if (next && next.sendMs <= until && next.reden !== '14') return null;
    return { open: [{ agb, from: ms, until }], berichten, apply: () => undefined };
  }
}
