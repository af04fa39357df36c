/**
 * Controleniveau 1 (IV032): the structure of an iJw 3.2 bericht as its XSD defines it — elements, namespaces,
 * order, cardinality, datatypes and facets — checked by the project's own code against the project's own data
 * (ijw-3.2.schema.json, generated from ../shared/ijw-3.2/xsd by tools/generate-ijw-schema.js).
 *
 * Both forms are checked by one walker over a neutral tree: the XML form (readIjwXml) and the JSON form
 * (validateIjwJson; JSON objects have no order, so there the element order cannot be wrong).
 */
import schemaJson from './ijw-3.2.schema.json';
import { compileSimpleTypes, checkSimpleValue, type CompiledSimpleType } from './datatypes';
import type { ElementDecl, GroupDecl, IjwBerichtsoort, IjwJson, IjwSchemaData, StructureProblem, XmlLimits } from './types';
import { DEFAULT_XML_LIMITS } from './types';
import type { XmlAttribute } from './xml-reader';

export const IJW_SCHEMA: IjwSchemaData = schemaJson as unknown as IjwSchemaData;
export const IJW_BERICHTSOORTEN: readonly IjwBerichtsoort[] = [
  'JW301',
  'JW302',
  'JW305',
  'JW306',
  'JW307',
  'JW308',
  'JW315',
  'JW316',
  'JW317',
  'JW318',
  'JW319',
  'JW320',
];
export const BASISSCHEMA_NAMESPACE: string = IJW_SCHEMA.basisschema.namespace;
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

const SIMPLE_TYPES: Map<string, CompiledSimpleType> = compileSimpleTypes(IJW_SCHEMA);

export function namespaceOf(soort: IjwBerichtsoort): string {
  return IJW_SCHEMA.berichten[soort].namespace;
}

export function soortOfNamespace(ns: string | undefined): IjwBerichtsoort | undefined {
  return IJW_BERICHTSOORTEN.find((s) => IJW_SCHEMA.berichten[s].namespace === ns);
}

export const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);
export const isMany = (d: { maxOccurs: number | 'unbounded' }): boolean => d.maxOccurs === 'unbounded' || d.maxOccurs > 1;
const maxOf = (d: { maxOccurs: number | 'unbounded' }): number => (d.maxOccurs === 'unbounded' ? Infinity : d.maxOccurs);

const PARTICLE_ELEMENTS = new WeakMap<GroupDecl, readonly ElementDecl[]>();

/** The elements of a content model in declaration order (through nested groups); computed once per content model. */
export function particleElements(group: GroupDecl): readonly ElementDecl[] {
  let elements = PARTICLE_ELEMENTS.get(group);
  if (!elements) {
    elements = group.particles.flatMap((p) => (p.kind === 'element' ? [p] : particleElements(p)));
    PARTICLE_ELEMENTS.set(group, elements);
  }
  return elements;
}

function isFlatSequence(group: GroupDecl): boolean {
  return group.kind === 'sequence' && group.minOccurs === 1 && group.maxOccurs === 1 && group.particles.every((p) => p.kind === 'element');
}

// --- the neutral tree ---

export interface TreeNode {
  ns: string | undefined;
  local: string;
  /** As written (XML qname, or the JSON key). */
  written: string;
  children: TreeNode[];
  /** Concatenated character data. */
  text: string;
  /** Character data other than whitespace is present. */
  hasText: boolean;
  /** XML attributes other than namespace declarations. */
  attributes: XmlAttribute[];
  /** A JSON value of the wrong kind already reported: it counts for cardinality, its content is not checked. */
  reported?: boolean;
  /** A JSON key that is no element of the content model. */
  unknownKey?: boolean;
}

interface Ctx {
  soort: IjwBerichtsoort;
  problems: StructureProblem[];
  fromJson: boolean;
  limits: XmlLimits;
}

function push(ctx: Ctx, pad: string, jsonPad: string, message: string, toelichting: string): void {
  ctx.problems.push({ pad: pad || 'Bericht', jsonPad, message, toelichting });
}

const join = (parent: string, name: string, sep: string): string => (parent ? `${parent}${sep}${name}` : name);

