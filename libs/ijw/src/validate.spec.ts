import { RETOUR } from './codelists';
import { validateBericht, type ValidationContext } from './validate';

/**
 * Table-driven tests of the stateless validation: for every rule a valid base message is mutated and the exact set
 * of retour codes (code + field) is asserted.
 */

const TODAY = '2025-06-01';
const ctx: ValidationContext = { today: TODAY };

type Msg = Record<string, unknown>;
type Code = 'JW301' | 'JW305' | 'JW307';
type Expected = readonly (readonly [string, string | undefined])[];

// Valid BSNs, computed with the 11-proef (9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 mod 11).
const BSN = '999999990';
const VALID_BSNS = ['999999990', '111222333', '123456782', '100000009', '123456708', '900024690'];

function jw301(): Msg {
  return {
    berichtcode: 'JW301',
    berichtId: 'GEM0363-301-000001',
    gemeente: '0363',
    aanbieder: '12345678',
    client: { bsn: BSN, geboortedatum: '2012-03-14' },
    toewijzingNummer: '12345',
    product: { categorie: '45', code: '45A53' },
    dagtekening: '2025-04-28',
    ingangsdatum: '2025-05-01',
    einddatum: '2025-12-31',
    omvang: { volume: 4, eenheid: '04', frequentie: '2' },
    verwijzer: { type: '02', zorgverlenerCode: '01234567', naam: 'Huisartsenpraktijk Centrum' },
    referentieAanbieder: 'REF-42',
    commentaar: 'Ambulante begeleiding',
  };
}

function jw305(): Msg {
  return {
    berichtcode: 'JW305',
    berichtId: 'AGB12345678-305-000001',
    gemeente: '0363',
    aanbieder: '12345678',
    client: { bsn: BSN, geboortedatum: '2012-03-14' },
    toewijzingNummer: '12345',
    product: { categorie: '45', code: '45A53' },
    dagtekening: '2025-05-07',
    begindatum: '2025-05-06',
  };
}

function jw307(): Msg {
  return {
    berichtcode: 'JW307',
    berichtId: 'AGB12345678-307-000001',
    gemeente: '0363',
    aanbieder: '12345678',
    client: { bsn: BSN, geboortedatum: '2012-03-14' },
    toewijzingNummer: '12345',
    product: { categorie: '45', code: '45A53' },
    dagtekening: '2025-05-31',
    begindatum: '2025-05-06',
    einddatum: '2025-05-30',
    redenBeeindiging: '31',
  };
}

const BASES: Record<Code, () => Msg> = { JW301: jw301, JW305: jw305, JW307: jw307 };
const CODES: Code[] = ['JW301', 'JW305', 'JW307'];

const DELETE = Symbol('delete');

/** Sets (or with DELETE removes) a dotted path in a message. */
function setPath(msg: Msg, path: string, value: unknown): Msg {
  const parts = path.split('.');
  let node: Msg = msg;
  for (const part of parts.slice(0, -1)) node = node[part] as Msg;
  const last = parts[parts.length - 1]!;
  if (value === DELETE) delete node[last];
  else node[last] = value;
  return msg;
}

function mutate(code: Code, changes: Record<string, unknown>): Msg {
  const msg = BASES[code]();
  for (const [path, value] of Object.entries(changes)) setPath(msg, path, value);
  return msg;
}

function problemsOf(input: unknown): [string, string | undefined][] {
  const result = validateBericht(input, ctx);
  if (result.ok) return [];
  return result.problems.map((p) => [p.code, p.field] as [string, string | undefined]).sort((a, b) => `${a[0]}|${a[1]}`.localeCompare(`${b[0]}|${b[1]}`));
}

function sorted(expected: Expected): [string, string | undefined][] {
  return expected.map(([c, f]) => [c, f] as [string, string | undefined]).sort((a, b) => `${a[0]}|${a[1]}`.localeCompare(`${b[0]}|${b[1]}`));
}

interface BadCase {
  name: string;
  code: Code;
  changes: Record<string, unknown>;
  expected: Expected;
}

interface GoodCase {
  name: string;
  code: Code;
  changes: Record<string, unknown>;
}

const one = (code: string, field: string): Expected => [[code, field]];
const forAll = (fn: (code: Code) => Omit<BadCase, 'code'>[]): BadCase[] => CODES.flatMap((code) => fn(code).map((c) => ({ ...c, code, name: `${code}: ${c.name}` })));

// ---------------------------------------------------------------------------------------------------------------
// Bad messages

