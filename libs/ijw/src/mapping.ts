/**
 * The mapping between an iJw 3.2 bericht (its JSON form: the exact camelCase mapping of the XML tree, `IjwJson`)
 * and the platform's flat per-product model (`Heenbericht`, `Jw301Toewijzing | Jw305StartZorg | Jw307StopZorg`).
 * Pure: no I/O, no framework.
 *
 * `toHeenbericht` assumes a structurally valid bericht (the XSD-level check of libs/ijw/src/schema ran first). It
 * reads only what the flat model carries: nothing personal beyond Bsn and Geboortedatum (no Naam, Geslacht,
 * Contactgegevens, Relaties, Communicatie…) reaches the flat messages.
 *
 * `fromRegels` is the inverse for producers (simulator, examples, tests): flat messages of one bericht → a complete
 * XSD-valid bericht. It adds the elements the XSD requires but the flat model does not carry (Geslacht, Naam,
 * Contactgegevens for JW301), from `extra` or synthetic and deterministic from a seed (default: the BSN).
 *
 * Mapping table (XML path below `Bericht`; JSON key = the element name in camelCase; flat field of every message
 * of the bericht, or of the product's message for the product rows):
 *
 * | XML path                                                   | flat field                        | notes |
 * |------------------------------------------------------------|-----------------------------------|-------|
 * | Header/BerichtCode | header.berichtCode; berichtcode | 436 JW301, 438 JW305, 440 JW307 (`soort`) |
 * | Header/BerichtVersie, Header/BerichtSubversie              | header.berichtVersie/-Subversie   | 3 / 2 |
 * | Header/Afzender                                            | JW301: gemeente; JW305/307: aanbieder | header.afzender as sent |
 * | Header/Ontvanger                                           | JW301: aanbieder; JW305/307: gemeente | header.ontvanger as sent |
 * | Header/BerichtIdentificatie/Identificatie | identificatie; berichtId = `${identificatie}/${n}` | n = 1-based product position |
 * | Header/BerichtIdentificatie/Dagtekening                    | dagtekening                       | |
 * | Header/XsdVersie/* | — | fromRegels: the XSD appinfo (0.1.0 / 0.1.0) |
 * | Client/Bsn                                                 | client.bsn                        | |
 * | Client/Geboortedatum/Datum                                 | client.geboortedatum              | |
 * | Client/Geboortedatum/DatumGebruik                          | client.datumGebruik               | absent = exact date (COD170) |
 * | Client/Geslacht, Client/Naam, Client/Contactgegevens, … | — | not in the flat model; fromRegels: `extra` or synthetic |
 * | …/ToegewezenProduct, StartProduct, StopProduct (each)      | one flat message                  | document order |
 * | …/ToewijzingNummer | toewijzingNummer | canonical integer: sign and leading zeros stripped ("0300201" → "300201", "000" → "0"); absent
 * (JW305/307 may omit it) → field absent |
 * | …/Product/Categorie, …/Product/Code | product.categorie, product.code | Product absent → product absent (generieke toewijzing /
 * start-stop without product); Code absent → aspecifiek |
 * | ToegewezenProduct/ReferentieAanbieder                      | referentieAanbieder               | |
 * | ToegewezenProduct/Toewijzingsdatum, Toewijzingstijd | toewijzingsdatum, toewijzingstijd | fromRegels when absent: dagtekening, 00:00:00
 * |
 * | ToegewezenProduct/Ingangsdatum                             | ingangsdatum                      | |
 * | ToegewezenProduct/Einddatum                                | einddatum                         | |
 * | ToegewezenProduct/RedenWijziging                           | redenWijziging                    | JZ002 |
 * | ToegewezenProduct/Omvang/Volume, Eenheid, Frequentie       | omvang.volume (number), .eenheid, .frequentie | |
 * | ToegewezenProduct/Budget                                   | budget (number)                   | |
 * | ToegewezenProduct/Commentaar                               | commentaar                        | |
 * | StartProduct/ToewijzingIngangsdatum, StopProduct/…         | toewijzingIngangsdatum            | |
 * | StartProduct/Begindatum, StopProduct/Begindatum            | begindatum                        | |
 * | StopProduct/RedenBeeindiging                               | redenBeeindiging                  | JZ588 |
 * | StopProduct/Einddatum                                      | einddatum                         | |
 * | StartProduct/StatusAanlevering, StopProduct/… | statusAanlevering | always set (required in the XSD); fromRegels writes 1 when absent |
 * | — | verwijzer | iJw 3.2 JW301 has no Verwijzer: fromRegels drops it, toHeenbericht never sets it |
 *
 * Values the XSD collapses (dates, times, integers, codes) are trimmed; free text (Commentaar, ReferentieAanbieder)
 * is kept exactly.
 */
import type {
  Berichtcode,
  ClientGegevens,
  DatumGebruik,
  Heenbericht,
  HeenberichtHeader,
  IjwBericht,
  Jw301Toewijzing,
  Jw305StartZorg,
  Jw307StopZorg,
  Jw315AangevraagdProduct,
  Jw317VerzoekOmWijziging,
  Jw319Antwoord,
  NieuwProduct,
  Omvang,
  Product,
  StatusAanlevering,
  TeWijzigenProduct,
  VerzoekBericht,
  VerzoekBerichtcode,
  Verzoekheenbericht,
  Verwijzer,
} from './model';
import type { IjwJson } from './schema/types';

