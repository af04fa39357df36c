/**
 * The iJw 3.2 model inside the platform (docs/messages.md): the flat per-product message that travels on
 * ijw.geaccepteerd.v1 (field names are the iJw element names in camelCase), the heenbericht and its findings.
 * The berichten themselves are read as XML or their JSON form (libs/ijw/src/schema, docs/schema/jw30x.schema.json).
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
  /**
   * Productcategorie (2 digits, codelist JZ020). In iJw 3.2 it may be absent inside CDT_Product; the platform requires it when a Product is
   * sent.
   */
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
  /**
   * Type verwijzer (codelist JZ010-like: 01 gemeente, 02 huisarts, 03 jeugdarts, 04 GI, 05 medisch specialist, 06 zelfverwijzer/geen
   * verwijzer).
   */
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

/** The iJw berichtsoorten Trajectwacht reads and writes (heenberichten and their retourberichten). */
export type IjwBerichtsoort =
  'JW301' | 'JW302' | 'JW305' | 'JW306' | 'JW307' | 'JW308' | 'JW315' | 'JW316' | 'JW317' | 'JW318' | 'JW319' | 'JW320';

/** The header of an iJw heenbericht, as far as the platform uses it (all other header elements are kept in the tree). */
export interface HeenberichtHeader {
  /** 436 (JW301), 438 (JW305), 440 (JW307). */
  berichtCode: string;
  berichtVersie: string;
  berichtSubversie: string;
  afzender: string;
  ontvanger: string;
  /** BerichtIdentificatie/Identificatie: 1–12 characters, unique per berichtsoort for the sender (TR056). */
  identificatie: string;
  dagtekening: IsoDate;
}

/**
 * One iJw heenbericht after the structural check: its header, its client and one flat message per product
 * (ToegewezenProduct / StartProduct / StopProduct, in document order), each carrying the header and client fields.
 */
export interface Heenbericht<B extends IjwBericht = IjwBericht> {
  berichtcode: Berichtcode;
  header: HeenberichtHeader;
  client: ClientGegevens;
  regels: B[];
}

/**
 * Controleniveau (IV032): 1 berichtformaat (XSD), 2 berichtinhoud (XSLT: rules within one bericht, retourcode 0001),
 * 3 berichtoverstijgend (against earlier berichten), 4 externe bron (system date, CBS list, contracts).
 */
export type Controleniveau = 1 | 2 | 3 | 4;

/** The berichtklasse a finding belongs to: where the retour bericht carries its retourcode (IV028). */
export type Berichtklasse = 'header' | 'client' | 'product';

/** One finding about a received bericht: the standard's retourcode, the rule, where, and a Dutch explanation. */
export interface Bevinding {
  /** WJ001 retourcode (0001 for controleniveau 1 and 2). */
  retourcode: string;
  /** The rule that found it: a TR/CS/CD/RS/OP code of the standard, or 'XSD' for the structure. */
  regel: string;
  niveau: Controleniveau;
  klasse: Berichtklasse;
  /** 0-based index of the product in document order, when klasse = 'product'. */
  productIndex?: number;
  /** Path of the element concerned, e.g. `Client/ToegewezenProducten/ToegewezenProduct[2]/ToewijzingNummer`. */
  pad?: string;
  /** Dutch, human-readable explanation; never contains a BSN. */
  toelichting: string;
}

/**
 * The request side of the cycle (procesbeschrijving-ijw-3.2.md §2.5, §3.3.1; berichtstromen "VOT", "VOW"): the
 * aanbieder asks for a toewijzing (JW315 verzoek om toewijzing, VOT) or for a change (JW317 verzoek om wijziging,
 * VOW); the gemeente answers with a toewijzing (JW301) or one or more antwoordberichten (JW319). The link is the
 * ReferentieAanbieder: the aanbieder's reference of the AangevraagdProduct (JW315) or of the Verzoek as a whole
 * (JW317), unique for the aanbieder (TR347), repeated in the JW319 (TR355) and in the ToegewezenProduct that
 * honours the request (TR379). See `verzoekSleutel` (mapping.ts).
 */
export type VerzoekBerichtcode = 'JW315' | 'JW317' | 'JW319';
export const VERZOEK_BERICHTCODES: readonly VerzoekBerichtcode[] = ['JW315', 'JW317', 'JW319'];

/** Every heenbericht the platform receives: the toewijzing cycle (JW301/305/307) and the request side (JW315/317/319). */
export type Heenberichtsoort = Berichtcode | VerzoekBerichtcode;
export const HEENBERICHTSOORTEN: readonly Heenberichtsoort[] = [...BERICHTCODES, ...VERZOEK_BERICHTCODES];

export function isVerzoekBerichtcode(soort: string | null | undefined): soort is VerzoekBerichtcode {
  return soort === 'JW315' || soort === 'JW317' || soort === 'JW319';
}