const bsnCases = forAll(() => [
  { name: 'BSN with a wrong check digit', changes: { 'client.bsn': '999999991' }, expected: one(RETOUR.BSN_INVALID, 'client.bsn') },
  { name: 'BSN with two digits swapped', changes: { 'client.bsn': '123456728' }, expected: one(RETOUR.BSN_INVALID, 'client.bsn') },
  { name: 'BSN of 8 digits', changes: { 'client.bsn': '99999999' }, expected: one(RETOUR.BSN_INVALID, 'client.bsn') },
  { name: 'BSN of 10 digits', changes: { 'client.bsn': '0999999990' }, expected: one(RETOUR.BSN_INVALID, 'client.bsn') },
  { name: 'BSN with a letter', changes: { 'client.bsn': '99999999a' }, expected: one(RETOUR.BSN_INVALID, 'client.bsn') },
  { name: 'BSN of letters only', changes: { 'client.bsn': 'abcdefghi' }, expected: one(RETOUR.BSN_INVALID, 'client.bsn') },
  { name: 'BSN 000000000', changes: { 'client.bsn': '000000000' }, expected: one(RETOUR.BSN_INVALID, 'client.bsn') },
  { name: 'BSN with spaces', changes: { 'client.bsn': '999 999 990' }, expected: one(RETOUR.BSN_INVALID, 'client.bsn') },
  { name: 'BSN with surrounding whitespace', changes: { 'client.bsn': ' 999999990' }, expected: one(RETOUR.BSN_INVALID, 'client.bsn') },
  { name: 'BSN with non-ASCII digits', changes: { 'client.bsn': '٩٩٩٩٩٩٩٩٠' }, expected: one(RETOUR.BSN_INVALID, 'client.bsn') },
  { name: 'BSN as a number', changes: { 'client.bsn': 999999990 }, expected: one(RETOUR.FIELD_TYPE, 'client.bsn') },
  { name: 'BSN missing', changes: { 'client.bsn': DELETE }, expected: one(RETOUR.FIELD_MISSING, 'client.bsn') },
]);

const geboortedatumCases = forAll(() => [
  { name: 'geboortedatum 2011-02-29 (not a leap year)', changes: { 'client.geboortedatum': '2011-02-29' }, expected: one(RETOUR.GEBOORTEDATUM_INVALID, 'client.geboortedatum') },
  { name: 'geboortedatum 2012-13-01', changes: { 'client.geboortedatum': '2012-13-01' }, expected: one(RETOUR.GEBOORTEDATUM_INVALID, 'client.geboortedatum') },
  { name: 'geboortedatum 2012-04-31', changes: { 'client.geboortedatum': '2012-04-31' }, expected: one(RETOUR.GEBOORTEDATUM_INVALID, 'client.geboortedatum') },
  { name: 'geboortedatum in Dutch notation', changes: { 'client.geboortedatum': '14-03-2012' }, expected: one(RETOUR.GEBOORTEDATUM_INVALID, 'client.geboortedatum') },
  { name: 'geboortedatum as free text', changes: { 'client.geboortedatum': 'gisteren' }, expected: one(RETOUR.GEBOORTEDATUM_INVALID, 'client.geboortedatum') },
  { name: 'geboortedatum tomorrow', changes: { 'client.geboortedatum': '2025-06-02' }, expected: one(RETOUR.GEBOORTEDATUM_INVALID, 'client.geboortedatum') },
  { name: 'geboortedatum far in the future', changes: { 'client.geboortedatum': '2099-01-01' }, expected: one(RETOUR.GEBOORTEDATUM_INVALID, 'client.geboortedatum') },
  { name: 'geboortedatum as a number', changes: { 'client.geboortedatum': 20120314 }, expected: one(RETOUR.FIELD_TYPE, 'client.geboortedatum') },
  { name: 'geboortedatum missing', changes: { 'client.geboortedatum': DELETE }, expected: one(RETOUR.FIELD_MISSING, 'client.geboortedatum') },
]);

/** Every date field of every berichtcode (geboortedatum has its own code and table above). */
const DATE_FIELDS: [Code, string][] = [
  ['JW301', 'dagtekening'],
  ['JW301', 'ingangsdatum'],
  ['JW301', 'einddatum'],
  ['JW305', 'dagtekening'],
  ['JW305', 'begindatum'],
  ['JW307', 'dagtekening'],
  ['JW307', 'begindatum'],
  ['JW307', 'einddatum'],
];

const BAD_DATES: [string, unknown, string][] = [
  ['2023-02-29 (no leap year)', '2023-02-29', RETOUR.DATE_INVALID],
  ['2023-13-01 (month 13)', '2023-13-01', RETOUR.DATE_INVALID],
  ['2023-00-10 (month 0)', '2023-00-10', RETOUR.DATE_INVALID],
  ['2023-04-31 (day 31 in April)', '2023-04-31', RETOUR.DATE_INVALID],
  ['2023-01-00 (day 0)', '2023-01-00', RETOUR.DATE_INVALID],
  ['DD-MM-YYYY', '01-05-2025', RETOUR.DATE_INVALID],
  ['no leading zeros', '2025-5-1', RETOUR.DATE_INVALID],
  ['with a time', '2025-05-01T00:00:00Z', RETOUR.DATE_INVALID],
  ['compact YYYYMMDD', '20250501', RETOUR.DATE_INVALID],
  ['text', 'morgen', RETOUR.DATE_INVALID],
  ['year 1899', '1899-12-31', RETOUR.DATE_INVALID],
  ['a number', 20250501, RETOUR.FIELD_TYPE],
  ['an epoch number', 1746057600000, RETOUR.FIELD_TYPE],
  ['an object', { datum: '2025-05-01' }, RETOUR.FIELD_TYPE],
  ['a boolean', true, RETOUR.FIELD_TYPE],
];

