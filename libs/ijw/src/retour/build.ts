/**
 * The retour bericht of a heenbericht: JW302 for JW301, JW306 for JW305, JW308 for JW307, JW316 for JW315, JW318 for
 * JW317 and JW320 for JW319, built as the standard
 * prescribes in `regels/invulinstructies/invulinstructie_IV028.md` (how a retour is made) and
 * `regels/invulinstructies/invulinstructie_IV032.md` (which retourcode at which controleniveau), with the element
 * positions of `xsd/JW302.xsd`, `JW306.xsd` and `JW308.xsd`. Pure: no I/O, no clock (the date comes in `meta`).
 *
 * - Header: BerichtCode of the retour (437/439/441); BerichtVersie, BerichtSubversie, Afzender, Ontvanger,
 *   BerichtIdentificatie and XsdVersie copied unchanged from the heenbericht (Afzender stays the sender of the
 *   heenbericht: IV028 says "ongewijzigd overgenomen, inclusief Afzender en Ontvanger"); then IdentificatieRetour,
 *   DagtekeningRetour, XsltVersie (only on a level-2 rejection), XsdVersieRetour and RetourCodes.
 * - No findings: the header only, without RetourCodes (the bericht is accepted).
 * - A finding of controleniveau 2 (or 1, see README.md): the header only, RetourCodes 0001.
 * - A finding of controleniveau 3/4 in the Header: the header only, with the retourcodes of those findings.
 * - Findings of controleniveau 3/4 in the client's classes only: header with 0200, and the whole Client copied
 *   unchanged where every berichtklasse (Client, each Relatie, each Contact, each product) carries RetourCodes as
 *   its last element: the codes found in that class, 0200 when nothing was found, 0233 when it was not assessed.
 *   A finding of 3/4 rejects the whole bericht (IV032), so all classes are returned, also the clean ones.
 *   JW318 has its classes in Client/Verzoek (the Verzoek and its three product lists), JW320 in the Antwoord (a
 *   JW319 has no Client): `verzoekRetour`, `antwoordRetour`.
 */
import type { Bevinding } from '../model';
import {
  RETOURCODE_GEEN_OPMERKING,
  RETOURCODE_NIET_BEOORDEELD,
  RETOURCODE_TECHNISCH_AFGEKEURD,
  isWj001Retourcode,
} from '../codelists/wj001';
import { PARTIJEN, PRODUCTEN, RETOURSOORT, RETOUR_BERICHTCODE, VERZOEK_PRODUCTEN, XSD_VERSIE_RETOUR, XSLT_VERSIE } from './standaard';
import type { HeenInput, Heensoort, IjwJson, IjwJsonValue, Retourbericht, RetourMeta } from './types';

type BoomObject = IjwJson;
type BoomWaarde = IjwJsonValue;

/** The retour cannot be made: the heenbericht's header, which the retour copies, is not usable. */
export class RetourNietMogelijk extends Error {
  constructor(readonly problemen: readonly string[]) {
    super(`geen retourbericht mogelijk: ${problemen.join('; ')}`);
    this.name = 'RetourNietMogelijk';
  }
}

const GEMEENTE = /^[0-9]{4}$/;
const AGB = /^[0-9]{8}$/;
const VERSIE = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/;

function isObject(v: BoomWaarde | undefined): v is BoomObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** LDT_Datum: xs:date without zone (pattern `[^:Z]*`), whitespace collapsed. */
export function isLdtDatum(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v.trim());
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && y > 0;
}

/** LDT_IdentificatieBericht: 1–12 characters, at least one not whitespace. */
export function isLdtIdentificatieBericht(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  const length = [...v].length;
  return length >= 1 && length <= 12 && /\S/.test(v);
}

/**
 * Why the retour could not copy this header validly (empty = usable). Checks exactly the elements the retour copies,
 * against their types in the retour XSD (basisschema.xsd): BerichtVersie 3, BerichtSubversie 2, Afzender/Ontvanger
 * (LDT_Gemeente / LDT_AgbCode by soort), BerichtIdentificatie (Identificatie, Dagtekening) and XsdVersie (two
 * LDT_Versie). BerichtCode is not copied, so a wrong BerichtCode does not block a retour.
 */
