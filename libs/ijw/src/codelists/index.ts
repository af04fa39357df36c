/**
 * iJw codelists as versioned data (see README.md in this folder for sources and versions).
 *
 * The JSON files are the data; this module only types them, checks them once at load time and offers lookups.
 * Pure TypeScript: no framework imports, no I/O beyond the JSON imports.
 */
import eenheidJson from './eenheid.json';
import frequentieJson from './frequentie.json';
import productcategorieJson from './productcategorie.json';
import redenBeeindigingJson from './reden-beeindiging.json';
import redenWijzigingJson from './reden-wijziging.json';

/** Intensity levels, ordered lightest → heaviest. Crisis and gedwongen kader are flags, not levels. */
export const INTENSITY_LADDER = [
  'licht_ambulant',
  'specialistisch_ambulant',
  'dagbehandeling',
  'pleegzorg_gezinshuis',
  'residentieel',
  'gesloten',
] as const;

export type IntensityLevel = (typeof INTENSITY_LADDER)[number];

/** Position of a level on the ladder (0 = lightest). */
export function intensityRank(level: IntensityLevel): number {
  return INTENSITY_LADDER.indexOf(level);
}

export function isIntensityLevel(value: unknown): value is IntensityLevel {
  return typeof value === 'string' && (INTENSITY_LADDER as readonly string[]).includes(value);
}

export interface CodelistEntry {
  code: string;
  omschrijving: string;
}

export interface Codelist<E extends CodelistEntry = CodelistEntry> {
  /** Codelist id in the standard (e.g. JZ588), or the platform's id. */
  id: string;
  name: string;
  /** Release the values were taken from, e.g. "iJw 3.2". */
  version: string;
  /** Where the values come from (document, URL, release). */
  source: string;
  /** What could not be confirmed, deviations, and meaning of non-standard fields. */
  note?: string;
  entries: readonly E[];
}

export interface ProductcategorieEntry extends CodelistEntry {
  /** Default level on the intensity ladder; null when the category alone does not fix one. */
  intensiteit: IntensityLevel | null;
  verblijf: boolean;
  crisis: boolean;
  /** Legal frame (jeugdreclassering, jeugdbescherming, preventief justitieel kader). */
  gedwongenKader: boolean;
  /** One of the 2015 categories 31–38, kept for old toewijzingen. */
  legacy2015: boolean;
}

export interface RedenBeeindigingEntry extends CodelistEntry {
  /** Care ended according to plan (goals reached / trajectory completed). */
  volgensPlan: boolean;
  /** Temporary interruption (code 20), not a real end. */
  tijdelijk: boolean;
  /** Ended early (codes 32–35). */
  voortijdig: boolean;
  toelichting: string;
}

export type RedenWijzigingEffect = 'correctie' | 'wijziging' | 'intrekking' | 'beeindiging';

export interface RedenWijzigingEntry extends CodelistEntry {
  effect: RedenWijzigingEffect;
  /** Code is expired in the standard (kept to read old messages). */
  vervallen: boolean;
  /** The old toewijzing is ended and replaced by a new one while care continues. */
  vervangen: boolean;
  toelichting: string;
}

export interface EenheidEntry extends CodelistEntry {
  soort: 'tijd' | 'output' | 'inspanning' | 'budget';
}

