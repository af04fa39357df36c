/**
 * Figures of the simulated request side (docs/simulator.md "The request side"), computed from the traffic as the
 * platform would see it: the published flat messages only, linked by their ReferentieAanbieder (verzoekSleutel).
 */
import { verzoekSleutel, type Jw301Toewijzing, type Jw315AangevraagdProduct } from '@trajectwacht/ijw';
import { addWorkingDays, dayOf } from './days';
import { isSimulatedVerzoek, type SimulatedTraffic } from './simulate';

export interface VerzoekSummary {
  /** Berichten-level counts of flat messages per berichtcode (JW315 per AangevraagdProduct). */
  perBerichtcode: Record<string, number>;
  /** Messages per flow (scenario of the verzoek). */
  perScenario: Record<string, number>;
  /** New toewijzingen (first JW301 of a nummer sent in the window, not the initial load). */
  nieuweToewijzingen: number;
  /** Of those, the share whose ToegewezenProduct honours a JW315 (the medical route). */
  medischeRouteShare: number;
  /** Verwijzer type mix of the JW315 AangevraagdProducten (COD327). */
  verwijzerMix: Record<string, number>;
  /** Verzoeken (JW315 products and JW317) sent in the window, and how they ended by the end of the traffic. */
  verzoeken: number;
  toegewezen: number;
  afgewezen: number;
  open: number;
  /** Of the answered verzoeken: the share whose first answer (JW319 or JW301) came within 5 working days. */
  binnenTermijnShare: number;
  /** Of the toegewezen verzoeken, the share answered first with a JW319 "aanvraag in onderzoek". */
  onderzoekShare: number;
  /** Days from verzoek to the honouring JW301 (dagtekening to dagtekening): median and p90. */
  verzoekNaarToewijzing: { median: number | null; p90: number | null };
  /** Reden afwijzing (WJ759) of the refusals. */
  redenAfwijzing: Record<string, number>;
  /** Share of the extensions (JW301 reden 04) that honour a JW317. */
  verlengingNaVowShare: number;
}

interface Verzoek {
  soort: 'JW315' | 'JW317';
  dag: number;
  initieel: boolean;
  eersteAntwoord?: number;
  onderzoek: boolean;
  toegewezen?: number;
  afgewezen: boolean;
}

function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export function summariseVerzoeken(traffic: Iterable<SimulatedTraffic>): VerzoekSummary {
  const perBerichtcode: Record<string, number> = {};
  const perScenario: Record<string, number> = {};
  const verwijzerMix: Record<string, number> = {};
  const redenAfwijzing: Record<string, number> = {};
  const verzoeken = new Map<string, Verzoek>();
  const seenNummer = new Set<string>();
  let nieuwe = 0;
  let nieuweMedisch = 0;
  let verlengingen = 0;
  let verlengingenNaVow = 0;
  let jw315 = 0;
  for (const m of traffic) {
    if (isSimulatedVerzoek(m)) {
      const v = m.verzoek;
      perBerichtcode[v.berichtcode] = (perBerichtcode[v.berichtcode] ?? 0) + 1;
      perScenario[m.scenario] = (perScenario[m.scenario] ?? 0) + 1;
      const key = verzoekSleutel(v.gemeente, v.aanbieder, v.referentieAanbieder);
      const dag = dayOf(v.dagtekening);
      if (v.berichtcode === 'JW319') {
        const x = verzoeken.get(key);
        if (!x) continue;
        x.eersteAntwoord ??= dag;
        if (v.verzoekAntwoord === '2') x.onderzoek = true;
        else {
          x.afgewezen = true;
          redenAfwijzing[v.redenAfwijzingVerzoek ?? ''] = (redenAfwijzing[v.redenAfwijzingVerzoek ?? ''] ?? 0) + 1;
        }
        continue;
      }
      if (v.berichtcode === 'JW315' && !m.initieel) {
        jw315++;
        const t = (v as Jw315AangevraagdProduct).verwijzer.type;
        verwijzerMix[t] = (verwijzerMix[t] ?? 0) + 1;
      }
      verzoeken.set(key, { soort: v.berichtcode, dag, initieel: m.initieel === true, onderzoek: false, afgewezen: false });
      continue;
    }
    const b = m.bericht;
    if (b.berichtcode !== 'JW301') continue;
    const t = b as Jw301Toewijzing;
    const nummer = `${t.gemeente}/${t.toewijzingNummer}`;
    const ref =
      t.referentieAanbieder !== undefined ? verzoeken.get(verzoekSleutel(t.gemeente, t.aanbieder, t.referentieAanbieder)) : undefined;
    if (ref) {
      const dag = dayOf(t.dagtekening!);
      ref.eersteAntwoord ??= dag;
      ref.toegewezen ??= dag;
    }
    if (!seenNummer.has(nummer)) {
      seenNummer.add(nummer);
      if (!m.initieel && t.redenWijziging === undefined) {
        nieuwe++;
        if (ref?.soort === 'JW315') nieuweMedisch++;
      }
    } else if (t.redenWijziging === '04' && !m.initieel) {
      verlengingen++;
      if (ref?.soort === 'JW317') verlengingenNaVow++;
    }
  }
  const sent = [...verzoeken.values()].filter((v) => !v.initieel);
  const answered = sent.filter((v) => v.eersteAntwoord !== undefined);
  const toegewezen = sent.filter((v) => v.toegewezen !== undefined);
  const delays = toegewezen.map((v) => v.toegewezen! - v.dag).sort((a, b) => a - b);
  for (const k of Object.keys(verwijzerMix)) verwijzerMix[k] = verwijzerMix[k]! / Math.max(1, jw315);
  return {
    perBerichtcode,
    perScenario,
    nieuweToewijzingen: nieuwe,
    medischeRouteShare: nieuweMedisch / Math.max(1, nieuwe),
    verwijzerMix,
    verzoeken: sent.length,
    toegewezen: toegewezen.length,
    afgewezen: sent.filter((v) => v.toegewezen === undefined && v.afgewezen).length,
    open: sent.filter((v) => v.toegewezen === undefined && !v.afgewezen).length,
    binnenTermijnShare: answered.filter((v) => v.eersteAntwoord! <= addWorkingDays(v.dag, 5)).length / Math.max(1, answered.length),
    onderzoekShare: toegewezen.filter((v) => v.onderzoek).length / Math.max(1, toegewezen.length),
    verzoekNaarToewijzing: { median: quantile(delays, 0.5), p90: quantile(delays, 0.9) },
    redenAfwijzing,
    verlengingNaVowShare: verlengingenNaVow / Math.max(1, verlengingen),
  };
}
