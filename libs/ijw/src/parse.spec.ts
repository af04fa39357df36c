import { RETOUR } from './codelists';
import { nestingDepth, parsePayload, type ParseResult } from './parse';
import { validateBericht } from './validate';

const LIMITS = { maxBytes: 10_000 };
const ctx = { today: '2025-06-01' };

const jw305 = {
  berichtcode: 'JW305',
  berichtId: 'AGB12345678-305-000001',
  gemeente: '0363',
  aanbieder: '12345678',
  client: { bsn: '999999990', geboortedatum: '2012-03-14' },
  toewijzingNummer: '12345',
  product: { categorie: '45', code: '45A53' },
  begindatum: '2025-05-06',
};
const JSON_TEXT = JSON.stringify(jw305);

function problemCode(result: ParseResult): string | undefined {
  return result.ok ? undefined : result.problem.code;
}

/** A JSON object of exactly n bytes (padding inside a string value). */
function jsonOfBytes(n: number): string {
  const skeleton = JSON.stringify({ ...jw305, commentaar: '' });
  return skeleton.replace('"commentaar":""', `"commentaar":"${'x'.repeat(n - skeleton.length)}"`);
}

describe('parsePayload', () => {
  describe('accepts', () => {
    it('a JSON object as one message (string input)', () => {
      expect(parsePayload(JSON_TEXT, LIMITS)).toEqual({ ok: true, format: 'json', berichten: [jw305] });
    });

    it('a JSON object as one message (bytes input)', () => {
      expect(parsePayload(new TextEncoder().encode(JSON_TEXT), LIMITS)).toEqual({ ok: true, format: 'json', berichten: [jw305] });
    });

    it('a Buffer', () => {
      expect(parsePayload(Buffer.from(JSON_TEXT), LIMITS)).toEqual({ ok: true, format: 'json', berichten: [jw305] });
    });

    it('an array of messages, in order', () => {
      const second = { ...jw305, berichtId: 'AGB12345678-305-000002' };
      const result = parsePayload(JSON.stringify([jw305, second]), LIMITS);
      expect(result).toEqual({ ok: true, format: 'json', berichten: [jw305, second] });
    });

    it('surrounding whitespace and newlines', () => {
      expect(parsePayload(`\n\t  ${JSON_TEXT}  \r\n`, LIMITS).ok).toBe(true);
    });

    it('a UTF-8 BOM in bytes', () => {
      const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON_TEXT)]);
      expect(parsePayload(bytes, LIMITS)).toEqual({ ok: true, format: 'json', berichten: [jw305] });
    });

    it('a BOM in a string', () => {
      expect(parsePayload(`\uFEFF${JSON_TEXT}`, LIMITS)).toEqual({ ok: true, format: 'json', berichten: [jw305] });
    });

    it('non-ASCII text (multi-byte UTF-8)', () => {
      const msg = { ...jw305, berichtcode: 'JW301', commentaar: 'Zorg voor Zoë — één keer € 5' };
      const result = parsePayload(Buffer.from(JSON.stringify(msg), 'utf8'), LIMITS);
      expect(result.ok && result.berichten[0]).toEqual(msg);
    });

    it('the items of an array unchecked (validation is the next step)', () => {
      const result = parsePayload('[1, "x", null, {}]', LIMITS);
      expect(result).toEqual({ ok: true, format: 'json', berichten: [1, 'x', null, {}] });
      if (result.ok) for (const b of result.berichten) expect(validateBericht(b, ctx).ok).toBe(false);
    });

    it('what it parses is what validateBericht accepts', () => {
      const result = parsePayload(JSON_TEXT, LIMITS);
      expect(result.ok).toBe(true);
      if (result.ok) expect(validateBericht(result.berichten[0], ctx)).toEqual({ ok: true, bericht: jw305 });
    });
  });

  describe('size limit', () => {
    it('accepts a payload of exactly maxBytes', () => {
      const text = jsonOfBytes(1000);
      expect(Buffer.byteLength(text)).toBe(1000);
      expect(parsePayload(text, { maxBytes: 1000 }).ok).toBe(true);
      expect(parsePayload(Buffer.from(text), { maxBytes: 1000 }).ok).toBe(true);
    });

    it('refuses maxBytes + 1 with TOO_LARGE', () => {
      const text = jsonOfBytes(1001);
      expect(problemCode(parsePayload(text, { maxBytes: 1000 }))).toBe(RETOUR.TOO_LARGE);
      expect(problemCode(parsePayload(Buffer.from(text), { maxBytes: 1000 }))).toBe(RETOUR.TOO_LARGE);
    });

    it('counts bytes, not characters (multi-byte UTF-8 in a string input)', () => {
      const skeleton = JSON.stringify({ ...jw305, commentaar: '' });
      // "€" is 3 bytes: the text has fewer characters than maxBytes but more bytes.
      const text = skeleton.replace('"commentaar":""', `"commentaar":"${'€'.repeat(400)}"`);
      expect(text.length).toBeLessThan(1000);
      expect(Buffer.byteLength(text)).toBeGreaterThan(1000);
      expect(problemCode(parsePayload(text, { maxBytes: 1000 }))).toBe(RETOUR.TOO_LARGE);
    });

    it('refuses a large XML payload by size too', () => {
      expect(problemCode(parsePayload(`<a>${'x'.repeat(2000)}</a>`, { maxBytes: 1000 }))).toBe(RETOUR.TOO_LARGE);
    });
  });

  describe('refuses as MALFORMED', () => {
    it.each<[string, Uint8Array | string | null | undefined]>([
      ['null', null],
      ['undefined', undefined],
      ['an empty string', ''],
      ['an empty buffer', new Uint8Array(0)],
      ['only whitespace', '   \n\t '],
      ['only a BOM', '\uFEFF'],
      ['a bare number', '42'],
      ['a bare string', '"JW305"'],
      ['null as JSON', 'null'],
      ['true as JSON', 'true'],
      ['plain text', 'hello world'],
      ['CSV', 'berichtcode;berichtId\nJW305;1'],
      ['truncated JSON', JSON_TEXT.slice(0, -1)],
      ['JSON with a trailing comma', JSON_TEXT.replace(/}$/, ',}')],
      ['two JSON objects (JSON lines are not one payload)', `${JSON_TEXT}\n${JSON_TEXT}`],
      ['an empty array', '[]'],
      ['a NUL character', `${JSON_TEXT.slice(0, -1)},"x":"\u0000"}`],
      ['a NUL byte before the JSON', `\u0000${JSON_TEXT}`],
      ['invalid UTF-8 (lone continuation byte)', Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0x80]), Buffer.from('"}')])],
      ['invalid UTF-8 (overlong encoding)', Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')])],
      ['invalid UTF-8 (truncated sequence at the end)', Buffer.concat([Buffer.from('{"a":"x"}'), Buffer.from([0xe2, 0x82])])],
      ['invalid UTF-8 (encoded surrogate)', Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')])],
      ['Latin-1 text', Buffer.from('{"commentaar":"Zoë"}', 'latin1')],
      ['UTF-16 with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON_TEXT, 'utf16le')])],
      ['random binary', Buffer.from([0x00, 0xff, 0x13, 0x37, 0xde, 0xad, 0xbe, 0xef, 0x7f, 0x80, 0x81])],
      ['a gzip header', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03])],
    ])('%s', (_label, raw) => {
      const result = parsePayload(raw, LIMITS);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.problem.code).toBe(RETOUR.MALFORMED);
        expect(result.problem.message).toMatch(/\S/);
      }
    });

    it('does not echo a BSN from invalid JSON in the problem message', () => {
      const result = parsePayload('{"client":{"bsn":"999999990"x}}', LIMITS);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problem.message).not.toContain('999999990');
    });
  });

  describe('nesting depth', () => {
    const nested = (depth: number): string => `${'['.repeat(depth - 1)}{}${']'.repeat(depth - 1)}`;

    it('accepts JSON nested exactly maxDepth levels', () => {
      expect(nestingDepth(nested(16))).toBe(16);
      expect(parsePayload(nested(16), LIMITS).ok).toBe(true);
      expect(parsePayload(nested(4), { ...LIMITS, maxDepth: 4 }).ok).toBe(true);
    });

    it('refuses JSON nested one level deeper than maxDepth', () => {
      expect(problemCode(parsePayload(nested(17), LIMITS))).toBe(RETOUR.MALFORMED);
      expect(problemCode(parsePayload(nested(5), { ...LIMITS, maxDepth: 4 }))).toBe(RETOUR.MALFORMED);
    });

    it('refuses very deep JSON quickly without a stack overflow', () => {
      const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
      const started = Date.now();
      expect(problemCode(parsePayload(deep, { maxBytes: 1_000_000 }))).toBe(RETOUR.MALFORMED);
      expect(Date.now() - started).toBeLessThan(1000);
    });

    it('deep objects count like deep arrays', () => {
      const deep = `${'{"a":'.repeat(20)}1${'}'.repeat(20)}`;
      expect(problemCode(parsePayload(deep, LIMITS))).toBe(RETOUR.MALFORMED);
    });

    it.each([
      ['brackets inside strings', '{"a":"[[[[{{{{"}', 1],
      ['escaped quotes inside strings', '{"a":"\\"[[[","b":[1]}', 2],
      ['escaped backslash before a closing quote', '{"a":"\\\\","b":[[1]]}', 3],
      ['a flat object', JSON_TEXT, 2],
    ])('nestingDepth ignores %s', (_label, text, depth) => {
      expect(nestingDepth(text)).toBe(depth);
    });
  });

  describe('number of messages', () => {
    it('accepts exactly maxBerichten messages', () => {
      const result = parsePayload(JSON.stringify(Array.from({ length: 5 }, () => jw305)), { maxBytes: 100_000, maxBerichten: 5 });
      expect(result.ok && result.berichten.length).toBe(5);
    });

    it('refuses more than maxBerichten with TOO_LARGE', () => {
      expect(problemCode(parsePayload(JSON.stringify(Array.from({ length: 6 }, () => jw305)), { maxBytes: 100_000, maxBerichten: 5 }))).toBe(RETOUR.TOO_LARGE);
    });

    it('defaults to at most 1000 messages', () => {
      expect(parsePayload(`[${Array.from({ length: 1000 }, () => '{}').join(',')}]`, { maxBytes: 100_000 }).ok).toBe(true);
      expect(problemCode(parsePayload(`[${Array.from({ length: 1001 }, () => '{}').join(',')}]`, { maxBytes: 100_000 }))).toBe(RETOUR.TOO_LARGE);
    });
  });

  describe('XML', () => {
    it('routes text starting with < to the iJw XML parser', () => {
      const result = parsePayload('<root/>', LIMITS);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problem.message).toMatch(/iJw/);
    });

    it('refuses a DOCTYPE after a BOM and whitespace', () => {
      const text = '\uFEFF  <?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>';
      expect(problemCode(parsePayload(text, LIMITS))).toBe(RETOUR.MALFORMED);
    });
  });
});
