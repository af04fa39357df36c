/**
 * Controleniveau 3 of the request side (JW315 verzoek om toewijzing, JW317 verzoek om wijziging, JW319 antwoord):
 * the berichtoverstijgende rules that need what was accepted before. Pure: the ingest service fills a
 * `VerzoekHistorie` from PostgreSQL (ijw_verzoek_bericht, ijw_bericht) and calls `checkVerzoekHistorie`; tests build
 * one with `bouwVerzoekHistorie` from earlier flat messages. One file per rule (TR347.ts, …), listed below.
 *
 * The link between a verzoek and what refers to it is the ReferentieAanbieder (docs/messages.md §3a): a JW319
 * answers the verzoek with its ReferentieAanbieder of the same gemeente and aanbieder (TR355), a JW301 honours it by
 * carrying it (TR379).
 */
import type { Bevinding, PseudonymisedBericht, PseudonymisedVerzoek, VerzoekBerichtcode } from '../model';
import { bouwHistorie, toewijzingSleutel } from './historie';
import type { HistorieToewijzing } from './types';

/** An earlier accepted message of the request side, or a JW301 ToegewezenProduct that carries a ReferentieAanbieder. */
export interface EerderVerzoekBericht {
  berichtcode: 'JW315' | 'JW317' | 'JW319' | 'JW301';
  gemeente: string;
  aanbieder: string;
  referentieAanbieder: string;
  clientPseudonym: string;
  /** JW319: WJ760 1 verzoek afgewezen, 2 aanvraag in onderzoek. */
  verzoekAntwoord?: string;
  /** JW301: the toewijzing that honours the verzoek. */
  toewijzingNummer?: string;
}

/** What the level-3 rules of the request side know of earlier accepted berichten. */
export interface VerzoekHistorie {
  /**
   * The earlier accepted messages that share a ReferentieAanbieder with the bericht (of the same aanbieder), and every
   * earlier verzoek of the same aanbieder for the same client with what answered it (TR374), in order of acceptance.
   */
  berichten: readonly EerderVerzoekBericht[];
  /** TR350, TR351: per `toewijzingSleutel(gemeente, toewijzingNummer)` the known toewijzing (its current version). */
  toewijzingen: Readonly<Record<string, HistorieToewijzing>>;
  /**
   * TR349: every toewijzing the platform knows of the JW317's client at its aanbieder in its gemeente (current
   * versions), named in the JW317 or not. Absent: TR349 is not checked (a caller that cannot load them by client).
   */
  clientToewijzingen?: readonly HistorieToewijzing[];
}

/** A pseudonymised JW315, JW317 or JW319 as the level-3 rules see it. */
export interface VerzoekHistorieBericht {
  berichtcode: VerzoekBerichtcode;
  /** The flat messages: one per AangevraagdProduct (JW315), the one Verzoek (JW317) or the one Antwoord (JW319). */
  regels: readonly PseudonymisedVerzoek[];
  /** JW319 only: the pseudonym of the verzoek it answers (ingest finds it by TR355); absent when none is known. */
  clientPseudonym?: string;
}

/** A berichtoverstijgende rule of the request side. */
export interface VerzoekHistorieRegel {
  code: string;
  bron: string;
  niveau: 3;
  retourcode: string;
  berichten: readonly VerzoekBerichtcode[];
  check(bericht: VerzoekHistorieBericht, historie: VerzoekHistorie): Bevinding[];
}

/** The earlier message as the historie keeps it (a JW319 with the pseudonym of its verzoek). */
export function alsEerderVerzoekBericht(
  m: PseudonymisedVerzoek | PseudonymisedBericht,
  clientPseudonym?: string,
): EerderVerzoekBericht | null {
  if (m.berichtcode === 'JW305' || m.berichtcode === 'JW307') return null;
  if (m.berichtcode === 'JW301') {
    if (!m.referentieAanbieder) return null;
    return {
      berichtcode: 'JW301',
      gemeente: m.gemeente,
      aanbieder: m.aanbieder,
      referentieAanbieder: m.referentieAanbieder,
      clientPseudonym: m.client.pseudonym,
      toewijzingNummer: m.toewijzingNummer,
    };
  }
  const pseudonym = 'client' in m ? m.client.pseudonym : clientPseudonym;
  return {
    berichtcode: m.berichtcode,
    gemeente: m.gemeente,
    aanbieder: m.aanbieder,
    referentieAanbieder: m.referentieAanbieder,
    clientPseudonym: pseudonym ?? '',
    ...(m.berichtcode === 'JW319' ? { verzoekAntwoord: m.verzoekAntwoord } : {}),
  };
}

/** A VerzoekHistorie from earlier flat messages (request side and toewijzing cycle alike), in order of acceptance. */
export function bouwVerzoekHistorie(
  eerdere: readonly { message: PseudonymisedVerzoek | PseudonymisedBericht; clientPseudonym?: string }[],
): VerzoekHistorie {
  const berichten = eerdere
    .map((e) => alsEerderVerzoekBericht(e.message, e.clientPseudonym))
    .filter((x): x is EerderVerzoekBericht => x !== null);
  const cyclus = eerdere.map((e) => e.message).filter((m): m is PseudonymisedBericht => 'toewijzingNummer' in m);
  return { berichten, toewijzingen: bouwHistorie(cyclus).toewijzingen };
}

/** The toewijzing keys (gemeente|nummer) a JW317 refers to: its OngewijzigdeProducten and TeWijzigenProducten. */
export function verzoekToewijzingSleutels(regels: readonly PseudonymisedVerzoek[]): string[] {
  const out: string[] = [];
  for (const r of regels) {
    if (r.berichtcode !== 'JW317') continue;
    for (const n of r.ongewijzigd) out.push(toewijzingSleutel(r.gemeente, n));
    for (const t of r.teWijzigen) out.push(toewijzingSleutel(r.gemeente, t.toewijzingNummer));
  }
  return [...new Set(out)];
}

/** Whether an earlier verzoek (JW315/JW317) is still in behandeling: no JW319 "afgewezen" and no JW301 with its key (TR374). */
export function isOnderhanden(verzoek: EerderVerzoekBericht, berichten: readonly EerderVerzoekBericht[]): boolean {
  if (verzoek.berichtcode !== 'JW315' && verzoek.berichtcode !== 'JW317') return false;
  return !berichten.some(
    (b) =>
      b.gemeente === verzoek.gemeente &&
      b.aanbieder === verzoek.aanbieder &&
      b.referentieAanbieder === verzoek.referentieAanbieder &&
      (b.berichtcode === 'JW301' || (b.berichtcode === 'JW319' && b.verzoekAntwoord === '1')),
  );
}