export function headerProblemen(soort: Heensoort, header: unknown): string[] {
  if (!isObject(header as BoomWaarde)) return ['het bericht heeft geen leesbare Header'];
  const h = header as BoomObject;
  const out: string[] = [];
  const str = (v: BoomWaarde | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
  if (str(h.berichtVersie)?.trim() !== '3') out.push('Header/BerichtVersie is niet 3');
  if (str(h.berichtSubversie)?.trim() !== '2') out.push('Header/BerichtSubversie is niet 2');
  const partij = (rol: 'afzender' | 'ontvanger', naam: string): void => {
    const v = str(h[rol]);
    const soortPartij = PARTIJEN[soort][rol];
    const ok = v !== undefined && (soortPartij === 'gemeente' ? GEMEENTE : AGB).test(v);
    if (!ok) out.push(`Header/${naam} is geen ${soortPartij === 'gemeente' ? 'gemeentecode (4 cijfers)' : 'AGB-code (8 cijfers)'}`);
  };
  partij('afzender', 'Afzender');
  partij('ontvanger', 'Ontvanger');
  const bi = h.berichtIdentificatie;
  if (!isObject(bi)) out.push('Header/BerichtIdentificatie ontbreekt');
  else {
    if (!isLdtIdentificatieBericht(bi.identificatie)) out.push('Header/BerichtIdentificatie/Identificatie is geen 1–12 tekens');
    if (!isLdtDatum(bi.dagtekening)) out.push('Header/BerichtIdentificatie/Dagtekening is geen geldige datum');
  }
  const xv = h.xsdVersie;
  if (!isObject(xv)) out.push('Header/XsdVersie ontbreekt');
  else {
    for (const [k, naam] of [
      ['basisschemaXsdVersie', 'BasisschemaXsdVersie'],
      ['berichtXsdVersie', 'BerichtXsdVersie'],
    ] as const) {
      const v = xv[k];
      if (typeof v !== 'string' || !VERSIE.test(v)) out.push(`Header/XsdVersie/${naam} is geen versie n.n.n`);
    }
  }
  return out;
}

function metaProblemen(meta: RetourMeta): string[] {
  const out: string[] = [];
  if (!isLdtIdentificatieBericht(meta.identificatieRetour)) out.push('IdentificatieRetour moet 1–12 tekens zijn (niet alleen spaties)');
  if (!isLdtDatum(meta.dagtekeningRetour) || meta.dagtekeningRetour !== meta.dagtekeningRetour.trim()) {
    out.push('DagtekeningRetour moet een datum JJJJ-MM-DD zijn');
  }
  if (meta.xsltVersie !== undefined && !VERSIE.test(meta.xsltVersie)) out.push('XsltVersie moet een versie n.n.n zijn');
  return out;
}

/** Distinct retourcodes of these findings, in the order found. */
function codes(bevindingen: readonly Bevinding[]): string[] {
  return [...new Set(bevindingen.map((b) => b.retourcode))];
}

function retourHeader(heen: HeenInput, meta: RetourMeta, retourCodes: readonly string[], xsltVersie?: string): BoomObject {
  const src = heen.json.header as IjwJson;
  const bi = src.berichtIdentificatie as BoomObject;
  const xv = src.xsdVersie as BoomObject;
  const soort = RETOURSOORT[heen.soort];
  const header: BoomObject = {
    berichtCode: RETOUR_BERICHTCODE[soort],
    berichtVersie: src.berichtVersie,
    berichtSubversie: src.berichtSubversie,
    afzender: src.afzender,
    ontvanger: src.ontvanger,
    berichtIdentificatie: { identificatie: bi.identificatie, dagtekening: bi.dagtekening },
    xsdVersie: { basisschemaXsdVersie: xv.basisschemaXsdVersie, berichtXsdVersie: xv.berichtXsdVersie },
    identificatieRetour: meta.identificatieRetour,
    dagtekeningRetour: meta.dagtekeningRetour,
  };
  if (xsltVersie !== undefined) header.xsltVersie = xsltVersie;
  header.xsdVersieRetour = { ...XSD_VERSIE_RETOUR[soort] };
  if (retourCodes.length > 0) header.retourCodes = { retourCode: [...retourCodes] };
  return header;
}

/** Deep copy of a JSON tree (plain objects and arrays of this realm; structuredClone would not keep that under jest). */
function kopie(v: BoomWaarde): BoomWaarde {
  if (Array.isArray(v)) return v.map((x) => kopie(x) as string | IjwJson);
  if (isObject(v)) {
    const out: BoomObject = {};
    for (const [k, x] of Object.entries(v)) out[k] = kopie(x);
    return out;
  }
  return v;
}

/** Items of a maxOccurs > 1 element (always an array in the mapping; a lone object is tolerated as one item). */
function items(v: BoomWaarde | undefined): BoomObject[] {
  if (Array.isArray(v)) return v.filter(isObject);
  return isObject(v) ? [v] : [];
}

/** Sets RetourCodes as the last element of a berichtklasse (every retour XSD puts it last). */
function zetRetourCodes(klasse: BoomObject, retourCodes: readonly string[]): void {
  delete klasse.retourCodes;
  klasse.retourCodes = { retourCode: [...retourCodes] };
}

type Doel =
  | { klasse: 'client' }
  | { klasse: 'relatie'; index: number }
  | { klasse: 'relatieContact'; index: number }
  | { klasse: 'contact'; index: number }
  | { klasse: 'product'; index: number };

/** Where a finding's retourcode goes. Exported for tests. */
export function doelVan(soort: Heensoort, b: Bevinding, aantal: { producten: number; relaties: number; contacten: number }): Doel {
  const n = (m: RegExpExecArray | null): number | undefined => (m ? (m[1] === undefined ? 0 : Number(m[1]) - 1) : undefined);
  if (soort === 'JW317' || soort === 'JW319') return { klasse: 'client' }; // their classes: verzoekDoelVan, antwoordDoelVan
  if (b.klasse === 'product') {
    const element = PRODUCTEN[soort].element.replace('/', '\\/');
    const index = b.productIndex ?? n(new RegExp(`^Client\\/${element}(?:\\[(\\d+)\\])?(?:\\/|$)`).exec(b.pad ?? ''));
    if (index !== undefined && index >= 0 && index < aantal.producten) return { klasse: 'product', index };
    return { klasse: 'client' };
  }
  const pad = b.pad ?? '';
  const relatieContact = n(/^Client\/Relaties\/Relatie(?:\[(\d+)\])?\/Contact(?:\/|$)/.exec(pad));
  if (relatieContact !== undefined && relatieContact < aantal.relaties) return { klasse: 'relatieContact', index: relatieContact };
  const relatie = n(/^Client\/Relaties\/Relatie(?:\[(\d+)\])?(?:\/|$)/.exec(pad));
  if (relatie !== undefined && relatie < aantal.relaties) return { klasse: 'relatie', index: relatie };
  const contact = n(/^Client\/Contactgegevens\/Contact(?:\[(\d+)\])?(?:\/|$)/.exec(pad));
  if (contact !== undefined && contact < aantal.contacten) return { klasse: 'contact', index: contact };
  return { klasse: 'client' };
}

/**
 * Builds the retour bericht (JSON tree) of a heenbericht from the findings about it. Throws `RetourNietMogelijk` when
 * the header of the heenbericht cannot be copied into a valid retour (see `headerProblemen`), and a plain Error for
 * an invalid `meta` or a finding whose code is not in WJ001 (a retour could not carry it): both are the caller's bug.
 */
export function buildRetour(heen: HeenInput, bevindingen: readonly Bevinding[], meta: RetourMeta): Retourbericht {
  const soort = RETOURSOORT[heen.soort];
  if (!soort) throw new RetourNietMogelijk([`onbekende berichtsoort ${String(heen.soort)}`]);
  const fouteMeta = metaProblemen(meta);
  if (fouteMeta.length > 0) throw new Error(`ongeldige retour-meta: ${fouteMeta.join('; ')}`);
  const problemen = headerProblemen(heen.soort, heen.json?.header);
  if (problemen.length > 0) throw new RetourNietMogelijk(problemen);
  const vreemd = bevindingen.filter((b) => !isWj001Retourcode(b.retourcode)).map((b) => `${b.retourcode} (${b.regel})`);
  if (vreemd.length > 0) throw new Error(`retourcode niet in WJ001: ${[...new Set(vreemd)].join(', ')}`);

  const only = (retourCodes: readonly string[], xsltVersie?: string): Retourbericht => ({
    soort,
    json: { header: retourHeader(heen, meta, retourCodes, xsltVersie) },
  });

  // Controleniveau 1 and 2: header only with 0001 (IV028, IV032); XsltVersie when the level-2 rules rejected it.
  if (bevindingen.some((b) => b.niveau <= 2)) {
    const niveau2 = bevindingen.some((b) => b.niveau === 2);
    return only([RETOURCODE_TECHNISCH_AFGEKEURD], niveau2 ? (meta.xsltVersie ?? XSLT_VERSIE) : undefined);
  }
  if (bevindingen.length === 0) return only([]);

  // Controleniveau 3/4 in the Header: header only, with the codes of those findings (IV028).
  const inHeader = bevindingen.filter((b) => b.klasse === 'header');
  if (inHeader.length > 0) return only(codes(inHeader));

  if (heen.soort === 'JW319')
    return {
      soort,
      json: { header: retourHeader(heen, meta, [RETOURCODE_GEEN_OPMERKING]), antwoord: antwoordRetour(heen.json, bevindingen) },
    };
  const heenClient = heen.json.client;
  if (!isObject(heenClient)) throw new RetourNietMogelijk(['bevindingen over de cliënt, maar het bericht heeft geen Client']);
  if (heen.soort === 'JW317')
    return {
      soort,
      json: { header: retourHeader(heen, meta, [RETOURCODE_GEEN_OPMERKING]), client: verzoekRetour(heenClient, bevindingen) },
    };
  const client = kopie(heenClient) as BoomObject;
  const { lijst, product } = PRODUCTEN[heen.soort];
  const producten = isObject(client[lijst]) ? items((client[lijst] as BoomObject)[product]) : [];
  const relaties = isObject(client.relaties) ? items((client.relaties as BoomObject).relatie) : [];
  const contacten = isObject(client.contactgegevens) ? items((client.contactgegevens as BoomObject).contact) : [];

  const gevonden = new Map<string, Bevinding[]>();
  const aantal = { producten: producten.length, relaties: relaties.length, contacten: contacten.length };
  for (const b of bevindingen) {
    const doel = doelVan(heen.soort, b, aantal);
    const key = 'index' in doel ? `${doel.klasse}:${doel.index}` : doel.klasse;
    gevonden.set(key, [...(gevonden.get(key) ?? []), b]);
  }
  const nietBeoordeeld = new Set(meta.nietBeoordeeld ?? []);
  const codesVoor = (key: string, beoordeeld = true): string[] => {
    const found = gevonden.get(key);
    if (found) return codes(found);
    return [beoordeeld ? RETOURCODE_GEEN_OPMERKING : RETOURCODE_NIET_BEOORDEELD];
  };

  // Children first, the Client's own RetourCodes after its product list (XSD order: RetourCodes is the last element).
  relaties.forEach((relatie, i) => {
    if (isObject(relatie.contact)) zetRetourCodes(relatie.contact, codesVoor(`relatieContact:${i}`));
    zetRetourCodes(relatie, codesVoor(`relatie:${i}`));
  });
  contacten.forEach((contact, i) => zetRetourCodes(contact, codesVoor(`contact:${i}`)));
  producten.forEach((p, i) => zetRetourCodes(p, codesVoor(`product:${i}`, !nietBeoordeeld.has(i))));
  zetRetourCodes(client, codesVoor('client'));

  const json: IjwJson = { header: retourHeader(heen, meta, [RETOURCODE_GEEN_OPMERKING]), client };
  return { soort, json };
}

/** Distinct codes per class key, `0200` for a class without findings. */
function perKlasse(bevindingen: readonly Bevinding[], doel: (b: Bevinding) => string): (key: string) => string[] {
  const gevonden = new Map<string, Bevinding[]>();
  for (const b of bevindingen) gevonden.set(doel(b), [...(gevonden.get(doel(b)) ?? []), b]);
  return (key) => {
    const found = gevonden.get(key);
    return found ? codes(found) : [RETOURCODE_GEEN_OPMERKING];
  };
}

/**
 * JW318: the Client copied with RetourCodes on the Client, its Verzoek and every OngewijzigdProduct, TeWijzigenProduct
 * and NieuwProduct (JW318.xsd). A finding goes to the item its `pad` names
 * (`Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct[2]/…`), to the Verzoek for any other `Client/Verzoek…` path,
 * else to the Client.
 */
function verzoekRetour(heenClient: BoomObject, bevindingen: readonly Bevinding[]): BoomObject {
  const client = kopie(heenClient) as BoomObject;
  const verzoek = isObject(client.verzoek) ? client.verzoek : undefined;
  const lijsten = VERZOEK_PRODUCTEN.map((l) => ({
    ...l,
    items: verzoek && isObject(verzoek[l.lijst]) ? items((verzoek[l.lijst] as BoomObject)[l.product]) : [],
  }));
  const codesVoor = perKlasse(bevindingen, (b) => {
    const pad = b.pad ?? '';
    for (const l of lijsten) {
      const m = new RegExp(`^Client\\/Verzoek\\/${l.element.replace('/', '\\/')}(?:\\[(\\d+)\\])?(?:\\/|$)`).exec(pad);
      const index = m ? (m[1] === undefined ? 0 : Number(m[1]) - 1) : -1;
      if (index >= 0 && index < l.items.length) return `${l.product}:${index}`;
    }
    return verzoek && /^Client\/Verzoek(?:\/|$)/.test(pad) ? 'verzoek' : 'client';
  });
  for (const l of lijsten) l.items.forEach((item, i) => zetRetourCodes(item, codesVoor(`${l.product}:${i}`)));
  if (verzoek) zetRetourCodes(verzoek, codesVoor('verzoek'));
  zetRetourCodes(client, codesVoor('client'));
  return client;
}

/**
 * JW320: the Antwoord copied with RetourCodes on the Antwoord and its Woonplaatsbeginsel (JW320.xsd; a JW319 has no
 * Client). A finding whose `pad` starts with `Antwoord/Woonplaatsbeginsel` goes there, every other one to the Antwoord.
 */
function antwoordRetour(json: IjwJson, bevindingen: readonly Bevinding[]): BoomObject {
  if (!isObject(json.antwoord)) throw new RetourNietMogelijk(['bevindingen over het antwoord, maar het bericht heeft geen Antwoord']);
  const antwoord = kopie(json.antwoord) as BoomObject;
  const woonplaats = isObject(antwoord.woonplaatsbeginsel) ? antwoord.woonplaatsbeginsel : undefined;
  const codesVoor = perKlasse(bevindingen, (b) =>
    woonplaats && /^Antwoord\/Woonplaatsbeginsel(?:\/|$)/.test(b.pad ?? '') ? 'woonplaatsbeginsel' : 'antwoord',
  );
  if (woonplaats) zetRetourCodes(woonplaats, codesVoor('woonplaatsbeginsel'));
  zetRetourCodes(antwoord, codesVoor('antwoord'));
  return antwoord;
}
