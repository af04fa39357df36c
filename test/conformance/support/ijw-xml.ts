/**
 * Test-side helpers for the conformance corpus and the mapping specs, independent of the platform's own code (so
 * they can serve as a second opinion): a plain iJw XML ⇄ JSON form conversion (camelCase element names,
 * namespace prefixes dropped on reading; jw30x / ijw prefixes by the XSDs' types on writing) and the XSD oracle
 * (xmllint-wasm against /work/shared/ijw-3.2/xsd).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { XMLParser } from 'fast-xml-parser';

export type Json = Record<string, unknown>;
export type Soort = 'JW301' | 'JW305' | 'JW307';
/** Every heenbericht of the corpus, the request side included. */
export type CorpusSoort = Soort | 'JW315' | 'JW317' | 'JW319';

/** The standard beside the checkout (CI always has it). */
export const IJW_DIR = resolve(__dirname, '..', '..', '..', '..', 'shared', 'ijw-3.2');
export const XSD_DIR = join(IJW_DIR, 'xsd');
export const HAVE_STANDARD = existsSync(join(XSD_DIR, 'basisschema.xsd'));

/** Elements whose maxOccurs > 1 in JW301/JW305/JW307 (always arrays in the JSON form). */
const REPEATED = new Set(['ToegewezenProduct', 'StartProduct', 'StopProduct', 'Relatie', 'RetourCode']);
const REPEATED_PATHS = [/\.Contactgegevens\.Contact$/];

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  isArray: (name, jpath) => REPEATED.has(name) || REPEATED_PATHS.some((re) => re.test(String(jpath))),
});

const camel = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);
const pascal = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);

function convert(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convert);
  if (typeof node === 'object' && node !== null) {
    const out: Json = {};
    for (const [k, v] of Object.entries(node as Json)) if (!k.startsWith('?') && k !== '#text') out[camel(k)] = convert(v);
    return out;
  }
  return node;
}

/** iJw XML → its JSON form (the root Bericht is not a key). */
export function xmlToJson(xml: string): Json {
  const doc = parser.parse(xml) as Json;
  const bericht = doc.Bericht as Json;
  return convert(bericht) as Json;
}

/** Elements typed by an ijw:CDT_* type: their children are in the basisschema namespace. */
const CDT = new Set([
  'berichtIdentificatie',
  'xsdVersie',
  'geboortedatum',
  'naam',
  'communicatie',
  'adres',
  'telefoon',
  'periode',
  'product',
  'omvang',
]);

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function write(key: string, value: unknown, prefix: string, inner: string, indent: string, out: string[]): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const v of value) write(key, v, prefix, inner, indent, out);
    return;
  }
  const tag = `${prefix}:${pascal(key)}`;
  if (typeof value === 'object') {
    out.push(`${indent}<${tag}>`);
    const childPrefix = CDT.has(key) ? 'ijw' : inner;
    for (const [k, v] of Object.entries(value as Json)) write(k, v, childPrefix, childPrefix === 'ijw' ? 'ijw' : inner, `${indent}\t`, out);
    out.push(`${indent}</${tag}>`);
  } else out.push(`${indent}<${tag}>${escape(String(value))}</${tag}>`);
}

/** The JSON form → iJw XML with the standard's prefixes (jw30x for the message's own elements, ijw for CDT contents). */
export function jsonToXml(soort: Soort, json: Json, namespaceOf: string = soort.toLowerCase()): string {
  const p = namespaceOf;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<${p}:Bericht xmlns:ijw="http://www.istandaarden.nl/ijw/3_2/basisschema/schema" ` +
      `xmlns:${p}="http://www.istandaarden.nl/ijw/3_2/${p}/schema">`,
  ];
  for (const [k, v] of Object.entries(json)) write(k, v, p, p, '\t', out);
  out.push(`</${p}:Bericht>`, '');
  return out.join('\n');
}

export interface OracleResult {
  valid: boolean;
  errors: string[];
}

/** Validates each XML against the XSD of its soort with xmllint-wasm (libxml2). One call per soort for speed. */
export async function xsdValidate(items: { name: string; soort: CorpusSoort; xml: string }[]): Promise<Map<string, OracleResult>> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { validateXML } = require('xmllint-wasm') as typeof import('xmllint-wasm');
  const basis = { fileName: 'basisschema.xsd', contents: readFileSync(join(XSD_DIR, 'basisschema.xsd'), 'utf8') };
  const results = new Map<string, OracleResult>();
  for (const soort of ['JW301', 'JW305', 'JW307', 'JW315', 'JW317', 'JW319'] as const) {
    const group = items.filter((i) => i.soort === soort);
    for (let i = 0; i < group.length; i += 250) {
      const chunk = group.slice(i, i + 250);
      const r = await validateXML({
        xml: chunk.map((item, j) => ({ fileName: `f${j}.xml`, contents: item.xml })),
        schema: { fileName: `${soort}.xsd`, contents: readFileSync(join(XSD_DIR, `${soort}.xsd`), 'utf8') },
        preload: [basis],
      });
      // xmllint reports per file: errors prefixed "fN.xml:line:" and a final "fN.xml fails to validate"
      chunk.forEach((item, j) => {
        const file = `f${j}.xml`;
        const mine = r.errors.filter(
          (e) => e.loc?.fileName === file || e.rawMessage.startsWith(`${file}:`) || e.rawMessage.startsWith(`${file} `),
        );
        results.set(item.name, { valid: mine.length === 0, errors: mine.map((e) => e.message) });
      });
    }
  }
  return results;
}
