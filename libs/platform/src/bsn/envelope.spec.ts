import { randomBytes } from 'node:crypto';
import {
  BsnKeyError,
  decryptBsn,
  encryptBsn,
  newDataKey,
  parseKeyRing,
  rewrapDataKey,
  unwrapDataKey,
  wrappedKeyId,
  type KeyRing,
} from './envelope';

const k1 = randomBytes(32).toString('base64');
const k2 = randomBytes(32).toString('base64');
const ring = (keys: string, active?: string): KeyRing => {
  const { ring: r, problems } = parseKeyRing(keys, active);
  if (!r) throw new Error(problems.join('; '));
  return r;
};
const P = 'a'.repeat(32);
const OTHER_P = 'b'.repeat(32);
const BSN = '123456782';

describe('BSN envelope encryption (AES-256-GCM, a data key per gemeente wrapped by a configured KEK)', () => {
  it('round-trips a BSN through the gemeente’s data key, stored only wrapped', () => {
    const r = ring(`k1:${k1}`);
    const { key, wrapped } = newDataKey(r, '0034');
    expect(wrapped.startsWith('w1.k1.')).toBe(true);
    const encrypted = encryptBsn(key, { gemeente: '0034', pseudonym: P }, BSN);
    expect(encrypted).not.toContain(BSN);
    expect(encrypted).not.toContain(Buffer.from(BSN).toString('base64url'));
    expect(decryptBsn(unwrapDataKey(r, '0034', wrapped), { gemeente: '0034', pseudonym: P }, encrypted)).toBe(BSN);
    // a fresh nonce per value: the same BSN never encrypts to the same text
    expect(encryptBsn(key, { gemeente: '0034', pseudonym: P }, BSN)).not.toBe(encrypted);
  });

  it('refuses a ciphertext under another gemeente or another child (additional authenticated data)', () => {
    const r = ring(`k1:${k1}`);
    const { key, wrapped } = newDataKey(r, '0034');
    const encrypted = encryptBsn(key, { gemeente: '0034', pseudonym: P }, BSN);
    expect(() => decryptBsn(key, { gemeente: '0995', pseudonym: P }, encrypted)).toThrow(BsnKeyError);
    expect(() => decryptBsn(key, { gemeente: '0034', pseudonym: OTHER_P }, encrypted)).toThrow(BsnKeyError);
    // a gemeente's wrapped data key does not open as another gemeente's
    expect(() => unwrapDataKey(r, '0995', wrapped)).toThrow(BsnKeyError);
    // and another gemeente's data key does not open it
    expect(() => decryptBsn(newDataKey(r, '0995').key, { gemeente: '0034', pseudonym: P }, encrypted)).toThrow(BsnKeyError);
  });

  it('detects tampering with the ciphertext, the tag, the nonce or the wrapped key', () => {
    const r = ring(`k1:${k1}`);
    const { key, wrapped } = newDataKey(r, '0034');
    const at = { gemeente: '0034', pseudonym: P };
    const encrypted = encryptBsn(key, at, BSN);
    const flip = (text: string, part: number) => {
      const parts = text.split('.');
      const bytes = Buffer.from(parts[part]!, 'base64url');
      bytes[0] = bytes[0]! ^ 1;
      parts[part] = bytes.toString('base64url');
      return parts.join('.');
    };
    for (const part of [1, 2, 3]) expect(() => decryptBsn(key, at, flip(encrypted, part))).toThrow(BsnKeyError);
    for (const part of [2, 3, 4]) expect(() => unwrapDataKey(r, '0034', flip(wrapped, part))).toThrow(BsnKeyError);
    expect(() => decryptBsn(key, at, 'not-encrypted')).toThrow('not an encrypted BSN');
  });

  it('rotates: a new active key wraps new data keys, the old id still unwraps, rewrap moves a key to the active one', () => {
    const before = ring(`k1:${k1}`);
    const old = newDataKey(before, '0034');
    const encrypted = encryptBsn(old.key, { gemeente: '0034', pseudonym: P }, BSN);
    const after = ring(`k1:${k1},k2:${k2}`, 'k2');
    expect(after.active).toBe('k2');
    expect(wrappedKeyId(newDataKey(after, '0363').wrapped)).toBe('k2');
    // old id still decrypts
    expect(decryptBsn(unwrapDataKey(after, '0034', old.wrapped), { gemeente: '0034', pseudonym: P }, encrypted)).toBe(BSN);
    const rewrapped = rewrapDataKey(after, '0034', old.wrapped)!;
    expect(wrappedKeyId(rewrapped)).toBe('k2');
    expect(rewrapDataKey(after, '0034', rewrapped)).toBeNull();
    // after the rewrap the old key may go: the same data key opens the same BSN under k2 alone
    const onlyK2 = ring(`k2:${k2}`);
    expect(decryptBsn(unwrapDataKey(onlyK2, '0034', rewrapped), { gemeente: '0034', pseudonym: P }, encrypted)).toBe(BSN);
    // without the rewrap, removing k1 leaves the data key unreadable, and says which key id is missing
    expect(() => unwrapDataKey(onlyK2, '0034', old.wrapped)).toThrow(/wrapped with key k1, which BSN_KEYS no longer lists/);
  });

  it('validates BSN_KEYS and BSN_ACTIVE_KEY without repeating key material', () => {
    expect(parseKeyRing(`k1:${k1},k2:${k2}`, undefined).ring?.active).toBe('k2');
    const short = parseKeyRing(`k1:${Buffer.alloc(16).toString('base64')}`, undefined);
    expect(short.problems).toEqual(['BSN_KEYS: key k1 must be 32 bytes in base64 (openssl rand -base64 32)']);
    expect(parseKeyRing(`k1:${k1}`, 'k9').problems).toEqual(['BSN_ACTIVE_KEY k9 is not one of the ids in BSN_KEYS']);
    expect(parseKeyRing(`${k1}`, undefined).problems[0]).toMatch(/id:base64 pairs/);
    expect(parseKeyRing(`k1:${k1},k1:${k2}`, undefined).problems).toEqual(['BSN_KEYS: key k1 is listed twice']);
    expect(parseKeyRing('', undefined).problems).toEqual(['BSN_KEYS lists no key']);
    for (const r of [short, parseKeyRing(`k1:${k1}`, 'k9')]) expect(r.problems.join(' ')).not.toContain(k1);
  });
});