type Soort = Berichtcode;
type Obj = Record<string, unknown>;

/** Header/BerichtCode per berichtsoort (COD002, the XSDs' pattern facets). */
export const BERICHTCODE_VAN: Readonly<Record<Soort, string>> = { JW301: '436', JW305: '438', JW307: '440' };

/**
 * XsdVersie written by fromRegels: the appinfo of /work/shared/ijw-3.2/xsd/JW301.xsd, JW305.xsd and JW307.xsd
 * (BerichtXsdVersie 0.1.0, BasisschemaXsdVersie 0.1.0 in all three).
 */
export const XSD_VERSIE = { basisschemaXsdVersie: '0.1.0', berichtXsdVersie: '0.1.0' } as const;

const PRODUCTS: Readonly<Record<Soort, readonly [string, string]>> = {
  JW301: ['toegewezenProducten', 'toegewezenProduct'],
  JW305: ['startProducten', 'startProduct'],
  JW307: ['stopProducten', 'stopProduct'],
};

function obj(value: unknown): Obj | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Obj) : undefined;
}

/** A collapsed simple value (xs:date, xs:time, xs:integer, enumerations): trimmed, absent when missing. */
function val(node: Obj | undefined, key: string): string | undefined {
  const v = node?.[key];
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : undefined;
}

/** A free-text value (xs:string with whitespace preserved), exactly as sent. */
function txt(node: Obj | undefined, key: string): string | undefined {
  const v = node?.[key];
  return typeof v === 'string' ? v : undefined;
}

/** LDT_Nummer (xs:integer 0–999999999) in canonical decimal form: sign and leading zeros stripped, "0" stays "0". */
export function canonicalNummer(value: string): string {
  const digits = value.trim().replace(/^[+-]/, '');
  const stripped = digits.replace(/^0+/, '');
  return stripped === '' ? '0' : stripped;
}

function productOf(node: Obj | undefined): Product | undefined {
  if (!node) return undefined;
  const categorie = val(node, 'categorie') ?? '';
  const code = val(node, 'code');
  return code === undefined ? { categorie } : { categorie, code };
}

function items(node: Obj | undefined, key: string): Obj[] {
  const v = node?.[key];
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.map((x) => obj(x) ?? {});
}

/**
 * An iJw JW301/JW305/JW307 bericht (JSON form) → header, client and one flat message per product, in document
 * order, with berichtId `${Identificatie}/${n}`.
 */
export function toHeenbericht(soort: 'JW301', json: IjwJson): Heenbericht<Jw301Toewijzing>;
export function toHeenbericht(soort: 'JW305', json: IjwJson): Heenbericht<Jw305StartZorg>;
export function toHeenbericht(soort: 'JW307', json: IjwJson): Heenbericht<Jw307StopZorg>;
export function toHeenbericht(soort: Soort, json: IjwJson): Heenbericht;
export function toHeenbericht(soort: Soort, json: IjwJson): Heenbericht {
  const root = json as unknown as Obj;
  const h = obj(root.header);
  const c = obj(root.client);
  const bi = obj(h?.berichtIdentificatie);
  const header: HeenberichtHeader = {
    berichtCode: val(h, 'berichtCode') ?? '',
    berichtVersie: val(h, 'berichtVersie') ?? '',
    berichtSubversie: val(h, 'berichtSubversie') ?? '',
    afzender: val(h, 'afzender') ?? '',
    ontvanger: val(h, 'ontvanger') ?? '',
    identificatie: txt(bi, 'identificatie') ?? '',
    dagtekening: val(bi, 'dagtekening') ?? '',
  };
  const gb = obj(c?.geboortedatum);
  const datumGebruik = val(gb, 'datumGebruik') as DatumGebruik | undefined;
  const client: ClientGegevens = {
    bsn: val(c, 'bsn') ?? '',
    geboortedatum: val(gb, 'datum') ?? '',
    ...(datumGebruik !== undefined ? { datumGebruik } : {}),
  };
  const gemeente = soort === 'JW301' ? header.afzender : header.ontvanger;
  const aanbieder = soort === 'JW301' ? header.ontvanger : header.afzender;
  const [listKey, itemKey] = PRODUCTS[soort];

  const regels = items(obj(c?.[listKey]), itemKey).map((p, index): IjwBericht => {
    const nummer = val(p, 'toewijzingNummer');
    const product = productOf(obj(p.product));
    const base = {
      berichtId: `${header.identificatie}/${index + 1}`,
      identificatie: header.identificatie,
      gemeente,
      aanbieder,
      client: { ...client },
      ...(nummer !== undefined ? { toewijzingNummer: canonicalNummer(nummer) } : {}),
      ...(product ? { product } : {}),
      dagtekening: header.dagtekening,
    } as Omit<Jw301Toewijzing, 'berichtcode' | 'ingangsdatum'>;
    if (soort === 'JW301') {
      const omvang = obj(p.omvang);
      const budget = val(p, 'budget');
      const out: Jw301Toewijzing = { berichtcode: 'JW301', ...base, ingangsdatum: val(p, 'ingangsdatum') ?? '' };
      setIf(out, 'einddatum', val(p, 'einddatum'));
      setIf(out, 'redenWijziging', val(p, 'redenWijziging'));
      if (omvang)
        out.omvang = {
          volume: Number(val(omvang, 'volume')),
          eenheid: val(omvang, 'eenheid') ?? '',
          frequentie: val(omvang, 'frequentie') ?? '',
        };
      if (budget !== undefined) out.budget = Number(budget);
      setIf(out, 'toewijzingsdatum', val(p, 'toewijzingsdatum'));
      setIf(out, 'toewijzingstijd', val(p, 'toewijzingstijd'));
      setIf(out, 'referentieAanbieder', txt(p, 'referentieAanbieder'));
      setIf(out, 'commentaar', txt(p, 'commentaar'));
      return out;
    }
    const common = {
      ...base,
      begindatum: val(p, 'begindatum') ?? '',
    };
    const ingang = val(p, 'toewijzingIngangsdatum');
    const status = (val(p, 'statusAanlevering') ?? '1') as StatusAanlevering;
    if (soort === 'JW305') {
      const out: Jw305StartZorg = { berichtcode: 'JW305', ...common };
      setIf(out, 'toewijzingIngangsdatum', ingang);
      out.statusAanlevering = status;
      return out;
    }
    const out: Jw307StopZorg = {
      berichtcode: 'JW307',
      ...common,
      einddatum: val(p, 'einddatum') ?? '',
      redenBeeindiging: val(p, 'redenBeeindiging') ?? '',
    };
    setIf(out, 'toewijzingIngangsdatum', ingang);
    out.statusAanlevering = status;
    return out;
  });
  return { berichtcode: soort, header, client, regels };
}

