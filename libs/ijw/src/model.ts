/**
 * The JSON contract of the iJw messages Trajectwacht accepts (see docs/messages.md and docs/schema/bericht.schema.json).
 * Field names are the iJw element names in camelCase.
 */
export type Berichtcode = 'JW301' | 'JW305' | 'JW307';
export const BERICHTCODES: readonly Berichtcode[] = ['JW301', 'JW305', 'JW307'];

/** ISO calendar date, YYYY-MM-DD. */
export type IsoDate = string;

export interface ClientGegevens {
  bsn: string;
  geboortedatum: IsoDate;
}

export interface Product {
  /** Productcategorie (2 digits, codelist "Productcategorie Jeugdwet"). */
  categorie: string;
  /** Productcode (5 positions); absent for an aspecifieke toewijzing (category only). */
  code?: string;
}

export interface Omvang {
  volume: number;
  /** Eenheid (codelist JZ756-like, see codelists). */
  eenheid: string;
  /** Frequentie (codelist, see codelists). */
  frequentie: string;
}

export interface Verwijzer {
  /** Type verwijzer (codelist JZ010-like: 01 gemeente, 02 huisarts, 03 jeugdarts, 04 GI, 05 medisch specialist, 06 zelfverwijzer/geen verwijzer). */
  type: string;
  /** AGB code of the referring doctor, when the verwijzer is a zorgverlener. */
  zorgverlenerCode?: string;
  naam?: string;
}

interface BerichtBase {
  berichtcode: Berichtcode;
  /** Unique per sender; a second message with the same berichtId is a duplicate (idempotent). */
  berichtId: string;
  /** Gemeentecode (4 digits, CBS). */
  gemeente: string;
  /** AGB code of the aanbieder (8 digits). */
  aanbieder: string;
  client: ClientGegevens;
  toewijzingNummer: string;
  product: Product;
  /** Dagtekening: the date the sender created the message. */
  dagtekening?: IsoDate;
}

export interface Jw301Toewijzing extends BerichtBase {
  berichtcode: 'JW301';
  ingangsdatum: IsoDate;
  einddatum?: IsoDate;
  /** Reden wijziging (JZ002) when this message changes, corrects or withdraws an earlier toewijzing. */
  redenWijziging?: string;
  omvang?: Omvang;
  verwijzer?: Verwijzer;
  /** Reference of the aanbieder (e.g. from the JW315 verzoek om toewijzing). */
  referentieAanbieder?: string;
  commentaar?: string;
}

export interface Jw305StartZorg extends BerichtBase {
  berichtcode: 'JW305';
  begindatum: IsoDate;
}

export interface Jw307StopZorg extends BerichtBase {
  berichtcode: 'JW307';
  begindatum: IsoDate;
  einddatum: IsoDate;
  /** Reden beëindiging (JZ588). */
  redenBeeindiging: string;
}

export type IjwBericht = Jw301Toewijzing | Jw305StartZorg | Jw307StopZorg;

/** A message as it travels inside the platform: the BSN is replaced by the keyed-hash pseudonym. */
export type PseudonymisedBericht<B extends IjwBericht = IjwBericht> = B extends IjwBericht
  ? Omit<B, 'client'> & { client: { pseudonym: string; geboortedatum: IsoDate } }
  : never;

/** One validation failure: an iJw-style retour code, the field concerned and a readable explanation. */
export interface RetourProblem {
  code: string;
  field?: string;
  message: string;
}
