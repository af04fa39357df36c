/**
 * Reading, checking and writing iJw 3.2 berichten (JW301/302/305/306/307/308) in their native XML form and in the
 * JSON form (the exact camelCase mapping of the XML tree). Controleniveau 1 of IV032: the structure the XSD
 * defines (../shared/ijw-3.2/xsd), checked at runtime by the project's own code and data (ijw-3.2.schema.json).
 * Nothing here throws on received input: every problem is a StructureProblem.
 */
import { readXml, type XmlElement } from './xml-reader';
import {
  BASISSCHEMA_NAMESPACE,
  IJW_BERICHTSOORTEN,
  IJW_SCHEMA,
  isMany,
  jsonFromTree,
  lowerFirst,
  namespaceOf,
  particleElements,
  soortOfNamespace,
  treeFromJson,
  validateStructure,
  type TreeNode,
} from './structure';
import { DEFAULT_XML_LIMITS, type ElementDecl, type IjwBerichtsoort, type IjwJson, type StructureProblem, type XmlLimits } from './types';

export type ReadIjwXmlResult =
  { ok: true; soort: IjwBerichtsoort; json: IjwJson } | { ok: false; soort?: IjwBerichtsoort; problems: StructureProblem[] };

export interface ReadIjwXmlOptions {
  limits?: Partial<XmlLimits>;
}

function limitsOf(options?: ReadIjwXmlOptions): XmlLimits {
  return { ...DEFAULT_XML_LIMITS, ...(options?.limits ?? {}) };
}

function treeFromXml(el: XmlElement): TreeNode {
  const children: TreeNode[] = [];
  let text = '';
  let hasText = false;
  for (const c of el.children) {
    if (c.type === 'element') children.push(treeFromXml(c));
    else {
      text += c.text;
      if (/[^ \t\n\r]/.test(c.text)) hasText = true;
    }
  }
  return { ns: el.ns, local: el.local, written: el.qname, children, text, hasText, attributes: el.attributes };
}

const IJW_NS = /^http:\/\/www\.istandaarden\.nl\/ijw\/3_2\/(jw[0-9]+)\/schema$/;

function problem(pad: string, jsonPad: string, message: string, toelichting: string): StructureProblem {
  return { pad: pad || 'Bericht', jsonPad, message, toelichting };
}

/**
 * Reads an iJw 3.2 bericht in XML. The root must be `Bericht` in one of the namespaces
 * http://www.istandaarden.nl/ijw/3_2/jw3xx/schema (301, 302, 305–308, 315–320); prefixes are free (resolved from the
 * xmlns declarations). DOCTYPE/ENTITY, XML that is not well-formed, and every deviation from the XSD are refused.
 */
export function readIjwXml(xml: string, options?: ReadIjwXmlOptions): ReadIjwXmlResult {
  try {
    const limits = limitsOf(options);
    const read = readXml(xml, limits);
    if (!read.ok) {
      if (read.doctype) {
        return {
          ok: false,
          problems: [
            problem(
              '',
              '',
              `the XML is refused: ${read.message}`,
              'Het XML-bericht wordt geweigerd: een DOCTYPE of ENTITY-declaratie is niet toegestaan (geen DTD, geen entiteiten).',
            ),
          ],
        };
      }
      return {
        ok: false,
        problems: [
          problem(
            '',
            '',
            `the XML is not well-formed: ${read.message}${read.line ? ` (line ${read.line})` : ''}`,
            `Het bericht is geen goedgevormde XML${read.line ? ` (regel ${read.line})` : ''}: ${read.message}.`,
          ),
        ],
      };
    }
    const root = read.root;
    const soort = soortOfNamespace(root.ns);
    if (!soort || root.local !== 'Bericht') {
      const other = root.ns ? IJW_NS.exec(root.ns) : null;
      const expected = IJW_BERICHTSOORTEN.map((s) => s.toLowerCase()).join(', ');
      if (soort) {
        return {
          ok: false,
          soort,
          problems: [
            problem(
              '',
              '',
              `the root element must be Bericht, found ${root.local}`,
              `Het hoofdelement moet Bericht zijn, niet ${root.local}.`,
            ),
          ],
        };
      }
      const message = other
        ? `berichtsoort ${other[1]!.toUpperCase()} is not handled here (only ${expected})`
        : `the root element is not an iJw 3.2 Bericht: namespace ${root.ns ?? '(none)'} ` +
          `is not one of http://www.istandaarden.nl/ijw/3_2/{${expected}}/schema`;
      const nl = other
        ? `Berichtsoort ${other[1]!.toUpperCase()} wordt hier niet verwerkt (alleen ${expected}).`
        : 'Het hoofdelement is geen iJw 3.2-Bericht: de namespace is niet die van JW301, JW302, JW305–JW308 of JW315–JW320.';
      return { ok: false, problems: [problem('', '', message, nl)] };
    }
    const tree = treeFromXml(root);
    const problems = validateStructure(soort, tree, { fromJson: false, limits });
    if (problems.length) return { ok: false, soort, problems };
    return { ok: true, soort, json: jsonFromTree(tree, IJW_SCHEMA.berichten[soort].element) as IjwJson };
  } catch (error) {
    // Defensive: no input may crash the caller.
    return {
      ok: false,
      problems: [
        problem(
          '',
          '',
          `the XML could not be checked (${error instanceof Error ? error.name : 'error'})`,
          'Het bericht kon niet worden gecontroleerd.',
        ),
      ],
    };
  }
}

