import { createHash } from 'node:crypto';
import {
  dutchDate,
  fromRegels,
  writeIjwXml,
  type Berichtcode,
  type FromRegelsExtra,
  type IjwBericht,
  type IjwJson,
} from '@trajectwacht/ijw';

/**
 * iJw 3.2 berichten for the integration tests and benchmarks. The tests describe what they publish as flat messages
 * (the platform's per-product model, with the BSN: libs/ijw/src/model.ts); these helpers turn one or more of them into
 * ONE complete, XSD-valid bericht with the platform's own producer path: `fromRegels` (flat → JSON form, synthetic
 * Naam/Geslacht/Contactgegevens) and `writeIjwXml` (JSON form → XML). What the flat model leaves open is filled in so
 * the bericht passes controleniveau 2 as it stands:
 *  - Identificatie: the message's own `identificatie`, else its `berichtId` when that is 1–12 characters, else a
 *    12-character digest of the berichtId (LDT_IdentificatieBericht allows at most 12): `identificatieVan`.
 *  - Dagtekening: the message's own, else today in the Netherlands (TR135: not in the future).
 *  - Omvang: a specifieke toewijzing (JW301 with a productcode) needs one (CD041); without it, 8 uur (04) per maand
 *    (4), which needs no Einddatum (CD076 asks one for "per week") and has no frequency restriction (CS338).
 * The accepted products of the bericht come out on ijw.geaccepteerd.v1 as `geaccepteerdId(identificatie, n)`.
 */

/** A flat message as a test writes it: the fields of `IjwBericht`, loosely typed (object literals widen their codes). */
export interface FlatBericht {
  berichtcode: Berichtcode | string;
  /** The old-style id of the message; only used to derive the Identificatie when `identificatie` is absent. */
  berichtId: string;
  gemeente: string;
  aanbieder: string;
  client: { bsn: string; geboortedatum: string; datumGebruik?: string };
  toewijzingNummer?: string;
  product?: { categorie: string; code?: string };
  dagtekening?: string;
  identificatie?: string;
  [field: string]: unknown;
}

/** The default Omvang of a specifieke toewijzing written by these helpers (see above). */
export const DEFAULT_OMVANG = Object.freeze({ volume: 8, eenheid: '04', frequentie: '4' });

/**
 * The Header/BerichtIdentificatie/Identificatie for an old-style berichtId: itself when it fits (1–12 characters), else a stable
 * 12-character digest.
 */
export function identificatieVan(berichtId: string): string {
  const length = [...berichtId].length;
  if (length >= 1 && length <= 12 && /\S/.test(berichtId)) return berichtId;
  return createHash('sha256').update(berichtId, 'utf8').digest('hex').slice(0, 12);
}

/** The berichtId on ijw.geaccepteerd.v1 of product n (1-based, document order) of the bericht with this Identificatie. */
export function geaccepteerdId(identificatie: string, n = 1): string {
  return `${identificatie}/${n}`;
}

/** The flat messages completed as described above, all with the Identificatie and Dagtekening of the first. */
export function completeRegels(regels: FlatBericht | readonly FlatBericht[], today: string = dutchDate(new Date())): IjwBericht[] {
  const list = Array.isArray(regels) ? (regels as readonly FlatBericht[]) : [regels as FlatBericht];
  if (list.length === 0) throw new Error('an iJw bericht needs at least one product');
  const first = list[0]!;
  const identificatie = first.identificatie ?? identificatieVan(first.berichtId);
  const dagtekening = first.dagtekening ?? today;
  return list.map((r) => {
    const out: Record<string, unknown> = { ...r, identificatie, dagtekening };
    if (r.berichtcode === 'JW301' && r.product?.code !== undefined && out.omvang === undefined && out.budget === undefined)
      out.omvang = { ...DEFAULT_OMVANG };
    return out as unknown as IjwBericht;
  });
}

export interface IjwTestBericht {
  soort: Berichtcode;
  identificatie: string;
  /** The JSON form (the exact camelCase mapping of the XML). */
  json: IjwJson;
  /** The XML, as a sender publishes it. */
  xml: string;
  /** The berichtIds its products get on ijw.geaccepteerd.v1, in document order. */
  geaccepteerdIds: string[];
}

/** One bericht from flat messages of one sender, client and berichtsoort (one product per message). */
export function ijwBericht(regels: FlatBericht | readonly FlatBericht[], extra: FromRegelsExtra = {}): IjwTestBericht {
  const complete = completeRegels(regels);
  const { soort, json } = fromRegels(complete, extra);
  const identificatie = complete[0]!.identificatie!;
  return {
    soort,
    identificatie,
    json,
    xml: writeIjwXml(soort, json),
    geaccepteerdIds: complete.map((_, i) => geaccepteerdId(identificatie, i + 1)),
  };
}

/** The iJw XML of one bericht from flat messages with their BSN: what a test publishes on ijw.berichten.v1 or POSTs. */
export function ijwPayload(regels: FlatBericht | readonly FlatBericht[], extra: FromRegelsExtra = {}): string {
  return ijwBericht(regels, extra).xml;
}

/** The same bericht in its JSON form, as text (the other accepted payload form). */
export function ijwJsonPayload(regels: FlatBericht | readonly FlatBericht[], extra: FromRegelsExtra = {}): string {
  return JSON.stringify(ijwBericht(regels, extra).json);
}

/** The retourcodes in a retour bericht's XML, in document order (header first, then the client's classes). */
export function retourcodesIn(xml: string | null | undefined): string[] {
  return [...(xml ?? '').matchAll(/<(?:[\w.-]+:)?RetourCode>\s*([^<\s]+)\s*<\/(?:[\w.-]+:)?RetourCode>/g)].map((m) => m[1]!);
}

/** A record of ijw.retour.v1: its contract in @trajectwacht/contracts (read it with decodeRetour). */
export type { RetourRecord } from '@trajectwacht/contracts';