const dateFormatCases: BadCase[] = DATE_FIELDS.flatMap(([code, field]) =>
  BAD_DATES.map(([label, value, retour]) => ({ name: `${code}: ${field} ${label}`, code, changes: { [field]: value }, expected: one(retour, field) })),
);

const dateOrderCases: BadCase[] = [
  { name: 'JW301: einddatum before ingangsdatum', code: 'JW301', changes: { einddatum: '2025-04-30' }, expected: one(RETOUR.DATE_ORDER, 'einddatum') },
  { name: 'JW301: ingangsdatum before the child was born', code: 'JW301', changes: { 'client.geboortedatum': '2025-05-02' }, expected: one(RETOUR.DATE_ORDER, 'ingangsdatum') },
  { name: 'JW305: begindatum before the child was born', code: 'JW305', changes: { 'client.geboortedatum': '2025-05-07' }, expected: one(RETOUR.DATE_ORDER, 'begindatum') },
  { name: 'JW307: einddatum before begindatum', code: 'JW307', changes: { einddatum: '2025-05-05' }, expected: one(RETOUR.DATE_ORDER, 'einddatum') },
  {
    name: 'JW307: begindatum and einddatum both before the child was born',
    code: 'JW307',
    changes: { 'client.geboortedatum': '2025-05-31' },
    // A stop of care that started (and ended) before the child was born cannot be right; the JW305 and JW301
    // apply this rule, the JW307 must too.
    expected: one(RETOUR.DATE_ORDER, 'begindatum'),
  },
];

const futureCases: BadCase[] = [
  { name: 'JW305: begindatum tomorrow', code: 'JW305', changes: { begindatum: '2025-06-02' }, expected: one(RETOUR.DATE_IN_FUTURE, 'begindatum') },
  { name: 'JW307: einddatum tomorrow', code: 'JW307', changes: { einddatum: '2025-06-02' }, expected: one(RETOUR.DATE_IN_FUTURE, 'einddatum') },
  {
    name: 'JW307: begindatum and einddatum in the future',
    code: 'JW307',
    changes: { begindatum: '2025-07-01', einddatum: '2025-07-02' },
    expected: [
      [RETOUR.DATE_IN_FUTURE, 'begindatum'],
      [RETOUR.DATE_IN_FUTURE, 'einddatum'],
    ],
  },
  ...CODES.map((code) => ({ name: `${code}: dagtekening tomorrow`, code, changes: { dagtekening: '2025-06-02' }, expected: one(RETOUR.DATE_IN_FUTURE, 'dagtekening') })),
];

const codelistCases: BadCase[] = [
  ...forAll(() => [
    { name: 'productcategorie 99 unknown', changes: { 'product.categorie': '99' }, expected: one(RETOUR.PRODUCTCATEGORIE_UNKNOWN, 'product.categorie') },
    { name: 'productcategorie 39 unknown (gap in the list)', changes: { 'product.categorie': '39' }, expected: one(RETOUR.PRODUCTCATEGORIE_UNKNOWN, 'product.categorie') },
    { name: 'productcategorie with one digit', changes: { 'product.categorie': '4' }, expected: one(RETOUR.PRODUCTCATEGORIE_UNKNOWN, 'product.categorie') },
    { name: 'productcategorie as a number', changes: { 'product.categorie': 45 }, expected: one(RETOUR.FIELD_TYPE, 'product.categorie') },
    { name: 'productcode of 4 positions', changes: { 'product.code': '45A5' }, expected: one(RETOUR.PRODUCTCODE_INVALID, 'product.code') },
    { name: 'productcode of 6 positions', changes: { 'product.code': '45A533' }, expected: one(RETOUR.PRODUCTCODE_INVALID, 'product.code') },
    { name: 'productcode with a dash', changes: { 'product.code': '45-53' }, expected: one(RETOUR.PRODUCTCODE_INVALID, 'product.code') },
    { name: 'productcode with a space', changes: { 'product.code': '45 53' }, expected: one(RETOUR.PRODUCTCODE_INVALID, 'product.code') },
    { name: 'productcode as a number', changes: { 'product.code': 45153 }, expected: one(RETOUR.FIELD_TYPE, 'product.code') },
  ]),
  { name: 'JW307: redenBeeindiging 99 unknown', code: 'JW307', changes: { redenBeeindiging: '99' }, expected: one(RETOUR.REDEN_BEEINDIGING_UNKNOWN, 'redenBeeindiging') },
  { name: 'JW307: redenBeeindiging 1 (missing leading zero)', code: 'JW307', changes: { redenBeeindiging: '1' }, expected: one(RETOUR.REDEN_BEEINDIGING_UNKNOWN, 'redenBeeindiging') },
  { name: 'JW307: redenBeeindiging as a number', code: 'JW307', changes: { redenBeeindiging: 31 }, expected: one(RETOUR.FIELD_TYPE, 'redenBeeindiging') },
  { name: 'JW301: redenWijziging 99 unknown', code: 'JW301', changes: { redenWijziging: '99' }, expected: one(RETOUR.REDEN_WIJZIGING_UNKNOWN, 'redenWijziging') },
  { name: 'JW301: redenWijziging 00 unknown', code: 'JW301', changes: { redenWijziging: '00' }, expected: one(RETOUR.REDEN_WIJZIGING_UNKNOWN, 'redenWijziging') },
  { name: 'JW301: redenWijziging as a number', code: 'JW301', changes: { redenWijziging: 4 }, expected: one(RETOUR.FIELD_TYPE, 'redenWijziging') },
];

