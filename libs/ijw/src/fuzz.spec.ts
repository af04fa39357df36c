import fc from 'fast-check';
import eenheidJson from './codelists/eenheid.json';
import frequentieJson from './codelists/frequentie.json';
import productcategorieJson from './codelists/productcategorie.json';
import redenBeeindigingJson from './codelists/reden-beeindiging.json';
import redenWijzigingJson from './codelists/reden-wijziging.json';
import { parsePayload } from './parse';
import { validateBericht } from './validate';

/**
 * Property / fuzz tests: whatever comes in, parsing and validation never throw, and whatever validation accepts
 * satisfies invariants that are checked here independently of validate.ts (own 11-proef, own calendar check, the
 * codelists read straight from the JSON data).
 */

const TODAY = '2025-06-01';
const ctx = { today: TODAY };
const LIMITS = { maxBytes: 64 * 1024 };
const SEED = 20250601;

type Msg = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------------------------
// Independent invariants

const codes = (list: { entries: { code: string }[] }): Set<string> => new Set(list.entries.map((e) => e.code));
const PRODUCTCATEGORIE = codes(productcategorieJson);
const REDEN_BEEINDIGING = codes(redenBeeindigingJson);
const REDEN_WIJZIGING = codes(redenWijzigingJson);
const EENHEID = codes(eenheidJson);
const FREQUENTIE = codes(frequentieJson);

function elfproef(bsn: unknown): boolean {
  if (typeof bsn !== 'string' || !/^[0-9]{9}$/.test(bsn) || bsn === '000000000') return false;
  const weights = [9, 8, 7, 6, 5, 4, 3, 2, -1];
  return weights.reduce((sum, w, i) => sum + w * Number(bsn[i]), 0) % 11 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function realDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const max = m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1];
  return y >= 1900 && y <= 2999 && max !== undefined && d >= 1 && d <= max;
}

const FIELDS: Record<string, { required: string[]; optional: string[] }> = {
  JW301: { required: ['ingangsdatum'], optional: ['einddatum', 'redenWijziging', 'omvang', 'verwijzer', 'referentieAanbieder', 'commentaar'] },
  JW305: { required: ['begindatum'], optional: [] },
  JW307: { required: ['begindatum', 'einddatum', 'redenBeeindiging'], optional: [] },
};
const COMMON_REQUIRED = ['berichtcode', 'berichtId', 'gemeente', 'aanbieder', 'client', 'toewijzingNummer', 'product'];

const isObj = (v: unknown): v is Msg => typeof v === 'object' && v !== null && !Array.isArray(v);
const onlyKeys = (o: Msg, allowed: string[]): boolean => Object.keys(o).every((k) => allowed.includes(k));
const nonEmptyString = (v: unknown, max = 1000): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

