/**
 * Building and updating the `Historie` the level-3 rules read, from earlier accepted flat messages.
 *
 * Logical keys (IV008, IV096, TR101):
 * - ToegewezenProduct (JW301): gemeente + ToewijzingNummer (TR332: unique per gemeente).
 * - StartProduct (JW305): client + ToewijzingNummer + Product + Begindatum ("ToewijzingNummer, Product, Begindatum"
 *   in IV008; ToewijzingIngangsdatum is not part of it). Scoped to the gemeente and aanbieder of the bericht.
 * - StopProduct (JW307): the start's key + RedenBeeindiging + Einddatum. The standard names no key for the stop in
 *   these files; a temporary stop (RedenBeeindiging 20) and the definitive stop of the same start, both with
 *   StatusAanlevering 1 and possibly the same Einddatum, are legal (Casusbeschrijvingen 2 and 3, TR413–TR415), so the
 *   key must contain RedenBeeindiging, and IV008 allows correcting the Einddatum within one bericht, so it contains
 *   Einddatum too.
 */
import type { IsoDate, Jw301Toewijzing, Jw305StartZorg, Jw307StopZorg, PseudonymisedBericht } from '../model';
import type { Historie, HistorieStart, HistorieStop, HistorieToewijzing } from './types';
import { productSleutel, statusAanlevering } from './util';

export const LEGE_HISTORIE: Historie = Object.freeze({ toewijzingen: {}, starts: [], stops: [], identificaties: {} });

/** Key of `Historie.toewijzingen`. */
export function toewijzingSleutel(gemeente: string, toewijzingNummer: string): string {
  return `${gemeente}|${toewijzingNummer}`;
}

/** Key of `Historie.identificaties` (TR056: Identificatie unique per berichtsoort for the sender). */
export function identificatieSleutel(berichtcode: string, afzender: string, identificatie: string): string {
  return `${berichtcode}|${afzender}|${identificatie}`;
}

type StartLike = Pick<HistorieStart, 'gemeente' | 'aanbieder' | 'clientPseudonym' | 'toewijzingNummer' | 'product' | 'begindatum'>;

/** Logical key of a start (and the start part of a stop's key). */
export function startSleutel(s: StartLike): string {
  return [s.gemeente, s.aanbieder, s.clientPseudonym, s.toewijzingNummer, productSleutel(s.product), s.begindatum].join('|');
}

/** Logical key of a stop. */
export function stopSleutel(s: StartLike & { einddatum: IsoDate; redenBeeindiging: string }): string {
  return `${startSleutel(s)}|${s.einddatum}|${s.redenBeeindiging}`;
}

/** TR413–TR415 compare stops on "Bsn, ToewijzingNummer, Begindatum" (not on Product). */
export function stopGroepSleutel(
  s: Pick<HistorieStart, 'gemeente' | 'aanbieder' | 'clientPseudonym' | 'toewijzingNummer' | 'begindatum'>,
): string {
  return [s.gemeente, s.aanbieder, s.clientPseudonym, s.toewijzingNummer, s.begindatum].join('|');
}

export function alsStart(regel: PseudonymisedBericht<Jw305StartZorg> | PseudonymisedBericht<Jw307StopZorg>): HistorieStart {
  const s: HistorieStart = {
    gemeente: regel.gemeente,
    aanbieder: regel.aanbieder,
    clientPseudonym: regel.client.pseudonym,
    toewijzingNummer: regel.toewijzingNummer ?? '',
    begindatum: regel.begindatum,
  };
  if (regel.product) s.product = regel.product;
  return s;
}

export function alsStop(regel: PseudonymisedBericht<Jw307StopZorg>): HistorieStop {
  return { ...alsStart(regel), einddatum: regel.einddatum, redenBeeindiging: regel.redenBeeindiging };
}

