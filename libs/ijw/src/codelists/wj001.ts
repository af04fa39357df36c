/**
 * Codelist WJ001 Retourcode (iJw 3.2) as versioned data: `wj001.json` beside this file, taken from the standard's
 * `codelijsten/WJ001_Retourcode.md` (source and version are in the JSON). These are the only codes a JW302, JW306 or
 * JW308 may carry (the retour XSDs type RetourCode as `LDT_RetourCode`, an enumeration of these codes in
 * `xsd/basisschema.xsd`).
 *
 * This is the standard's list only. The older `retourcode.json` / `RETOUR` (with the platform's own TW codes) is a
 * separate list that is being retired; nothing here depends on it.
 *
 * Pure TypeScript: no framework imports, no I/O beyond the JSON import.
 */
import wj001Json from './wj001.json';

/** One WJ001 retourcode. */
export interface Wj001Retourcode {
  /** Four characters, e.g. "0001", "9063", "S300". */
  code: string;
  /** The standard's description (Dutch), verbatim. */
  omschrijving: string;
  /** The technical rule that yields the code (e.g. "TR063"); null for the general codes 0001, 0200, 0233 and 8001. */
  regel: string | null;
  /** Heenberichten (JW301, JW305, …) whose retour may carry the code, as the codelist states. */
  berichten: readonly string[];
  /** Present on a code the codelist file lacks but the standard has elsewhere: where it comes from (9355). */
  aanvulling?: string;
}

export interface Wj001Codelist {
  id: 'WJ001';
  name: string;
  version: string;
  source: string;
  note: string;
  entries: readonly Wj001Retourcode[];
}

/** The general retourcodes of IV028/IV032. */
export const RETOURCODE_TECHNISCH_AFGEKEURD = '0001';
export const RETOURCODE_GEEN_OPMERKING = '0200';
export const RETOURCODE_NIET_BEOORDEELD = '0233';

function load(raw: unknown): Wj001Codelist {
  const list = raw as Wj001Codelist;
  const fail = (message: string): never => {
    throw new Error(`codelist WJ001: ${message}`);
  };
  if (list.id !== 'WJ001' || !list.name || !list.version || !list.source) fail('id, name, version and source are required');
  const seen = new Set<string>();
  for (const e of list.entries) {
    if (typeof e.code !== 'string' || !/^[0-9A-Z]{4}$/.test(e.code)) fail(`bad code ${String(e.code)}`);
    if (seen.has(e.code)) fail(`duplicate code ${e.code}`);
    seen.add(e.code);
    if (typeof e.omschrijving !== 'string' || e.omschrijving === '') fail(`code ${e.code} without omschrijving`);
    if (e.regel !== null && !(typeof e.regel === 'string' && /^TR\d{3}$/.test(e.regel))) fail(`code ${e.code}: bad regel`);
    if (!Array.isArray(e.berichten) || e.berichten.length === 0 || !e.berichten.every((b) => /^JW3\d\d$/.test(b))) {
      fail(`code ${e.code}: berichten must be a non-empty list of JW3xx`);
    }
  }
  for (const c of [RETOURCODE_TECHNISCH_AFGEKEURD, RETOURCODE_GEEN_OPMERKING, RETOURCODE_NIET_BEOORDEELD]) {
    if (!seen.has(c)) fail(`general code ${c} missing`);
  }
  return Object.freeze({
    ...list,
    entries: Object.freeze(list.entries.map((e) => Object.freeze({ ...e, berichten: Object.freeze([...e.berichten]) }))),
  });
}

/** The whole WJ001 list (frozen), in the order of the codelist file. */
export const WJ001: Wj001Codelist = load(wj001Json);

const byCode: ReadonlyMap<string, Wj001Retourcode> = new Map(WJ001.entries.map((e) => [e.code, e]));

/** The WJ001 entry for a code, or undefined when the code is not in WJ001. */
export function findRetourcode(code: string): Wj001Retourcode | undefined {
  return byCode.get(code);
}

/** True when `code` is a WJ001 retourcode (and so may appear in a RetourCode element). */
export function isWj001Retourcode(code: string): boolean {
  return byCode.has(code);
}
