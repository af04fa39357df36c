import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { isValidBsn } from './bsn';
import { ontvang } from './ontvangst';

/**
 * The one reading path (ontvang): whatever arrives, it never throws, every payload gets either a foutmelding or
 * berichten, and whatever it accepts as a bericht satisfies the standard's invariants, checked here independently.
 */
const OPTIONS = { today: '2026-06-01', maxBytes: 256 * 1024 };
const EXAMPLES = join(__dirname, '../../../docs/examples');

function example(name: string): string {
  return readFileSync(join(EXAMPLES, name), 'utf8');
}

describe('ontvang (read + controleniveau 1, 2 and stateless 4)', () => {
  it.each([
    ['empty', '', 'LEEG'],
    ['not UTF-8', Buffer.from([0xff, 0xfe, 0x00, 0x81]), 'ONLEESBAAR'],
    ['NUL characters', 'a\u0000b', 'ONLEESBAAR'],
    ['neither XML nor JSON', 'hello', 'ONLEESBAAR'],
    ['truncated JSON', '{"header": {', 'ONLEESBAAR'],
    ['deeply nested JSON', '['.repeat(1000) + ']'.repeat(1000), 'ONLEESBAAR'],
    ['too large', 'x'.repeat(300 * 1024), 'TE_GROOT'],
    ['an empty JSON list', '[]', 'LEEG'],
  ])('refuses %s with a foutmelding', (_name, raw, code) => {
    const result = ontvang(raw as string | Buffer, OPTIONS);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.foutmelding.code).toBe(code);
  });

  it.each([
    [
      'a DOCTYPE (billion laughs)',
      '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "a">]><jw305:Bericht ' +
        'xmlns:jw305="http://www.istandaarden.nl/ijw/3_2/jw305/schema">&a;</jw305:Bericht>',
    ],
    [
      'an external entity (XXE)',
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><jw301:Bericht ' +
        'xmlns:jw301="http://www.istandaarden.nl/ijw/3_2/jw301/schema">&e;</jw301:Bericht>',
    ],
    ['a retour bericht sent as heenbericht', '<jw302:Bericht xmlns:jw302="http://www.istandaarden.nl/ijw/3_2/jw302/schema"/>'],
    ['a JSON bericht without header.berichtCode', '{"client": {}}'],
    ['a JSON bericht with BerichtCode 437', '{"header": {"berichtCode": "437"}, "client": {}}'],
  ])('refuses %s at controleniveau 1', (_name, raw) => {
    const result = ontvang(raw, OPTIONS);
    const foutmelding = result.ok ? result.berichten[0]!.foutmelding : result.foutmelding;
    expect(foutmelding).toBeDefined();
  });

  it('reads docs/examples/jw301.xml and its JSON form to the same heenbericht', () => {
    const xml = ontvang(example('jw301.xml'), OPTIONS);
    const json = ontvang(example('jw301.json'), OPTIONS);
    expect(xml.ok && json.ok).toBe(true);
    if (!xml.ok || !json.ok) return;
    expect(xml.berichten[0]!.foutmelding).toBeUndefined();
    expect(json.berichten[0]!.heenbericht).toEqual(xml.berichten[0]!.heenbericht);
    expect(xml.berichten[0]!.format).toBe('xml');
    expect(json.berichten[0]!.format).toBe('json');
  });

  it('never throws, and whatever it accepts satisfies the invariants of the standard', () => {
    const base = example('jw301.xml');
    const mutate = fc
      .tuple(fc.nat(base.length), fc.nat(40), fc.string({ maxLength: 20 }))
      .map(([at, cut, insert]) => base.slice(0, at) + insert + base.slice(at + cut));
    const arbitrary = fc.oneof(
      mutate,
      fc.string(),
      fc.json().map(String),
      fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.from(b)),
    );
    fc.assert(
      fc.property(arbitrary, (raw) => {
        const result = ontvang(raw as string | Buffer, OPTIONS);
        if (!result.ok) return;
        for (const b of result.berichten) {
          if (b.foutmelding || !b.heenbericht) continue;
          const { header, client, regels } = b.heenbericht;
          expect(header.identificatie.length).toBeGreaterThanOrEqual(1);
          expect(header.identificatie.length).toBeLessThanOrEqual(12);
          if (b.bevindingen.length === 0) expect(isValidBsn(client.bsn)).toBe(true);
          for (const r of regels) {
            expect(r.toewijzingNummer).toMatch(/^(0|[1-9][0-9]{0,8})$/);
            if (r.product?.code !== undefined) expect(r.product.code.length).toBeLessThanOrEqual(5);
          }
        }
      }),
      { numRuns: 400, seed: 20261202 },
    );
  });
});
