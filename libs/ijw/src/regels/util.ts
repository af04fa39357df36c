/** Small helpers shared by the rule files. Pure functions. */
import type {
  Berichtcode,
  Berichtklasse,
  Bevinding,
  Controleniveau,
  IjwBericht,
  IsoDate,
  Jw301Toewijzing,
  Product,
  PseudonymisedBericht,
} from '../model';
import type { BoomObject, BoomWaarde } from './types';

/** WJ001 0001: every finding of controleniveau 2 carries this general code (IV032). */
export const RETOURCODE_TECHNISCH = '0001';

const PRODUCT_PAD: Record<Berichtcode, string> = {
  JW301: 'Client/ToegewezenProducten/ToegewezenProduct',
  JW305: 'Client/StartProducten/StartProduct',
  JW307: 'Client/StopProducten/StopProduct',
};

/** XPath-like path of a product element: `Client/StartProducten/StartProduct[2]/Begindatum` (1-based position). */
export function productPad(berichtcode: Berichtcode, index: number, element?: string): string {
  return `${PRODUCT_PAD[berichtcode]}[${index + 1}]${element ? `/${element}` : ''}`;
}

const PRODUCT_NAAM: Record<Berichtcode, string> = { JW301: 'ToegewezenProduct', JW305: 'StartProduct', JW307: 'StopProduct' };

/** Dutch reference to a product for a toelichting: `StartProduct 2 (ToewijzingNummer 300201)`. Never contains a BSN. */
export function productNaam(regel: Pick<IjwBericht | PseudonymisedBericht, 'berichtcode' | 'toewijzingNummer'>, index: number): string {
  const nummer = regel.toewijzingNummer ? ` (ToewijzingNummer ${regel.toewijzingNummer})` : '';
  return `${PRODUCT_NAAM[regel.berichtcode]} ${index + 1}${nummer}`;
}

export interface RegelMeta {
  code: string;
  niveau: Controleniveau;
  retourcode: string;
}

/** Builds a finding of a rule. */
export function bevinding(
  meta: RegelMeta,
  klasse: Berichtklasse,
  toelichting: string,
  opties: { productIndex?: number; pad?: string } = {},
): Bevinding {
  const b: Bevinding = { retourcode: meta.retourcode, regel: meta.code, niveau: meta.niveau, klasse, toelichting };
  if (klasse === 'product' && opties.productIndex !== undefined) b.productIndex = opties.productIndex;
  if (opties.pad) b.pad = opties.pad;
  return b;
}

/** The product part of a logical key: categorie and code, '' for no Product (generiek). */
export function productSleutel(product: Product | undefined): string {
  if (!product) return '';
  return `${product.categorie}/${product.code ?? ''}`;
}

export function productOmschrijving(product: Product | undefined): string {
  if (!product) return 'geen product (generiek)';
  return product.code ? `product ${product.categorie}/${product.code}` : `productcategorie ${product.categorie}`;
}

export function sameProduct(a: Product | undefined, b: Product | undefined): boolean {
  return productSleutel(a) === productSleutel(b);
}

/** Dutch notation of an ISO date for toelichtingen: 2026-04-03 → 03-04-2026. */
export function nlDatum(date: IsoDate): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : date;
}

/** StatusAanlevering as a string ('1' when absent); may be '2' or '9' when the parser passes the XML value through. */
export function statusAanlevering(regel: { statusAanlevering?: string }): string {
  return regel.statusAanlevering ?? '1';
}

// ---- reading the camelCase tree ---------------------------------------------------------------------------------

export function obj(v: BoomWaarde | undefined): BoomObject | undefined {
  return v !== undefined && typeof v === 'object' && !Array.isArray(v) ? (v as BoomObject) : undefined;
}

export function str(v: BoomWaarde | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** An element with maxOccurs > 1 is always an array in the JSON form; a single object is accepted too. */
export function arr(v: BoomWaarde | undefined): BoomObject[] {
  if (v === undefined) return [];
  const list = Array.isArray(v) ? v : [v];
  return list.map((x) => obj(x)).filter((x): x is BoomObject => x !== undefined);
}

/** One Contact class of a JW301 with its path: the client's Contactgegevens/Contact[n] and each Relatie's Contact. */
export interface ContactMetPad {
  contact: BoomObject;
  pad: string;
  /** Dutch description for a toelichting. */
  naam: string;
}

export function contacten(client: BoomObject | undefined): ContactMetPad[] {
  if (!client) return [];
  const out: ContactMetPad[] = [];
  arr(obj(client['contactgegevens'])?.['contact']).forEach((contact, i) => {
    out.push({ contact, pad: `Client/Contactgegevens/Contact[${i + 1}]`, naam: `contact ${i + 1} van de cliënt` });
  });
  arr(obj(client['relaties'])?.['relatie']).forEach((relatie, i) => {
    const contact = obj(relatie['contact']);
    if (contact) out.push({ contact, pad: `Client/Relaties/Relatie[${i + 1}]/Contact`, naam: `het contact van relatie ${i + 1}` });
  });
  return out;
}

/** Runs `fn` for each ToegewezenProduct of a JW301 (nothing for other berichten) and collects the findings. */
export function perToegewezenProduct(
  bericht: { berichtcode: Berichtcode; regels: readonly IjwBericht[] },
  fn: (regel: Jw301Toewijzing, index: number) => Bevinding | undefined,
): Bevinding[] {
  if (bericht.berichtcode !== 'JW301') return [];
  const out: Bevinding[] = [];
  bericht.regels.forEach((regel, i) => {
    if (regel.berichtcode !== 'JW301') return;
    const b = fn(regel, i);
    if (b) out.push(b);
  });
  return out;
}

/** A finding on a product. */
export function productBevinding(
  meta: RegelMeta,
  regel: Pick<IjwBericht, 'berichtcode' | 'toewijzingNummer'>,
  index: number,
  element: string | undefined,
  tekst: string,
): Bevinding {
  return bevinding(meta, 'product', `${productNaam(regel, index)}: ${tekst} (${meta.code}).`, {
    productIndex: index,
    pad: productPad(regel.berichtcode, index, element),
  });
}

/** After 31-12-2020 or open-ended: the period CD080 and CS338 apply to. */
export function naEind2020(einddatum: IsoDate | undefined): boolean {
  return einddatum === undefined || einddatum > '2020-12-31';
}