/** Returns the list of violated invariants of an accepted message (empty = fine). */
function violations(b: unknown): string[] {
  const out: string[] = [];
  const check = (ok: boolean, what: string): void => {
    if (!ok) out.push(what);
  };
  if (!isObj(b)) return ['not an object'];
  const code = b.berichtcode;
  if (code !== 'JW301' && code !== 'JW305' && code !== 'JW307') return [`berichtcode ${String(code)}`];
  const spec = FIELDS[code]!;
  for (const f of [...COMMON_REQUIRED, ...spec.required]) check(b[f] !== undefined, `required ${f} present`);
  check(onlyKeys(b, [...COMMON_REQUIRED, 'dagtekening', ...spec.required, ...spec.optional]), `no unknown fields: ${Object.keys(b).join(',')}`);
  check(typeof b.berichtId === 'string' && /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/.test(b.berichtId), 'berichtId format');
  check(typeof b.gemeente === 'string' && /^[0-9]{4}$/.test(b.gemeente), 'gemeente 4 digits');
  check(typeof b.aanbieder === 'string' && /^[0-9]{8}$/.test(b.aanbieder), 'AGB 8 digits');
  check(typeof b.toewijzingNummer === 'string' && /^[0-9]{1,8}$/.test(b.toewijzingNummer), 'toewijzingNummer 1-8 digits');

  const client = b.client;
  let geboortedatum: string | undefined;
  if (!isObj(client)) out.push('client object');
  else {
    check(onlyKeys(client, ['bsn', 'geboortedatum']), 'client keys');
    check(elfproef(client.bsn), `BSN 11-proef (${String(client.bsn)})`);
    check(realDate(client.geboortedatum), 'geboortedatum real');
    if (realDate(client.geboortedatum)) {
      geboortedatum = client.geboortedatum;
      check(geboortedatum <= TODAY, 'geboortedatum not in the future');
    }
  }

  const product = b.product;
  if (!isObj(product)) out.push('product object');
  else {
    check(onlyKeys(product, ['categorie', 'code']), 'product keys');
    check(typeof product.categorie === 'string' && PRODUCTCATEGORIE.has(product.categorie), 'productcategorie in JZ020');
    check(product.code === undefined || (typeof product.code === 'string' && /^[0-9A-Za-z]{5}$/.test(product.code)), 'productcode format');
  }

  const dates: Record<string, string> = {};
  const dateField = (f: string, required: boolean): void => {
    const v = b[f];
    if (v === undefined && !required) return;
    if (realDate(v)) dates[f] = v;
    else out.push(`${f} real date (${String(v)})`);
  };
  dateField('dagtekening', false);
  if (dates.dagtekening) check(dates.dagtekening <= TODAY, 'dagtekening not in the future');

  if (code === 'JW301') {
    dateField('ingangsdatum', true);
    dateField('einddatum', false);
    if (dates.ingangsdatum && dates.einddatum) check(dates.ingangsdatum <= dates.einddatum, 'ingangsdatum <= einddatum');
    if (dates.ingangsdatum && geboortedatum) check(geboortedatum <= dates.ingangsdatum, 'geboortedatum <= ingangsdatum');
    check(b.redenWijziging === undefined || (typeof b.redenWijziging === 'string' && REDEN_WIJZIGING.has(b.redenWijziging)), 'redenWijziging in JZ002');
    if (b.omvang !== undefined) {
      const o = b.omvang;
      if (!isObj(o)) out.push('omvang object');
      else {
        check(onlyKeys(o, ['volume', 'eenheid', 'frequentie']), 'omvang keys');
        check(typeof o.volume === 'number' && Number.isInteger(o.volume) && o.volume >= 1 && o.volume <= 99_999_999, 'omvang.volume');
        check(typeof o.eenheid === 'string' && EENHEID.has(o.eenheid), 'eenheid in WJ756');
        check(typeof o.frequentie === 'string' && FREQUENTIE.has(o.frequentie), 'frequentie in list');
      }
    }
    if (b.verwijzer !== undefined) {
      const v = b.verwijzer;
      if (!isObj(v)) out.push('verwijzer object');
      else {
        check(onlyKeys(v, ['type', 'zorgverlenerCode', 'naam']), 'verwijzer keys');
        check(typeof v.type === 'string' && /^0[1-6]$/.test(v.type), 'verwijzer.type');
        check(v.zorgverlenerCode === undefined || (typeof v.zorgverlenerCode === 'string' && /^[0-9]{8}$/.test(v.zorgverlenerCode)), 'verwijzer AGB');
        check(v.naam === undefined || nonEmptyString(v.naam), 'verwijzer.naam');
      }
    }
    for (const f of ['referentieAanbieder', 'commentaar']) check(b[f] === undefined || nonEmptyString(b[f]), `${f} text`);
  } else {
    dateField('begindatum', true);
    if (dates.begindatum) {
      check(dates.begindatum <= TODAY, 'begindatum not in the future');
      if (geboortedatum) check(geboortedatum <= dates.begindatum, 'geboortedatum <= begindatum');
    }
    if (code === 'JW307') {
      dateField('einddatum', true);
      if (dates.einddatum) check(dates.einddatum <= TODAY, 'einddatum not in the future');
      if (dates.begindatum && dates.einddatum) check(dates.begindatum <= dates.einddatum, 'begindatum <= einddatum');
      check(typeof b.redenBeeindiging === 'string' && REDEN_BEEINDIGING.has(b.redenBeeindiging), 'redenBeeindiging in JZ588');
    }
  }
  return out;
}