/** Validates a tree whose root is the Bericht element of `soort` (the root's own name is checked by the caller). */
export function validateStructure(
  soort: IjwBerichtsoort,
  root: TreeNode,
  options: { fromJson: boolean; limits?: XmlLimits },
): StructureProblem[] {
  const ctx: Ctx = { soort, problems: [], fromJson: options.fromJson, limits: options.limits ?? DEFAULT_XML_LIMITS };
  validateElement(ctx, root, IJW_SCHEMA.berichten[soort].element, '', '');
  return ctx.problems;
}

function validateAttributes(ctx: Ctx, node: TreeNode, pad: string, jsonPad: string): void {
  for (const a of node.attributes) {
    // xsi:schemaLocation and xsi:noNamespaceSchemaLocation are hints any XSD processor accepts (and ignores).
    if (a.ns === XSI_NS && (a.local === 'schemaLocation' || a.local === 'noNamespaceSchemaLocation')) continue;
    push(
      ctx,
      pad,
      jsonPad,
      `attribute ${a.qname} is not allowed on ${node.local} (iJw elements have no attributes)`,
      `Attribuut ${a.qname} is niet toegestaan op ${node.local} (iJw-elementen hebben geen attributen).`,
    );
  }
}

function validateElement(ctx: Ctx, node: TreeNode, decl: ElementDecl, pad: string, jsonPad: string): void {
  validateAttributes(ctx, node, pad, jsonPad);
  if (node.reported) return;
  if (decl.simpleType !== undefined) {
    if (node.children.length) {
      push(
        ctx,
        pad,
        jsonPad,
        `${decl.name} has a simple value; child elements are not allowed in it`,
        `${decl.name} bevat een enkelvoudige waarde; onderliggende elementen zijn daarin niet toegestaan.`,
      );
      return;
    }
    validateValue(ctx, decl, node.text, pad, jsonPad);
    return;
  }
  if (node.hasText)
    push(
      ctx,
      pad,
      jsonPad,
      `${decl.name} contains text; only child elements are allowed in it`,
      `${decl.name} bevat tekst; daarin zijn alleen onderliggende elementen toegestaan.`,
    );
  validateContent(ctx, node, decl, decl.content!, pad, jsonPad);
}

const NINE_DIGITS = /[0-9]{9}/;

