#!/usr/bin/env node
/**
 * Generates the project's own structural data for iJw 3.2 (controleniveau 1) from the standard's XSDs:
 *
 *   libs/ijw/src/schema/ijw-3.2.schema.json   per berichtsoort the namespace, the root and the element tree
 *                                             (name, namespace, minOccurs, maxOccurs, sequence/choice), and every
 *                                             simple type with its base type and facets; source/version info
 *                                             from xs:appinfo and the SHA-256 of every source file.
 *   docs/schema/jw30x.schema.json             a JSON Schema (draft 2020-12) of the JSON form of each bericht
 *                                             (the exact camelCase mapping of the XML, see docs/messages.md).
 *
 * The runtime never reads the XSDs: it reads the checked-in JSON. A unit test
 * (libs/ijw/src/schema/generated.spec.ts) asserts that the checked-in files equal this generator's output.
 *
 * Usage: node tools/generate-ijw-schema.js [XSD_DIR] [--check]
 *   XSD_DIR  default ../shared/ijw-3.2/xsd relative to the repository root
 *   --check  write nothing; exit 1 when a checked-in file differs from the output
 *
 * The generator is strict: an XSD construct it does not translate (attributes, xs:all, element refs, complex
 * content, unknown facets, …) stops it with an error, so nothing in the standard is silently dropped.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { XMLParser } = require('fast-xml-parser');

const REPO_ROOT = path.resolve(__dirname, '..');
const XS = 'http://www.w3.org/2001/XMLSchema';
const SOORTEN = ['JW301', 'JW302', 'JW305', 'JW306', 'JW307', 'JW308', 'JW315', 'JW316', 'JW317', 'JW318', 'JW319', 'JW320'];
const BUILTINS = ['string', 'integer', 'decimal', 'date', 'time', 'boolean'];
const FACETS = [
  'pattern',
  'enumeration',
  'minLength',
  'maxLength',
  'length',
  'minInclusive',
  'maxInclusive',
  'minExclusive',
  'maxExclusive',
  'totalDigits',
  'fractionDigits',
  'whiteSpace',
];
const SCHEMA_OUT = path.join(REPO_ROOT, 'libs/ijw/src/schema/ijw-3.2.schema.json');
const JSON_SCHEMA_DIR = path.join(REPO_ROOT, 'docs/schema');

// ---------------------------------------------------------------------------------------------------------------
// Reading an XSD file into a small namespace-resolved tree (the XSDs are trusted input; preserveOrder keeps the
// order of particles in a sequence).

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
});

function toTree(nodes, inherited) {
  const out = [];
  for (const node of nodes) {
    const attrs = node[':@'] || {};
    const qname = Object.keys(node).find((k) => k !== ':@');
    if (qname === undefined || qname.startsWith('?') || qname === '#comment') continue;
    if (qname === '#text') {
      out.push({ text: String(node['#text']) });
      continue;
    }
    const ns = { ...inherited };
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'xmlns') ns[''] = v;
      else if (k.startsWith('xmlns:')) ns[k.slice(6)] = v;
    }
    const [prefix, local] = qname.includes(':') ? qname.split(':') : ['', qname];
    const plainAttrs = {};
    for (const [k, v] of Object.entries(attrs)) if (k !== 'xmlns' && !k.startsWith('xmlns:')) plainAttrs[k] = String(v);
    out.push({ ns: ns[prefix], local, attrs: plainAttrs, nsMap: ns, children: toTree(node[qname] || [], ns) });
  }
  return out;
}

function readXsd(file) {
  const text = fs.readFileSync(file, 'utf8');
  const tree = toTree(parser.parse(text), {});
  const schema = tree.find((n) => n.local === 'schema' && n.ns === XS);
  if (!schema) throw new Error(`${file}: no xs:schema root`);
  // Subresource-integrity form (base64): a 64-character hex digest would look like a key to tools/repository-secrets.spec.ts.
  return { schema, sha256: `sha256-${crypto.createHash('sha256').update(text).digest('base64')}` };
}

const xsChildren = (node, local) => node.children.filter((c) => c.ns === XS && (local === undefined || c.local === local));
const isXs = (node) => node.ns === XS;

function resolveQName(node, qname) {
  const [prefix, local] = qname.includes(':') ? qname.split(':') : ['', qname];
  const ns = node.nsMap[prefix];
  if (ns === undefined) throw new Error(`unresolved prefix in ${qname}`);
  return { ns, local };
}

function textOf(node) {
  return node.children
    .filter((c) => c.text !== undefined)
    .map((c) => c.text)
    .join('');
}

function appinfo(schema) {
  const out = {};
  for (const annotation of xsChildren(schema, 'annotation')) {
    for (const info of xsChildren(annotation, 'appinfo')) {
      for (const item of info.children) if (item.local) out[item.local] = textOf(item);
    }
  }
  return out;
}

function occurs(node, attr, dflt) {
  const v = node.attrs[attr];
  if (v === undefined) return dflt;
  if (v === 'unbounded') return 'unbounded';
  if (!/^[0-9]+$/.test(v)) throw new Error(`bad ${attr} ${v}`);
  return Number(v);
}

// ---------------------------------------------------------------------------------------------------------------
// Translation of the schemas

function generate(xsdDir) {
  const basis = readXsd(path.join(xsdDir, 'basisschema.xsd'));
  const basisNs = basis.schema.attrs.targetNamespace;
  const schemas = { basisschema: { ...basis, targetNs: basisNs, key: 'basisschema' } };
  for (const soort of SOORTEN) {
    const xsd = readXsd(path.join(xsdDir, `${soort}.xsd`));
    schemas[soort] = { ...xsd, targetNs: xsd.schema.attrs.targetNamespace, key: soort };
  }
  for (const s of Object.values(schemas)) {
    // Both the basisschema and the bericht schemas declare elementFormDefault="qualified": every local element
    // is in the target namespace of the schema that declares it. Verified here, not assumed.
    if (s.schema.attrs.elementFormDefault !== 'qualified') throw new Error(`${s.key}: elementFormDefault is not qualified`);
    if (s.schema.attrs.attributeFormDefault !== undefined && s.schema.attrs.attributeFormDefault !== 'unqualified')
      throw new Error(`${s.key}: attributeFormDefault`);
    for (const child of s.schema.children) {
      if (child.text !== undefined) continue;
      if (!isXs(child) || !['annotation', 'import', 'element', 'complexType', 'simpleType'].includes(child.local)) {
        throw new Error(`${s.key}: unsupported top-level construct ${child.local}`);
      }
    }
  }
  const byNs = new Map(Object.values(schemas).map((s) => [s.targetNs, s]));

  const simpleTypes = {};
  const complexTypeDefs = new Map(); // `${ns}|${name}` → { schema, node }
  const simpleTypeDefs = new Map();
  for (const s of Object.values(schemas)) {
    for (const n of xsChildren(s.schema, 'complexType')) complexTypeDefs.set(`${s.targetNs}|${n.attrs.name}`, { schema: s, node: n });
    for (const n of xsChildren(s.schema, 'simpleType')) simpleTypeDefs.set(`${s.targetNs}|${n.attrs.name}`, { schema: s, node: n });
  }

  const typeKey = (schema, name) => (schema.key === 'basisschema' ? name : `${schema.key}:${name}`);

  function translateSimpleType(node, schema, key) {
    if (simpleTypes[key]) return key;
    const allowed = ['annotation', 'restriction'];
    for (const c of node.children)
      if (c.local && !allowed.includes(c.local)) throw new Error(`${key}: unsupported simpleType content ${c.local}`);
    const restriction = xsChildren(node, 'restriction')[0];
    if (!restriction) throw new Error(`${key}: simpleType without restriction (list/union unsupported)`);
    const base = resolveQName(restriction, restriction.attrs.base);
    let baseKey;
    if (base.ns === XS) {
      if (!BUILTINS.includes(base.local)) throw new Error(`${key}: unsupported builtin base xs:${base.local}`);
      baseKey = `xs:${base.local}`;
    } else baseKey = namedSimpleType(base);
    const facets = {};
    for (const f of restriction.children) {
      if (f.text !== undefined || (isXs(f) && f.local === 'annotation')) continue;
      if (!isXs(f) || !FACETS.includes(f.local)) throw new Error(`${key}: unsupported facet ${f.local}`);
      if (f.attrs.fixed !== undefined) throw new Error(`${key}: fixed facets unsupported`);
      const value = f.attrs.value;
      if (value === undefined) throw new Error(`${key}: facet ${f.local} without value`);
      if (f.local === 'pattern' || f.local === 'enumeration') (facets[f.local] = facets[f.local] || []).push(value);
      else if (facets[f.local] !== undefined) throw new Error(`${key}: facet ${f.local} repeated`);
      else if (f.local === 'whiteSpace') facets.whiteSpace = value;
      else if (['minInclusive', 'maxInclusive', 'minExclusive', 'maxExclusive'].includes(f.local)) facets[f.local] = value;
      else {
        if (!/^[0-9]+$/.test(value)) throw new Error(`${key}: facet ${f.local} value ${value}`);
        facets[f.local] = Number(value);
      }
    }
    // The XSD patterns translated to ECMAScript (flag u), anchored to the whole value: the runtime compiles these.
    if (facets.pattern) facets.patternJs = facets.pattern.map((p) => translateXsdRegex(p));
    simpleTypes[key] = { namespace: schema.targetNs, base: baseKey, facets };
    return key;
  }

  function namedSimpleType(qn) {
    const def = simpleTypeDefs.get(`${qn.ns}|${qn.local}`);
    if (!def) throw new Error(`unknown simple type {${qn.ns}}${qn.local}`);
    return translateSimpleType(def.node, def.schema, typeKey(def.schema, qn.local));
  }

  function translateGroup(node, schema, context, stack) {
    const kind = node.local;
    if (kind !== 'sequence' && kind !== 'choice') throw new Error(`${context}: unsupported model group ${kind}`);
    const particles = [];
    for (const c of node.children) {
      if (c.text !== undefined || (isXs(c) && c.local === 'annotation')) continue;
      if (!isXs(c)) throw new Error(`${context}: foreign element in model group`);
      if (c.local === 'element') particles.push(translateElement(c, schema, context, stack));
      else if (c.local === 'sequence' || c.local === 'choice') particles.push(translateGroup(c, schema, context, stack));
      else throw new Error(`${context}: unsupported particle ${c.local}`);
    }
    // The JSON form maps a child element to a key by its local name: two particles with one local name in one
    // content model would make the mapping ambiguous.
    const names = collectNames(particles);
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup) throw new Error(`${context}: local name ${dup} occurs twice in one content model`);
    return { kind, minOccurs: occurs(node, 'minOccurs', 1), maxOccurs: occurs(node, 'maxOccurs', 1), particles };
  }

  function collectNames(particles) {
    return particles.flatMap((p) => (p.kind === 'element' ? [p.name] : collectNames(p.particles)));
  }

  function translateComplexType(node, schema, context, stack) {
    for (const attr of Object.keys(node.attrs))
      if (attr !== 'name') throw new Error(`${context}: complexType attribute ${attr} unsupported`);
    let group;
    for (const c of node.children) {
      if (c.text !== undefined || (isXs(c) && c.local === 'annotation')) continue;
      if (isXs(c) && (c.local === 'sequence' || c.local === 'choice') && !group) group = translateGroup(c, schema, context, stack);
      else throw new Error(`${context}: unsupported complexType content ${c.local}`);
    }
    if (!group) throw new Error(`${context}: empty complex type unsupported`);
    return group;
  }

  function translateElement(node, schema, context, stack) {
    for (const attr of Object.keys(node.attrs)) {
      if (!['name', 'type', 'minOccurs', 'maxOccurs'].includes(attr)) throw new Error(`${context}: element attribute ${attr} unsupported`);
    }
    const name = node.attrs.name;
    if (!name) throw new Error(`${context}: element without name (ref unsupported)`);
    const where = `${context}/${name}`;
    const el = {
      kind: 'element',
      name,
      namespace: schema.targetNs, // elementFormDefault="qualified" (checked above)
      minOccurs: occurs(node, 'minOccurs', 1),
      maxOccurs: occurs(node, 'maxOccurs', 1),
    };
    const inline = node.children.filter((c) => isXs(c) && c.local !== 'annotation');
    if (node.attrs.type !== undefined) {
      if (inline.length) throw new Error(`${where}: both type and inline type`);
      const qn = resolveQName(node, node.attrs.type);
      if (qn.ns === XS) throw new Error(`${where}: direct builtin element types unsupported`);
      const ctKey = `${qn.ns}|${qn.local}`;
      if (complexTypeDefs.has(ctKey)) {
        if (stack.includes(ctKey)) throw new Error(`${where}: recursive type ${qn.local}`);
        const def = complexTypeDefs.get(ctKey);
        el.complexType = qn.local;
        el.content = translateComplexType(def.node, def.schema, `${def.schema.key}:${qn.local}`, [...stack, ctKey]);
      } else el.simpleType = namedSimpleType(qn);
    } else {
      if (inline.length !== 1) throw new Error(`${where}: element without type`);
      const t = inline[0];
      const anonName = `${context.replace(/^[^:]*:/, '')}/${name}`;
      if (t.local === 'simpleType')
        el.simpleType = translateSimpleType(t, schema, typeKey(schema, anonName).replace(/^([^:]*)$/, 'basisschema:$1'));
      else if (t.local === 'complexType') el.content = translateComplexType(t, schema, where, stack);
      else throw new Error(`${where}: unsupported inline ${t.local}`);
    }
    return el;
  }

  // Every named simple type of every schema, used or not (the data is the whole standard's datatype layer).
  for (const [k, def] of simpleTypeDefs) namedSimpleType({ ns: k.split('|')[0], local: def.node.attrs.name });

  const berichten = {};
  for (const soort of SOORTEN) {
    const s = schemas[soort];
    const roots = xsChildren(s.schema, 'element');
    if (roots.length !== 1 || roots[0].attrs.name !== 'Bericht') throw new Error(`${soort}: expected one global element Bericht`);
    const imports = xsChildren(s.schema, 'import').map((i) => i.attrs.namespace);
    for (const ns of imports) if (!byNs.has(ns)) throw new Error(`${soort}: import of unknown namespace ${ns}`);
    const root = translateElement(roots[0], s, `${soort}:`, []);
    berichten[soort] = {
      file: `${soort}.xsd`,
      sha256: s.sha256,
      namespace: s.targetNs,
      root: 'Bericht',
      appinfo: appinfo(s.schema),
      element: root,
    };
  }

  const schemaData = {
    $comment: 'Generated by tools/generate-ijw-schema.js from the iJw 3.2 XSDs (../shared/ijw-3.2/xsd). Do not edit: rerun the generator.',
    release: '3.2',
    basisschema: { file: 'basisschema.xsd', sha256: basis.sha256, namespace: basisNs, appinfo: appinfo(basis.schema) },
    berichten,
    simpleTypes: Object.fromEntries(
      Object.keys(simpleTypes)
        .sort()
        .map((k) => [k, simpleTypes[k]]),
    ),
  };
  const jsonSchemas = {};
  for (const soort of SOORTEN) jsonSchemas[soort] = toJsonSchema(schemaData, soort);
  return { schemaData, jsonSchemas };
}

// ---------------------------------------------------------------------------------------------------------------
// XSD regular expressions → ECMAScript (flag u). XSD regexes are implicitly anchored to the whole value, `.` is
// any character but \n and \r, \s is exactly [ \t\n\r], \d is any Unicode decimal digit (Nd). The translations are
// stored beside the XSD patterns (facets.patternJs); the runtime only compiles them. Unsupported syntax (character
// class subtraction, block escapes, \i, \c) stops the generator.

const WS = '\\t\\n\\r ';
const NOT_WS_RANGES = '\\u{0}-\\u{8}\\u{B}\\u{C}\\u{E}-\\u{1F}\\u{21}-\\u{10FFFF}';

function escapeLiteral(ch) {
  return /[A-Za-z0-9]/.test(ch) ? ch : `\\u{${ch.codePointAt(0).toString(16).toUpperCase()}}`;
}

function translateXsdRegex(src) {
  const chars = [...src];
  let i = 0;
  const peek = () => chars[i];
  function singleEscape(c) {
    const map = { n: '\n', r: '\r', t: '\t' };
    if (map[c]) return map[c];
    if ('\\|.-^?*+{}()[]'.includes(c)) return c;
    return undefined;
  }
  // Multi-character escape → { cls: text usable inside [...] } or { atom }
  function multiEscape(c) {
    switch (c) {
      case 's':
        return { inClass: WS, atom: `[${WS}]` };
      case 'S':
        return { inClass: NOT_WS_RANGES, atom: `[^${WS}]` };
      case 'd':
        return { inClass: '\\p{Nd}', atom: '\\p{Nd}' };
      case 'D':
        return { inClass: '\\P{Nd}', atom: '\\P{Nd}' };
      case 'w':
        return { inClass: null, atom: '[^\\p{P}\\p{Z}\\p{C}]' };
      case 'W':
        return { inClass: '\\p{P}\\p{Z}\\p{C}', atom: '[\\p{P}\\p{Z}\\p{C}]' };
      default:
        return undefined;
    }
  }
  function parseClassChar() {
    const c = chars[i++];
    if (c === undefined) throw new Error(`unterminated character class in ${src}`);
    if (c === '\\') {
      const e = chars[i++];
      const s = singleEscape(e);
      if (s !== undefined) return { ch: s };
      if (e === 'p' || e === 'P') return { raw: categoryEscape(e) };
      const m = multiEscape(e);
      if (m && m.inClass !== null) return { raw: m.inClass };
      throw new Error(`unsupported escape \\${e} in a character class of ${src}`);
    }
    if (c === '[') throw new Error(`character class subtraction/nesting unsupported in ${src}`);
    return { ch: c };
  }
  function categoryEscape(e) {
    if (chars[i] !== '{') throw new Error(`bad \\${e} in ${src}`);
    const end = chars.indexOf('}', i);
    const name = chars.slice(i + 1, end).join('');
    i = end + 1;
    if (!/^[A-Z][a-z]?$/.test(name)) throw new Error(`unsupported category \\${e}{${name}} in ${src}`);
    return `\\${e}{${name}}`;
  }
  function parseClass() {
    // at '[' already consumed
    let negated = false;
    if (peek() === '^') {
      negated = true;
      i++;
    }
    let out = '';
    let first = true;
    while (true) {
      if (peek() === undefined) throw new Error(`unterminated character class in ${src}`);
      if (peek() === ']' && !first) {
        i++;
        break;
      }
      if (peek() === '-' && chars[i + 1] === '[') throw new Error(`character class subtraction unsupported in ${src}`);
      const a = parseClassChar();
      first = false;
      if (a.ch !== undefined && peek() === '-' && chars[i + 1] !== ']' && chars[i + 1] !== '[' && chars[i + 1] !== undefined) {
        i++;
        const b = parseClassChar();
        if (b.ch === undefined) throw new Error(`bad range in ${src}`);
        if (a.ch.codePointAt(0) > b.ch.codePointAt(0)) throw new Error(`reversed range in ${src}`);
        out += `${escapeLiteral(a.ch)}-${escapeLiteral(b.ch)}`;
      } else out += a.ch !== undefined ? escapeLiteral(a.ch) : a.raw;
    }
    return `[${negated ? '^' : ''}${out}]`;
  }
  function parseQuantifier() {
    const c = peek();
    if (c === '*' || c === '+' || c === '?') {
      i++;
      return c;
    }
    if (c === '{') {
      const end = chars.indexOf('}', i);
      if (end < 0) throw new Error(`bad quantifier in ${src}`);
      const body = chars.slice(i + 1, end).join('');
      if (!/^[0-9]+(,[0-9]*)?$/.test(body)) throw new Error(`bad quantifier {${body}} in ${src}`);
      i = end + 1;
      return `{${body}}`;
    }
    return '';
  }
  function parseBranchSeq(depth) {
    let out = '';
    while (i < chars.length) {
      const c = peek();
      if (c === '|') {
        i++;
        out += '|';
        continue;
      }
      if (c === ')') {
        if (depth === 0) throw new Error(`unbalanced ) in ${src}`);
        return out;
      }
      let atom;
      i++;
      if (c === '(') {
        atom = `(?:${parseBranchSeq(depth + 1)})`;
        if (chars[i++] !== ')') throw new Error(`unbalanced ( in ${src}`);
      } else if (c === '[') atom = parseClass();
      else if (c === '.') atom = '[^\\n\\r]';
      else if (c === '\\') {
        const e = chars[i++];
        const s = singleEscape(e);
        if (s !== undefined) atom = escapeLiteral(s);
        else if (e === 'p' || e === 'P') atom = categoryEscape(e);
        else {
          const m = multiEscape(e);
          if (!m) throw new Error(`unsupported escape \\${e} in ${src}`);
          atom = m.atom;
        }
      } else if ('*+?{'.includes(c)) throw new Error(`quantifier without atom in ${src}`);
      else if (c === ']' || c === '}') atom = escapeLiteral(c);
      else atom = escapeLiteral(c);
      const q = parseQuantifier();
      if (q && peek() !== undefined && '*+?{'.includes(peek())) throw new Error(`double quantifier in ${src}`);
      out += atom + q;
    }
    if (depth !== 0) throw new Error(`unbalanced ( in ${src}`);
    return out;
  }
  const body = parseBranchSeq(0);
  return `^(?:${body})$`;
}

// ---------------------------------------------------------------------------------------------------------------
// JSON Schema (draft 2020-12) of the JSON form

const lowerFirst = (s) => s.charAt(0).toLowerCase() + s.slice(1);

function simpleTypeChain(schemaData, key) {
  const chain = [];
  let k = key;
  while (!k.startsWith('xs:')) {
    const t = schemaData.simpleTypes[k];
    chain.unshift({ key: k, ...t });
    k = t.base;
  }
  return { builtin: k, chain };
}

function jsonSchemaForSimple(schemaData, key) {
  const { builtin, chain } = simpleTypeChain(schemaData, key);
  const s = { type: 'string' };
  const allOf = [];
  const collapse = builtin !== 'xs:string' || chain.some((c) => c.facets.whiteSpace === 'collapse');
  const wrap = (re) => (collapse ? `^[${WS}]*${re.slice(1, -1)}[${WS}]*$` : re);
  const lexical = {
    'xs:integer': '^[+-]?[0-9]+$',
    'xs:decimal': '^[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)$',
    'xs:boolean': '^(?:true|false|1|0)$',
    'xs:date':
      '^-?(?:[1-9][0-9]{3,}|0[0-9]{3})-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))?$',
    'xs:time':
      '^(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]+)?|24:00:00(?:\\.0+)?)(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))?$',
  }[builtin];
  if (lexical) allOf.push({ pattern: wrap(lexical) });
  const xsd = { base: builtin, type: key };
  for (const c of chain) {
    const f = c.facets;
    if (f.pattern) {
      const res = f.pattern.map((p) => translateXsdRegex(p));
      allOf.push({ pattern: wrap(res.length === 1 ? res[0] : `^(?:${res.map((r) => r.slice(1, -1)).join('|')})$`) });
    }
    if (f.enumeration) {
      if (builtin === 'xs:string' && !collapse) allOf.push({ enum: f.enumeration });
      else xsd.enumeration = f.enumeration;
    }
    for (const lf of ['minLength', 'maxLength', 'length']) {
      if (f[lf] === undefined) continue;
      if (builtin === 'xs:string' && !collapse) {
        if (lf === 'length') allOf.push({ minLength: f[lf], maxLength: f[lf] });
        else allOf.push({ [lf]: f[lf] });
      } else xsd[lf] = f[lf];
    }
    for (const nf of ['minInclusive', 'maxInclusive', 'minExclusive', 'maxExclusive', 'totalDigits', 'fractionDigits', 'whiteSpace']) {
      if (f[nf] !== undefined) xsd[nf] = f[nf];
    }
  }
  for (const part of allOf) Object.assign(s, mergeable(s, part) ? part : {});
  const rest = allOf.filter((part) => !mergedInto(s, part));
  if (rest.length) s.allOf = rest;
  s['x-xsd'] = xsd;
  return s;
}

// Facets are merged into the schema object where the keyword is still free; a second pattern goes to allOf.
function mergeable(s, part) {
  return Object.keys(part).every((k) => s[k] === undefined);
}
function mergedInto(s, part) {
  return Object.entries(part).every(([k, v]) => JSON.stringify(s[k]) === JSON.stringify(v));
}

function jsonSchemaForGroup(schemaData, group, defs) {
  const properties = {};
  const required = [];
  const visit = (g, optional) => {
    for (const p of g.particles) {
      if (p.kind !== 'element') {
        visit(p, optional || p.minOccurs === 0 || p.kind === 'choice' || g.kind === 'choice');
        continue;
      }
      const key = lowerFirst(p.name);
      let item;
      if (p.simpleType) {
        const defName = p.simpleType.replace(/[^A-Za-z0-9_]/g, '_');
        if (!defs[defName]) defs[defName] = jsonSchemaForSimple(schemaData, p.simpleType);
        item = { $ref: `#/$defs/${defName}` };
      } else item = jsonSchemaForGroup(schemaData, p.content, defs);
      const many = p.maxOccurs === 'unbounded' || p.maxOccurs > 1;
      const prop = many ? { type: 'array', items: item, minItems: Math.max(1, p.minOccurs) } : item;
      if (many && p.maxOccurs !== 'unbounded') prop.maxItems = p.maxOccurs;
      properties[key] = { description: `XML element ${p.name} (minOccurs ${p.minOccurs}, maxOccurs ${p.maxOccurs})`, ...prop };
      if (!optional && g.kind === 'sequence' && p.minOccurs > 0) required.push(key);
    }
  };
  visit(group, group.minOccurs === 0);
  const out = { type: 'object', properties, additionalProperties: false };
  if (required.length) out.required = required;
  return out;
}

function toJsonSchema(schemaData, soort) {
  const b = schemaData.berichten[soort];
  const defs = {};
  const root = jsonSchemaForGroup(schemaData, b.element.content, defs);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://trajectwacht.nl/schema/${soort.toLowerCase()}.schema.json`,
    title: `iJw 3.2 ${soort} (JSON form)`,
    description:
      `The JSON form of an iJw 3.2 ${soort} bericht (namespace ${b.namespace}): the exact camelCase mapping of the XML ` +
      'tree. The root element Bericht is the object itself; element names become keys with a lower-case first letter; ' +
      'simple values are strings holding exactly the XML text; an element with maxOccurs > 1 is always an array. ' +
      'Generated by tools/generate-ijw-schema.js from the XSDs. Facets a JSON Schema cannot express on a string ' +
      '(numeric ranges, real calendar dates, whitespace collapsing of integers and dates) are listed under x-xsd; ' +
      'the authority is validateIjwJson in libs/ijw/src/schema.',
    'x-xsd': { file: b.file, sha256: b.sha256, appinfo: b.appinfo },
    ...root,
    $defs: Object.fromEntries(
      Object.keys(defs)
        .sort()
        .map((k) => [k, defs[k]]),
    ),
  };
}

// ---------------------------------------------------------------------------------------------------------------

function outputs(xsdDir) {
  const { schemaData, jsonSchemas } = generate(xsdDir);
  const files = { [SCHEMA_OUT]: `${JSON.stringify(schemaData, null, 2)}\n` };
  for (const soort of SOORTEN)
    files[path.join(JSON_SCHEMA_DIR, `${soort.toLowerCase()}.schema.json`)] = `${JSON.stringify(jsonSchemas[soort], null, 2)}\n`;
  return files;
}

function main(argv) {
  const args = argv.filter((a) => !a.startsWith('--'));
  const check = argv.includes('--check');
  const xsdDir = path.resolve(args[0] || path.join(REPO_ROOT, '../shared/ijw-3.2/xsd'));
  const files = outputs(xsdDir);
  let differ = 0;
  for (const [file, content] of Object.entries(files)) {
    const rel = path.relative(REPO_ROOT, file);
    if (check) {
      const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
      if (current !== content) {
        differ++;
        console.error(`${rel}: differs from the generator's output`);
      }
    } else {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
      console.log(`wrote ${rel}`);
    }
  }
  if (check && differ) process.exit(1);
}

module.exports = { generate, outputs, translateXsdRegex, SOORTEN };

if (require.main === module) main(process.argv.slice(2));
