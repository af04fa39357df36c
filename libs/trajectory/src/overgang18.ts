/**
 * What happens at 18, per product, as DATA a region can extend — next to the intensity mapping (intensity.ts) and
 * with the same shape and precedence: byGemeente[gemeente][code] > byProductcode[code] > byCategorie[categorie].
 *
 * The default (overgang18-mapping.json) gives every JZ020 category a soort and refines the example product codes of
 * intensity-mapping.json; the sources of each entry are in libs/signals/src/README.md ("What happens at 18, per
 * product"). OVERGANG_18 (libs/signals) and the overgang-18 indicator (libs/indicators) read it.
 */
import { CODELISTS } from '@trajectwacht/ijw';
import defaultJson from './overgang18-mapping.json';

export const OVERGANG18_SOORTEN = [
  'doorTot21',
  'verlengbaarTot23',
  'stoptOp18',
  'maatregelTot18',
  'justitieelKader',
  'ondersteunend',
] as const;
/**
 * - doorTot21: continues as jeugdhulp to 21 without a decision (Jeugdwet art. 1.1 jeugdige 3°: pleegzorg; gezinshuis: domain brief).
 * - verlengbaarTot23: may continue to 23 as verlengde jeugdhulp only with a decision (art. 1.1 jeugdige 4°, jeugdhulp 1°).
 * - stoptOp18: cannot continue as jeugdhulp (art. 1.1 jeugdhulp 2° and 3° "die de leeftijd van achttien jaar nog niet hebben bereikt").
 * - maatregelTot18: a kinderbeschermingsmaatregel (art. 1.1: voogdij, ondertoezichtstelling of Boek 1 BW) concerns a minderjarige.
 * - justitieelKader: no age limit of 18 (art. 1.1 jeugdhulp "niet ... in het kader van jeugdstrafrecht", jeugdige 2°).
 * - ondersteunend: no age rule of its own (vervoer).
 */
export type Overgang18Soort = (typeof OVERGANG18_SOORTEN)[number];

export interface Overgang18Product {
  soort: Overgang18Soort;
  /** The continuation after 18 lasts at most this many months (gesloten jeugdhulp: art. 6.1.2 lid 4 d, 6 months). */
  maxMaandenNa18?: number;
}

export interface Overgang18Productcode extends Overgang18Product {
  omschrijving: string;
}

export interface Overgang18Mapping {
  version: string;
  source: string;
  note?: string;
  byCategorie: Record<string, Overgang18Product>;
  byProductcode: Record<string, Overgang18Productcode>;
  byGemeente?: Record<string, Record<string, Overgang18Productcode>>;
}

/** A regional extension (as RegionalMapping of the intensity mapping): every entry given replaces the base entry. */
export interface RegionalOvergang18Mapping {
  version: string;
  source: string;
  note?: string;
  byCategorie?: Record<string, Overgang18Product>;
  byProductcode?: Record<string, Overgang18Productcode>;
  byGemeente?: Record<string, Record<string, Overgang18Productcode>>;
}

/** A product without a category in the mapping and a generieke toewijzing (no product): a decision is needed to continue. */
export const UNKNOWN_OVERGANG18: Readonly<Overgang18Product> = Object.freeze({ soort: 'verlengbaarTot23' });

const has = (o: object | undefined, k: string): boolean => o !== undefined && Object.prototype.hasOwnProperty.call(o, k);

function pick(e: Overgang18Product): Overgang18Product {
  return e.maxMaandenNa18 === undefined ? { soort: e.soort } : { soort: e.soort, maxMaandenNa18: e.maxMaandenNa18 };
}

/** What happens at 18 for a product (a fresh object). Precedence: gemeente-specific code > code > categorie > UNKNOWN_OVERGANG18. */
export function classifyOvergang18(
  mapping: Overgang18Mapping,
  gemeente: string,
  product: { categorie: string | null; code?: string | null } | null | undefined,
): Overgang18Product {
  if (!product || product.categorie === null) return { ...UNKNOWN_OVERGANG18 };
  const code = product.code ?? undefined;
  if (code !== undefined) {
    const perGemeente = mapping.byGemeente?.[gemeente];
    if (perGemeente && has(perGemeente, code)) return pick(perGemeente[code]!);
    if (has(mapping.byProductcode, code)) return pick(mapping.byProductcode[code]!);
  }
  if (has(mapping.byCategorie, product.categorie)) return pick(mapping.byCategorie[product.categorie]!);
  return { ...UNKNOWN_OVERGANG18 };
}

