/**
 * The shapes of the iJw 3.2 rules of controleniveau 2, 3 and 4 (IV032) for JW301, JW305 and JW307.
 * Pure types: no framework imports. See README.md in this folder for the list of rules and the choices made.
 */
import type {
  Berichtcode,
  Bevinding,
  Heenbericht,
  HeenberichtHeader,
  IsoDate,
  Omvang,
  Product,
  PseudonymisedBericht,
  VerzoekBerichtcode,
  Verzoekheenbericht,
} from '../model';

/** Any JSON value of the camelCase tree (IjwJson, see libs/ijw/src/schema): simple values are strings. */
export type BoomWaarde = string | BoomObject | readonly BoomWaarde[];
export interface BoomObject {
  readonly [key: string]: BoomWaarde | undefined;
}

/**
 * The camelCase JSON form of the bericht (the IjwJson tree): `{ header: {...}, client: {...} }`. The rules on
 * elements the flat model does not carry (Naam, Communicatie, Relaties, Contactgegevens, a StatusAanlevering of 2 or
 * 9) read it. Typed loosely on purpose, so that these rules depend only on the documented mapping and not on the
 * schema module's types.
 */
export interface BerichtBoom {
  readonly header?: BoomObject;
  readonly client?: BoomObject;
  /** JW319 only: its Antwoord (a JW319 has no Client). */
  readonly antwoord?: BoomObject;
}

/** What a rule of controleniveau 2 or 4 may use besides the bericht itself. */
export interface RegelContext {
  /** The Dutch calendar date on which the bericht was received (TR135: Dagtekening not after the system date). */
  today: IsoDate;
  /**
   * The bericht's camelCase JSON tree. Needed by CS050, CS318, CD007, TR006, TR061, CD005, CD009, CD025, CD034,
   * CS089, CS003 (Contact/Periode), CS139 (Relatie) and CS058; without it those checks are skipped.
   */
  boom?: BerichtBoom;
  /** TR378: the valid gemeentecodes. Default: the CBS gemeentelijke indeling of 1 January 2026 (data/cbs-gemeenten.json). */
  gemeentecodes?: ReadonlySet<string>;
  /**
   * TR381: does this ProductCode belong to this ProductCategorie in the productcodelijst the gemeente uses, on this
   * date? `undefined` = unknown (no finding). Absent = no productcodelijst configured, TR381 is skipped.
   */
  productcodePastBijCategorie?: (categorie: string, code: string, datum: IsoDate) => boolean | undefined;
}

/** A rule checked within one bericht (controleniveau 2, retourcode 0001) or against the date/codelists only (niveau 4). */
export interface BerichtRegel {
  /** Rule code of the standard, e.g. 'TR002', 'CS338', 'CD079'. */
  code: string;
  /** The standard's file this rule comes from, relative to ijw-3.2, e.g. 'regels/technische-regels/xslt/TR002.md'. */
  bron: string;
  niveau: 2 | 4;
  /** WJ001 retourcode of its findings: 0001 for niveau 2, the rule's own code for niveau 4 (8848, S300, S329). */
  retourcode: string;
  berichten: readonly Berichtcode[];
  check(bericht: Heenbericht, ctx: RegelContext): Bevinding[];
  /**
   * The same rule on the request side (JW315 verzoek om toewijzing, JW317 verzoek om wijziging, JW319 antwoord), when
   * the standard applies it there: `checkVerzoek` runs it. A rule that applies only there has `berichten: []`.
   */
  verzoek?: VerzoekRegel;
}

/** The request-side part of a rule of niveau 2 or 4: the berichten it applies to and its check. */
export interface VerzoekRegel {
  berichten: readonly VerzoekBerichtcode[];
  check(bericht: Verzoekheenbericht, ctx: RegelContext): Bevinding[];
}