function validateValue(ctx: Ctx, decl: ElementDecl, text: string, pad: string, jsonPad: string): void {
  const type = SIMPLE_TYPES.get(decl.simpleType!)!;
  if (text.length > ctx.limits.maxTextLength) {
    push(
      ctx,
      pad,
      jsonPad,
      `the value of ${decl.name} is longer than ${ctx.limits.maxTextLength} characters`,
      `De waarde van ${decl.name} is langer dan ${ctx.limits.maxTextLength} tekens.`,
    );
    return;
  }
  if (ctx.fromJson && /[^\t\n\r\u{20}-\u{D7FF}\u{E000}-\u{FFFD}\u{10000}-\u{10FFFF}]/u.test(text)) {
    push(
      ctx,
      pad,
      jsonPad,
      `the value of ${decl.name} contains a character that XML does not allow`,
      `De waarde van ${decl.name} bevat een teken dat in XML niet is toegestaan.`,
    );
    return;
  }
  const failure = checkSimpleValue(type, text);
  if (!failure) return;
  // A value is quoted only for code lists and the fixed header codes, and never when it could be a BSN.
  const quote = type.quotable && text.length <= 12 && !NINE_DIGITS.test(text) && !/['\s]/.test(text);
  const subject = quote ? `the value '${text}' of ${decl.name}` : `the value of ${decl.name}`;
  const subjectNl = quote ? `De waarde '${text}' van ${decl.name}` : `De waarde van ${decl.name}`;
  const header = /^(JW30[0-9]):Header\/(BerichtCode|BerichtVersie|BerichtSubversie)$/.exec(type.key);
  if (header && failure.facet === 'pattern') {
    const expected = (type.steps[type.steps.length - 1]!.facets.pattern ?? [])[0];
    if (header[2] === 'BerichtCode') {
      push(
        ctx,
        pad,
        jsonPad,
        `${subject} does not match the namespace of the bericht: ${ctx.soort} requires BerichtCode ${expected}`,
        `${subjectNl} past niet bij de namespace van het bericht: ${ctx.soort} vereist BerichtCode ${expected}.`,
      );
    } else {
      push(ctx, pad, jsonPad, `${subject} must be ${expected} (iJw release 3.2)`, `${subjectNl} moet ${expected} zijn (iJw-release 3.2).`);
    }
    return;
  }
  push(ctx, pad, jsonPad, `${subject} ${failure.detail}`, `${subjectNl} ${failure.detailNl}.`);
}

function childPaths(child: TreeNode, decl: ElementDecl | undefined, index: number, pad: string, jsonPad: string): [string, string] {
  const name = decl ? decl.name : child.local;
  const key = decl ? lowerFirst(decl.name) : child.written;
  const indexed = decl ? isMany(decl) || index > 1 : index > 1;
  return [join(pad, indexed ? `${name}[${index}]` : name, '/'), join(jsonPad, indexed ? `${key}[${index - 1}]` : key, '.')];
}

/** What validateContent needs of a content model, computed once per model (it ran for every element of every bericht). */
interface ContentIndex {
  byName: Map<string, ElementDecl>;
  position: Map<ElementDecl, number>;
  flat: boolean;
}

const CONTENT_INDEX = new WeakMap<GroupDecl, ContentIndex>();

function contentIndex(group: GroupDecl): ContentIndex {
  let index = CONTENT_INDEX.get(group);
  if (!index) {
    const elements = particleElements(group);
    // first declaration wins, as elements.indexOf did
    const position = new Map<ElementDecl, number>();
    elements.forEach((e, i) => {
      if (!position.has(e)) position.set(e, i);
    });
    index = { byName: new Map(elements.map((e) => [e.name, e])), position, flat: isFlatSequence(group) };
    CONTENT_INDEX.set(group, index);
  }
  return index;
}

function validateContent(ctx: Ctx, node: TreeNode, decl: ElementDecl, group: GroupDecl, pad: string, jsonPad: string): void {
  const elements = particleElements(group);
  const { byName, position, flat } = contentIndex(group);
  const known: Array<{ child: TreeNode; decl: ElementDecl; index: number; pos: number }> = [];
  const seen = new Map<string, number>();
  for (const child of node.children) {
    const count = (seen.get(`${child.ns}|${child.local}`) ?? 0) + 1;
    seen.set(`${child.ns}|${child.local}`, count);
    const d = child.unknownKey ? undefined : byName.get(child.local);
    if (!d) {
      const [p, j] = childPaths(child, undefined, count, pad, jsonPad);
      if (ctx.fromJson)
        push(
          ctx,
          p,
          j,
          `unknown key ${child.written} in ${decl.name} (not an element of ${decl.name} in ${ctx.soort})`,
          `Onbekende sleutel ${child.written} in ${decl.name} (geen element van ${decl.name} in ${ctx.soort}).`,
        );
      else
        push(
          ctx,
          p,
          j,
          `unknown element ${child.written}: not an element of ${decl.name} in ${ctx.soort}`,
          `Onbekend element ${child.written}: geen element van ${decl.name} in ${ctx.soort}.`,
        );
      continue;
    }
    if (child.ns !== d.namespace) {
      const [p, j] = childPaths(child, d, count, pad, jsonPad);
      push(
        ctx,
        p,
        j,
        `${child.written} is in namespace ${child.ns ?? '(none)'}, but ${d.name} in ${decl.name} belongs to namespace ${d.namespace}`,
        `${child.written} staat in namespace ${child.ns ?? '(geen)'}, maar ${d.name} in ${decl.name} hoort in namespace ${d.namespace}.`,
      );
      continue;
    }
    known.push({ child, decl: d, index: count, pos: position.get(d) ?? -1 });
  }

  if (flat) {
    // A flat sequence accepts exactly the children in declaration order, each within its cardinality.
    let last = -1;
    let lastName = '';
    for (const k of known) {
      if (k.pos < last) {
        const [p, j] = childPaths(k.child, k.decl, k.index, pad, jsonPad);
        push(
          ctx,
          p,
          j,
          `${k.decl.name} is in the wrong place in ${decl.name}: it must come before ${lastName}`,
          `${k.decl.name} staat op de verkeerde plaats in ${decl.name}: het hoort vóór ${lastName}.`,
        );
      } else if (k.pos > last) {
        last = k.pos;
        lastName = k.decl.name;
      }
    }
    // the occurrences of each declared element, in the children's order (one pass instead of a filter per element)
    const byDecl = new Map<ElementDecl, typeof known>();
    for (const k of known) {
      const list = byDecl.get(k.decl);
      if (list) list.push(k);
      else byDecl.set(k.decl, [k]);
    }
    for (const d of elements) {
      const occurrences = byDecl.get(d) ?? [];
      if (occurrences.length < d.minOccurs) {
        const [p, j] = [join(pad, d.name, '/'), join(jsonPad, lowerFirst(d.name), '.')];
        const what =
          d.minOccurs === 1
            ? `the required element ${d.name} is missing in ${decl.name}`
            : `${d.name} must occur at least ${d.minOccurs} times in ${decl.name}`;
        const whatNl =
          d.minOccurs === 1
            ? `Het verplichte element ${d.name} ontbreekt in ${decl.name}.`
            : `${d.name} moet minstens ${d.minOccurs} keer voorkomen in ${decl.name}.`;
        push(ctx, p, j, what, whatNl);
      }
      if (occurrences.length > maxOf(d)) {
        const extra = occurrences[maxOf(d)]!;
        const [p, j] = childPaths(extra.child, d, extra.index, pad, jsonPad);
        push(
          ctx,
          p,
          j,
          `${d.name} occurs ${occurrences.length} times in ${decl.name}; at most ${d.maxOccurs} allowed`,
          `${d.name} komt ${occurrences.length} keer voor in ${decl.name}; hoogstens ${d.maxOccurs} keer toegestaan.`,
        );
      }
    }
  } else if (
    !matchesModel(
      group,
      known.map((k) => k.pos),
      elements,
    )
  ) {
    push(
      ctx,
      pad,
      jsonPad,
      `the child elements of ${decl.name} do not match its content model (${describe(group)})`,
      `De onderliggende elementen van ${decl.name} voldoen niet aan het inhoudsmodel (${describe(group)}).`,
    );
  }

  for (const k of known) {
    const [p, j] = childPaths(k.child, k.decl, k.index, pad, jsonPad);
    validateElement(ctx, k.child, k.decl, p, j);
  }
}

// --- general content models (nested sequence/choice): compiled to a regular expression over particle tokens ---

const MODEL_RE = new WeakMap<GroupDecl, RegExp>();

function occursSuffix(min: number, max: number | 'unbounded'): string {
  if (min === 1 && max === 1) return '';
  return `{${min},${max === 'unbounded' ? '' : max}}`;
}

function modelSource(p: ElementDecl | GroupDecl, elements: readonly ElementDecl[]): string {
  if (p.kind === 'element') return `\\u{${(0xe000 + elements.indexOf(p)).toString(16)}}${occursSuffix(p.minOccurs, p.maxOccurs)}`;
  const parts = p.particles.map((q) => modelSource(q, elements));
  return `(?:${parts.join(p.kind === 'choice' ? '|' : '')})${occursSuffix(p.minOccurs, p.maxOccurs)}`;
}

/** Exported for tests: whether particle positions (indexes into `elements`) match a general content model. */
export function matchesModel(group: GroupDecl, positions: number[], elements: readonly ElementDecl[]): boolean {
  let re = MODEL_RE.get(group);
  if (!re) {
    re = new RegExp(`^${modelSource(group, elements)}$`, 'u');
    MODEL_RE.set(group, re);
  }
  return re.test(positions.map((i) => String.fromCodePoint(0xe000 + i)).join(''));
}

function describe(p: ElementDecl | GroupDecl): string {
  const occ = (min: number, max: number | 'unbounded') => (min === 1 && max === 1 ? '' : `{${min},${max === 'unbounded' ? '∞' : max}}`);
  if (p.kind === 'element') return `${p.name}${occ(p.minOccurs, p.maxOccurs)}`;
  return `(${p.particles.map(describe).join(p.kind === 'choice' ? ' | ' : ', ')})${occ(p.minOccurs, p.maxOccurs)}`;
}

// --- the JSON form ---

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

const jsonKind = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;

/** Converts the JSON form to the neutral tree (children in schema order), reporting JSON kinds that do not fit. */
export function treeFromJson(
  ctx: { problems: StructureProblem[] },
  value: unknown,
  decl: ElementDecl,
  pad: string,
  jsonPad: string,
): TreeNode {
  const node: TreeNode = {
    ns: decl.namespace,
    local: decl.name,
    written: lowerFirst(decl.name),
    children: [],
    text: '',
    hasText: false,
    attributes: [],
  };
  const report = (message: string, toelichting: string) => ctx.problems.push({ pad: pad || 'Bericht', jsonPad, message, toelichting });
  if (decl.simpleType !== undefined) {
    if (typeof value !== 'string') {
      report(
        `${decl.name} must be a string holding the XML text, not ${jsonKind(value)}`,
        `${decl.name} moet een tekst (string) zijn met precies de XML-waarde, geen ${jsonKind(value)}.`,
      );
      node.reported = true;
    } else node.text = value;
    return node;
  }
  if (!isPlainObject(value)) {
    report(`${decl.name} must be an object, not ${jsonKind(value)}`, `${decl.name} moet een object zijn, geen ${jsonKind(value)}.`);
    node.reported = true;
    return node;
  }
  const elements = particleElements(decl.content!);
  const byKey = new Map(elements.map((e) => [lowerFirst(e.name), e]));
  for (const key of Object.keys(value)) {
    if (!byKey.has(key))
      node.children.push({
        ns: undefined,
        local: key,
        written: key,
        children: [],
        text: '',
        hasText: false,
        attributes: [],
        unknownKey: true,
      });
  }
  for (const e of elements) {
    const key = lowerFirst(e.name);
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    const v = value[key];
    const p = join(pad, e.name, '/');
    const j = join(jsonPad, key, '.');
    if (isMany(e)) {
      if (!Array.isArray(v)) {
        ctx.problems.push({
          pad: p,
          jsonPad: j,
          message: `${e.name} may occur more than once, so ${key} must be an array (also with one item)`,
          toelichting: `${e.name} mag vaker voorkomen, dus ${key} moet een array zijn (ook met één element).`,
        });
        node.children.push({ ...treeFromJson({ problems: [] }, v, e, p, j), reported: true });
        continue;
      }
      if (v.length === 0) {
        ctx.problems.push({
          pad: p,
          jsonPad: j,
          message: `${key} is an empty array: leave the key out when ${e.name} does not occur`,
          toelichting: `${key} is een lege array: laat de sleutel weg als ${e.name} niet voorkomt.`,
        });
      }
      v.forEach((item, i) => node.children.push(treeFromJson(ctx, item, e, `${p}[${i + 1}]`, `${j}[${i}]`)));
    } else {
      if (Array.isArray(v)) {
        ctx.problems.push({
          pad: p,
          jsonPad: j,
          message: `${e.name} occurs at most once, so ${key} must not be an array`,
          toelichting: `${e.name} komt hoogstens één keer voor, dus ${key} mag geen array zijn.`,
        });
        node.children.push({
          ns: e.namespace,
          local: e.name,
          written: key,
          children: [],
          text: '',
          hasText: false,
          attributes: [],
          reported: true,
        });
        continue;
      }
      node.children.push(treeFromJson(ctx, v, e, p, j));
    }
  }
  return node;
}

/** The JSON form of a tree that passed validateStructure. */
export function jsonFromTree(node: TreeNode, decl: ElementDecl): IjwJson | string {
  if (decl.simpleType !== undefined) return node.text;
  const out: IjwJson = {};
  for (const e of particleElements(decl.content!)) {
    const items = node.children.filter((c) => c.local === e.name && c.ns === e.namespace);
    if (!items.length) continue;
    const values = items.map((c) => jsonFromTree(c, e));
    out[lowerFirst(e.name)] = isMany(e) ? values : values[0]!;
  }
  return out;
}