/**
 * Checks the JSON form of a bericht of `soort`: the same rules as the XML (elements, cardinality, datatypes,
 * facets, header codes) except element order, which a JSON object does not have. Unknown keys, values that are
 * not strings, arrays where maxOccurs = 1 and non-arrays where maxOccurs > 1 are problems.
 */
export function validateIjwJson(soort: IjwBerichtsoort, json: unknown, options?: ReadIjwXmlOptions): StructureProblem[] {
  try {
    if (!IJW_BERICHTSOORTEN.includes(soort))
      return [problem('', '', `unknown berichtsoort ${String(soort).slice(0, 10)}`, 'Onbekende berichtsoort.')];
    const ctx = { problems: [] as StructureProblem[] };
    const tree = treeFromJson(ctx, json, IJW_SCHEMA.berichten[soort].element, '', '');
    return [...ctx.problems, ...validateStructure(soort, tree, { fromJson: true, limits: limitsOf(options) })];
  } catch (error) {
    return [
      problem(
        '',
        '',
        `the JSON could not be checked (${error instanceof Error ? error.name : 'error'})`,
        'Het bericht kon niet worden gecontroleerd.',
      ),
    ];
  }
}

// --- writing ---

function escapeText(s: string): string {
  // \r is written as a reference: a literal one would become \n when the XML is read (XML 1.0 §2.11).
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

function prefixOf(soort: IjwBerichtsoort, ns: string): string {
  return ns === BASISSCHEMA_NAMESPACE ? 'ijw' : soort.toLowerCase();
}

function writeElement(out: string[], soort: IjwBerichtsoort, decl: ElementDecl, value: string | IjwJson, indent: string): void {
  const tag = `${prefixOf(soort, decl.namespace)}:${decl.name}`;
  if (decl.simpleType !== undefined) {
    out.push(`${indent}<${tag}>${escapeText(value as string)}</${tag}>`);
    return;
  }
  out.push(`${indent}<${tag}>`);
  writeChildren(out, soort, decl, value as IjwJson, `${indent}\t`);
  out.push(`${indent}</${tag}>`);
}

function writeChildren(out: string[], soort: IjwBerichtsoort, decl: ElementDecl, value: IjwJson, indent: string): void {
  for (const e of particleElements(decl.content!)) {
    const v = value[lowerFirst(e.name)];
    if (v === undefined) continue;
    const items = isMany(e) ? (v as Array<string | IjwJson>) : [v as string | IjwJson];
    for (const item of items) writeElement(out, soort, e, item, indent);
  }
}

/**
 * Writes the XML form of a bericht: XML declaration, root `<jw30x:Bericht xmlns:jw30x="…" xmlns:ijw="…">`,
 * children in schema order, prefix jw30x: or ijw: by the element's namespace, text escaped.
 * Throws when `json` is not a valid JSON form of `soort` (a programming error: check with validateIjwJson);
 * the error message lists the paths, never values.
 * readIjwXml(writeIjwXml(s, j)).json deep-equals j.
 * `validate: false` skips that check (the same text for a valid `json`): for producers whose output is valid by
 * construction and checked by their tests (the simulator's bulk generation); the check is most of the writer's cost.
 */
export function writeIjwXml(soort: IjwBerichtsoort, json: IjwJson, options: { validate?: boolean } = {}): string {
  const problems = options.validate === false ? [] : validateIjwJson(soort, json);
  if (problems.length) {
    throw new Error(
      `writeIjwXml: not a valid ${soort}: ${problems
        .slice(0, 5)
        .map((p) => `${p.jsonPad || 'bericht'}: ${p.message}`)
        .join('; ')}`,
    );
  }
  const prefix = soort.toLowerCase();
  const root = IJW_SCHEMA.berichten[soort].element;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<${prefix}:Bericht xmlns:${prefix}="${namespaceOf(soort)}" xmlns:ijw="${BASISSCHEMA_NAMESPACE}">`,
  ];
  writeChildren(out, soort, root, json, '\t');
  out.push(`</${prefix}:Bericht>`);
  return `${out.join('\n')}\n`;
}
