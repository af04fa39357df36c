import { randomBytes } from 'node:crypto';
import { openGcm, sealGcm } from '../aes-gcm';

/**
 * Envelope encryption of the BSNs the platform keeps for the entitled toegang worker (docs/security.md, "The BSN
 * store"). Pure: no database, no framework.
 *
 * - A key encryption key (KEK) comes from configuration: `BSN_KEYS="k1:<base64 32 bytes>,k2:<…>"` names every KEK by
 *   its id, `BSN_ACTIVE_KEY=k2` the one that wraps new data keys. An id that is no longer active still unwraps what
 *   it wrapped (rotation: add a new key, make it active, rewrap, and only then remove the old one).
 * - Each gemeente has its own data key (DEK, 32 random bytes), stored only wrapped by a KEK: AES-256-GCM with the
 *   gemeente as additional authenticated data, so a wrapped key moved to another gemeente's row does not open.
 * - A BSN is encrypted with its gemeente's DEK: AES-256-GCM, a fresh 96-bit nonce, and `gemeente|pseudonym` as
 *   additional authenticated data, so a ciphertext copied to another child's or another gemeente's row fails to open.
 *
 * Formats (base64url parts): wrapped DEK `w1.<kekId>.<nonce>.<tag>.<ciphertext>`, encrypted BSN `b1.<nonce>.<tag>.<ciphertext>`.
 */
export interface KeyRing {
  /** The KEK id that wraps new data keys. */
  readonly active: string;
  /** Every configured KEK by id (32 bytes each). */
  readonly keys: ReadonlyMap<string, Buffer>;
}

export class BsnKeyError extends Error {
  override name = 'BsnKeyError';
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Parses `BSN_KEYS` ("id:base64,id:base64") and `BSN_ACTIVE_KEY`; the problems found, in words that never repeat key
 * material. Without BSN_ACTIVE_KEY the last listed key is active.
 */
export function parseKeyRing(keys: string, active: string | undefined): { ring?: KeyRing; problems: string[] } {
  const problems: string[] = [];
  const map = new Map<string, Buffer>();
  for (const entry of keys
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const at = entry.indexOf(':');
    const id = at > 0 ? entry.slice(0, at) : '';
    if (!KEY_ID.test(id)) {
      problems.push('BSN_KEYS must list id:base64 pairs (an id of letters, digits, _ or -, at most 32 characters)');
      continue;
    }
    const material = Buffer.from(entry.slice(at + 1), 'base64');
    if (material.length !== 32) problems.push(`BSN_KEYS: key ${id} must be 32 bytes in base64 (openssl rand -base64 32)`);
    else if (map.has(id)) problems.push(`BSN_KEYS: key ${id} is listed twice`);
    else map.set(id, material);
  }
  if (map.size === 0 && problems.length === 0) problems.push('BSN_KEYS lists no key');
  const activeId = active || [...map.keys()].at(-1);
  if (activeId !== undefined && !map.has(activeId)) problems.push(`BSN_ACTIVE_KEY ${activeId} is not one of the ids in BSN_KEYS`);
  if (problems.length > 0 || activeId === undefined) return { problems };
  return { ring: { active: activeId, keys: map }, problems };
}

const dekAad = (gemeente: string) => `trajectwacht/bsn-dek/v1|${gemeente}`;
const bsnAad = (gemeente: string, pseudonym: string) => `trajectwacht/bsn/v1|${gemeente}|${pseudonym}`;

/** A fresh data key for a gemeente, and that key wrapped under the active KEK (what is stored). */
export function newDataKey(ring: KeyRing, gemeente: string): { key: Buffer; wrapped: string } {
  const key = randomBytes(32);
  return { key, wrapped: wrapDataKey(ring, gemeente, key) };
}

export function wrapDataKey(ring: KeyRing, gemeente: string, key: Buffer): string {
  return ['w1', ring.active, ...sealGcm(ring.keys.get(ring.active)!, key, dekAad(gemeente))].join('.');
}

/** The KEK id a wrapped data key was wrapped with. */
export function wrappedKeyId(wrapped: string): string {
  return wrapped.split('.')[1] ?? '';
}

/** Unwraps a gemeente's data key with the KEK it names; BsnKeyError when that KEK is not configured or the key is not this gemeente's. */
export function unwrapDataKey(ring: KeyRing, gemeente: string, wrapped: string): Buffer {
  const [version, kekId, nonce, tag, body] = wrapped.split('.');
  if (version !== 'w1' || !kekId || !nonce || !tag || body === undefined) throw new BsnKeyError('not a wrapped data key');
  const kek = ring.keys.get(kekId);
  if (!kek) throw new BsnKeyError(`the data key of gemeente ${gemeente} is wrapped with key ${kekId}, which BSN_KEYS no longer lists`);
  try {
    return openGcm(kek, nonce, tag, body, dekAad(gemeente));
  } catch {
    throw new BsnKeyError(`the data key of gemeente ${gemeente} does not open with key ${kekId} (wrong key or not this gemeente's)`);
  }
}

/** Rotation: the same data key wrapped under the active KEK (null when it already is). */
export function rewrapDataKey(ring: KeyRing, gemeente: string, wrapped: string): string | null {
  if (wrappedKeyId(wrapped) === ring.active) return null;
  return wrapDataKey(ring, gemeente, unwrapDataKey(ring, gemeente, wrapped));
}

export function encryptBsn(dataKey: Buffer, at: { gemeente: string; pseudonym: string }, bsn: string): string {
  return ['b1', ...sealGcm(dataKey, Buffer.from(bsn, 'utf8'), bsnAad(at.gemeente, at.pseudonym))].join('.');
}

/** The BSN, or BsnKeyError when the ciphertext is not this child's of this gemeente under this key (or was changed). */
export function decryptBsn(dataKey: Buffer, at: { gemeente: string; pseudonym: string }, encrypted: string): string {
  const [version, nonce, tag, body] = encrypted.split('.');
  if (version !== 'b1' || !nonce || !tag || body === undefined) throw new BsnKeyError('not an encrypted BSN');
  try {
    return openGcm(dataKey, nonce, tag, body, bsnAad(at.gemeente, at.pseudonym)).toString('utf8');
  } catch {
    throw new BsnKeyError('the encrypted BSN does not open: not of this child and gemeente, or changed');
  }
}