function setIf<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

// ---------------------------------------------------------------------------------------------------------------
// The request side: JW315 (verzoek om toewijzing), JW317 (verzoek om wijziging), JW319 (antwoordbericht).
//
// | XML path                                                   | flat field                        | notes |
// |------------------------------------------------------------|-----------------------------------|-------|
// | Header/Afzender, Ontvanger                                 | JW315/317: aanbieder, gemeente; JW319: gemeente, aanbieder | |
// | Header/BerichtIdentificatie/Identificatie, Dagtekening | identificatie, berichtId, dagtekening | JW315: `/n` per AangevraagdProduct;
// JW317, JW319: `/1` |
// | Client/Bsn, Geboortedatum (JW315), Bsn (JW317)             | client                            | JW319 has no Client |
// | AangevraagdProduct/ReferentieAanbieder                     | referentieAanbieder               | kept exactly (LDT_Referentie) |
// | AangevraagdProduct/BeschikkingNummer                       | beschikkingNummer                 | canonical integer |
// | AangevraagdProduct/Product, Omvang, Budget, Commentaar     | product, omvang, budget, commentaar | as in JW301 |
// | AangevraagdProduct/BeschikkingIngangsdatum                 | beschikkingIngangsdatum           | |
// | AangevraagdProduct/ToewijzingIngangsdatum, …Einddatum      | toewijzingIngangsdatum, toewijzingEinddatum | the period asked for |
// | AangevraagdProduct/Verwijzer/Type, ZorgverlenerCode, Naam  | verwijzer.type, .zorgverlenerCode, .naam | COD327 |
// | AangevraagdProduct/Raamcontract                            | raamcontract                      | COD260 |
// | Client/Verzoek/ReferentieAanbieder, RedenVerzoek           | referentieAanbieder, redenVerzoek | WJ758 |
// | …/OngewijzigdProduct/ToewijzingNummer                      | ongewijzigd[]                     | canonical |
// | …/TeWijzigenProduct/* | teWijzigen[] {toewijzingNummer, gewensteIngangsdatum, einddatum, omvang, budget} | |
// | …/NieuwProduct/*                                           | nieuw[] {product, gewensteIngangsdatum, einddatum, omvang, budget} | |
// | Antwoord/ReferentieAanbieder, VerzoekAntwoord              | referentieAanbieder, verzoekAntwoord | WJ760 |
// | Antwoord/RedenAfwijzingVerzoek, Woonplaatsbeginsel/Gemeente | redenAfwijzingVerzoek, woonplaatsbeginselGemeente | WJ759 |

function omvangOf(node: Obj | undefined): Omvang | undefined {
  if (!node) return undefined;
  return { volume: Number(val(node, 'volume')), eenheid: val(node, 'eenheid') ?? '', frequentie: val(node, 'frequentie') ?? '' };
}

function budgetOf(node: Obj): number | undefined {
  const b = val(node, 'budget');
  return b === undefined ? undefined : Number(b);
}

/** The Verwijzer (CDT_Verwijzer: Type, ZorgverlenerCode or Naam). */
function verwijzerOf(node: Obj | undefined): Verwijzer {
  const out: Verwijzer = { type: val(node, 'type') ?? '' };
  setIf(out, 'zorgverlenerCode', val(node, 'zorgverlenerCode'));
  setIf(out, 'naam', txt(node, 'naam'));
  return out;
}