/** Runs one candidate through validation; throws (fails the property) when an accepted message breaks an invariant. */
function checkCandidate(candidate: unknown): void {
  const result = validateBericht(candidate, ctx);
  if (result.ok) {
    const v = violations(result.bericht);
    if (v.length > 0) throw new Error(`accepted an invalid message (${v.join('; ')}): ${JSON.stringify(result.bericht)}`);
  } else {
    if (result.problems.length === 0) throw new Error('rejected without a problem');
    for (const p of result.problems) if (typeof p.code !== 'string' || typeof p.message !== 'string') throw new Error(`bad problem ${JSON.stringify(p)}`);
  }
}

function checkPayload(raw: Uint8Array | string): void {
  const parsed = parsePayload(raw, LIMITS);
  if (!parsed.ok) return;
  for (const b of parsed.berichten) checkCandidate(b);
}

// ---------------------------------------------------------------------------------------------------------------
// Valid bases and mutations

const BASES: Msg[] = [
  {
    berichtcode: 'JW301',
    berichtId: 'GEM0363-301-1',
    gemeente: '0363',
    aanbieder: '12345678',
    client: { bsn: '999999990', geboortedatum: '2012-03-14' },
    toewijzingNummer: '12345',
    product: { categorie: '45', code: '45A53' },
    dagtekening: '2025-04-28',
    ingangsdatum: '2025-05-01',
    einddatum: '2025-12-31',
    redenWijziging: '04',
    omvang: { volume: 4, eenheid: '04', frequentie: '2' },
    verwijzer: { type: '02', zorgverlenerCode: '01234567', naam: 'Huisarts' },
    referentieAanbieder: 'REF-42',
    commentaar: 'x',
  },
  {
    berichtcode: 'JW305',
    berichtId: 'AGB-305-1',
    gemeente: '0363',
    aanbieder: '12345678',
    client: { bsn: '111222333', geboortedatum: '2010-02-28' },
    toewijzingNummer: '12345',
    product: { categorie: '43' },
    dagtekening: '2025-05-07',
    begindatum: '2025-05-06',
  },
  {
    berichtcode: 'JW307',
    berichtId: 'AGB-307-1',
    gemeente: '0363',
    aanbieder: '12345678',
    client: { bsn: '123456782', geboortedatum: '2008-02-29' },
    toewijzingNummer: '12345',
    product: { categorie: '46', code: 'ABCDE' },
    dagtekening: '2025-05-31',
    begindatum: '2025-05-06',
    einddatum: '2025-05-30',
    redenBeeindiging: '31',
  },
];

for (const base of BASES) {
  if (!validateBericht(base, ctx).ok || violations(base).length > 0) throw new Error(`fuzz base ${String(base.berichtcode)} must be valid`);
}

const PATHS = [
  'berichtcode', 'berichtId', 'gemeente', 'aanbieder', 'client', 'client.bsn', 'client.geboortedatum', 'toewijzingNummer', 'product',
  'product.categorie', 'product.code', 'dagtekening', 'ingangsdatum', 'einddatum', 'begindatum', 'redenWijziging', 'redenBeeindiging',
  'omvang', 'omvang.volume', 'omvang.eenheid', 'omvang.frequentie', 'verwijzer', 'verwijzer.type', 'verwijzer.zorgverlenerCode',
  'verwijzer.naam', 'referentieAanbieder', 'commentaar',
];
const DATE_PATHS = ['client.geboortedatum', 'dagtekening', 'ingangsdatum', 'einddatum', 'begindatum'];

