import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CODELISTS, RETOUR } from './codelists';
import { decide, type BekendeToewijzing } from './context-rules';
import type { IjwBericht, Jw301Toewijzing } from './model';
import { parsePayload } from './parse';
import { pseudonymiseBericht } from './pseudonymise';
import { validateBericht } from './validate';

/**
 * The documentation examples and the JSON Schema are part of the contract: every example must parse and validate,
 * and the schema's required fields must be exactly what validateBericht refuses when missing.
 */

const DOCS = join(__dirname, '..', '..', '..', 'docs');
const EXAMPLES = join(DOCS, 'examples');
const ctx = { today: '2026-01-01' };
const LIMITS = { maxBytes: 256 * 1024 };
const SECRET = 'examples-spec-secret-0123456789abcdef';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function read(name: string): string {
  return readFileSync(join(EXAMPLES, name), 'utf8');
}

/** The messages in an example file; JSON lines are one payload per line (as the CLI sends them). */
function messagesOf(name: string): unknown[] {
  const text = read(name);
  const payloads = name.endsWith('.jsonl') ? text.split('\n').filter((l) => l.trim() !== '') : [text];
  return payloads.flatMap((payload) => {
    const parsed = parsePayload(Buffer.from(payload, 'utf8'), LIMITS);
    if (!parsed.ok) throw new Error(`${name}: ${parsed.problem.code} ${parsed.problem.message}`);
    expect(parsed.format).toBe(name.endsWith('.xml') ? 'xml' : 'json');
    return parsed.berichten;
  });
}

function valid(input: unknown): IjwBericht {
  const result = validateBericht(input, ctx);
  if (!result.ok) throw new Error(`invalid: ${JSON.stringify(result.problems)}`);
  return result.bericht;
}

// ---------------------------------------------------------------------------------------------------------------
// A minimal JSON Schema (2020-12) evaluator for the keywords the contract schema uses.

const schema = JSON.parse(readFileSync(join(DOCS, 'schema', 'bericht.schema.json'), 'utf8')) as Json;

function resolve(node: Json): Json {
  if (typeof node.$ref !== 'string') return node;
  const target = node.$ref.replace(/^#\//, '').split('/').reduce<unknown>((n, key) => (isObj(n) ? n[key] : undefined), schema);
  if (!isObj(target)) throw new Error(`unresolvable $ref ${node.$ref}`);
  const rest: Json = { ...node };
  delete rest.$ref;
  return { ...resolve(target), ...rest };
}

function schemaErrors(value: unknown, node: Json, path = ''): string[] {
  const s = resolve(node);
  const errors: string[] = [];
  if (Array.isArray(s.oneOf)) {
    const matching = (s.oneOf as Json[]).filter((branch) => schemaErrors(value, branch, path).length === 0);
    if (matching.length !== 1) errors.push(`${path}: matches ${matching.length} oneOf branches`);
  }
  if ('const' in s && value !== s.const) errors.push(`${path}: not ${String(s.const)}`);
  if (Array.isArray(s.enum) && !s.enum.includes(value)) errors.push(`${path}: not in enum`);
  if (s.type === 'string') {
    if (typeof value !== 'string') errors.push(`${path}: not a string`);
    else {
      if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(value)) errors.push(`${path}: pattern`);
      if (typeof s.minLength === 'number' && [...value].length < s.minLength) errors.push(`${path}: minLength`);
      if (typeof s.maxLength === 'number' && [...value].length > s.maxLength) errors.push(`${path}: maxLength`);
    }
  }
  if (s.type === 'integer') {
    if (typeof value !== 'number' || !Number.isInteger(value)) errors.push(`${path}: not an integer`);
    else {
      if (typeof s.minimum === 'number' && value < s.minimum) errors.push(`${path}: minimum`);
      if (typeof s.maximum === 'number' && value > s.maximum) errors.push(`${path}: maximum`);
    }
  }
  if (s.type === 'object') {
    if (!isObj(value)) return [...errors, `${path}: not an object`];
    const props = isObj(s.properties) ? s.properties : {};
    // undefined properties do not exist in JSON (the XML mapping may leave some in memory)
    for (const r of (s.required as string[] | undefined) ?? []) if (value[r] === undefined) errors.push(`${path}/${r}: required`);
    for (const [k, v] of Object.entries(value).filter(([, x]) => x !== undefined)) {
      if (isObj(props[k])) errors.push(...schemaErrors(v, props[k] as Json, `${path}/${k}`));
      else if (s.additionalProperties === false) errors.push(`${path}/${k}: additional property`);
    }
  }
  return errors;
}