/** Header/BerichtCode per verzoek/antwoord soort (the XSDs' pattern facets). */
export const VERZOEK_BERICHTCODE_VAN: Readonly<Record<VerzoekBerichtcode, string>> = { JW315: '446', JW317: '486', JW319: '488' };

/**
 * An iJw JW315/JW317/JW319 bericht (JSON form, structurally valid) → header, client and its flat messages: one per
 * AangevraagdProduct (JW315), the one Verzoek (JW317) or the one Antwoord (JW319). Nothing personal beyond the Bsn and
 * the Geboortedatum reaches them (no Naam, Geslacht, GezagsdragerBekend, client Commentaar).
 */
export function toVerzoekbericht(soort: VerzoekBerichtcode, json: IjwJson): Verzoekheenbericht {
  const root = json as unknown as Obj;
  const h = obj(root.header);
  const bi = obj(h?.berichtIdentificatie);
  const header: HeenberichtHeader = {
    berichtCode: val(h, 'berichtCode') ?? '',
    berichtVersie: val(h, 'berichtVersie') ?? '',
    berichtSubversie: val(h, 'berichtSubversie') ?? '',
    afzender: val(h, 'afzender') ?? '',
    ontvanger: val(h, 'ontvanger') ?? '',
    identificatie: txt(bi, 'identificatie') ?? '',
    dagtekening: val(bi, 'dagtekening') ?? '',
  };
  const gemeente = soort === 'JW319' ? header.afzender : header.ontvanger;
  const aanbieder = soort === 'JW319' ? header.ontvanger : header.afzender;
  const base = (n: number, referentieAanbieder: string) => ({
    berichtId: `${header.identificatie}/${n}`,
    identificatie: header.identificatie,
    gemeente,
    aanbieder,
    dagtekening: header.dagtekening,
    referentieAanbieder,
  });
  if (soort === 'JW319') {
    const a = obj(root.antwoord);
    const out: Jw319Antwoord = {
      berichtcode: 'JW319',
      ...base(1, txt(a, 'referentieAanbieder') ?? ''),
      verzoekAntwoord: val(a, 'verzoekAntwoord') ?? '',
    };
    setIf(out, 'redenAfwijzingVerzoek', val(a, 'redenAfwijzingVerzoek'));
    setIf(out, 'woonplaatsbeginselGemeente', val(obj(a?.woonplaatsbeginsel), 'gemeente'));
    return { berichtcode: soort, header, regels: [out] };
  }
  const c = obj(root.client);
  const bsn = val(c, 'bsn') ?? '';
  if (soort === 'JW317') {
    const v = obj(c?.verzoek);
    const out: Jw317VerzoekOmWijziging = {
      berichtcode: 'JW317',
      ...base(1, txt(v, 'referentieAanbieder') ?? ''),
      client: { bsn },
      redenVerzoek: val(v, 'redenVerzoek') ?? '',
      ongewijzigd: items(obj(v?.ongewijzigdeProducten), 'ongewijzigdProduct').map((p) => canonicalNummer(val(p, 'toewijzingNummer') ?? '')),
      teWijzigen: items(obj(v?.teWijzigenProducten), 'teWijzigenProduct').map((p) => {
        const t: TeWijzigenProduct = {
          toewijzingNummer: canonicalNummer(val(p, 'toewijzingNummer') ?? ''),
          gewensteIngangsdatum: val(p, 'gewensteIngangsdatum') ?? '',
        };
        setIf(t, 'einddatum', val(p, 'einddatum'));
        setIf(t, 'omvang', omvangOf(obj(p.omvang)));
        setIf(t, 'budget', budgetOf(p));
        return t;
      }),
      nieuw: items(obj(v?.nieuweProducten), 'nieuwProduct').map((p) => {
        const n: NieuwProduct = { gewensteIngangsdatum: val(p, 'gewensteIngangsdatum') ?? '' };
        setIf(n, 'product', productOf(obj(p.product)));
        setIf(n, 'einddatum', val(p, 'einddatum'));
        setIf(n, 'omvang', omvangOf(obj(p.omvang)));
        setIf(n, 'budget', budgetOf(p));
        return n;
      }),
    };
    return { berichtcode: soort, header, client: { bsn }, regels: [out] };
  }
  const gb = obj(c?.geboortedatum);
  const datumGebruik = val(gb, 'datumGebruik') as DatumGebruik | undefined;
  const client: ClientGegevens = { bsn, geboortedatum: val(gb, 'datum') ?? '', ...(datumGebruik !== undefined ? { datumGebruik } : {}) };
  const regels = items(obj(c?.aangevraagdeProducten), 'aangevraagdProduct').map((p, index) => {
    const out: Jw315AangevraagdProduct = {
      berichtcode: 'JW315',
      ...base(index + 1, txt(p, 'referentieAanbieder') ?? ''),
      client: { ...client },
      toewijzingIngangsdatum: val(p, 'toewijzingIngangsdatum') ?? '',
      verwijzer: verwijzerOf(obj(p.verwijzer)),
    };
    const nummer = val(p, 'beschikkingNummer');
    if (nummer !== undefined) out.beschikkingNummer = canonicalNummer(nummer);
    setIf(out, 'product', productOf(obj(p.product)));
    setIf(out, 'beschikkingIngangsdatum', val(p, 'beschikkingIngangsdatum'));
    setIf(out, 'toewijzingEinddatum', val(p, 'toewijzingEinddatum'));
    setIf(out, 'omvang', omvangOf(obj(p.omvang)));
    setIf(out, 'budget', budgetOf(p));
    setIf(out, 'raamcontract', val(p, 'raamcontract'));
    setIf(out, 'commentaar', txt(p, 'commentaar'));
    return out;
  });
  return { berichtcode: soort, header, client, regels };
}

