import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { decodeGeaccepteerd, decodeRetour, isGeaccepteerdVerzoek } from '@trajectwacht/contracts';
import { issueToken, TOPICS } from '@trajectwacht/platform';
import { dropSchema, freshDatabase, testConfig } from '../../../test/support/infra';
import { retourcodesIn } from '../../../test/support/ijw';
import { IngestPipeline, type BerichtOutcome } from './ingest.pipeline';

/**
 * Issue 17 point 1 on real PostgreSQL: JW315, JW317 and JW319 decided by the one pipeline with the level-3 rules of
 * the request side (TR347, TR350, TR355, TR359, TR360, TR365, TR374), answered with JW316/JW318/JW320, recorded in
 * ijw_verzoek_bericht, and the accepted ones published on ijw.geaccepteerd.v1 (the JW319 with its verzoek's pseudonym).
 * The sequence is the standard's berichtstroom "toewijzen na onderzoek" (test/conformance/jw315/history/VOT-1).
 */
const VOT = join(__dirname, '../../../test/conformance/jw315/history/VOT-1');
const config = testConfig();
const aanbieder = `Bearer ${issueToken({ sub: 'a', role: 'aanbieder', agb: '98100001' }, config.authSecret)}`;
const gemeente = `Bearer ${issueToken({ sub: 'g', role: 'toegang', gemeente: '0034' }, config.authSecret)}`;
const file = (name: string): string => readFileSync(join(VOT, name), 'utf8');
/** The file with another Identificatie and, optionally, other texts replaced. */
const variant = (name: string, identificatie: string, ...replace: [string, string][]): string => {
  let xml = file(name).replace(/<ijw:Identificatie>[^<]*<\/ijw:Identificatie>/, `<ijw:Identificatie>${identificatie}</ijw:Identificatie>`);
  for (const [from, to] of replace) xml = xml.split(from).join(to);
  return xml;
};

describe('ingest: the request side (real PostgreSQL)', () => {
  let ds: DataSource;
  let pipeline: IngestPipeline;
  let n = 0;
  const send = async (raw: string, authorization: string): Promise<BerichtOutcome> => {
    const [outcome] = await pipeline.process([
      { raw, authorization, source: 'kafka', reference: `ijw.berichten.v1:0:${n++}`, receivedAt: new Date('2026-03-10T09:00:00Z') },
    ]);
    return outcome!;
  };
  const codes = (o: BerichtOutcome): string[] => [...new Set(o.bevindingen.map((b) => b.retourcode))];

  beforeAll(async () => {
    ds = await freshDatabase();
    pipeline = new IngestPipeline(ds, config, () => new Date('2026-03-10T09:00:00Z'));
  });
  afterAll(async () => dropSchema(ds));

  it('a JW319 for a verzoek never received is refused with 9355 (TR355) in its JW320', async () => {
    const o = await send(variant('02-in-onderzoek.xml', 'AW-X1', ['VOT-H04', 'VOT-ONBEKEND']), gemeente);
    expect([o.status, o.retour?.soort, codes(o)]).toEqual(['afgewezen', 'JW320', ['9355']]);
    expect(retourcodesIn(o.retour!.xml)).toContain('9355');
  });

  it('VOT-1: JW315 → JW316, JW319 in onderzoek → JW320, JW301 with the ReferentieAanbieder → JW302, all accepted', async () => {
    const verzoek = await send(file('01-verzoek.xml'), aanbieder);
    expect([verzoek.status, verzoek.retour?.soort]).toEqual(['geaccepteerd', 'JW316']);
    const antwoord = await send(file('02-in-onderzoek.xml'), gemeente);
    expect([antwoord.status, antwoord.retour?.soort]).toEqual(['geaccepteerd', 'JW320']);
    // TR360: "in onderzoek" once only; TR374: a second verzoek of this aanbieder for this client while the first is open
    const weer = await send(variant('02-in-onderzoek.xml', 'AW-H04b'), gemeente);
    expect([weer.status, codes(weer)]).toEqual(['afgewezen', ['9360']]);
    const tweede = await send(variant('01-verzoek.xml', 'VT-H05', ['VOT-H04', 'VOT-H05']), aanbieder);
    expect([tweede.status, codes(tweede)]).toEqual(['afgewezen', ['9374']]);
    const toewijzing = await send(file('03-toewijzing.xml'), gemeente);
    expect([toewijzing.status, toewijzing.retour?.soort]).toEqual(['geaccepteerd', 'JW302']);
    // TR359: no JW319 after the toewijzing; TR347: the reference is used; the verzoek is no longer open (TR374)
    const laat = await send(
      variant('02-in-onderzoek.xml', 'AW-H04c', [
        '<jw319:VerzoekAntwoord>2</jw319:VerzoekAntwoord>',
        '<jw319:VerzoekAntwoord>1</jw319:VerzoekAntwoord><jw319:RedenAfwijzingVerzoek>4</jw319:RedenAfwijzingVerzoek>',
      ]),
      gemeente,
    );
    expect(codes(laat)).toEqual(expect.arrayContaining(['9359']));
    const zelfdeRef = await send(variant('01-verzoek.xml', 'VT-H06'), aanbieder);
    expect(codes(zelfdeRef)).toEqual(['9347']);
    const nieuw = await send(variant('01-verzoek.xml', 'VT-H07', ['VOT-H04', 'VOT-H07']), aanbieder);
    expect(nieuw.status).toBe('geaccepteerd');
  });

  it('stores the history and publishes the accepted records, keyed by the client pseudonym, without BSN', async () => {
    const stored: { berichtcode: string; verzoek_sleutel: string; client_pseudonym: string }[] = await ds.query(
      `SELECT berichtcode, verzoek_sleutel, client_pseudonym FROM ijw_verzoek_bericht ORDER BY received_at, id`,
    );
    expect(stored.map((r) => r.berichtcode).sort()).toEqual(['JW301', 'JW315', 'JW315', 'JW319']);
    expect(new Set(stored.filter((r) => r.verzoek_sleutel.endsWith('VOT-H04')).map((r) => r.client_pseudonym)).size).toBe(1);
    const outbox: { topic: string; message_key: string; payload: string }[] = await ds.query(
      `SELECT topic, message_key, payload FROM outbox ORDER BY id`,
    );
    const accepted = outbox
      .filter((r) => r.topic === TOPICS.geaccepteerd)
      .map((r) => ({ key: r.message_key, m: decodeGeaccepteerd(r.payload) }));
    const verzoeken = accepted.filter((a) => isGeaccepteerdVerzoek(a.m));
    expect(verzoeken.map((a) => a.m.berichtcode)).toEqual(['JW315', 'JW319', 'JW315']);
    const pseudonym = verzoeken[0]!.m.client.pseudonym;
    expect(verzoeken.slice(0, 2).map((a) => [a.key, a.m.client.pseudonym])).toEqual([
      [pseudonym, pseudonym],
      [pseudonym, pseudonym],
    ]);
    for (const r of outbox.filter((x) => x.topic === TOPICS.geaccepteerd)) expect(r.payload).not.toContain('999900006');
    const retouren = outbox.filter((r) => r.topic === TOPICS.retour).map((r) => decodeRetour(r.payload));
    expect(retouren.map((r) => r.retourSoort)).toEqual(['JW320', 'JW316', 'JW320', 'JW320', 'JW316', 'JW302', 'JW320', 'JW316', 'JW316']);
  });
});