const branches = (schema.oneOf as Json[]).map((b) => {
  const props = b.properties as Record<string, Json>;
  return { code: (props.berichtcode as Json).const as string, branch: b, props, required: b.required as string[] };
});

/** Required nested fields: for each object-valued property, the required list of its $defs. */
function nestedRequired(props: Record<string, Json>): string[] {
  return Object.entries(props).flatMap(([key, prop]) => {
    const s = resolve(prop);
    return s.type === 'object' ? ((s.required as string[] | undefined) ?? []).map((r) => `${key}.${r}`) : [];
  });
}

function nestedOptional(props: Record<string, Json>): string[] {
  return Object.entries(props).flatMap(([key, prop]) => {
    const s = resolve(prop);
    if (s.type !== 'object') return [];
    const required = (s.required as string[] | undefined) ?? [];
    return Object.keys(s.properties as Json).filter((k) => !required.includes(k)).map((k) => `${key}.${k}`);
  });
}

function without(msg: unknown, path: string): Json {
  const copy = structuredClone(msg) as Json;
  const parts = path.split('.');
  let node: Json = copy;
  for (const p of parts.slice(0, -1)) node = node[p] as Json;
  delete node[parts[parts.length - 1]!];
  return copy;
}

const EXAMPLE_JSON: Record<string, string> = { JW301: 'jw301.json', JW305: 'jw305.json', JW307: 'jw307.json' };

// ---------------------------------------------------------------------------------------------------------------

describe('docs/examples', () => {
  const files = readdirSync(EXAMPLES).sort();

  it('holds the documented files', () => {
    expect(files).toEqual(expect.arrayContaining(['demo.jsonl', 'jw301.json', 'jw301.xml', 'jw305.json', 'jw307.json']));
  });

  it.each(files)('%s parses and every message in it validates', (name) => {
    const messages = messagesOf(name);
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) valid(m);
  });

  it.each(files.filter((f) => /\.jsonl?$/.test(f)))('%s conforms to the JSON Schema', (name) => {
    for (const m of messagesOf(name)) expect(schemaErrors(m, schema)).toEqual([]);
  });

  it.each(Object.entries(EXAMPLE_JSON))('%s example is in normalised form (validation returns it unchanged)', (code, name) => {
    const [m] = messagesOf(name);
    expect((m as Json).berichtcode).toBe(code);
    expect(valid(m)).toEqual(m);
  });

  it('jw301.xml maps to two messages with suffixed berichtIds that conform to the schema', () => {
    const messages = messagesOf('jw301.xml');
    expect(messages.map((m) => (m as Json).berichtId)).toEqual(['GM0363-JW301-20250428-0002-1', 'GM0363-JW301-20250428-0002-2']);
    for (const m of messages) expect(schemaErrors(m, schema)).toEqual([]);
  });

  it('only uses BSNs that pass the 11-proef', () => {
    const all = files.flatMap((f) => messagesOf(f)).map((m) => ((m as Json).client as Json).bsn as string);
    for (const bsn of all) {
      const sum = [...bsn].reduce((s, d, i) => s + Number(d) * (i < 8 ? 9 - i : -1), 0);
      expect(sum % 11).toBe(0);
    }
  });

  it('demo.jsonl: a JW301, JW305 and JW307 for the same child that are accepted in order', () => {
    const [t, start, stop] = messagesOf('demo.jsonl').map((m) => pseudonymiseBericht(valid(m), SECRET));
    expect([t!.berichtcode, start!.berichtcode, stop!.berichtcode]).toEqual(['JW301', 'JW305', 'JW307']);
    expect(new Set([t!.client.pseudonym, start!.client.pseudonym, stop!.client.pseudonym]).size).toBe(1);
    const toewijzing = t as ReturnType<typeof pseudonymiseBericht<Jw301Toewijzing>>;
    expect(decide(toewijzing, { role: 'toegang', gemeente: toewijzing.gemeente }, undefined)).toEqual({ outcome: 'geaccepteerd' });
    const known: BekendeToewijzing = {
      gemeente: toewijzing.gemeente,
      toewijzingNummer: toewijzing.toewijzingNummer,
      aanbieder: toewijzing.aanbieder,
      clientPseudonym: toewijzing.client.pseudonym,
      productcategorie: toewijzing.product.categorie,
      productcode: toewijzing.product.code ?? null,
      ingangsdatum: toewijzing.ingangsdatum,
      einddatum: toewijzing.einddatum ?? null,
      ingetrokken: false,
    };
    const aanbieder = { role: 'aanbieder' as const, agb: toewijzing.aanbieder };
    expect(decide(start!, aanbieder, known)).toEqual({ outcome: 'geaccepteerd' });
    expect(decide(stop!, aanbieder, known)).toEqual({ outcome: 'geaccepteerd' });
  });
});