/**
 * The key of a request (VOT/VOW) and of everything that refers to it: gemeente + aanbieder + ReferentieAanbieder.
 * TR347 makes the ReferentieAanbieder unique for the aanbieder; TR355 repeats it in the JW319 of the gemeente; TR379
 * repeats it in the ToegewezenProduct (JW301) that honours the request (for a JW317 in every ToegewezenProduct of it).
 * ReferentieAanbieder is free text (LDT_Referentie) and compared exactly as sent.
 */
export function verzoekSleutel(gemeente: string, aanbieder: string, referentieAanbieder: string): string {
  return `${gemeente}|${aanbieder}|${referentieAanbieder}`;
}

/**
 * The request a flat message belongs to, as the standard links them: a JW315 AangevraagdProduct, a JW317 Verzoek and
 * a JW319 Antwoord by their ReferentieAanbieder; a JW301 ToegewezenProduct by its ReferentieAanbieder when it
 * honours a request (TR379: filled only then, and only the first time it is sent). Undefined for a JW301 without
 * ReferentieAanbieder (a toewijzing that follows no request) and for JW305/JW307 (which name the ToewijzingNummer).
 */
export function verzoekSleutelVan(
  bericht: Pick<Jw301Toewijzing | VerzoekBericht, 'berichtcode' | 'gemeente' | 'aanbieder' | 'referentieAanbieder'> | IjwBericht,
): string | undefined {
  if (bericht.berichtcode === 'JW305' || bericht.berichtcode === 'JW307') return undefined;
  const ref = 'referentieAanbieder' in bericht ? bericht.referentieAanbieder : undefined;
  if (ref === undefined || ref === '') return undefined;
  return verzoekSleutel(bericht.gemeente, bericht.aanbieder, ref);
}

// ---------------------------------------------------------------------------------------------------------------
// fromRegels

/** CDT_Achternaam + Voornamen/Voorletters: the parts of a name fromRegels writes (VolledigeNaam for JW301, VerkorteNaam for JW305/307). */
export interface NaamInvoer {
  achternaam: string;
  voorvoegsel?: string;
  voornamen?: string;
  voorletters?: string;
}

/** One Contact of JW301 Client/Contactgegevens (a subset of jw301:Contact: an address, optionally a phone number). */
export interface ContactInvoer {
  /** COD757 Soort adres: 01 BRP, 02 correspondentie, 03 verblijf, 04 tijdelijk. */
  soort: '01' | '02' | '03' | '04';
  huisnummer: number;
  huisletter?: string;
  huisnummerToevoeging?: string;
  postcode: string;
  straatnaam: string;
  plaatsnaam: string;
  /** COD032, default NL. */
  landCode?: string;
  telefoonnummer?: string;
}

export interface FromRegelsExtra {
  /** Client/Naam; default synthetic from the seed. */
  naam?: NaamInvoer;
  /** Client/Geslacht (COD046: 0 onbekend, 1 man, 2 vrouw); default synthetic from the seed. */
  geslacht?: '0' | '1' | '2';
  /** JW301 Client/Contactgegevens; default one synthetic BRP address (TR061, TR006, CD034). */
  contact?: ContactInvoer[];
  /** Seed of the synthetic elements; default derived from the BSN (the same child always gets the same name). */
  seed?: number;
  /** Header/BerichtIdentificatie/Identificatie when the regels carry none. */
  identificatie?: string;
  /** Dagtekening when the regels carry none. */
  dagtekening?: string;
}

const ACHTERNAMEN = [
  'Jansen',
  'de Vries',
  'van den Berg',
  'Bakker',
  'Visser',
  'Smit',
  'Meijer',
  'de Boer',
  'Mulder',
  'de Groot',
  'Bos',
  'Vos',
  'Peters',
  'Hendriks',
  'van Leeuwen',
  'Dekker',
  'Brouwer',
  'de Wit',
  'Dijkstra',
  'Yilmaz',
  'El Amrani',
  'Nguyen',
  'Kok',
  'Jacobs',
];
const VOORNAMEN = [
  'Sem',
  'Noah',
  'Liam',
  'Lucas',
  'Daan',
  'Finn',
  'Levi',
  'Mees',
  'Emma',
  'Julia',
  'Mila',
  'Tess',
  'Sophie',
  'Zoë',
  'Sara',
  'Nora',
  'Yara',
  'Anna',
  'Adam',
  'Mohamed',
  'Amira',
  'Lina',
  'Milan',
  'Eva',
];
const STRATEN = ['Proefstraat', 'Testlaan', 'Voorbeeldweg', 'Oefenplein', 'Schijnpad', 'Modelkade'];

/** FNV-1a, 32 bit: a deterministic seed from a text. */
function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function pick<T>(list: readonly T[], seed: number, salt: number): T {
  return list[fnv(`${seed}:${salt}`) % list.length]!;
}

