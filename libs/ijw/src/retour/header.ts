/**
 * The Header of a bericht that fails its XSD (controleniveau 1), read on its own, so that `beantwoord` can still send
 * the header-only retour with 0001 beside the foutmelding (see README.md). readIjwXml gives no tree for an invalid
 * bericht; this reads the XML with the schema module's hardened reader (no DTD, limits) and maps only the Header's
 * elements, in the same camelCase form. Whether the result can be copied into a valid retour is `headerProblemen`'s
 * call, not this function's.
 */
import { BASISSCHEMA_NAMESPACE, soortOfNamespace } from '../schema/structure';
import { DEFAULT_XML_LIMITS } from '../schema/types';
import { readXml, type XmlElement } from '../schema/xml-reader';
import type { Heensoort, IjwJson } from './types';

const HEEN = new Set<string>(['JW301', 'JW305', 'JW307', 'JW315', 'JW317', 'JW319']);
const SIMPLE = new Set(['BerichtCode', 'BerichtVersie', 'BerichtSubversie', 'Afzender', 'Ontvanger']);
const COMPLEX: Record<string, readonly string[]> = {
  BerichtIdentificatie: ['Identificatie', 'Dagtekening'],
  XsdVersie: ['BasisschemaXsdVersie', 'BerichtXsdVersie'],
};

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);
const elements = (el: XmlElement): XmlElement[] => el.children.filter((c): c is XmlElement => c.type === 'element');
/** Text of a simple element; undefined when it has element children. */
function text(el: XmlElement): string | undefined {
  if (elements(el).length > 0) return undefined;
  return el.children.map((c) => (c.type === 'text' ? c.text : '')).join('');
}

export interface GelezenHeader {
  /** The heenbericht soort named by the root's namespace (JW301, JW305, JW307, JW315, JW317, JW319). */
  soort?: Heensoort;
  /** The Header's known elements in camelCase; an element that is repeated, misplaced or malformed is left out. */
  header?: IjwJson;
}

/** Reads the soort and the Header of an iJw XML bericht, also when the rest of it is invalid. Never throws. */
export function leesHeader(xml: string): GelezenHeader {
  let root: XmlElement;
  try {
    const read = readXml(xml, DEFAULT_XML_LIMITS);
    if (!read.ok) return {};
    root = read.root;
  } catch {
    return {};
  }
  const soortNs = soortOfNamespace(root.ns);
  const out: GelezenHeader = {};
  if (soortNs && HEEN.has(soortNs)) out.soort = soortNs as Heensoort;
  if (root.local !== 'Bericht' || !out.soort) return out;
  const headers = elements(root).filter((e) => e.local === 'Header' && e.ns === root.ns);
  if (headers.length !== 1) return out;

  const header: IjwJson = {};
  const seen = new Map<string, number>();
  for (const el of elements(headers[0])) seen.set(el.local, (seen.get(el.local) ?? 0) + 1);
  for (const el of elements(headers[0])) {
    if (el.ns !== root.ns || seen.get(el.local) !== 1) continue;
    if (SIMPLE.has(el.local)) {
      const v = text(el);
      if (v !== undefined) header[lowerFirst(el.local)] = v;
    } else if (COMPLEX[el.local]) {
      const parts: IjwJson = {};
      for (const name of COMPLEX[el.local]) {
        const found = elements(el).filter((c) => c.local === name && c.ns === BASISSCHEMA_NAMESPACE);
        const v = found.length === 1 ? text(found[0]) : undefined;
        if (v !== undefined) parts[lowerFirst(name)] = v;
      }
      header[lowerFirst(el.local)] = parts;
    }
  }
  out.header = header;
  return out;
}
