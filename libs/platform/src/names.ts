import { readFileSync } from 'node:fs';
import { decodeWith, fail, object, optional, record, string, type Check } from '@trajectwacht/contracts';
import { gemeenteLabel, gemeenteOp } from '@trajectwacht/ijw';
import { setting } from './config';

/**
 * Names, not codes (issue 18 point 7): the name of a gemeentecode on a date (the CBS list with its herindelingen,
 * libs/ijw/src/codelists/gemeenten.ts) and of an AGB code (the region's own list: AANBIEDERS_FILE, a JSON file
 * `{ "source": "…", "version": "…", "aanbieders": { "<agb>": "<naam>" } }`; example: docs/examples/aanbieders.json).
 */
export interface AanbiedersList {
  source: string;
  version: string;
  aanbieders: Record<string, string>;
}

const AGB = /^[0-9]{8}$/;
const checkAanbieders: Check<AanbiedersList> = (value, path) => {
  const list = object({ source: string, version: string, aanbieders: record(string), note: optional(string) })(value, path);
  for (const [agb, naam] of Object.entries(list.aanbieders)) {
    if (!AGB.test(agb)) fail(`${path}.aanbieders`, 'keys of 8 digits (AGB codes)', agb);
    if (!naam.trim()) fail(`${path}.aanbieders.${agb}`, 'a name', naam);
  }
  return { source: list.source, version: list.version, aanbieders: list.aanbieders };
};

/** Reads and checks an AANBIEDERS_FILE (refused with the field named). */
export function readAanbieders(file: string): AanbiedersList {
  return decodeWith(`AANBIEDERS_FILE ${file}`, checkAanbieders, JSON.parse(readFileSync(file, 'utf8')));
}

export interface Names {
  /** The gemeente's name on the date (an ended code: its own before the herindeling, else its successor's); null when unknown. */
  gemeente(code: string | null | undefined, op: string): string | null;
  /** The label to show: "Voorne aan Zee (voorheen Brielle)"; the code when unknown. */
  gemeenteLabel(code: string, op: string): string;
  /** The provider's name from AANBIEDERS_FILE; null when it has none. */
  aanbieder(agb: string | null | undefined): string | null;
  /** Where the provider names come from (null: no AANBIEDERS_FILE). */
  readonly aanbiedersSource: { source: string; version: string } | null;
}

export function createNames(aanbieders: AanbiedersList | null): Names {
  const byAgb = new Map(Object.entries(aanbieders?.aanbieders ?? {}));
  return {
    gemeente: (code, op) => (code ? (gemeenteOp(code, op)?.naam ?? null) : null),
    gemeenteLabel: (code, op) => gemeenteLabel(code, op),
    aanbieder: (agb) => (agb ? (byAgb.get(agb) ?? null) : null),
    aanbiedersSource: aanbieders ? { source: aanbieders.source, version: aanbieders.version } : null,
  };
}

/** The names of this process: AANBIEDERS_FILE read once (a wrong file stops the service, naming the field). */
export function namesFromSettings(env?: NodeJS.ProcessEnv): Names {
  const file = setting('AANBIEDERS_FILE', env);
  return createNames(file ? readAanbieders(file) : null);
}

/** Nest token of the process's Names (PlatformModule provides it). */
export const NAMES = Symbol('Names');