interface VerzoekBase {
  /** Identificatie/n: n = position of the AangevraagdProduct (JW315); `/1` for the one Verzoek (JW317) or Antwoord (JW319). */
  berichtId: string;
  /** Header/BerichtIdentificatie/Identificatie. */
  identificatie: string;
  gemeente: string;
  aanbieder: string;
  dagtekening: IsoDate;
  /** LDT_Referentie (1–36 characters), kept exactly as sent: the key of the request (TR347, TR355, TR379). */
  referentieAanbieder: string;
}

/** One AangevraagdProduct of a JW315 (verzoek om toewijzing, VOT): each is its own request with its own ReferentieAanbieder. */
export interface Jw315AangevraagdProduct extends VerzoekBase {
  berichtcode: 'JW315';
  client: ClientGegevens;
  /** LDT_Nummer, canonical (no leading zeros) like ToewijzingNummer. */
  beschikkingNummer?: string;
  product?: Product;
  beschikkingIngangsdatum?: IsoDate;
  /** The ingangsdatum the aanbieder asks for. */
  toewijzingIngangsdatum: IsoDate;
  toewijzingEinddatum?: IsoDate;
  omvang?: Omvang;
  /** Budget in eurocent. */
  budget?: number;
  /**
   * COD327 Code verwijzer (01 gemeente, 02 huisarts, 03 jeugdarts, 04 gecertificeerde instelling, 05 medisch specialist,
   * 06 zelfverwijzer/geen verwijzer, 08 rechter/OvJ/JJI) with the ZorgverlenerCode or Naam (CD066–CD068).
   */
  verwijzer: Verwijzer;
  /** COD260 1/2. */
  raamcontract?: string;
  commentaar?: string;
}

/** A product of a JW317 Verzoek that is to change (TeWijzigenProduct). */
export interface TeWijzigenProduct {
  toewijzingNummer: string;
  gewensteIngangsdatum: IsoDate;
  einddatum?: IsoDate;
  omvang?: Omvang;
  budget?: number;
}

/** A product a JW317 Verzoek asks for anew (NieuwProduct). */
export interface NieuwProduct {
  product?: Product;
  gewensteIngangsdatum: IsoDate;
  einddatum?: IsoDate;
  omvang?: Omvang;
  budget?: number;
}

/** A JW317 (verzoek om wijziging, VOW): one Verzoek per bericht, the complete wished situation of the client. */
export interface Jw317VerzoekOmWijziging extends VerzoekBase {
  berichtcode: 'JW317';
  /** JW317 carries only the Bsn of the client (no Geboortedatum). */
  client: { bsn: string };
  /** WJ758 Reden verzoek. */
  redenVerzoek: string;
  /** ToewijzingNummers (canonical) of the OngewijzigdeProducten. */
  ongewijzigd: string[];
  teWijzigen: TeWijzigenProduct[];
  nieuw: NieuwProduct[];
}

/** A JW319 (antwoordbericht) of the gemeente to a JW315 or JW317, found by its ReferentieAanbieder (TR355). No client. */
export interface Jw319Antwoord extends VerzoekBase {
  berichtcode: 'JW319';
  /** WJ760: 1 verzoek afgewezen, 2 aanvraag in onderzoek. */
  verzoekAntwoord: string;
  /** WJ759 Reden afwijzing verzoek (8 = woonplaatsbeginsel). */
  redenAfwijzingVerzoek?: string;
  /** Woonplaatsbeginsel/Gemeente: the gemeente that is responsible (only with RedenAfwijzingVerzoek 8, TR377/TR409). */
  woonplaatsbeginselGemeente?: string;
}

export type VerzoekBericht = Jw315AangevraagdProduct | Jw317VerzoekOmWijziging | Jw319Antwoord;

/** A verzoek/antwoord as it travels inside the platform: the BSN replaced by the pseudonym (JW319 has no client). */
export type PseudonymisedVerzoek<V extends VerzoekBericht = VerzoekBericht> = V extends Jw319Antwoord
  ? V
  : V extends Jw315AangevraagdProduct
    ? Omit<V, 'client'> & { client: { pseudonym: string; geboortedatum: IsoDate; datumGebruik?: DatumGebruik } }
    : Omit<V, 'client'> & { client: { pseudonym: string } };

/**
 * One JW315, JW317 or JW319 after the structural check: its header, its client (absent in a JW319; a JW317 carries
 * only the Bsn) and its flat messages (one per AangevraagdProduct; one Verzoek; one Antwoord).
 */
export interface Verzoekheenbericht<V extends VerzoekBericht = VerzoekBericht> {
  berichtcode: VerzoekBerichtcode;
  header: HeenberichtHeader;
  client?: { bsn: string; geboortedatum?: IsoDate; datumGebruik?: DatumGebruik };
  regels: V[];
}