function syntheticNaam(seed: number): NaamInvoer {
  const full = pick(ACHTERNAMEN, seed, 1);
  const m = /^((?:van den|van der|van de|van|de|den|der|te|ten|ter|el) )?(.*)$/i.exec(full)!;
  const voornaam = pick(VOORNAMEN, seed, 2);
  return {
    achternaam: m[2]!,
    ...(m[1] ? { voorvoegsel: m[1].trim() } : {}),
    voornamen: voornaam,
    voorletters: voornaam[0]!.normalize('NFD').replace(/[^A-Za-z]/g, '') || 'X',
  };
}

function syntheticContact(seed: number): ContactInvoer {
  const letters = 'ABCDEFGHJKLMNPRSTVWXZ';
  return {
    soort: '01',
    huisnummer: 1 + (fnv(`${seed}:3`) % 199),
    // 9999 + two letters: the standard's own example postcode range (berichten/JW301.xml uses 9999XX)
    postcode: `9999${letters[fnv(`${seed}:4`) % letters.length]}${letters[fnv(`${seed}:5`) % letters.length]}`,
    straatnaam: pick(STRATEN, seed, 6),
    plaatsnaam: 'Teststad',
    landCode: 'NL',
  };
}

function contactJson(c: ContactInvoer): Obj {
  const huis: Obj = { huisnummer: String(c.huisnummer) };
  if (c.huisletter) huis.huisletter = c.huisletter;
  if (c.huisnummerToevoeging) huis.huisnummerToevoeging = c.huisnummerToevoeging;
  const out: Obj = {
    soort: c.soort,
    adres: { huis, postcode: c.postcode, straatnaam: c.straatnaam, plaatsnaam: c.plaatsnaam, landCode: c.landCode ?? 'NL' },
  };
  if (c.telefoonnummer) out.telefoon = { telefoon01: { telefoonnummer: c.telefoonnummer, landnummer: '0031' } };
  return out;
}

function naamJson(naam: NaamInvoer, volledig: boolean): Obj {
  const out: Obj = { geslachtsnaam: { achternaam: naam.achternaam, ...(naam.voorvoegsel ? { voorvoegsel: naam.voorvoegsel } : {}) } };
  if (naam.voornamen) out.voornamen = naam.voornamen;
  if (naam.voorletters) out.voorletters = naam.voorletters;
  // CS050: without Partnernaam NaamGebruik is 1 (eigen naam) or 6; CS318: not 6 for the client
  if (volledig) out.naamGebruik = '1';
  return out;
}

function identificatieOf(regel: IjwBericht, extra: FromRegelsExtra): string {
  if (regel.identificatie) return regel.identificatie;
  if (extra.identificatie) return extra.identificatie;
  const slash = regel.berichtId.lastIndexOf('/');
  const prefix = slash > 0 ? regel.berichtId.slice(0, slash) : regel.berichtId;
  if (prefix.length >= 1 && prefix.length <= 12 && /\S/.test(prefix)) return prefix;
  // LDT_IdentificatieBericht allows at most 12 characters: a stable digest of the longer id
  return `X${fnv(regel.berichtId).toString(36).padStart(7, '0')}`.slice(0, 12);
}

function productJson(p: Product | undefined): Obj | undefined {
  if (!p) return undefined;
  return p.code !== undefined ? { categorie: p.categorie, code: p.code } : { categorie: p.categorie };
}

/**
 * Flat messages of ONE bericht (same berichtcode, gemeente, aanbieder, client, identificatie and dagtekening; the
 * first message decides) → a complete XSD-valid iJw bericht in its JSON form, keys in XSD order.
 */
export function fromRegels(regels: readonly IjwBericht[], extra: FromRegelsExtra = {}): { soort: Berichtcode; json: IjwJson } {
  const first = regels[0];
  if (!first) throw new Error('fromRegels needs at least one regel');
  const soort = first.berichtcode;
  for (const r of regels) {
    if (r.berichtcode !== soort) throw new Error(`fromRegels: mixed berichtcodes ${soort} and ${r.berichtcode} in one bericht`);
    if (r.gemeente !== first.gemeente || r.aanbieder !== first.aanbieder)
      throw new Error('fromRegels: all regels of one bericht need the same gemeente and aanbieder');
    if (
      r.client.bsn !== first.client.bsn ||
      r.client.geboortedatum !== first.client.geboortedatum ||
      r.client.datumGebruik !== first.client.datumGebruik
    )
      throw new Error('fromRegels: all regels of one bericht need the same client');
  }
  const dagtekening = first.dagtekening ?? extra.dagtekening;
  if (!dagtekening) throw new Error('fromRegels: no dagtekening (in the regels or extra.dagtekening)');
  const seed = extra.seed ?? fnv(first.client.bsn);
  const header: Obj = {
    berichtCode: BERICHTCODE_VAN[soort],
    berichtVersie: '3',
    berichtSubversie: '2',
    afzender: soort === 'JW301' ? first.gemeente : first.aanbieder,
    ontvanger: soort === 'JW301' ? first.aanbieder : first.gemeente,
    berichtIdentificatie: { identificatie: identificatieOf(first, extra), dagtekening },
    xsdVersie: { ...XSD_VERSIE },
  };
  const client: Obj = {
    bsn: first.client.bsn,
    geboortedatum: { datum: first.client.geboortedatum, ...(first.client.datumGebruik ? { datumGebruik: first.client.datumGebruik } : {}) },
    geslacht: extra.geslacht ?? (fnv(`${seed}:0`) % 2 === 0 ? '1' : '2'),
    naam: naamJson(extra.naam ?? syntheticNaam(seed), soort === 'JW301'),
  };
  const [listKey, itemKey] = PRODUCTS[soort];
  if (soort === 'JW301') {
    client.contactgegevens = {
      contact: (extra.contact && extra.contact.length > 0 ? extra.contact : [syntheticContact(seed)]).map(contactJson),
    };
    client[listKey] = { [itemKey]: (regels as Jw301Toewijzing[]).map(toegewezenProduct) };
  } else if (soort === 'JW305') {
    client[listKey] = { [itemKey]: (regels as Jw305StartZorg[]).map(startProduct) };
  } else {
    client[listKey] = { [itemKey]: (regels as Jw307StopZorg[]).map(stopProduct) };
  }
  return { soort, json: { header, client } as unknown as IjwJson };
}

