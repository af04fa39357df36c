/**
 * Product → intensity level, as DATA a region can extend.
 *
 * The category defaults come from the productcategorie codelist (JZ020, with Trajectwacht's `intensiteit` and flags).
 * Product codes refine them: nationally (JZ21-style codes) in `byProductcode`, and per gemeente in `byGemeente`,
 * because a gemeente may define its own codes whose meaning depends on the gemeentecode.
 *
 * Precedence in classifyProduct: byGemeente[gemeente][code] > byProductcode[code] > byCategorie[categorie] > unknown.
 */
import { CODELISTS, isIntensityLevel, type IntensityLevel } from '@trajectwacht/ijw';
import defaultMappingJson from './intensity-mapping.json';

/** What a product means for escalation and reporting. */
export interface ProductClassification {
  /** Level on INTENSITY_LADDER, or null when the product does not fix one (vervoer, legal frame, maatwerk…). */
  intensiteit: IntensityLevel | null;
  verblijf: boolean;
  crisis: boolean;
  /** Legal frame (jeugdreclassering / jeugdbescherming), a flag rather than a level. */
  gedwongenKader: boolean;
}

export interface ProductcodeClassification extends ProductClassification {
  omschrijving: string;
}

export interface IntensityMapping {
  /** Version of this mapping; merged mappings get `${base}+${regional}`. */
  version: string;
  /** Where the mapping comes from. */
  source: string;
  note?: string;
  /** Defaults per productcategorie (2 digits). */
  byCategorie: Record<string, ProductClassification>;
  /** Overrides per product code (1–5 positions, LDT_ProductCode), valid in every gemeente. */
  byProductcode: Record<string, ProductcodeClassification>;
  /** Overrides per gemeentecode (4 digits), then product code: for gemeente-defined codes. */
  byGemeente?: Record<string, Record<string, ProductcodeClassification>>;
}

/** A regional extension: only version and source are required; every entry given replaces the base entry. */
export interface RegionalMapping {
  version: string;
  source: string;
  note?: string;
  byCategorie?: Record<string, ProductClassification>;
  byProductcode?: Record<string, ProductcodeClassification>;
  byGemeente?: Record<string, Record<string, ProductcodeClassification>>;
}

export interface MappingProblem {
  /** Path of the offending value, e.g. `byProductcode.43A02.intensiteit`. */
  path: string;
  message: string;
}

/** Classification of a product whose category is not in the mapping: no level, no flags. */
export const UNKNOWN_PRODUCT: Readonly<ProductClassification> = Object.freeze({
  intensiteit: null,
  verblijf: false,
  crisis: false,
  gedwongenKader: false,
});

function pick(c: ProductClassification): ProductClassification {
  return { intensiteit: c.intensiteit, verblijf: c.verblijf, crisis: c.crisis, gedwongenKader: c.gedwongenKader };
}

/**
 * Classifies a product. Precedence: gemeente-specific code > code > categorie; a product with an unknown category
 * (and no matching code), and no product at all (generieke toewijzing), get UNKNOWN_PRODUCT. The result is a fresh object with exactly the
 * four fields.
 */
export function classifyProduct(
  mapping: IntensityMapping,
  gemeente: string,
  product: { categorie: string; code?: string | null } | null | undefined,
): ProductClassification {
  // No product (a generieke toewijzing: Budget without Product, or a start/stop naming none): no level, no flags.
  if (product === null || product === undefined) return { ...UNKNOWN_PRODUCT };
  const code = product.code ?? undefined;
  if (code !== undefined) {
    const perGemeente = mapping.byGemeente?.[gemeente];
    if (perGemeente && Object.prototype.hasOwnProperty.call(perGemeente, code)) return pick(perGemeente[code]);
    if (Object.prototype.hasOwnProperty.call(mapping.byProductcode, code)) return pick(mapping.byProductcode[code]);
  }
  if (Object.prototype.hasOwnProperty.call(mapping.byCategorie, product.categorie)) return pick(mapping.byCategorie[product.categorie]);
  return { ...UNKNOWN_PRODUCT };
}

/**
 * Merges a regional mapping over a base: entries of the region replace the base entry with the same key
 * (whole entries, not field by field); byGemeente is merged per gemeente, then per code. Inputs are not modified.
 */