/** Regional entries replace base entries with the same key (whole entries); byGemeente merged per gemeente. Inputs untouched. */
export function mergeOvergang18Mappings(base: Overgang18Mapping, regional: RegionalOvergang18Mapping): Overgang18Mapping {
  const byGemeente: Record<string, Record<string, Overgang18Productcode>> = {};
  for (const [g, codes] of Object.entries(base.byGemeente ?? {})) byGemeente[g] = { ...codes };
  for (const [g, codes] of Object.entries(regional.byGemeente ?? {})) byGemeente[g] = { ...(byGemeente[g] ?? {}), ...codes };
  const notes = [base.note, regional.note].filter((n): n is string => typeof n === 'string' && n !== '');
  return {
    version: `${base.version}+${regional.version}`,
    source: `${base.source} | ${regional.source}`,
    ...(notes.length ? { note: notes.join(' | ') } : {}),
    byCategorie: { ...base.byCategorie, ...(regional.byCategorie ?? {}) },
    byProductcode: { ...base.byProductcode, ...(regional.byProductcode ?? {}) },
    byGemeente,
  };
}

const CATEGORIE = /^\d{2}$/;
const PRODUCTCODE = /^[0-9A-Za-z]{1,5}$/;
const GEMEENTE = /^\d{4}$/;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkEntry(v: unknown, path: string, withOmschrijving: boolean, problems: string[]): void {
  if (!isRecord(v)) return void problems.push(`${path}: must be an object`);
  if (!(OVERGANG18_SOORTEN as readonly unknown[]).includes(v.soort))
    problems.push(`${path}.soort: must be one of ${OVERGANG18_SOORTEN.join(', ')}, got ${JSON.stringify(v.soort)}`);
  if (
    v.maxMaandenNa18 !== undefined &&
    (!Number.isInteger(v.maxMaandenNa18) || (v.maxMaandenNa18 as number) < 0 || (v.maxMaandenNa18 as number) > 60)
  ) {
    problems.push(`${path}.maxMaandenNa18: must be a whole number of months 0–60, got ${JSON.stringify(v.maxMaandenNa18)}`);
  }
  if (withOmschrijving && (typeof v.omschrijving !== 'string' || v.omschrijving === ''))
    problems.push(`${path}.omschrijving: must be a non-empty string`);
  for (const k of Object.keys(v))
    if (!['soort', 'maxMaandenNa18', 'omschrijving'].includes(k)) problems.push(`${path}.${k}: unknown field`);
}

function checkCodes(v: unknown, path: string, problems: string[]): void {
  if (!isRecord(v)) return void problems.push(`${path}: must be an object keyed by product code`);
  for (const [code, e] of Object.entries(v)) {
    if (!PRODUCTCODE.test(code)) problems.push(`${path}.${code}: product code must be 1–5 letters or digits`);
    checkEntry(e, `${path}.${code}`, true, problems);
  }
}

/** Problems of a (complete: `regional` false, or regional) mapping read from configuration; empty = valid. */
export function validateOvergang18Mapping(value: unknown, regional = false): string[] {
  const problems: string[] = [];
  if (!isRecord(value)) return ['mapping: must be an object'];
  for (const key of ['version', 'source'] as const)
    if (typeof value[key] !== 'string' || value[key] === '') problems.push(`${key}: must be a non-empty string`);
  if (value.note !== undefined && typeof value.note !== 'string') problems.push('note: must be a string');
  for (const k of Object.keys(value))
    if (!['version', 'source', 'note', 'byCategorie', 'byProductcode', 'byGemeente'].includes(k)) problems.push(`${k}: unknown field`);
  if (value.byCategorie !== undefined || !regional) {
    if (!isRecord(value.byCategorie)) problems.push('byCategorie: must be an object keyed by productcategorie');
    else
      for (const [c, e] of Object.entries(value.byCategorie)) {
        if (!CATEGORIE.test(c)) problems.push(`byCategorie.${c}: productcategorie must be 2 digits`);
        checkEntry(e, `byCategorie.${c}`, false, problems);
      }
  }
  if (value.byProductcode !== undefined || !regional) checkCodes(value.byProductcode, 'byProductcode', problems);
  if (value.byGemeente !== undefined) {
    if (!isRecord(value.byGemeente)) problems.push('byGemeente: must be an object keyed by gemeentecode');
    else
      for (const [g, codes] of Object.entries(value.byGemeente)) {
        if (!GEMEENTE.test(g)) problems.push(`byGemeente.${g}: gemeentecode must be 4 digits`);
        checkCodes(codes, `byGemeente.${g}`, problems);
      }
  }
  return problems;
}

function buildDefault(): Overgang18Mapping {
  const json: unknown = defaultJson;
  const problems = validateOvergang18Mapping(json);
  if (problems.length) throw new Error(`overgang18-mapping.json: ${problems.join('; ')}`);
  const mapping = json as Overgang18Mapping;
  // every current JZ020 category has a soort: a new category must be decided, not silently defaulted
  const missing = CODELISTS.productcategorie.entries.map((e) => e.code).filter((c) => !has(mapping.byCategorie, c));
  if (missing.length) throw new Error(`overgang18-mapping.json: no soort for productcategorie ${missing.join(', ')}`);
  return mapping;
}

/** The default: a soort for every JZ020 category plus the example product codes. Regions extend it with mergeOvergang18Mappings. */
export const DEFAULT_OVERGANG18_MAPPING: Overgang18Mapping = buildDefault();