const omvangCases: BadCase[] = [
  { name: 'volume 0', changes: { 'omvang.volume': 0 }, expected: one(RETOUR.OMVANG_INVALID, 'omvang.volume') },
  { name: 'volume negative', changes: { 'omvang.volume': -4 }, expected: one(RETOUR.OMVANG_INVALID, 'omvang.volume') },
  { name: 'volume fractional', changes: { 'omvang.volume': 1.5 }, expected: one(RETOUR.OMVANG_INVALID, 'omvang.volume') },
  { name: 'volume as a string', changes: { 'omvang.volume': '4' }, expected: one(RETOUR.OMVANG_INVALID, 'omvang.volume') },
  { name: 'volume NaN', changes: { 'omvang.volume': Number.NaN }, expected: one(RETOUR.OMVANG_INVALID, 'omvang.volume') },
  { name: 'volume Infinity', changes: { 'omvang.volume': Number.POSITIVE_INFINITY }, expected: one(RETOUR.OMVANG_INVALID, 'omvang.volume') },
  { name: 'volume above 99999999', changes: { 'omvang.volume': 100_000_000 }, expected: one(RETOUR.OMVANG_INVALID, 'omvang.volume') },
  { name: 'volume missing', changes: { 'omvang.volume': DELETE }, expected: one(RETOUR.OMVANG_INVALID, 'omvang.volume') },
  { name: 'eenheid unknown', changes: { 'omvang.eenheid': '99' }, expected: one(RETOUR.EENHEID_UNKNOWN, 'omvang.eenheid') },
  { name: 'eenheid missing', changes: { 'omvang.eenheid': DELETE }, expected: one(RETOUR.FIELD_MISSING, 'omvang.eenheid') },
  { name: 'eenheid as a number', changes: { 'omvang.eenheid': 4 }, expected: one(RETOUR.FIELD_TYPE, 'omvang.eenheid') },
  { name: 'frequentie unknown', changes: { 'omvang.frequentie': '3' }, expected: one(RETOUR.FREQUENTIE_UNKNOWN, 'omvang.frequentie') },
  { name: 'frequentie missing', changes: { 'omvang.frequentie': DELETE }, expected: one(RETOUR.FIELD_MISSING, 'omvang.frequentie') },
  { name: 'omvang a string', changes: { omvang: '4 uur per week' }, expected: one(RETOUR.OMVANG_INVALID, 'omvang') },
  { name: 'omvang an array', changes: { omvang: [4, '04', '2'] }, expected: one(RETOUR.OMVANG_INVALID, 'omvang') },
].map((c) => ({ ...c, name: `JW301: omvang ${c.name}`, code: 'JW301' as Code }));

