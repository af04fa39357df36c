import { checkSimpleValue, compileSimpleTypes, isXsdDate, isXsdTime, normalizeWhiteSpace } from './datatypes';
import { IJW_SCHEMA } from './structure';

// XSD 1.0 datatypes as libxml2 (xmllint, the official check) applies them; each row was confirmed with xmllint-wasm
// against ../shared/ijw-3.2/xsd (see differential.spec.ts for the systematic comparison).
const types = compileSimpleTypes(IJW_SCHEMA);
const valid = (type: string, value: string) => checkSimpleValue(types.get(type)!, value) === undefined;
const facet = (type: string, value: string) => checkSimpleValue(types.get(type)!, value)?.facet;

describe('xs:date', () => {
  it.each([
    ['2026-04-01', true],
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2100-02-29', false],
    ['2000-02-29', true],
    ['2024-02-30', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-4-01', false],
    ['0000-04-01', false],
    ['-0004-02-29', true],
    ['-0001-02-29', false],
    ['-0001-01-01', true],
    ['10000-02-29', true],
    ['02026-04-01', false],
    ['+2026-04-01', false],
    ['2026-04-01Z', true],
    ['2026-04-01+14:00', true],
    ['2026-04-01+14:01', false],
    ['2026-04-01-13:59', true],
  ])('%s → %s', (value, ok) => expect(isXsdDate(value)).toBe(ok));
});

describe('xs:time', () => {
  it.each([
    ['12:34:56', true],
    ['00:00:00', true],
    ['24:00:00', true],
    ['24:00:00.0', true],
    ['24:00:00.000001', false],
    ['24:00:01', false],
    ['23:59:60', false],
    ['12:60:00', false],
    ['12:34:56.', false],
    ['12:34:56.1234567890123', true],
    ['1:02:03', false],
    ['12:34', false],
    ['12:34:56Z', true],
  ])('%s → %s', (value, ok) => expect(isXsdTime(value)).toBe(ok));
});

describe('whiteSpace', () => {
  it('collapse trims and joins runs; replace maps tab/newline/return to spaces; preserve keeps', () => {
    expect(normalizeWhiteSpace(' \t2026-04-01\n', 'collapse')).toBe('2026-04-01');
    expect(normalizeWhiteSpace('a \t\n b', 'collapse')).toBe('a b');
    expect(normalizeWhiteSpace('a\tb\n', 'replace')).toBe('a b ');
    expect(normalizeWhiteSpace(' a ', 'preserve')).toBe(' a ');
  });
});

describe('the basisschema types', () => {
  it.each([
    // LDT_Nummer: xs:integer 0..999999999, leading zeros and a sign allowed, whitespace collapsed
    ['LDT_Nummer', '300201', true],
    ['LDT_Nummer', '999999999', true],
    ['LDT_Nummer', '0300201', true],
    ['LDT_Nummer', '0000000000999999999', true],
    ['LDT_Nummer', '+300201', true],
    ['LDT_Nummer', '-0', true],
    ['LDT_Nummer', ' 12 ', true],
    ['LDT_Nummer', '1000000000', false],
    ['LDT_Nummer', '-1', false],
    ['LDT_Nummer', '1 2', false],
    ['LDT_Nummer', '', false],
    ['LDT_Nummer', '+', false],
    ['LDT_Nummer', '٣٠٠', false],
    // LDT_Volume: integer ≥ 0
    ['LDT_Volume', '0', true],
    ['LDT_Volume', '-5', false],
    // LDT_ProductCode: 1–5 characters, at least one non-space, no newline
    ['LDT_ProductCode', '55A11', true],
    ['LDT_ProductCode', '4', true],
    ['LDT_ProductCode', '55A111', false],
    ['LDT_ProductCode', '', false],
    ['LDT_ProductCode', '   ', false],
    // LDT_IdentificatieBericht: 1–12 characters
    ['LDT_IdentificatieBericht', '123456789012', true],
    ['LDT_IdentificatieBericht', '1234567890123', false],
    ['LDT_IdentificatieBericht', 'a/b c', true],
    // LDT_BurgerServicenummer: exactly nine digits (pattern) and at most 9 characters
    ['LDT_BurgerServicenummer', '999900006', true],
    ['LDT_BurgerServicenummer', '99990000', false],
    ['LDT_BurgerServicenummer', ' 999900006', false],
    // LDT_Datum: xs:date without timezone ([^:Z]*), whitespace collapsed first
    ['LDT_Datum', '2026-04-01', true],
    ['LDT_Datum', ' 2026-04-01\n', true],
    ['LDT_Datum', '2026-04-01Z', false],
    ['LDT_Datum', '2026-04-01-05:00', false],
    // LDT_Tijd: xs:time without timezone
    ['LDT_Tijd', '12:34:56', true],
    ['LDT_Tijd', '12:34:56Z', false],
    ['LDT_Tijd', '12:34:56+01:00', false],
    // LDT_Commentaar: ([.\s]*\S+[.\s]*)+ — at least one character that is not XSD whitespace
    ['LDT_Commentaar', 'a\nb', true],
    ['LDT_Commentaar', '.', true],
    ['LDT_Commentaar', '\t', false],
    ['LDT_Commentaar', '\n', false],
    // LDT_Naam: .*[^\s].* — XSD '.' excludes newlines; \s is only space, tab, newline, return
    ['LDT_Naam', 'Wit', true],
    ['LDT_Naam', 'W\nit', false],
    ['LDT_Naam', '\u00a0', true],
    // LDT_Voorletters: ([a-zA-ZÀ-ỳ])+, at most 6
    ['LDT_Voorletters', 'T', true],
    ['LDT_Voorletters', 'Ŧ', true],
    ['LDT_Voorletters', 'T.', false],
    // code lists (enumerations)
    ['LDT_Geslacht', '1', true],
    ['LDT_Geslacht', '7', false],
    ['LDT_StatusAanlevering', '3', true],
    ['LDT_Versie', '1.0.0', true],
    ['LDT_Versie', '01.0.0', false],
  ])('%s %j → %s', (type, value, ok) => expect(valid(type, value)).toBe(ok));

  it('names the failing facet', () => {
    expect(facet('LDT_IdentificatieBericht', '1234567890123')).toBe('maxLength');
    expect(facet('LDT_Nummer', '1000000000')).toBe('maxInclusive');
    expect(facet('LDT_Volume', '-1')).toBe('minInclusive');
    expect(facet('LDT_Geslacht', '7')).toBe('enumeration');
    expect(facet('LDT_AgbCode', '1234567a')).toBe('pattern');
    expect(facet('LDT_Datum', '2026-02-30')).toBe('lexical');
    expect(facet('LDT_ProductCode', '')).toBe('minLength');
  });

  it('counts characters, not UTF-16 units', () => {
    expect(valid('LDT_ProductCode', '😀😀😀😀😀')).toBe(true);
    expect(valid('LDT_ProductCode', '😀😀😀😀😀😀')).toBe(false);
  });

  it('the header codes follow the namespace: each bericht fixes its BerichtCode, versie 3, subversie 2', () => {
    const codes = { JW301: '436', JW302: '437', JW305: '438', JW306: '439', JW307: '440', JW308: '441' };
    for (const [soort, code] of Object.entries(codes)) {
      for (const other of Object.values(codes)) expect(valid(`${soort}:Header/BerichtCode`, other)).toBe(other === code);
      expect(valid(`${soort}:Header/BerichtVersie`, '3')).toBe(true);
      expect(valid(`${soort}:Header/BerichtVersie`, '+03')).toBe(false);
      expect(valid(`${soort}:Header/BerichtVersie`, ' 3 ')).toBe(true);
      expect(valid(`${soort}:Header/BerichtSubversie`, '2')).toBe(true);
      expect(valid(`${soort}:Header/BerichtSubversie`, '1')).toBe(false);
    }
  });

  it('patterns are fast on long hostile values (no catastrophic backtracking)', () => {
    const long = ' '.repeat(100_000);
    const t0 = Date.now();
    expect(valid('LDT_Commentaar', long)).toBe(false);
    expect(valid('LDT_Commentaar', `${long}x${long.slice(0, 50_000)}`)).toBe(true);
    expect(valid('LDT_Commentaar', '. '.repeat(50_000))).toBe(true);
    expect(valid('LDT_Naam', long)).toBe(false);
    expect(Date.now() - t0).toBeLessThan(2000);
  });
});