describe('docs/schema/bericht.schema.json', () => {
  it('is a draft 2020-12 schema with one oneOf branch per berichtcode', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(branches.map((b) => b.code)).toEqual(['JW301', 'JW305', 'JW307']);
    for (const b of branches) expect(b.branch.additionalProperties).toBe(false);
  });

  it('uses exactly the codes of the codelists', () => {
    const defs = schema.$defs as Record<string, Json>;
    const enumOf = (s: Json): unknown => resolve(s).enum;
    const codesOf = (list: { entries: readonly { code: string }[] }): string[] => list.entries.map((e) => e.code);
    expect(enumOf((defs.product!.properties as Record<string, Json>).categorie!)).toEqual(codesOf(CODELISTS.productcategorie));
    expect(enumOf((defs.omvang!.properties as Record<string, Json>).eenheid!)).toEqual(codesOf(CODELISTS.eenheid));
    expect(enumOf((defs.omvang!.properties as Record<string, Json>).frequentie!)).toEqual(codesOf(CODELISTS.frequentie));
    const byCode = Object.fromEntries(branches.map((b) => [b.code, b.props]));
    expect(enumOf(byCode.JW301!.redenWijziging!)).toEqual(codesOf(CODELISTS.redenWijziging));
    expect(enumOf(byCode.JW307!.redenBeeindiging!)).toEqual(codesOf(CODELISTS.redenBeeindiging));
  });

  describe.each(branches)('$code', ({ code, props, required }) => {
    const example = (): Json => messagesOf(EXAMPLE_JSON[code]!)[0] as Json;

    it('the example uses every property of the schema branch (so the tests below cover them all)', () => {
      expect(Object.keys(example()).sort()).toEqual(Object.keys(props).sort());
    });

    it.each(required)('required "%s": deleting it makes validateBericht fail on that field', (field) => {
      const result = validateBericht(without(example(), field), ctx);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems.map((p) => p.field)).toContain(field);
      expect(schemaErrors(without(example(), field), schema)).not.toEqual([]);
    });

    it.each(nestedRequired(props))('required "%s": deleting it makes validateBericht fail on that field', (path) => {
      const result = validateBericht(without(example(), path), ctx);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems.map((p) => p.field)).toContain(path);
      expect(schemaErrors(without(example(), path), schema)).not.toEqual([]);
    });

    it.each([...Object.keys(props).filter((k) => !required.includes(k)), ...nestedOptional(props)])('optional "%s": deleting it keeps the message valid', (path) => {
      expect(validateBericht(without(example(), path), ctx).ok).toBe(true);
      expect(schemaErrors(without(example(), path), schema)).toEqual([]);
    });

    it('a property outside the schema is refused by both', () => {
      const msg = { ...example(), onbekend: 'x' };
      const result = validateBericht(msg, ctx);
      expect(result.ok ? [] : result.problems.map((p) => [p.code, p.field])).toEqual([[RETOUR.FIELD_TYPE, 'onbekend']]);
      expect(schemaErrors(msg, schema)).not.toEqual([]);
    });

    it.each([
      ['gemeente', '363'],
      ['aanbieder', '1234567'],
      ['toewijzingNummer', '123456789'],
      ['berichtId', '-x'],
      ['client.bsn', '99999999'],
      ['product.code', '45A5'],
      ['product.categorie', '99'],
    ])('format of %s: %p is refused by both', (path, value) => {
      const msg = structuredClone(example());
      const parts = path.split('.');
      const parent = parts.length === 2 ? (msg[parts[0]!] as Json) : msg;
      parent[parts[parts.length - 1]!] = value;
      expect(validateBericht(msg, ctx).ok).toBe(false);
      expect(schemaErrors(msg, schema)).not.toEqual([]);
    });
  });
});
