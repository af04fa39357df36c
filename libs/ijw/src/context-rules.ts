import { RETOUR, findRedenWijziging } from './codelists';
import type { IsoDate, PseudonymisedBericht, RetourProblem } from './model';

/**
 * The rules that need more than the message itself: who sent it, and the toewijzing it refers to.
 * Pure functions: the ingest service loads the toewijzing and calls decide().
 */

/** The authenticated organisation that sent a message. */
export type Afzender = { role: 'toegang'; gemeente: string } | { role: 'aanbieder'; agb: string };

export function afzenderId(afzender: Afzender): string {
  return afzender.role === 'toegang' ? `gemeente:${afzender.gemeente}` : `aanbieder:${afzender.agb}`;
}

/** What ingestion knows of a toewijzing (from accepted JW301 messages). */
export interface BekendeToewijzing {
  gemeente: string;
  toewijzingNummer: string;
  aanbieder: string;
  clientPseudonym: string;
  productcategorie: string;
  productcode?: string | null;
  ingangsdatum: IsoDate;
  einddatum?: IsoDate | null;
  ingetrokken: boolean;
}

export type Decision =
  | { outcome: 'geaccepteerd' }
  | { outcome: 'afgewezen'; problems: RetourProblem[] }
  /**
   * Held: a start/stop for a toewijzing we do not know yet, or that conflicts only with the toewijzing's current
   * dates or product (a correcting JW301 may still be on its way: messages of different senders arrive in any
   * order). Decided when the toewijzing changes or the hold ends; `problems` are the provisional reasons.
   */
  | { outcome: 'wachtend'; problems?: RetourProblem[] };

/** Problems that a later JW301 (correction, extension) can resolve: these hold the message instead of rejecting it at once. */
const TOEWIJZING_CONFLICTS = new Set<string>([RETOUR.START_BEFORE_INGANGSDATUM, RETOUR.STOP_AFTER_EINDDATUM, RETOUR.PRODUCT_MISMATCH]);

/** May this sender publish this message at all? Providers only as their own AGB, municipalities only as their own gemeente. */
export function authorise(bericht: Pick<PseudonymisedBericht, 'berichtcode' | 'gemeente' | 'aanbieder'>, afzender: Afzender): RetourProblem[] {
  if (bericht.berichtcode === 'JW301') {
    if (afzender.role !== 'toegang') return [{ code: RETOUR.NOT_AUTHORISED, field: 'berichtcode', message: 'only a gemeente (toegang) may send a JW301 toewijzing' }];
    if (afzender.gemeente !== bericht.gemeente) {
      return [{ code: RETOUR.NOT_AUTHORISED, field: 'gemeente', message: `you are authenticated as gemeente ${afzender.gemeente} and may not send for gemeente ${bericht.gemeente}` }];
    }
    return [];
  }
  if (afzender.role !== 'aanbieder') return [{ code: RETOUR.NOT_AUTHORISED, field: 'berichtcode', message: `only an aanbieder may send a ${bericht.berichtcode}` }];
  if (afzender.agb !== bericht.aanbieder) {
    return [{ code: RETOUR.NOT_AUTHORISED, field: 'aanbieder', message: `you are authenticated as aanbieder ${afzender.agb} and may not send for aanbieder ${bericht.aanbieder}` }];
  }
  return [];
}

/**
 * Decides what happens to an authenticated, stateless-valid message given the toewijzing it refers to.
 * `holdExpired` is true once the grace period for an unknown toewijzing has passed.
 */
