import { createHash } from 'node:crypto';
import type { Jw305StartZorg } from './model';
import { pseudonymiseBsn } from './pseudonym';
import fc from 'fast-check';
import { canonicalJson, contentHash, pseudonymiseBericht, sameJson } from './pseudonymise';

const SECRET = 'test-secret-0123456789abcdefghijklmnop';
const OTHER_SECRET = 'other-secret-0123456789abcdefghijklmno';
const BSNS = ['999999990', '111222333', '123456782', '100000009', '123456708', '900024690'];

describe('pseudonymiseBsn', () => {
  it('is stable for the same secret', () => {
    for (const bsn of BSNS) expect(pseudonymiseBsn(bsn, SECRET)).toBe(pseudonymiseBsn(bsn, SECRET));
  });

  it('is 128 bits in lower-case hex', () => {
    for (const bsn of BSNS) expect(pseudonymiseBsn(bsn, SECRET)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('differs per secret', () => {
    for (const bsn of BSNS) expect(pseudonymiseBsn(bsn, SECRET)).not.toBe(pseudonymiseBsn(bsn, OTHER_SECRET));
  });

  it('differs per BSN', () => {
    const all = BSNS.map((bsn) => pseudonymiseBsn(bsn, SECRET));
    expect(new Set(all).size).toBe(BSNS.length);
  });

  it('never contains the BSN', () => {
    for (const bsn of BSNS) {
      for (const secret of [SECRET, OTHER_SECRET]) expect(pseudonymiseBsn(bsn, secret)).not.toContain(bsn);
    }
  });

  it('is not a plain (unkeyed) hash of the BSN', () => {
    const plain = createHash('sha256').update('bsn:999999990').digest('hex').slice(0, 32);
    expect(pseudonymiseBsn('999999990', SECRET)).not.toBe(plain);
  });

  it.each([[''], ['short'], ['x'.repeat(31)]])('rejects a secret shorter than 32 characters (%p)', (secret) => {
    expect(() => pseudonymiseBsn('999999990', secret)).toThrow(/at least 32/);
  });

  it('accepts a secret of exactly 32 characters', () => {
    expect(pseudonymiseBsn('999999990', 'x'.repeat(32))).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('pseudonymiseBericht', () => {
  const bericht: Jw305StartZorg = {
    berichtcode: 'JW305',
    berichtId: 'a-1',
    gemeente: '0363',
    aanbieder: '12345678',
    client: { bsn: '999999990', geboortedatum: '2012-03-14' },
    toewijzingNummer: '12345',
    product: { categorie: '45', code: '45A53' },
    begindatum: '2025-05-06',
  };

  it('replaces the BSN by the pseudonym and keeps everything else', () => {
    const p = pseudonymiseBericht(bericht, SECRET);
    expect(p).toEqual({ ...bericht, client: { pseudonym: pseudonymiseBsn('999999990', SECRET), geboortedatum: '2012-03-14' } });
    expect(JSON.stringify(p)).not.toContain('999999990');
    expect(p.client).not.toHaveProperty('bsn');
  });

  it('does not change its input', () => {
    const copy = structuredClone(bericht);
    pseudonymiseBericht(bericht, SECRET);
    expect(bericht).toEqual(copy);
  });
});

describe('contentHash', () => {
  it('is stable under key order, also nested', () => {
    const a = { b: 1, a: { y: [1, 2, { q: 1, p: 2 }], x: 'x' }, c: null };
    const b = { c: null, a: { x: 'x', y: [1, 2, { p: 2, q: 1 }] }, b: 1 };
    expect(contentHash(a)).toBe(contentHash(b));
    expect(canonicalJson(a)).toBe('{"a":{"x":"x","y":[1,2,{"p":2,"q":1}]},"b":1,"c":null}');
  });

  it('ignores undefined properties (as JSON does)', () => {
    expect(contentHash({ a: 1, b: undefined })).toBe(contentHash({ a: 1 }));
  });

  it('changes with any value', () => {
    const base = contentHash({ a: 1, b: [1, 2] });
    expect(contentHash({ a: 2, b: [1, 2] })).not.toBe(base);
    expect(contentHash({ a: 1, b: [2, 1] })).not.toBe(base);
    expect(contentHash({ a: '1', b: [1, 2] })).not.toBe(base);
    expect(contentHash({ a: 1, b: [1, 2], c: null })).not.toBe(base);
  });

  it('is a sha256 hex digest', () => {
    expect(contentHash({})).toMatch(/^[0-9a-f]{64}$/);
  });

  it('distinguishes keys that would collide under naive concatenation', () => {
    expect(contentHash({ 'a":1,"b': 2 })).not.toBe(contentHash({ a: 1, b: 2 }));
  });
});

describe('sameJson', () => {
  /** The same value with every object's keys in reverse order and an undefined-valued key added here and there. */
  const reordered = (value: unknown, depth = 0): unknown => {
    if (Array.isArray(value)) return value.map((v) => reordered(v, depth + 1));
    if (value && typeof value === 'object') {
      const entries = Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reordered(v, depth + 1)] as const);
      return Object.fromEntries(depth % 2 === 0 ? [...entries, ['__absent', undefined]] : entries);
    }
    return value;
  };

  it('answers exactly what comparing canonical JSON answers, for any two JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => sameJson(a, b) === (canonicalJson(a) === canonicalJson(b))),
      { numRuns: 2000 },
    );
  });

  it('is true for the same value in another key order, with undefined-valued keys', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (a) => sameJson(a, reordered(a)) && sameJson(reordered(a), a)),
      { numRuns: 1000 },
    );
    expect(sameJson({ a: 1, b: { c: [1, { d: null }] } }, { b: { c: [1, { d: null }] }, a: 1, e: undefined })).toBe(true);
  });

  it('is false for any change: a value, an element, array order, a key more or less, a type', () => {
    const base = { a: 1, b: [1, 2], c: { d: 'x', e: null } };
    for (const other of [
      { a: 2, b: [1, 2], c: { d: 'x', e: null } },
      { a: 1, b: [2, 1], c: { d: 'x', e: null } },
      { a: 1, b: [1, 2, 3], c: { d: 'x', e: null } },
      { a: 1, b: [1, 2], c: { d: 'x' } },
      { a: 1, b: [1, 2], c: { d: 'x', e: null, f: 0 } },
      { a: '1', b: [1, 2], c: { d: 'x', e: null } },
      { a: 1, b: { 0: 1, 1: 2 }, c: { d: 'x', e: null } },
      { a: 1, b: [1, 2], c: null },
    ]) {
      expect(sameJson(base, other)).toBe(false);
      expect(sameJson(other, base)).toBe(false);
    }
  });
});