const formatCases: BadCase[] = [
  ...forAll(() => [
    { name: 'gemeente of 3 digits', changes: { gemeente: '363' }, expected: one(RETOUR.GEMEENTE_INVALID, 'gemeente') },
    { name: 'gemeente of 5 digits', changes: { gemeente: '03630' }, expected: one(RETOUR.GEMEENTE_INVALID, 'gemeente') },
    { name: 'gemeente with letters', changes: { gemeente: 'GM03' }, expected: one(RETOUR.GEMEENTE_INVALID, 'gemeente') },
    { name: 'gemeente as a number', changes: { gemeente: 363 }, expected: one(RETOUR.FIELD_TYPE, 'gemeente') },
    { name: 'AGB of 7 digits', changes: { aanbieder: '1234567' }, expected: one(RETOUR.AGB_INVALID, 'aanbieder') },
    { name: 'AGB of 9 digits', changes: { aanbieder: '123456789' }, expected: one(RETOUR.AGB_INVALID, 'aanbieder') },
    { name: 'AGB with a letter', changes: { aanbieder: '1234567a' }, expected: one(RETOUR.AGB_INVALID, 'aanbieder') },
    { name: 'AGB as a number', changes: { aanbieder: 12345678 }, expected: one(RETOUR.FIELD_TYPE, 'aanbieder') },
    { name: 'toewijzingNummer of 9 digits', changes: { toewijzingNummer: '123456789' }, expected: one(RETOUR.TOEWIJZINGNUMMER_INVALID, 'toewijzingNummer') },
    { name: 'toewijzingNummer with letters', changes: { toewijzingNummer: 'TW12345' }, expected: one(RETOUR.TOEWIJZINGNUMMER_INVALID, 'toewijzingNummer') },
    { name: 'toewijzingNummer negative', changes: { toewijzingNummer: '-1' }, expected: one(RETOUR.TOEWIJZINGNUMMER_INVALID, 'toewijzingNummer') },
    { name: 'toewijzingNummer as a number', changes: { toewijzingNummer: 12345 }, expected: one(RETOUR.FIELD_TYPE, 'toewijzingNummer') },
    { name: 'berichtId starting with a dash', changes: { berichtId: '-abc' }, expected: one(RETOUR.BERICHTID_INVALID, 'berichtId') },
    { name: 'berichtId with a space', changes: { berichtId: 'abc def' }, expected: one(RETOUR.BERICHTID_INVALID, 'berichtId') },
    { name: 'berichtId with a slash', changes: { berichtId: 'abc/def' }, expected: one(RETOUR.BERICHTID_INVALID, 'berichtId') },
    { name: 'berichtId with an accented letter', changes: { berichtId: 'bericht-é' }, expected: one(RETOUR.BERICHTID_INVALID, 'berichtId') },
    { name: 'berichtId of 65 characters', changes: { berichtId: 'a'.repeat(65) }, expected: one(RETOUR.BERICHTID_INVALID, 'berichtId') },
    { name: 'berichtId longer than the text limit', changes: { berichtId: 'a'.repeat(1001) }, expected: one(RETOUR.FIELD_TYPE, 'berichtId') },
    { name: 'berichtId as a number', changes: { berichtId: 42 }, expected: one(RETOUR.FIELD_TYPE, 'berichtId') },
  ]),
  { name: 'JW301: verwijzer.zorgverlenerCode not an AGB code', code: 'JW301', changes: { 'verwijzer.zorgverlenerCode': '123' }, expected: one(RETOUR.AGB_INVALID, 'verwijzer.zorgverlenerCode') },
  { name: 'JW301: verwijzer.type 07', code: 'JW301', changes: { 'verwijzer.type': '07' }, expected: one(RETOUR.FIELD_TYPE, 'verwijzer.type') },
  { name: 'JW301: verwijzer.type missing', code: 'JW301', changes: { 'verwijzer.type': DELETE }, expected: one(RETOUR.FIELD_MISSING, 'verwijzer.type') },
  { name: 'JW301: verwijzer a string', code: 'JW301', changes: { verwijzer: 'huisarts' }, expected: one(RETOUR.FIELD_TYPE, 'verwijzer') },
  { name: 'JW301: commentaar longer than 1000 characters', code: 'JW301', changes: { commentaar: 'x'.repeat(1001) }, expected: one(RETOUR.FIELD_TYPE, 'commentaar') },
  { name: 'JW301: referentieAanbieder a number', code: 'JW301', changes: { referentieAanbieder: 42 }, expected: one(RETOUR.FIELD_TYPE, 'referentieAanbieder') },
];

const REQUIRED: Record<Code, string[]> = {
  JW301: ['berichtId', 'gemeente', 'aanbieder', 'client', 'client.bsn', 'client.geboortedatum', 'toewijzingNummer', 'product', 'product.categorie', 'ingangsdatum'],
  JW305: ['berichtId', 'gemeente', 'aanbieder', 'client', 'client.bsn', 'client.geboortedatum', 'toewijzingNummer', 'product', 'product.categorie', 'begindatum'],
  JW307: ['berichtId', 'gemeente', 'aanbieder', 'client', 'client.bsn', 'client.geboortedatum', 'toewijzingNummer', 'product', 'product.categorie', 'begindatum', 'einddatum', 'redenBeeindiging'],
};

const missingCases: BadCase[] = CODES.flatMap((code) =>
  REQUIRED[code].flatMap((field) => {
    const cases: BadCase[] = [{ name: `${code}: ${field} missing`, code, changes: { [field]: DELETE }, expected: one(RETOUR.FIELD_MISSING, field) }];
    if (field !== 'client' && field !== 'product') {
      cases.push({ name: `${code}: ${field} null`, code, changes: { [field]: null }, expected: one(RETOUR.FIELD_MISSING, field) });
      cases.push({ name: `${code}: ${field} empty string`, code, changes: { [field]: '' }, expected: one(RETOUR.FIELD_MISSING, field) });
    }
    return cases;
  }),
);

const SPECIFIC: Record<Code, string[]> = {
  JW301: ['ingangsdatum', 'einddatum', 'omvang', 'verwijzer', 'referentieAanbieder', 'commentaar'],
  JW305: ['begindatum'],
  JW307: ['begindatum', 'einddatum', 'redenBeeindiging'],
};

const berichtcodeCases: BadCase[] = CODES.flatMap((code) => {
  const specific = SPECIFIC[code].map((f) => [RETOUR.FIELD_TYPE, f] as const);
  return [
    { name: `${code}: berichtcode missing`, code, changes: { berichtcode: DELETE }, expected: [[RETOUR.FIELD_MISSING, 'berichtcode'] as const, ...specific] },
    { name: `${code}: berichtcode JW302`, code, changes: { berichtcode: 'JW302' }, expected: [[RETOUR.BERICHTCODE_UNKNOWN, 'berichtcode'] as const, ...specific] },
    { name: `${code}: berichtcode in lower case`, code, changes: { berichtcode: code.toLowerCase() }, expected: [[RETOUR.BERICHTCODE_UNKNOWN, 'berichtcode'] as const, ...specific] },
    { name: `${code}: berichtcode 301 (number)`, code, changes: { berichtcode: 301 }, expected: [[RETOUR.FIELD_TYPE, 'berichtcode'] as const, ...specific] },
    // Names of Object.prototype members must be treated like any other unknown code (not crash the validator).
    ...(code === 'JW305' ? ['constructor', 'toString', '__proto__', 'hasOwnProperty'] : []).map((name) => ({
      name: `${code}: berichtcode "${name}"`,
      code,
      changes: { berichtcode: name },
      expected: [[RETOUR.BERICHTCODE_UNKNOWN, 'berichtcode'] as const, ...specific],
    })),
  ];
});