export function decide(bericht: PseudonymisedBericht, afzender: Afzender, toewijzing: BekendeToewijzing | undefined, holdExpired = false): Decision {
  const auth = authorise(bericht, afzender);
  if (auth.length > 0) return { outcome: 'afgewezen', problems: auth };

  if (bericht.berichtcode === 'JW301') {
    if (!toewijzing) return { outcome: 'geaccepteerd' };
    const problems: RetourProblem[] = [];
    if (toewijzing.clientPseudonym !== bericht.client.pseudonym) {
      problems.push({ code: RETOUR.TOEWIJZINGNUMMER_INVALID, field: 'toewijzingNummer', message: `toewijzing ${bericht.toewijzingNummer} already exists for another client` });
    }
    if (toewijzing.aanbieder !== bericht.aanbieder) {
      problems.push({ code: RETOUR.TOEWIJZINGNUMMER_INVALID, field: 'aanbieder', message: `toewijzing ${bericht.toewijzingNummer} is addressed to another aanbieder; a new toewijzing is needed` });
    }
    if (!bericht.redenWijziging && toewijzing.ingetrokken) {
      problems.push({ code: RETOUR.TOEWIJZINGNUMMER_INVALID, field: 'toewijzingNummer', message: `toewijzing ${bericht.toewijzingNummer} was withdrawn and cannot be reissued under the same number` });
    }
    if (bericht.redenWijziging && !findRedenWijziging(bericht.redenWijziging)) {
      problems.push({ code: RETOUR.REDEN_WIJZIGING_UNKNOWN, field: 'redenWijziging', message: `redenWijziging "${bericht.redenWijziging}" is not in codelist JZ002` });
    }
    return problems.length ? { outcome: 'afgewezen', problems } : { outcome: 'geaccepteerd' };
  }

  // JW305 / JW307
  if (!toewijzing) {
    if (!holdExpired) return { outcome: 'wachtend' };
    return {
      outcome: 'afgewezen',
      problems: [{ code: RETOUR.TOEWIJZING_UNKNOWN, field: 'toewijzingNummer', message: `no toewijzing ${bericht.toewijzingNummer} of gemeente ${bericht.gemeente} is known (waited for it during the grace period)` }],
    };
  }
  const problems: RetourProblem[] = [];
  if (toewijzing.aanbieder !== bericht.aanbieder) {
    return { outcome: 'afgewezen', problems: [{ code: RETOUR.NOT_AUTHORISED, field: 'toewijzingNummer', message: `toewijzing ${bericht.toewijzingNummer} is not addressed to aanbieder ${bericht.aanbieder}` }] };
  }
  if (toewijzing.clientPseudonym !== bericht.client.pseudonym) {
    problems.push({ code: RETOUR.TOEWIJZING_UNKNOWN, field: 'client.bsn', message: `toewijzing ${bericht.toewijzingNummer} belongs to another client` });
  }
  if (toewijzing.ingetrokken) {
    problems.push({ code: RETOUR.TOEWIJZING_UNKNOWN, field: 'toewijzingNummer', message: `toewijzing ${bericht.toewijzingNummer} was withdrawn by the gemeente` });
  }
  if (toewijzing.productcategorie !== bericht.product.categorie || (toewijzing.productcode && bericht.product.code && toewijzing.productcode !== bericht.product.code)) {
    problems.push({
      code: RETOUR.PRODUCT_MISMATCH,
      field: 'product',
      message: `product ${bericht.product.categorie}/${bericht.product.code ?? '-'} differs from the toegewezen product ${toewijzing.productcategorie}/${toewijzing.productcode ?? '-'}`,
    });
  }
  if (bericht.begindatum < toewijzing.ingangsdatum) {
    problems.push({ code: RETOUR.START_BEFORE_INGANGSDATUM, field: 'begindatum', message: `begindatum ${bericht.begindatum} lies before the toewijzing's ingangsdatum ${toewijzing.ingangsdatum}` });
  }
  if (toewijzing.einddatum) {
    if (bericht.berichtcode === 'JW307' && bericht.einddatum > toewijzing.einddatum) {
      problems.push({ code: RETOUR.STOP_AFTER_EINDDATUM, field: 'einddatum', message: `einddatum ${bericht.einddatum} lies after the toewijzing's einddatum ${toewijzing.einddatum}` });
    }
    if (bericht.begindatum > toewijzing.einddatum) {
      problems.push({ code: RETOUR.STOP_AFTER_EINDDATUM, field: 'begindatum', message: `begindatum ${bericht.begindatum} lies after the toewijzing's einddatum ${toewijzing.einddatum}` });
    }
  }
  if (problems.length === 0) return { outcome: 'geaccepteerd' };
  if (!holdExpired && problems.every((p) => TOEWIJZING_CONFLICTS.has(p.code))) return { outcome: 'wachtend', problems };
  return { outcome: 'afgewezen', problems };
}
