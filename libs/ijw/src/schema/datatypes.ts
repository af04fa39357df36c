/**
 * XSD datatypes and facets as the iJw 3.2 basisschema uses them (controleniveau 1), applied to the exact text of
 * an element. Semantics follow XML Schema 1.0 Part 2 as libxml2 (the official XSD check, xmllint) implements it:
 *  - whiteSpace: xs:string preserves; xs:integer, xs:decimal, xs:date, xs:time, xs:boolean collapse (fixed);
 *  - the lexical space of the builtin is checked on the normalised value, then the facets of every derivation
 *    step: patterns of one step are alternatives, patterns of different steps must all match (XSD 1.0 §4.3.4);
 *  - lengths count characters (code points), not UTF-16 units;
 *  - xs:integer: optional sign and digits (leading zeros allowed); ranges compared exactly (BigInt);
 *  - xs:date: [-]YYYY-MM-DD with a real calendar day (leap years by the signed year, year 0000 not allowed,
 *    years of more than four digits without a leading zero), optional timezone Z or ±hh:mm (the LDT_Datum
 *    pattern [^:Z]* then forbids it);
 *  - xs:time: hh:mm:ss[.fraction][timezone], 24:00:00 allowed (XSD 1.0 second edition).
 * Pattern facets are compiled from the generator's translation (facets.patternJs); see tools/generate-ijw-schema.js.
 */
import type { Facets, IjwSchemaData } from './types';

export type Builtin = 'xs:string' | 'xs:integer' | 'xs:decimal' | 'xs:date' | 'xs:time' | 'xs:boolean';
const BUILTINS: readonly string[] = ['xs:string', 'xs:integer', 'xs:decimal', 'xs:date', 'xs:time', 'xs:boolean'];

export interface CompiledStep {
  key: string;
  facets: Facets;
  patterns: RegExp[];
}

export interface CompiledSimpleType {
  key: string;
  builtin: Builtin;
  whiteSpace: 'preserve' | 'replace' | 'collapse';
  /** Derivation steps, the builtin's direct restriction first. */
  steps: CompiledStep[];
  /** True when the type is a code list (enumeration) or a fixed header code: its value may be quoted in messages. */
  quotable: boolean;
}

export interface ValueFailure {
  /** The facet or the lexical check that failed: 'lexical', 'pattern', 'enumeration', 'maxLength', … */
  facet: string;
  /** English detail without the value (the caller decides whether the value may be quoted). */
  detail: string;
  /** Dutch detail without the value. */
  detailNl: string;
}

export function compileSimpleTypes(data: IjwSchemaData): Map<string, CompiledSimpleType> {
  const out = new Map<string, CompiledSimpleType>();
  const compile = (key: string, seen: string[]): CompiledSimpleType => {
    const done = out.get(key);
    if (done) return done;
    const decl = data.simpleTypes[key];
    if (!decl) throw new Error(`unknown simple type ${key}`);
    if (seen.includes(key)) throw new Error(`circular simple type ${key}`);
    const step: CompiledStep = { key, facets: decl.facets, patterns: (decl.facets.patternJs ?? []).map((p) => new RegExp(p, 'u')) };
    if ((decl.facets.pattern ?? []).length !== step.patterns.length) throw new Error(`${key}: pattern without translation`);
    let result: CompiledSimpleType;
    if (BUILTINS.includes(decl.base)) {
      const builtin = decl.base as Builtin;
      const fixed = builtin === 'xs:string' ? 'preserve' : 'collapse';
      result = { key, builtin, whiteSpace: decl.facets.whiteSpace ?? fixed, steps: [step], quotable: false };
    } else if (decl.base.startsWith('xs:')) {
      throw new Error(`${key}: unsupported builtin ${decl.base}`);
    } else {
      const base = compile(decl.base, [...seen, key]);
      result = {
        key,
        builtin: base.builtin,
        whiteSpace: decl.facets.whiteSpace ?? base.whiteSpace,
        steps: [...base.steps, step],
        quotable: false,
      };
    }
    checkFacetsApply(result);
    result.quotable =
      result.steps.some((s) => s.facets.enumeration !== undefined) || /^JW30[0-9]:Header\/Bericht(Code|Versie|Subversie)$/.test(key);
    out.set(key, result);
    return result;
  };
  for (const key of Object.keys(data.simpleTypes)) compile(key, []);
  return out;
}