function withNummer(out: Obj, nummer: string | undefined): Obj {
  if (nummer !== undefined && nummer !== '') out.toewijzingNummer = canonicalNummer(nummer);
  return out;
}

function toegewezenProduct(r: Jw301Toewijzing): Obj {
  const out = withNummer({}, r.toewijzingNummer);
  if (r.referentieAanbieder !== undefined) out.referentieAanbieder = r.referentieAanbieder;
  const product = productJson(r.product);
  if (product) out.product = product;
  out.toewijzingsdatum = r.toewijzingsdatum ?? r.dagtekening;
  out.toewijzingstijd = r.toewijzingstijd ?? '00:00:00';
  out.ingangsdatum = r.ingangsdatum;
  if (r.einddatum !== undefined) out.einddatum = r.einddatum;
  if (r.redenWijziging !== undefined) out.redenWijziging = r.redenWijziging;
  if (r.omvang) out.omvang = { volume: String(r.omvang.volume), eenheid: r.omvang.eenheid, frequentie: r.omvang.frequentie };
  if (r.budget !== undefined) out.budget = String(r.budget);
  if (r.commentaar !== undefined) out.commentaar = r.commentaar;
  return out;
}

function startProduct(r: Jw305StartZorg): Obj {
  const out = withNummer({}, r.toewijzingNummer);
  const product = productJson(r.product);
  if (product) out.product = product;
  if (r.toewijzingIngangsdatum !== undefined) out.toewijzingIngangsdatum = r.toewijzingIngangsdatum;
  out.begindatum = r.begindatum;
  out.statusAanlevering = r.statusAanlevering ?? '1';
  return out;
}

