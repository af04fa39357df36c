import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Berichtcode } from './model';

/**
 * iJw XML (release 3.x) → the JSON contract. Element names are matched without namespace prefix, so both
 * `<JW301:Bericht xmlns:JW301="http://www.istandaarden.nl/ijw/3_2/jw301/schema">` and unprefixed forms work.
 * One XML bericht can carry several products (ToegewezenProduct / StartProduct / StopProduct); each becomes one
 * JSON message, with berichtId "<Identificatie>" for a single product and "<Identificatie>-<n>" for several.
 * DTDs are refused outright: no entity is ever expanded (XXE and billion-laughs are impossible).
 */
export type XmlParseResult = { ok: true; berichten: Record<string, unknown>[] } | { ok: false; error: string };

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  // Only the five predefined XML entities are decoded; DTDs (and so any other entity) are refused before parsing.
  processEntities: true,
  isArray: (name) => ['ToegewezenProduct', 'StartProduct', 'StopProduct'].includes(name),
});

type Node = Record<string, unknown>;

function child(node: unknown, name: string): Node | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const value = (node as Node)[name];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Node) : undefined;
}

function text(node: unknown, name: string): string | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const value = (node as Node)[name];
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  // iJw dates are often wrapped: <Geboortedatum><Datum>…</Datum></Geboortedatum>
  const nested = child(node, name);
  if (nested && typeof nested.Datum === 'string') return nested.Datum;
  return undefined;
}

function detectCode(xml: string): Berichtcode | undefined {
  const ns = /istandaarden\.nl\/ijw\/[0-9_]+\/(jw30[157])\//i.exec(xml);
  if (ns) return ns[1]!.toUpperCase() as Berichtcode;
  const prefix = /<(JW30[157]):Bericht\b/.exec(xml);
  return prefix ? (prefix[1] as Berichtcode) : undefined;
}

export function parseIjwXml(xml: string): XmlParseResult {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return { ok: false, error: 'XML with a DOCTYPE or ENTITY declaration is not accepted' };
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return { ok: false, error: `the XML is not well-formed: ${valid.err.msg} (line ${valid.err.line})` };
  const berichtcode = detectCode(xml);
  if (!berichtcode) return { ok: false, error: 'the XML is not an iJw JW301, JW305 or JW307 bericht (namespace http://www.istandaarden.nl/ijw/3_2/jw30x/schema)' };

  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch (error) {
    return { ok: false, error: `the XML could not be read: ${(error as Error).message}` };
  }
  const roots = Object.keys(doc).filter((k) => !k.startsWith('?'));
  if (roots.length !== 1) return { ok: false, error: `the XML must have exactly one root element, found ${roots.length}` };
  const bericht = child(doc, 'Bericht');
  const header = child(bericht, 'Header');
  const client = child(bericht, 'Client');
  if (!bericht || !header || !client) return { ok: false, error: 'the XML bericht must contain a Header and a Client' };

  const afzender = text(header, 'Afzender');
  const ontvanger = text(header, 'Ontvanger');
  const identificatie = child(header, 'BerichtIdentificatie');
  const id = text(identificatie, 'Identificatie');
  const dagtekening = text(identificatie, 'Dagtekening');
  const gemeente = berichtcode === 'JW301' ? afzender : ontvanger;
  const aanbieder = berichtcode === 'JW301' ? ontvanger : afzender;

  const listName = { JW301: ['ToegewezenProducten', 'ToegewezenProduct'], JW305: ['StartProducten', 'StartProduct'], JW307: ['StopProducten', 'StopProduct'] }[berichtcode];
  const list = child(client, listName[0]!);
  const products = list && Array.isArray(list[listName[1]!]) ? (list[listName[1]!] as Node[]) : [];
  if (products.length === 0) return { ok: false, error: `the XML bericht has no ${listName[1]}` };

  const berichten = products.map((p, index) => {
    const product = child(p, 'Product');
    const out: Record<string, unknown> = {
      berichtcode,
      berichtId: id === undefined || products.length === 1 ? id : `${id}-${index + 1}`,
      gemeente,
      aanbieder,
      client: { bsn: text(client, 'Bsn'), geboortedatum: text(client, 'Geboortedatum') },
      toewijzingNummer: text(p, 'ToewijzingNummer'),
      product: { categorie: text(product, 'Categorie'), code: text(product, 'Code') },
      dagtekening,
    };
    if (berichtcode === 'JW301') {
      out.ingangsdatum = text(p, 'ToewijzingIngangsdatum') ?? text(p, 'Ingangsdatum');
      out.einddatum = text(p, 'Einddatum');
      out.redenWijziging = text(p, 'RedenWijziging');
      const omvang = child(p, 'Omvang');
      if (omvang) {
        const volume = text(omvang, 'Volume');
        out.omvang = { volume: volume !== undefined && /^[0-9]+$/.test(volume) ? Number(volume) : volume, eenheid: text(omvang, 'Eenheid'), frequentie: text(omvang, 'Frequentie') };
      }
      out.referentieAanbieder = text(p, 'ReferentieAanbieder');
      out.commentaar = text(p, 'Commentaar');
    } else {
      out.begindatum = text(p, 'Begindatum');
      if (berichtcode === 'JW307') {
        out.einddatum = text(p, 'Einddatum');
        out.redenBeeindiging = text(p, 'RedenBeeindiging');
      }
    }
    for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
    return out;
  });
  return { ok: true, berichten };
}