/** Values that are close to valid: other codes, edge dates, other berichtcodes, prototype names, odd types. */
const nearValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('JW301', 'JW305', 'JW307', 'JW302', 'jw305', '', ' ', '0', '00', '01', '02', '04', '13', '20', '31', '39', '45', '99', '0363', '363', '12345678', '1234567'),
  fc.constantFrom('999999990', '999999991', '000000000', '12345678', '45A53', '45A5', 'ABCDE', '2024-02-29', '2023-02-29', '2025-06-01', '2025-06-02', '1899-12-31', '2999-12-31', '2025-13-01'),
  fc.constantFrom('constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'common', 'length'),
  fc.constantFrom<unknown>(null, 0, 1, -1, 1.5, 99_999_999, 100_000_000, Number.NaN, true, false, [], {}, ['JW301'], { volume: 1, eenheid: '04', frequentie: '2' }),
  fc
    .record({ y: fc.integer({ min: 1890, max: 2030 }), m: fc.integer({ min: 0, max: 13 }), d: fc.integer({ min: 0, max: 32 }) })
    .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.stringMatching(/^[0-9]{1,10}$/),
  fc.string({ maxLength: 12 }),
  fc.anything({ maxDepth: 2 }),
);

type Mutation =
  | { kind: 'drop'; path: string }
  | { kind: 'set'; path: string; value: unknown }
  | { kind: 'bsnDigit'; index: number; digit: number }
  | { kind: 'swapDates'; a: string; b: string }
  | { kind: 'shiftDate'; path: string; days: number }
  | { kind: 'extra'; key: string; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), path: fc.constantFrom(...PATHS) }),
  fc.record({ kind: fc.constant('set' as const), path: fc.constantFrom(...PATHS), value: nearValue }),
  fc.record({ kind: fc.constant('bsnDigit' as const), index: fc.integer({ min: 0, max: 8 }), digit: fc.integer({ min: 0, max: 9 }) }),
  fc.record({ kind: fc.constant('swapDates' as const), a: fc.constantFrom(...DATE_PATHS), b: fc.constantFrom(...DATE_PATHS) }),
  fc.record({ kind: fc.constant('shiftDate' as const), path: fc.constantFrom(...DATE_PATHS), days: fc.integer({ min: -9000, max: 400 }) }),
  fc.record({ kind: fc.constant('extra' as const), key: fc.oneof(fc.constantFrom(...PATHS.map((p) => p.split('.').pop()!), 'bsn', 'naam', 'x'), fc.string({ maxLength: 8 })), value: nearValue }),
);

function parent(msg: Msg, path: string): [Msg | undefined, string] {
  const parts = path.split('.');
  let node: unknown = msg;
  for (const part of parts.slice(0, -1)) node = isObj(node) ? node[part] : undefined;
  return [isObj(node) ? node : undefined, parts[parts.length - 1]!];
}

function get(msg: Msg, path: string): unknown {
  const [node, key] = parent(msg, path);
  return node?.[key];
}

function put(msg: Msg, path: string, value: unknown): void {
  const [node, key] = parent(msg, path);
  if (node) Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
}

function apply(base: Msg, mutations: Mutation[]): Msg {
  const msg = structuredClone(base);
  for (const m of mutations) {
    if (m.kind === 'drop') {
      const [node, key] = parent(msg, m.path);
      if (node) delete node[key];
    } else if (m.kind === 'set') put(msg, m.path, m.value);
    else if (m.kind === 'bsnDigit') {
      const bsn = get(msg, 'client.bsn');
      if (typeof bsn === 'string' && bsn.length === 9) put(msg, 'client.bsn', bsn.slice(0, m.index) + String(m.digit) + bsn.slice(m.index + 1));
    } else if (m.kind === 'swapDates') {
      const a = get(msg, m.a);
      const b = get(msg, m.b);
      if (a !== undefined && b !== undefined) {
        put(msg, m.a, b);
        put(msg, m.b, a);
      }
    } else if (m.kind === 'shiftDate') {
      const d = get(msg, m.path);
      if (typeof d === 'string' && realDate(d)) put(msg, m.path, new Date(Date.parse(`${d}T00:00:00Z`) + m.days * 86_400_000).toISOString().slice(0, 10));
    } else put(msg, m.key, m.value);
  }
  return msg;
}

const mutated = fc.tuple(fc.constantFrom(...BASES), fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([base, ms]) => apply(base, ms));

// ---------------------------------------------------------------------------------------------------------------