function stopProduct(r: Jw307StopZorg): Obj {
  const out = withNummer({}, r.toewijzingNummer);
  const product = productJson(r.product);
  if (product) out.product = product;
  if (r.toewijzingIngangsdatum !== undefined) out.toewijzingIngangsdatum = r.toewijzingIngangsdatum;
  out.begindatum = r.begindatum;
  out.redenBeeindiging = r.redenBeeindiging;
  out.einddatum = r.einddatum;
  out.statusAanlevering = r.statusAanlevering ?? '1';
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// fromVerzoekRegels: the request side for producers (simulator, examples, tests)

/**
 * Flat messages of ONE JW315 (its AangevraagdProducten, same client), or the one Verzoek of a JW317, or the one
 * Antwoord of a JW319 → a complete XSD-valid bericht in its JSON form; the inverse of `toVerzoekbericht`. A JW315
 * gets the Geslacht and the (verkorte) Naam the XSD requires from `extra` or synthetic from the seed (default: the
 * BSN), as `fromRegels` does; a JW317 carries only the Bsn, a JW319 no client. XsdVersie: the appinfo of JW315.xsd,
 * JW317.xsd and JW319.xsd (0.1.0 / 0.1.0, as for JW301/305/307).
 */
export function fromVerzoekRegels(
  regels: readonly VerzoekBericht[],
  extra: Pick<FromRegelsExtra, 'naam' | 'geslacht' | 'seed'> = {},
): { soort: VerzoekBerichtcode; json: IjwJson } {
  const first = regels[0];
  if (!first) throw new Error('fromVerzoekRegels needs at least one regel');
  const soort = first.berichtcode;
  for (const r of regels) {
    if (r.berichtcode !== soort) throw new Error(`fromVerzoekRegels: mixed berichtcodes ${soort} and ${r.berichtcode} in one bericht`);
    if (r.gemeente !== first.gemeente || r.aanbieder !== first.aanbieder || r.identificatie !== first.identificatie)
      throw new Error('fromVerzoekRegels: all regels of one bericht need the same gemeente, aanbieder and identificatie');
  }
  if (soort !== 'JW315' && regels.length !== 1)
    throw new Error(`fromVerzoekRegels: a ${soort} holds exactly one ${soort === 'JW317' ? 'Verzoek' : 'Antwoord'}`);
  const header: Obj = {
    berichtCode: VERZOEK_BERICHTCODE_VAN[soort],
    berichtVersie: '3',
    berichtSubversie: '2',
    afzender: soort === 'JW319' ? first.gemeente : first.aanbieder,
    ontvanger: soort === 'JW319' ? first.aanbieder : first.gemeente,
    berichtIdentificatie: { identificatie: first.identificatie, dagtekening: first.dagtekening },
    xsdVersie: { ...XSD_VERSIE },
  };
  if (soort === 'JW319') {
    const a = first as Jw319Antwoord;
    const antwoord: Obj = { referentieAanbieder: a.referentieAanbieder, verzoekAntwoord: a.verzoekAntwoord };
    if (a.redenAfwijzingVerzoek !== undefined) antwoord.redenAfwijzingVerzoek = a.redenAfwijzingVerzoek;
    if (a.woonplaatsbeginselGemeente !== undefined) antwoord.woonplaatsbeginsel = { gemeente: a.woonplaatsbeginselGemeente };
    return { soort, json: { header, antwoord } as unknown as IjwJson };
  }
  if (soort === 'JW317') {
    const v = first as Jw317VerzoekOmWijziging;
    const verzoek: Obj = { referentieAanbieder: v.referentieAanbieder, redenVerzoek: v.redenVerzoek };
    if (v.ongewijzigd.length > 0)
      verzoek.ongewijzigdeProducten = { ongewijzigdProduct: v.ongewijzigd.map((n) => ({ toewijzingNummer: canonicalNummer(n) })) };
    if (v.teWijzigen.length > 0)
      verzoek.teWijzigenProducten = {
        teWijzigenProduct: v.teWijzigen.map((t) => {
          const out: Obj = { toewijzingNummer: canonicalNummer(t.toewijzingNummer), gewensteIngangsdatum: t.gewensteIngangsdatum };
          if (t.einddatum !== undefined) out.einddatum = t.einddatum;
          if (t.omvang) out.omvang = omvangJson(t.omvang);
          if (t.budget !== undefined) out.budget = String(t.budget);
          return out;
        }),
      };
    if (v.nieuw.length > 0)
      verzoek.nieuweProducten = {
        nieuwProduct: v.nieuw.map((n) => {
          const out: Obj = {};
          const product = productJson(n.product);
          if (product) out.product = product;
          out.gewensteIngangsdatum = n.gewensteIngangsdatum;
          if (n.einddatum !== undefined) out.einddatum = n.einddatum;
          if (n.omvang) out.omvang = omvangJson(n.omvang);
          if (n.budget !== undefined) out.budget = String(n.budget);
          return out;
        }),
      };
    return { soort, json: { header, client: { bsn: v.client.bsn, verzoek } } as unknown as IjwJson };
  }
  const producten = regels as Jw315AangevraagdProduct[];
  const c = producten[0]!.client;
  for (const p of producten) {
    if (p.client.bsn !== c.bsn || p.client.geboortedatum !== c.geboortedatum || p.client.datumGebruik !== c.datumGebruik)
      throw new Error('fromVerzoekRegels: all AangevraagdProducten of one JW315 need the same client');
  }
  const seed = extra.seed ?? fnv(c.bsn);
  const client: Obj = {
    bsn: c.bsn,
    geboortedatum: { datum: c.geboortedatum, ...(c.datumGebruik ? { datumGebruik: c.datumGebruik } : {}) },
    geslacht: extra.geslacht ?? (fnv(`${seed}:0`) % 2 === 0 ? '1' : '2'),
    naam: naamJson(extra.naam ?? syntheticNaam(seed), false),
    aangevraagdeProducten: {
      aangevraagdProduct: producten.map((p) => {
        const out: Obj = { referentieAanbieder: p.referentieAanbieder };
        if (p.beschikkingNummer !== undefined) out.beschikkingNummer = canonicalNummer(p.beschikkingNummer);
        const product = productJson(p.product);
        if (product) out.product = product;
        if (p.beschikkingIngangsdatum !== undefined) out.beschikkingIngangsdatum = p.beschikkingIngangsdatum;
        out.toewijzingIngangsdatum = p.toewijzingIngangsdatum;
        if (p.toewijzingEinddatum !== undefined) out.toewijzingEinddatum = p.toewijzingEinddatum;
        if (p.omvang) out.omvang = omvangJson(p.omvang);
        if (p.budget !== undefined) out.budget = String(p.budget);
        const verwijzer: Obj = { type: p.verwijzer.type };
        if (p.verwijzer.zorgverlenerCode !== undefined) verwijzer.zorgverlenerCode = p.verwijzer.zorgverlenerCode;
        if (p.verwijzer.naam !== undefined) verwijzer.naam = p.verwijzer.naam;
        out.verwijzer = verwijzer;
        if (p.raamcontract !== undefined) out.raamcontract = p.raamcontract;
        if (p.commentaar !== undefined) out.commentaar = p.commentaar;
        return out;
      }),
    },
  };
  return { soort, json: { header, client } as unknown as IjwJson };
}

function omvangJson(o: Omvang): Obj {
  return { volume: String(o.volume), eenheid: o.eenheid, frequentie: o.frequentie };
}