function alsToewijzing(regel: PseudonymisedBericht<Jw301Toewijzing>): HistorieToewijzing {
  const t: HistorieToewijzing = {
    gemeente: regel.gemeente,
    toewijzingNummer: regel.toewijzingNummer,
    clientPseudonym: regel.client.pseudonym,
    aanbieder: regel.aanbieder,
    verwijderd: regel.redenWijziging === '13',
  };
  if (regel.product) t.product = regel.product;
  if (regel.ingangsdatum) t.ingangsdatum = regel.ingangsdatum;
  if (regel.einddatum) t.einddatum = regel.einddatum;
  if (regel.budget !== undefined) t.budget = regel.budget;
  if (regel.omvang) t.omvang = regel.omvang;
  return t;
}

/** Toewijzingsdatum + Toewijzingstijd as one sortable text; '' for records from before iJw 3.2 conformance. */
function versieMoment(regel: PseudonymisedBericht<Jw301Toewijzing>): string {
  return `${regel.toewijzingsdatum ?? ''}T${regel.toewijzingstijd ?? ''}`;
}

/**
 * The historie after one more accepted product: a JW301 sets the toewijzing (the latest by Toewijzingsdatum +
 * Toewijzingstijd wins, OP033x1; an equal moment: the later one), a JW305/JW307 with StatusAanlevering 1 adds its
 * start/stop, with 3 removes the start/stop with the same logical key (IV008). Returns a new object.
 */
export function pasToe(historie: Historie, regel: PseudonymisedBericht, momenten?: Map<string, string>): Historie {
  if (regel.berichtcode === 'JW301') {
    const key = toewijzingSleutel(regel.gemeente, regel.toewijzingNummer);
    const moment = versieMoment(regel);
    const bekend = momenten?.get(key);
    if (momenten && bekend !== undefined && bekend > moment) return historie;
    momenten?.set(key, moment);
    return { ...historie, toewijzingen: { ...historie.toewijzingen, [key]: alsToewijzing(regel) } };
  }
  const status = statusAanlevering(regel);
  if (regel.berichtcode === 'JW305') {
    const start = alsStart(regel);
    if (status === '3') {
      const key = startSleutel(start);
      return { ...historie, starts: historie.starts.filter((s) => startSleutel(s) !== key) };
    }
    return { ...historie, starts: [...historie.starts, start] };
  }
  const stop = alsStop(regel);
  if (status === '3') {
    const key = stopSleutel(stop);
    return { ...historie, stops: historie.stops.filter((s) => stopSleutel(s) !== key) };
  }
  return { ...historie, stops: [...historie.stops, stop] };
}

/** An earlier bericht for TR056: who sent which Identificatie in which berichtsoort, with its content hash. */
export interface EerderBericht {
  berichtcode: string;
  afzender: string;
  identificatie: string;
  inhoudHash: string;
}

/**
 * Builds the Historie from earlier accepted flat messages, in the order they were accepted (pseudonymised, with
 * StatusAanlevering), and the earlier berichten's identificaties for TR056. Pass at least the messages of the
 * keys the bericht touches (its toewijzingNummers, its client); more is harmless: every rule filters on its key.
 */
export function bouwHistorie(eerdere: readonly PseudonymisedBericht[], identificaties: readonly EerderBericht[] = []): Historie {
  const momenten = new Map<string, string>();
  let historie: Historie = { ...LEGE_HISTORIE };
  for (const regel of eerdere) historie = pasToe(historie, regel, momenten);
  const ids: Record<string, string> = {};
  for (const b of identificaties) ids[identificatieSleutel(b.berichtcode, b.afzender, b.identificatie)] = b.inhoudHash;
  return { ...historie, identificaties: ids };
}

/**
 * TR056 (regels/technische-regels/berichtoverstijgend/TR056.md): 'nieuw' when the sender never used this
 * Identificatie for this berichtsoort, 'herhaling' when it did with the same content (answer with the earlier
 * decision), 'conflict' when it did with other content (retourcode 9056).
 */
export function beoordeelIdentificatie(
  historie: Pick<Historie, 'identificaties'>,
  bericht: { berichtcode: string; header: { afzender: string; identificatie: string } },
  inhoudHash: string,
): 'nieuw' | 'herhaling' | 'conflict' {
  const eerder = historie.identificaties[identificatieSleutel(bericht.berichtcode, bericht.header.afzender, bericht.header.identificatie)];
  if (eerder === undefined) return 'nieuw';
  return eerder === inhoudHash ? 'herhaling' : 'conflict';
}
