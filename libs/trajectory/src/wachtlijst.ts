/**
 * The waiting list of the toegang worker (issue 17 point 5): what is waiting in the gemeente, oldest first, per aanbieder —
 * verzoeken without an answer that ends them (JW315 verzoek om toewijzing, JW317 verzoek om wijziging: status ontvangen or
 * in onderzoek, libs/trajectory/src/verzoek.ts) and toewijzingen without a start (status toegewezen, not lapsed). Pure:
 * the kinds, the row the API answers with, how long each has waited, and the keyset cursor of its order.
 *
 * Waited since (`sinds`): a verzoek from the Dutch date the platform received it (the standard's terms run from receipt,
 * procesbeschrijving-ijw-3.2.md §2.5.3, as VerzoekState.ontvangen); a toewijzing from its Ingangsdatum (as the
 * WACHTTIJD_GEEN_START signal and the toewijzing → start waiting time count), and when it honours a JW315 also from that
 * verzoek's receipt (`verzoekOntvangen`: request → start, the waiting as the family lives it). A toewijzing whose
 * Ingangsdatum lies ahead has waited 0 days. No BSN: the child is its pseudonym, the case its ToewijzingNummer or the
 * aanbieder's ReferentieAanbieder.
 */
import { daysBetween, type IsoDate } from '@trajectwacht/dates';

export const WACHTLIJST_SOORTEN = ['verzoek_om_toewijzing', 'verzoek_om_wijziging', 'toewijzing_zonder_start'] as const;
export type WachtlijstSoort = (typeof WACHTLIJST_SOORTEN)[number];

export function isWachtlijstSoort(value: unknown): value is WachtlijstSoort {
  return typeof value === 'string' && (WACHTLIJST_SOORTEN as readonly string[]).includes(value);
}

export interface WachtlijstItem {
  soort: WachtlijstSoort;
  /** The verzoek's key (`gemeente|aanbieder|ReferentieAanbieder`) or the trajectory id (`gemeente-nummer`). */
  id: string;
  gemeente: string;
  aanbieder: string;
  clientPseudonym: string;
  /** The date the waiting is counted from (see the module comment). */
  sinds: IsoDate;
  /** Whole days from `sinds` to today (Europe/Amsterdam), never negative. */
  wachtdagen: number;
  /** Toewijzing: its ToewijzingNummer; VOW: the toewijzing(en) it asks to change. */
  toewijzingNummers: string[];
  /** Verzoek: the aanbieder's ReferentieAanbieder. */
  referentieAanbieder: string | null;
  /** Verzoek: ontvangen or in_onderzoek; toewijzing: toegewezen. */
  status: string;
  productcategorie: string | null;
  productcode: string | null;
  /** JW315: COD327 type of the verwijzer. */
  verwijzerType: string | null;
  /** Toewijzing: its Ingangsdatum; verzoek: the ingangsdatum asked for. */
  ingangsdatum: IsoDate | null;
  /** Toewijzing honouring a JW315: that verzoek's receipt and the days since (request → today). */
  verzoekOntvangen: IsoDate | null;
  wachtdagenSindsVerzoek: number | null;
}

/** Whole days waited from `sinds` to `vandaag` (ISO dates), 0 when `sinds` lies ahead. */
export function wachtdagen(sinds: IsoDate, vandaag: IsoDate): number {
  return Math.max(0, daysBetween(sinds, vandaag));
}

/** The order of the list: oldest `sinds` first, then soort, then id (code point order). The cursor is its key. */
export interface WachtlijstCursor {
  sinds: IsoDate;
  soort: WachtlijstSoort;
  id: string;
}

export function compareWachtlijst(a: WachtlijstCursor, b: WachtlijstCursor): number {
  if (a.sinds !== b.sinds) return a.sinds < b.sinds ? -1 : 1;
  if (a.soort !== b.soort) return a.soort < b.soort ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function encodeWachtlijstCursor(c: WachtlijstCursor): string {
  return Buffer.from(JSON.stringify([c.sinds, c.soort, c.id])).toString('base64url');
}

/** The cursor, or null when `text` is not one of this list. */
export function decodeWachtlijstCursor(text: string): WachtlijstCursor | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    const [sinds, soort, id]: unknown[] = Array.isArray(parsed) ? parsed : [];
    if (
      typeof sinds === 'string' &&
      /^\d{4}-\d{2}-\d{2}$/.test(sinds) &&
      isWachtlijstSoort(soort) &&
      typeof id === 'string' &&
      id.length > 0 &&
      id.length <= 200
    )
      return { sinds, soort, id };
  } catch {
    // not a cursor
  }
  return null;
}