/** A pseudonymised heenbericht as the level-3 rules see it: header, one flat message per product, and the content hash. */
export interface HistorieBericht {
  berichtcode: Berichtcode;
  header: HeenberichtHeader;
  regels: readonly PseudonymisedBericht[];
  /**
   * TR056: hash of the bericht's content as the ingest computes it (the same function for the earlier berichten in
   * `Historie.identificaties`). Absent: TR056 is not checked here (the ingest decides it before).
   */
  inhoudHash?: string;
}

/** A berichtoverstijgende rule (controleniveau 3): checks one product against what was received before. */
export interface HistorieRegel {
  code: string;
  bron: string;
  niveau: 3;
  /** WJ001 retourcode of its findings, from the rule's metadata (e.g. 9063). */
  retourcode: string;
  berichten: readonly Berichtcode[];
  /**
   * `regel` is product `index` (0-based, document order) of `bericht`; `historie` already reflects the products of
   * the same bericht before it (IV008: a StatusAanlevering 3 earlier in the bericht counts for the next product).
   */
  check(regel: PseudonymisedBericht, index: number, historie: Historie, bericht: HistorieBericht): Bevinding | null;
}

/** What is known of one toewijzing (ToegewezenProduct): its current version by Toewijzingsdatum + Toewijzingstijd (OP033x1). */
export interface HistorieToewijzing {
  gemeente: string;
  /** Canonical (no leading zeros). */
  toewijzingNummer: string;
  /** TR019 (the start/stop must be for this client), TR332 (the number is not reused for another client). */
  clientPseudonym: string;
  /** TR019 (addressed to the sender of the start/stop), TR332 (not reused for another aanbieder). */
  aanbieder: string;
  /** TR332: the number belongs to one ToegewezenProduct; absent for a generieke toewijzing. */
  product?: Product;
  /** TR019: RedenWijziging 13 (Verwijderd): the toewijzing counts as not sent (JZ002, OP033x1), a start/stop cannot refer to it. */
  verwijderd: boolean;
  /** TR357, TR373: Ingangsdatum of the current version (absent only in historie built by hand). */
  ingangsdatum?: IsoDate;
  /** TR375, TR412: Einddatum of the current version. */
  einddatum?: IsoDate;
  /** TR373: Budget (eurocent) of the current version. */
  budget?: number;
  /** TR373: Omvang of the current version (frequentie 6: totaal binnen geldigheidsduur toewijzing). */
  omvang?: Omvang;
}

/** The fields of a StartProduct that the rules need (its logical key plus the scope it belongs to). */
export interface HistorieStart {
  gemeente: string;
  aanbieder: string;
  clientPseudonym: string;
  /** '' when the start names no toewijzing (taakgerichte variant, IV096). */
  toewijzingNummer: string;
  product?: Product;
  begindatum: IsoDate;
}

/** A StopProduct: the start's key fields plus RedenBeeindiging and Einddatum (TR413, TR414, TR415). */
export interface HistorieStop extends HistorieStart {
  einddatum: IsoDate;
  redenBeeindiging: string;
}

/**
 * What the level-3 rules know of earlier accepted berichten, for the keys one bericht touches. A plain data object:
 * the ingest service fills it from PostgreSQL (or with `bouwHistorie` from the earlier flat messages).
 *
 * Starts and stops that were deleted with StatusAanlevering 3 are left out: a deleted delivery counts as never sent
 * (OP033, IV008), so no rule looks at it.
 */
export interface Historie {
  /** TR019, TR332: per `toewijzingSleutel(gemeente, toewijzingNummer)` the known toewijzing. */
  toewijzingen: Readonly<Record<string, HistorieToewijzing>>;
  /** TR063, TR071, TR074, TR326, TR382: the current (not deleted) starts, in the order they were received. */
  starts: readonly HistorieStart[];
  /** TR063, TR071, TR074, TR326, TR413, TR414, TR415: the current (not deleted) stops, in the order they were received. */
  stops: readonly HistorieStop[];
  /** TR056: per `identificatieSleutel(berichtcode, afzender, identificatie)` the content hash of the earlier bericht. */
  identificaties: Readonly<Record<string, string>>;
}