describe('fuzz: parsePayload + validateBericht', () => {
  it('the invariant checker itself rejects obviously invalid messages', () => {
    expect(violations(BASES[0])).toEqual([]);
    expect(violations({ ...BASES[1], client: { bsn: '999999991', geboortedatum: '2010-02-28' } })).toEqual([expect.stringMatching(/11-proef/)]);
    expect(violations({ ...BASES[2], einddatum: '2025-05-01' })).toEqual(['begindatum <= einddatum']);
    expect(violations({ ...BASES[1], extra: 1 })).toEqual([expect.stringMatching(/unknown fields/)]);
    expect(violations({ ...BASES[0], einddatum: '2023-02-29' })).toEqual([expect.stringMatching(/einddatum real/)]);
  });

  it('never throws on random values, and accepts none that breaks an invariant', () => {
    fc.assert(fc.property(fc.anything({ maxDepth: 4, withNullPrototype: true, withBoxedValues: true }), (v) => checkCandidate(v)), { numRuns: 1500, seed: SEED });
  });

  it('never throws on random JSON text, and accepts none that breaks an invariant', () => {
    fc.assert(fc.property(fc.json({ maxDepth: 5 }), (text) => checkPayload(text)), { numRuns: 1500, seed: SEED });
  });

  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        checkPayload(bytes);
      }),
      { numRuns: 1500, seed: SEED },
    );
  });

  it('never throws on random text starting like JSON or XML', () => {
    fc.assert(
      fc.property(fc.constantFrom('{', '[', '<', '\uFEFF{', '<?xml version="1.0"?>'), fc.string({ maxLength: 200, unit: 'binary' }), (head, tail) => {
        checkPayload(head + tail);
      }),
      { numRuns: 1000, seed: SEED },
    );
  });

  it('never throws on mutated valid messages, and never accepts one that breaks an invariant', () => {
    fc.assert(
      fc.property(mutated, (msg) => {
        checkCandidate(msg);
        // The same message as JSON text through the parser (when it can be serialised).
        let text: string | undefined;
        try {
          text = JSON.stringify(msg);
        } catch {
          text = undefined;
        }
        if (text !== undefined) checkPayload(text);
      }),
      { numRuns: 4000, seed: SEED },
    );
  });

  it('never throws on mutated iJw XML', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?><JW305:Bericht xmlns:JW305="http://www.istandaarden.nl/ijw/3_2/jw305/schema"><JW305:Header><JW305:Afzender>12345678</JW305:Afzender><JW305:Ontvanger>0363</JW305:Ontvanger><JW305:BerichtIdentificatie><JW305:Identificatie>X1</JW305:Identificatie><JW305:Dagtekening>2025-05-07</JW305:Dagtekening></JW305:BerichtIdentificatie></JW305:Header><JW305:Client><JW305:Bsn>999999990</JW305:Bsn><JW305:Geboortedatum><JW305:Datum>2012-03-14</JW305:Datum></JW305:Geboortedatum><JW305:StartProducten><JW305:StartProduct><JW305:ToewijzingNummer>12345</JW305:ToewijzingNummer><JW305:Product><JW305:Categorie>45</JW305:Categorie><JW305:Code>45A53</JW305:Code></JW305:Product><JW305:Begindatum>2025-05-06</JW305:Begindatum></JW305:StartProduct></JW305:StartProducten></JW305:Client></JW305:Bericht>`;
    const parsed = parsePayload(xml, LIMITS);
    expect(parsed.ok && validateBericht(parsed.berichten[0], ctx).ok).toBe(true);
    const edit = fc.record({
      at: fc.nat({ max: xml.length }),
      remove: fc.nat({ max: 20 }),
      insert: fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('<', '>', '</JW305:Client>', '<JW305:StartProduct>', '&amp;', '&x;', '<![CDATA[', ']]>', '<!--', '-->', '2023-02-29', '999999991', '"')),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        let text = xml;
        for (const e of edits) {
          const at = Math.min(e.at, text.length);
          text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
        }
        checkPayload(text);
      }),
      { numRuns: 1500, seed: SEED },
    );
  });
});