export function mergeMappings(base: IntensityMapping, regional: RegionalMapping): IntensityMapping {
  const byGemeente: Record<string, Record<string, ProductcodeClassification>> = {};
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
/** LDT_ProductCode: 1–5 letters or digits (iJw 3.2 basisschema.xsd). */
const PRODUCTCODE = /^[0-9A-Za-z]{1,5}$/;
const GEMEENTE = /^\d{4}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkClassification(value: unknown, path: string, withOmschrijving: boolean, problems: MappingProblem[]): void {
  if (!isRecord(value)) {
    problems.push({ path, message: 'must be an object' });
    return;
  }
  if (value.intensiteit !== null && !isIntensityLevel(value.intensiteit)) {
    problems.push({
      path: `${path}.intensiteit`,
      message: `unknown intensity level ${JSON.stringify(value.intensiteit)} (use null or one of INTENSITY_LADDER)`,
    });
  }
  for (const flag of ['verblijf', 'crisis', 'gedwongenKader'] as const) {
    if (typeof value[flag] !== 'boolean') problems.push({ path: `${path}.${flag}`, message: 'must be a boolean' });
  }
  if (withOmschrijving && (typeof value.omschrijving !== 'string' || value.omschrijving === '')) {
    problems.push({ path: `${path}.omschrijving`, message: 'must be a non-empty string' });
  }
}

function checkCodes(value: unknown, path: string, problems: MappingProblem[]): void {
  if (!isRecord(value)) {
    problems.push({ path, message: 'must be an object keyed by product code' });
    return;
  }
  for (const [code, entry] of Object.entries(value)) {
    if (!PRODUCTCODE.test(code))
      problems.push({ path: `${path}.${code}`, message: `product code "${code}" must be 1–5 letters or digits` });
    checkClassification(entry, `${path}.${code}`, true, problems);
  }
}

/**
 * Checks a mapping read from configuration. Returns every problem found (empty = valid): missing version/source,
 * bad categorie/product/gemeente codes, unknown intensity names, non-boolean flags, missing omschrijving.
 */
export function validateMapping(value: unknown): MappingProblem[] {
  const problems: MappingProblem[] = [];
  if (!isRecord(value)) return [{ path: '', message: 'mapping must be an object' }];
  for (const key of ['version', 'source'] as const) {
    if (typeof value[key] !== 'string' || value[key] === '') problems.push({ path: key, message: 'must be a non-empty string' });
  }
  if (value.note !== undefined && typeof value.note !== 'string') problems.push({ path: 'note', message: 'must be a string' });
  if (!isRecord(value.byCategorie)) {
    problems.push({ path: 'byCategorie', message: 'must be an object keyed by productcategorie' });
  } else {
    for (const [categorie, entry] of Object.entries(value.byCategorie)) {
      if (!CATEGORIE.test(categorie))
        problems.push({ path: `byCategorie.${categorie}`, message: `productcategorie "${categorie}" must be 2 digits` });
      checkClassification(entry, `byCategorie.${categorie}`, false, problems);
    }
  }
  checkCodes(value.byProductcode, 'byProductcode', problems);
  if (value.byGemeente !== undefined) {
    if (!isRecord(value.byGemeente)) {
      problems.push({ path: 'byGemeente', message: 'must be an object keyed by gemeentecode' });
    } else {
      for (const [gemeente, codes] of Object.entries(value.byGemeente)) {
        if (!GEMEENTE.test(gemeente))
          problems.push({ path: `byGemeente.${gemeente}`, message: `gemeentecode "${gemeente}" must be 4 digits` });
        checkCodes(codes, `byGemeente.${gemeente}`, problems);
      }
    }
  }
  return problems;
}

/** Category defaults taken from the productcategorie codelist (JZ020 + Trajectwacht fields). */
export function categorieDefaults(): Record<string, ProductClassification> {
  const out: Record<string, ProductClassification> = {};
  for (const e of CODELISTS.productcategorie.entries) out[e.code] = pick(e);
  return out;
}

function buildDefault(): IntensityMapping {
  const json: unknown = defaultMappingJson;
  if (!isRecord(json)) throw new Error('intensity-mapping.json must be an object');
  const candidate = { ...json, byCategorie: categorieDefaults() };
  const problems = validateMapping(candidate);
  if (problems.length) throw new Error(`intensity-mapping.json: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  const mapping = candidate as unknown as IntensityMapping;
  return {
    ...mapping,
    source: `${mapping.source} Category defaults: ${CODELISTS.productcategorie.id} ${CODELISTS.productcategorie.version}.`,
  };
}

/**
 * The default mapping: category defaults from JZ020 plus the EXAMPLE product codes of intensity-mapping.json.
 * Regions extend it with mergeMappings(DEFAULT_INTENSITY_MAPPING, regional).
 */
export const DEFAULT_INTENSITY_MAPPING: IntensityMapping = buildDefault();
