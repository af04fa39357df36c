/**
 * The JSON contract of the iJw messages Trajectwacht accepts (see docs/messages.md and docs/schema/bericht.schema.json).
 * Field names are the iJw element names in camelCase.
 */
export type Berichtcode = 'JW301' | 'JW305' | 'JW307';
export const BERICHTCODES: readonly Berichtcode[] = ['JW301', 'JW305', 'JW307'];

/** ISO calendar date, YYYY-MM-DD. */
export type IsoDate = string;

/** COD170 Datumgebruik: which part of a birth date is unknown. Absent = the date is exact. */
export type DatumGebruik = '1' | '2' | '3';

/** COD467 StatusAanlevering as JW305/JW307 use it: 1 eerste aanlevering, 3 verwijderen aanlevering (2 is not used in iJw 3.2). */
export type StatusAanlevering = '1' | '3';

export interface ClientGegevens {
  bsn: string;
  geboortedatum: IsoDate;
  /** COD170: 1 dag onbekend, 2 dag en maand onbekend, 3 geheel onbekend (Datum is then a placeholder). Absent = exact. */
  datumGebruik?: DatumGebruik;
}

export interface Product {
  /** Productcategorie (2 digits, codelist JZ020). In iJw 3.2 it may be absent inside CDT_Product; the platform requires it when a Product is sent. */
  categorie: string;
  /** Productcode (LDT_ProductCode: 1–5 characters); absent for an aspecifieke toewijzing (category only). */
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
  /**
   * ToewijzingNummer (LDT_Nummer: an integer 0–999 999 999), always in canonical decimal form without leading
   * zeros ("0300201" and "300201" are the same toewijzing and both become "300201").
   */
  toewijzingNummer: string;
  /** Absent only for a generieke toewijzing (JW301 with Budget, no Product) and for a start/stop that names no product. */
  product?: Product;
  /** Dagtekening: the date the sender created the message. */
  dagtekening?: IsoDate;
  /**
   * Header/BerichtIdentificatie/Identificatie of the iJw bericht this product came from (at most 12 characters).
   * `berichtId` is the id of this one product within it. Absent on messages recorded before iJw 3.2 conformance.
   */
  identificatie?: string;
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
  /** Toewijzingsdatum + Toewijzingstijd: when the gemeente decided this version; the latest decides which version is current. */
  toewijzingsdatum?: IsoDate;
  /** HH:MM:SS (LDT_Tijd, no zone). */
  toewijzingstijd?: string;
  /** Budget in eurocent (LDT_Budget 0–99 999 999); with no product it makes this a generieke toewijzing. */
  budget?: number;
}

export interface Jw305StartZorg extends BerichtBase {
  berichtcode: 'JW305';
  begindatum: IsoDate;
  /** ToewijzingIngangsdatum: the ingangsdatum of the toewijzing this start refers to (optional in the XSD). */
  toewijzingIngangsdatum?: IsoDate;
  /** '3' deletes the earlier start with the same logical key (ToewijzingNummer, Product, Begindatum). Absent = '1'. */
  statusAanlevering?: StatusAanlevering;
}

export interface Jw307StopZorg extends BerichtBase {
  berichtcode: 'JW307';
  begindatum: IsoDate;
  einddatum: IsoDate;
  /** Reden beëindiging (JZ588). */
  redenBeeindiging: string;
  toewijzingIngangsdatum?: IsoDate;
  /** '3' deletes the earlier stop with the same logical key (ToewijzingNummer, Product, Begindatum, Einddatum…). Absent = '1'. */
  statusAanlevering?: StatusAanlevering;
}

export type IjwBericht = Jw301Toewijzing | Jw305StartZorg | Jw307StopZorg;

/** A message as it travels inside the platform: the BSN is replaced by the keyed-hash pseudonym. */
export type PseudonymisedBericht<B extends IjwBericht = IjwBericht> = B extends IjwBericht
  ? Omit<B, 'client'> & { client: { pseudonym: string; geboortedatum: IsoDate; datumGebruik?: DatumGebruik } }
  : never;

/** One validation failure: an iJw-style retour code, the field concerned and a readable explanation. */
export interface RetourProblem {
  code: string;
  field?: string;
  message: string;
}