function checkFacetsApply(t: CompiledSimpleType): void {
  for (const s of t.steps) {
    const f = s.facets;
    const numeric = t.builtin === 'xs:integer' || t.builtin === 'xs:decimal';
    if ((f.minInclusive ?? f.maxInclusive ?? f.minExclusive ?? f.maxExclusive) !== undefined && !numeric) {
      throw new Error(`${s.key}: range facets are only supported on xs:integer and xs:decimal`);
    }
    if ((f.totalDigits ?? f.fractionDigits) !== undefined && !numeric) throw new Error(`${s.key}: digit facets need a numeric type`);
    if ((f.length ?? f.minLength ?? f.maxLength) !== undefined && t.builtin !== 'xs:string') {
      throw new Error(`${s.key}: length facets are only defined for xs:string here`);
    }
  }
}

// --- whitespace and builtins ---

export function normalizeWhiteSpace(value: string, mode: 'preserve' | 'replace' | 'collapse'): string {
  if (mode === 'preserve') return value;
  const replaced = value.replace(/[\t\n\r]/g, ' ');
  return mode === 'replace' ? replaced : replaced.replace(/ +/g, ' ').replace(/^ | $/g, '');
}

const INTEGER = /^[+-]?[0-9]+$/;
const DECIMAL = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/;
const DATE = /^(-?)([0-9]{4,})-([0-9]{2})-([0-9]{2})(Z|[+-][0-9]{2}:[0-9]{2})?$/;
const TIME = /^([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?$/;

function validTimezone(tz: string | undefined): boolean {
  if (tz === undefined || tz === 'Z') return true;
  const h = Number(tz.slice(1, 3));
  const m = Number(tz.slice(4, 6));
  return m <= 59 && (h < 14 || (h === 14 && m === 0));
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function isXsdDate(v: string): boolean {
  const m = DATE.exec(v);
  if (!m) return false;
  const [, sign, yearText, monthText, dayText, tz] = m as unknown as [string, string, string, string, string, string | undefined];
  if (yearText.length > 4 && yearText.startsWith('0')) return false;
  if (/^0+$/.test(yearText)) return false;
  const month = Number(monthText);
  const day = Number(dayText);
  if (month < 1 || month > 12 || day < 1) return false;
  // The year may exceed Number's exact range; only its divisibility matters for the leap rule.
  const yearMod400 = Number(BigInt(`${sign}${yearText}`) % 400n);
  const days = [31, isLeapYear(yearMod400 === 0 ? 400 : yearMod400) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days && validTimezone(tz);
}

export function isXsdTime(v: string): boolean {
  const m = TIME.exec(v);
  if (!m) return false;
  const [, hText, mText, sText, frac, tz] = m as unknown as [string, string, string, string, string | undefined, string | undefined];
  const h = Number(hText);
  const min = Number(mText);
  const s = Number(sText);
  if (h === 24) {
    if (min !== 0 || s !== 0 || (frac !== undefined && !/^\.0+$/.test(frac))) return false;
  } else if (h > 23 || min > 59 || s > 59) return false;
  return validTimezone(tz);
}

function lexicalOk(builtin: Builtin, v: string): boolean {
  switch (builtin) {
    case 'xs:string':
      return true;
    case 'xs:integer':
      return INTEGER.test(v);
    case 'xs:decimal':
      return DECIMAL.test(v);
    case 'xs:boolean':
      return v === 'true' || v === 'false' || v === '1' || v === '0';
    case 'xs:date':
      return isXsdDate(v);
    case 'xs:time':
      return isXsdTime(v);
  }
}

/** A decimal as sign, integer digits and fraction digits without insignificant zeros, for exact comparison. */
interface Dec {
  neg: boolean;
  int: string;
  frac: string;
}
function parseDecimal(v: string): Dec {
  let s = v;
  let neg = false;
  if (s.startsWith('+') || s.startsWith('-')) {
    neg = s.startsWith('-');
    s = s.slice(1);
  }
  const [i = '', f = ''] = s.split('.');
  const int = i.replace(/^0+/, '');
  const frac = f.replace(/0+$/, '');
  if (int === '' && frac === '') neg = false;
  return { neg, int, frac };
}
function compareDecimal(a: Dec, b: Dec): number {
  if (a.neg !== b.neg) return a.neg ? -1 : 1;
  const sign = a.neg ? -1 : 1;
  if (a.int.length !== b.int.length) return (a.int.length < b.int.length ? -1 : 1) * sign;
  if (a.int !== b.int) return (a.int < b.int ? -1 : 1) * sign;
  const len = Math.max(a.frac.length, b.frac.length);
  const fa = a.frac.padEnd(len, '0');
  const fb = b.frac.padEnd(len, '0');
  if (fa === fb) return 0;
  return (fa < fb ? -1 : 1) * sign;
}

const BUILTIN_NL: Record<Builtin, string> = {
  'xs:string': 'tekst',
  'xs:integer': 'geheel getal',
  'xs:decimal': 'decimaal getal',
  'xs:boolean': 'booleaanse waarde',
  'xs:date': 'datum (JJJJ-MM-DD, een bestaande dag)',
  'xs:time': 'tijd (uu:mm:ss)',
};

/** Checks one value (the exact XML text) against a compiled simple type. Undefined when the value is valid. */
export function checkSimpleValue(type: CompiledSimpleType, text: string): ValueFailure | undefined {
  const v = normalizeWhiteSpace(text, type.whiteSpace);
  if (!lexicalOk(type.builtin, v)) {
    return {
      facet: 'lexical',
      detail: `is not a valid ${type.builtin} (type ${type.key})`,
      detailNl: `is geen geldige ${BUILTIN_NL[type.builtin]} (type ${type.key})`,
    };
  }
  const length = type.builtin === 'xs:string' ? [...v].length : 0;
  const numeric = type.builtin === 'xs:integer' || type.builtin === 'xs:decimal';
  const dec = numeric ? parseDecimal(v) : undefined;
  // Lengths, enumerations, ranges and digits first; patterns last, so a pattern only ever sees a value that
  // already satisfies the length facets of its type.
  for (const step of type.steps) {
    const f = step.facets;
    if (f.length !== undefined && length !== f.length)
      return {
        facet: 'length',
        detail: `must have exactly ${f.length} characters (has ${length})`,
        detailNl: `moet precies ${f.length} tekens hebben (heeft er ${length})`,
      };
    if (f.minLength !== undefined && length < f.minLength)
      return {
        facet: 'minLength',
        detail: `must have at least ${f.minLength} characters (has ${length})`,
        detailNl: `moet minstens ${f.minLength} tekens hebben (heeft er ${length})`,
      };
    if (f.maxLength !== undefined && length > f.maxLength)
      return {
        facet: 'maxLength',
        detail: `may have at most ${f.maxLength} characters (has ${length})`,
        detailNl: `mag hoogstens ${f.maxLength} tekens hebben (heeft er ${length})`,
      };
    if (f.enumeration !== undefined) {
      const hit = dec ? f.enumeration.some((e) => compareDecimal(parseDecimal(e), dec) === 0) : f.enumeration.includes(v);
      if (!hit)
        return { facet: 'enumeration', detail: `is not a code of the list ${step.key}`, detailNl: `is geen code uit de lijst ${step.key}` };
    }
    if (dec) {
      if (f.minInclusive !== undefined && compareDecimal(dec, parseDecimal(f.minInclusive)) < 0)
        return { facet: 'minInclusive', detail: `must be at least ${f.minInclusive}`, detailNl: `moet minstens ${f.minInclusive} zijn` };
      if (f.maxInclusive !== undefined && compareDecimal(dec, parseDecimal(f.maxInclusive)) > 0)
        return { facet: 'maxInclusive', detail: `may be at most ${f.maxInclusive}`, detailNl: `mag hoogstens ${f.maxInclusive} zijn` };
      if (f.minExclusive !== undefined && compareDecimal(dec, parseDecimal(f.minExclusive)) <= 0)
        return {
          facet: 'minExclusive',
          detail: `must be greater than ${f.minExclusive}`,
          detailNl: `moet groter zijn dan ${f.minExclusive}`,
        };
      if (f.maxExclusive !== undefined && compareDecimal(dec, parseDecimal(f.maxExclusive)) >= 0)
        return {
          facet: 'maxExclusive',
          detail: `must be less than ${f.maxExclusive}`,
          detailNl: `moet kleiner zijn dan ${f.maxExclusive}`,
        };
      const digits = (dec.int + dec.frac).replace(/^0+/, '').length || 1;
      if (f.totalDigits !== undefined && digits > f.totalDigits)
        return {
          facet: 'totalDigits',
          detail: `may have at most ${f.totalDigits} digits`,
          detailNl: `mag hoogstens ${f.totalDigits} cijfers hebben`,
        };
      if (f.fractionDigits !== undefined && dec.frac.length > f.fractionDigits)
        return {
          facet: 'fractionDigits',
          detail: `may have at most ${f.fractionDigits} decimals`,
          detailNl: `mag hoogstens ${f.fractionDigits} decimalen hebben`,
        };
    }
  }
  for (const step of type.steps) {
    if (step.patterns.length && !step.patterns.some((re) => re.test(v))) {
      const shown = (step.facets.pattern ?? []).join("' or '");
      return {
        facet: 'pattern',
        detail: `does not match the pattern '${shown}' of ${step.key}`,
        detailNl: `voldoet niet aan het patroon '${shown}' van ${step.key}`,
      };
    }
  }
  return undefined;
}