const typeCases: BadCase[] = forAll(() => [
  { name: 'client a string', changes: { client: BSN }, expected: one(RETOUR.FIELD_TYPE, 'client') },
  { name: 'client an array', changes: { client: [BSN, '2012-03-14'] }, expected: one(RETOUR.FIELD_TYPE, 'client') },
  { name: 'product a string', changes: { product: '45A53' }, expected: one(RETOUR.FIELD_TYPE, 'product') },
  { name: 'product a number', changes: { product: 45 }, expected: one(RETOUR.FIELD_TYPE, 'product') },
  { name: 'berichtId an array', changes: { berichtId: ['a'] }, expected: one(RETOUR.FIELD_TYPE, 'berichtId') },
  { name: 'gemeente an object', changes: { gemeente: { code: '0363' } }, expected: one(RETOUR.FIELD_TYPE, 'gemeente') },
  { name: 'dagtekening null is simply absent', changes: { dagtekening: null }, expected: [] },
]);

const extraFieldCases: BadCase[] = [
  ...forAll(() => [
    { name: 'unknown field "naam"', changes: { naam: 'Jan' }, expected: one(RETOUR.FIELD_TYPE, 'naam') },
    { name: 'unknown field "bsn" at top level', changes: { bsn: BSN }, expected: one(RETOUR.FIELD_TYPE, 'bsn') },
    { name: 'two unknown fields', changes: { x: 1, y: null }, expected: [[RETOUR.FIELD_TYPE, 'x'], [RETOUR.FIELD_TYPE, 'y']] },
  ]),
  { name: 'JW305: einddatum belongs to JW307 only', code: 'JW305', changes: { einddatum: '2025-05-30' }, expected: one(RETOUR.FIELD_TYPE, 'einddatum') },
  { name: 'JW305: redenBeeindiging belongs to JW307 only', code: 'JW305', changes: { redenBeeindiging: '31' }, expected: one(RETOUR.FIELD_TYPE, 'redenBeeindiging') },
  { name: 'JW305: ingangsdatum belongs to JW301 only', code: 'JW305', changes: { ingangsdatum: '2025-05-01' }, expected: one(RETOUR.FIELD_TYPE, 'ingangsdatum') },
  { name: 'JW307: omvang belongs to JW301 only', code: 'JW307', changes: { omvang: { volume: 1, eenheid: '04', frequentie: '2' } }, expected: one(RETOUR.FIELD_TYPE, 'omvang') },
  { name: 'JW307: redenWijziging belongs to JW301 only', code: 'JW307', changes: { redenWijziging: '04' }, expected: one(RETOUR.FIELD_TYPE, 'redenWijziging') },
  { name: 'JW301: begindatum belongs to JW305/JW307 only', code: 'JW301', changes: { begindatum: '2025-05-06' }, expected: one(RETOUR.FIELD_TYPE, 'begindatum') },
];

const badCases: BadCase[] = [
  ...bsnCases,
  ...geboortedatumCases,
  ...dateFormatCases,
  ...dateOrderCases,
  ...futureCases,
  ...codelistCases,
  ...omvangCases,
  ...formatCases,
  ...missingCases,
  ...berichtcodeCases,
  ...typeCases.filter((c) => c.expected.length > 0),
  ...extraFieldCases,
];

// ---------------------------------------------------------------------------------------------------------------
// Good messages (mutations that must stay valid)

