import { createHash } from 'node:crypto';
import type { IjwBericht, PseudonymisedBericht, PseudonymisedVerzoek, VerzoekBericht } from './model';
import { pseudonymiseBsn } from './pseudonym';

/** Replaces the BSN by its keyed-hash pseudonym; the result is what travels on internal topics. */
export function pseudonymiseBericht<B extends IjwBericht>(bericht: B, secret: string): PseudonymisedBericht<B> {
  const { client, ...rest } = bericht;
  const pseudonymised = {
    pseudonym: pseudonymiseBsn(client.bsn, secret),
    geboortedatum: client.geboortedatum,
    ...(client.datumGebruik ? { datumGebruik: client.datumGebruik } : {}),
  };
  return { ...rest, client: pseudonymised } as PseudonymisedBericht<B>;
}

/**
 * The same for a request-side message: a JW315 AangevraagdProduct keeps its Geboortedatum beside the pseudonym, a JW317
 * Verzoek has only the Bsn, a JW319 Antwoord has no client and is returned as it is.
 */
export function pseudonymiseVerzoek<V extends VerzoekBericht>(bericht: V, secret: string): PseudonymisedVerzoek<V> {
  if (bericht.berichtcode === 'JW319') return { ...bericht } as PseudonymisedVerzoek<V>;
  const { client, ...rest } = bericht as Exclude<VerzoekBericht, { berichtcode: 'JW319' }>;
  const pseudonym = pseudonymiseBsn(client.bsn, secret);
  const pseudonymised =
    'geboortedatum' in client
      ? { pseudonym, geboortedatum: client.geboortedatum, ...(client.datumGebruik ? { datumGebruik: client.datumGebruik } : {}) }
      : { pseudonym };
  return { ...rest, client: pseudonymised } as unknown as PseudonymisedVerzoek<V>;
}

/** Stable content hash of a pseudonymised message (keys sorted), to tell a true duplicate from a conflicting reuse of a berichtId. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Whether two JSON values (what JSON.parse yields, plus keys whose value is undefined, which are ignored) are equal
 * regardless of key order: the same answer as `canonicalJson(a) === canonicalJson(b)`, without building either text.
 * Used where states are compared on every write (the trajectory projection, the signal engine), where serialising
 * both sides cost more than everything else the comparison decides.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return canonicalJson(a) === canonicalJson(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let defined = 0;
  for (const key of Object.keys(left)) {
    const value = left[key];
    if (value === undefined) continue;
    defined++;
    if (!Object.prototype.hasOwnProperty.call(right, key) || !sameJson(value, right[key])) return false;
  }
  for (const key of Object.keys(right)) if (right[key] !== undefined) defined--;
  return defined === 0;
}