export interface FrequentieEntry extends CodelistEntry {
  /** Period one volume applies to; null = the whole validity of the toewijzing. */
  periode: 'dag' | 'week' | 'maand' | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Load-time checks: the JSON is widened by TypeScript (string instead of literal unions), so each list is checked
// once here; a broken data file fails at import, not at the first lookup.

function fail(list: string, message: string): never {
  throw new Error(`codelist ${list}: ${message}`);
}

function checkList<E extends CodelistEntry>(raw: Codelist<E>, checkEntry?: (e: E) => string | undefined): Codelist<E> {
  const id = raw.id;
  if (!id || !raw.name || !raw.version || !raw.source) fail(id || '?', 'id, name, version and source are required');
  const seen = new Set<string>();
  for (const entry of raw.entries) {
    if (typeof entry.code !== 'string' || entry.code === '') fail(id, 'entry without code');
    if (typeof entry.omschrijving !== 'string' || entry.omschrijving === '') fail(id, `code ${entry.code} without omschrijving`);
    if (seen.has(entry.code)) fail(id, `duplicate code ${entry.code}`);
    seen.add(entry.code);
    const problem = checkEntry?.(entry);
    if (problem) fail(id, `code ${entry.code}: ${problem}`);
  }
  return Object.freeze({ ...raw, entries: Object.freeze(raw.entries.map((e) => Object.freeze({ ...e }))) });
}

const isBool = (v: unknown): boolean => typeof v === 'boolean';

const productcategorie = checkList(productcategorieJson as Codelist<ProductcategorieEntry>, (e) => {
  if (e.intensiteit !== null && !isIntensityLevel(e.intensiteit)) return `unknown intensiteit ${String(e.intensiteit)}`;
  if (![e.verblijf, e.crisis, e.gedwongenKader, e.legacy2015].every(isBool)) return 'flags must be booleans';
  return undefined;
});

const redenBeeindiging = checkList(redenBeeindigingJson as Codelist<RedenBeeindigingEntry>, (e) =>
  [e.volgensPlan, e.tijdelijk, e.voortijdig].every(isBool) ? undefined : 'flags must be booleans',
);

const EFFECTS: readonly RedenWijzigingEffect[] = ['correctie', 'wijziging', 'intrekking', 'beeindiging'];
const redenWijziging = checkList(redenWijzigingJson as Codelist<RedenWijzigingEntry>, (e) =>
  EFFECTS.includes(e.effect) ? undefined : `unknown effect ${String(e.effect)}`,
);

const EENHEID_SOORTEN: readonly EenheidEntry['soort'][] = ['tijd', 'output', 'inspanning', 'budget'];
const eenheid = checkList(eenheidJson as Codelist<EenheidEntry>, (e) =>
  EENHEID_SOORTEN.includes(e.soort) ? undefined : `unknown soort ${String(e.soort)}`,
);

const PERIODEN: readonly FrequentieEntry['periode'][] = ['dag', 'week', 'maand', null];
const frequentie = checkList(frequentieJson as Codelist<FrequentieEntry>, (e) =>
  PERIODEN.includes(e.periode) ? undefined : `unknown periode ${String(e.periode)}`,
);

/** All codelists, keyed by a readable name. */
export const CODELISTS = Object.freeze({
  productcategorie,
  redenBeeindiging,
  redenWijziging,
  eenheid,
  frequentie,
});

export type CodelistName = keyof typeof CODELISTS;

function indexByCode<E extends CodelistEntry>(list: Codelist<E>): ReadonlyMap<string, E> {
  return new Map(list.entries.map((e) => [e.code, e]));
}

const productcategorieByCode = indexByCode(productcategorie);
const redenBeeindigingByCode = indexByCode(redenBeeindiging);
const redenWijzigingByCode = indexByCode(redenWijziging);
const eenheidByCode = indexByCode(eenheid);
const frequentieByCode = indexByCode(frequentie);

export function findProductcategorie(code: string): ProductcategorieEntry | undefined {
  return productcategorieByCode.get(code);
}

export function findRedenBeeindiging(code: string): RedenBeeindigingEntry | undefined {
  return redenBeeindigingByCode.get(code);
}

export function findRedenWijziging(code: string): RedenWijzigingEntry | undefined {
  return redenWijzigingByCode.get(code);
}

export function findEenheid(code: string): EenheidEntry | undefined {
  return eenheidByCode.get(code);
}

export function findFrequentie(code: string): FrequentieEntry | undefined {
  return frequentieByCode.get(code);
}

/** true when the reden beëindiging (JZ588) means the care ended according to plan; false for other or unknown codes. */
export function isVolgensPlan(code: string): boolean {
  return redenBeeindigingByCode.get(code)?.volgensPlan === true;
}