const goodCases: GoodCase[] = [
  ...VALID_BSNS.flatMap((bsn) => CODES.map((code) => ({ name: `${code}: BSN ${bsn}`, code, changes: { 'client.bsn': bsn } }))),
  ...CODES.map((code) => ({ name: `${code}: dagtekening 2024-02-29 (leap day)`, code, changes: { dagtekening: '2024-02-29' } })),
  ...CODES.map((code) => ({ name: `${code}: dagtekening today`, code, changes: { dagtekening: TODAY } })),
  ...CODES.map((code) => ({ name: `${code}: without dagtekening`, code, changes: { dagtekening: DELETE } })),
  ...CODES.map((code) => ({ name: `${code}: geboortedatum 2008-02-29 (leap day)`, code, changes: { 'client.geboortedatum': '2008-02-29' } })),
  ...CODES.map((code) => ({ name: `${code}: aspecifieke toewijzing (no productcode)`, code, changes: { 'product.code': DELETE } })),
  ...CODES.map((code) => ({ name: `${code}: productcode with letters only`, code, changes: { 'product.code': 'ABCDE' } })),
  ...CODES.map((code) => ({ name: `${code}: legacy productcategorie 35`, code, changes: { 'product.categorie': '35' } })),
  ...CODES.map((code) => ({ name: `${code}: berichtId of exactly 64 characters`, code, changes: { berichtId: 'A'.repeat(64) } })),
  ...CODES.map((code) => ({ name: `${code}: berichtId of 1 character`, code, changes: { berichtId: '7' } })),
  ...CODES.map((code) => ({ name: `${code}: berichtId with . _ : -`, code, changes: { berichtId: 'a.b_c:d-e' } })),
  ...CODES.map((code) => ({ name: `${code}: toewijzingNummer of 8 digits`, code, changes: { toewijzingNummer: '12345678' } })),
  ...CODES.map((code) => ({ name: `${code}: toewijzingNummer of 1 digit`, code, changes: { toewijzingNummer: '1' } })),
  { name: 'JW301: ingangsdatum 2024-02-29 (leap day)', code: 'JW301', changes: { ingangsdatum: '2024-02-29' } },
  { name: 'JW301: einddatum 2028-02-29 (leap day, in the future)', code: 'JW301', changes: { einddatum: '2028-02-29' } },
  { name: 'JW301: ingangsdatum and einddatum in the future', code: 'JW301', changes: { ingangsdatum: '2026-01-01', einddatum: '2026-12-31' } },
  { name: 'JW301: einddatum equal to ingangsdatum', code: 'JW301', changes: { einddatum: '2025-05-01' } },
  { name: 'JW301: ingangsdatum on the day of birth', code: 'JW301', changes: { 'client.geboortedatum': '2025-05-01' } },
  { name: 'JW301: without einddatum', code: 'JW301', changes: { einddatum: DELETE } },
  { name: 'JW301: without omvang', code: 'JW301', changes: { omvang: DELETE } },
  { name: 'JW301: without verwijzer', code: 'JW301', changes: { verwijzer: DELETE } },
  { name: 'JW301: verwijzer without zorgverlenerCode', code: 'JW301', changes: { verwijzer: { type: '01' } } },
  { name: 'JW301: volume 1', code: 'JW301', changes: { 'omvang.volume': 1 } },
  { name: 'JW301: volume 99999999', code: 'JW301', changes: { 'omvang.volume': 99_999_999 } },
  { name: 'JW301: omvang in euro per maand', code: 'JW301', changes: { omvang: { volume: 1500, eenheid: '83', frequentie: '4' } } },
  { name: 'JW301: redenWijziging 04 (verlenging)', code: 'JW301', changes: { redenWijziging: '04' } },
  { name: 'JW301: redenWijziging 13 (verwijderd)', code: 'JW301', changes: { redenWijziging: '13' } },
  { name: 'JW301: commentaar of exactly 1000 characters', code: 'JW301', changes: { commentaar: 'x'.repeat(1000) } },
  { name: 'JW305: begindatum today', code: 'JW305', changes: { begindatum: TODAY } },
  { name: 'JW305: begindatum 2024-02-29', code: 'JW305', changes: { begindatum: '2024-02-29' } },
  { name: 'JW305: begindatum on the day of birth', code: 'JW305', changes: { 'client.geboortedatum': '2025-05-06' } },
  { name: 'JW307: einddatum today', code: 'JW307', changes: { einddatum: TODAY } },
  { name: 'JW307: begindatum equal to einddatum', code: 'JW307', changes: { begindatum: '2025-05-30' } },
  { name: 'JW307: begindatum 2024-02-29', code: 'JW307', changes: { begindatum: '2024-02-29' } },
  { name: 'JW307: redenBeeindiging 20 (tijdelijk)', code: 'JW307', changes: { redenBeeindiging: '20' } },
  { name: 'JW307: redenBeeindiging 02 (overlijden)', code: 'JW307', changes: { redenBeeindiging: '02' } },
  ...typeCases.filter((c) => c.expected.length === 0).map((c) => ({ name: c.name, code: c.code, changes: c.changes })),
];

