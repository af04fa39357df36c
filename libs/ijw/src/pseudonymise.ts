import { createHash } from 'node:crypto';
import type { IjwBericht, PseudonymisedBericht } from './model';
import { pseudonymiseBsn } from './pseudonym';

/** Replaces the BSN by its keyed-hash pseudonym; the result is what travels on internal topics. */
export function pseudonymiseBericht<B extends IjwBericht>(bericht: B, secret: string): PseudonymisedBericht<B> {
  const { client, ...rest } = bericht;
  return { ...rest, client: { pseudonym: pseudonymiseBsn(client.bsn, secret), geboortedatum: client.geboortedatum } } as PseudonymisedBericht<B>;
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