describe('validateBericht', () => {
  it('accepts the three base messages', () => {
    for (const code of CODES) expect(problemsOf(BASES[code]())).toEqual([]);
  });

  describe('rejects', () => {
    it.each(badCases)('$name', ({ code, changes, expected }) => {
      const msg = mutate(code, changes);
      const result = validateBericht(msg, ctx);
      expect(result.ok).toBe(false);
      expect(problemsOf(msg)).toEqual(sorted(expected));
      if (!result.ok) for (const p of result.problems) expect(p.message).toMatch(/\S/);
    });
  });

  describe('accepts', () => {
    it.each(goodCases)('$name', ({ code, changes }) => {
      const result = validateBericht(mutate(code, changes), ctx);
      expect(result.ok ? [] : result.problems).toEqual([]);
    });
  });

  describe('non-object inputs', () => {
    it.each([
      ['null', null],
      ['undefined', undefined],
      ['an array', []],
      ['an array holding a message', [jw305()]],
      ['a string', 'JW301'],
      ['a JSON string', JSON.stringify(jw305())],
      ['a number', 42],
      ['a boolean', true],
    ])('refuses %s with MALFORMED', (_label, input) => {
      const result = validateBericht(input, ctx);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.problems).toHaveLength(1);
        expect(result.problems[0]!.code).toBe(RETOUR.MALFORMED);
      }
    });
  });

  it('reports an own "__proto__" field (from JSON.parse) as an unknown field', () => {
    const input = JSON.parse(JSON.stringify(jw305()).replace(/^\{/, '{"__proto__":{"polluted":true},')) as unknown;
    expect(problemsOf(input)).toEqual([[RETOUR.FIELD_TYPE, '__proto__']]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports all problems of a message, not just the first', () => {
    const msg = mutate('JW305', {
      'client.bsn': '123456789',
      gemeente: '36',
      aanbieder: 'AGB',
      'product.categorie': '99',
      'product.code': '1',
      begindatum: '2025-06-30',
      dagtekening: '2023-02-29',
      extra: true,
    });
    expect(problemsOf(msg)).toEqual(
      sorted([
        [RETOUR.BSN_INVALID, 'client.bsn'],
        [RETOUR.GEMEENTE_INVALID, 'gemeente'],
        [RETOUR.AGB_INVALID, 'aanbieder'],
        [RETOUR.PRODUCTCATEGORIE_UNKNOWN, 'product.categorie'],
        [RETOUR.PRODUCTCODE_INVALID, 'product.code'],
        [RETOUR.DATE_IN_FUTURE, 'begindatum'],
        [RETOUR.DATE_INVALID, 'dagtekening'],
        [RETOUR.FIELD_TYPE, 'extra'],
      ]),
    );
  });

  it('reports every missing field of an empty object', () => {
    expect(problemsOf({})).toEqual(
      sorted([
        [RETOUR.FIELD_MISSING, 'berichtcode'],
        [RETOUR.FIELD_MISSING, 'berichtId'],
        [RETOUR.FIELD_MISSING, 'gemeente'],
        [RETOUR.FIELD_MISSING, 'aanbieder'],
        [RETOUR.FIELD_MISSING, 'toewijzingNummer'],
        [RETOUR.FIELD_MISSING, 'client'],
        [RETOUR.FIELD_MISSING, 'product'],
      ]),
    );
  });

  it('never echoes the BSN of an invalid message in a problem message', () => {
    const result = validateBericht(mutate('JW305', { 'client.bsn': '123456789' }), ctx);
    expect(JSON.stringify(result)).not.toContain('123456789');
  });

  describe('normalisation', () => {
    it('returns a JW301 with exactly the contract fields', () => {
      const result = validateBericht(jw301(), ctx);
      expect(result).toEqual({ ok: true, bericht: jw301() });
    });

    it.each(CODES)('returns the %s unchanged when it holds only contract fields', (code) => {
      expect(validateBericht(BASES[code](), ctx)).toEqual({ ok: true, bericht: BASES[code]() });
    });

    it('drops empty optional fields and unknown fields inside nested objects', () => {
      const input = mutate('JW301', {
        einddatum: '',
        redenWijziging: null,
        commentaar: '',
        referentieAanbieder: undefined,
        dagtekening: null,
        'product.code': '',
        'product.omschrijving': 'Ambulante jeugdhulp',
        'client.naam': 'Jan Jansen',
        'client.adres': { straat: 'Dorpsstraat' },
        'omvang.toelichting': 'extra',
        'verwijzer.naam': '',
        'verwijzer.extra': 1,
      });
      const result = validateBericht(input, ctx);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.bericht).toEqual({
        berichtcode: 'JW301',
        berichtId: 'GEM0363-301-000001',
        gemeente: '0363',
        aanbieder: '12345678',
        client: { bsn: BSN, geboortedatum: '2012-03-14' },
        toewijzingNummer: '12345',
        product: { categorie: '45' },
        ingangsdatum: '2025-05-01',
        omvang: { volume: 4, eenheid: '04', frequentie: '2' },
        verwijzer: { type: '02', zorgverlenerCode: '01234567' },
      });
      expect(Object.keys(result.bericht).sort()).toEqual(
        ['aanbieder', 'berichtId', 'berichtcode', 'client', 'gemeente', 'ingangsdatum', 'omvang', 'product', 'toewijzingNummer', 'verwijzer'].sort(),
      );
      expect(Object.keys(result.bericht.client)).toEqual(['bsn', 'geboortedatum']);
    });

    it('does not share nested objects with the input', () => {
      const input = jw305();
      const result = validateBericht(input, ctx);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      (input.client as Msg).bsn = '111222333';
      (input.product as Msg).categorie = '46';
      expect(result.bericht.client.bsn).toBe(BSN);
      expect(result.bericht.product.categorie).toBe('45');
    });

    it('is idempotent: validating a normalised message returns it unchanged', () => {
      for (const code of CODES) {
        const first = validateBericht(mutate(code, { 'client.extra': 1, 'product.code': '' }), ctx);
        expect(first.ok).toBe(true);
        if (!first.ok) continue;
        expect(validateBericht(first.bericht, ctx)).toEqual(first);
      }
    });
  });
});
