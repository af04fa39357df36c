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
 * the request side (TR347, TR350, TR355, TR359, TR360, TR365, TR373, TR374, TR411), answered with JW316/JW318/JW320, recorded in
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

const START = new Date('2026-03-10T09:00:00Z');
const codes = (o: Pick<BerichtOutcome, 'bevindingen'>): string[] => [...new Set(o.bevindingen.map((b) => b.retourcode))];
/** The stored decision of a heenbericht, by its Identificatie. */
const heenbericht = async (
  ds: DataSource,
  identificatie: string,
): Promise<{ status: string; wacht_op: string[]; retour_soort: string | null; bevindingen: BerichtOutcome['bevindingen'] }> => {
  const [row] = await ds.query(`SELECT status, wacht_op, retour_soort, bevindingen FROM ijw_heenbericht WHERE identificatie = $1`, [
    identificatie,
  ]);
  return row;
};

describe('ingest: the request side (real PostgreSQL)', () => {
  let ds: DataSource;
  let pipeline: IngestPipeline;
  let now = START;
  let n = 0;
  const send = async (raw: string, authorization: string): Promise<BerichtOutcome> => {
    // received one second apart, in the order sent (a held bericht is decided as of its receipt)
    const [outcome] = await pipeline.process([
      { raw, authorization, source: 'kafka', reference: `ijw.berichten.v1:0:${n}`, receivedAt: new Date(START.getTime() + n++ * 1000) },
    ]);
    return outcome!;
  };

  beforeAll(async () => {
    ds = await freshDatabase();
    pipeline = new IngestPipeline(ds, config, () => now);
  });
  afterAll(async () => dropSchema(ds));

  it('a JW319 for a verzoek never received is held, then refused with 9355 (TR355, not 9019) in its JW320 when the hold ends', async () => {
    const o = await send(variant('02-in-onderzoek.xml', 'AW-X1', ['VOT-H04', 'VOT-ONBEKEND']), gemeente);
    expect([o.status, o.retour, codes(o)]).toEqual(['wachtend', null, ['9355']]);
    expect((await heenbericht(ds, 'AW-X1')).wacht_op).toEqual(['verzoek:0034|98100001|VOT-ONBEKEND']);
    expect(await pipeline.sweepHeld()).toBe(0); // the hold has not ended: still waiting
    now = new Date(START.getTime() + (config.unknownToewijzingGraceSeconds + 1) * 1000);
    try {
      expect(await pipeline.sweepHeld()).toBe(1);
    } finally {
      now = START;
    }
    const row = await heenbericht(ds, 'AW-X1');
    expect([row.status, row.retour_soort, codes(row), row.wacht_op]).toEqual(['afgewezen', 'JW320', ['9355'], []]);
    const retouren = (await ds.query(`SELECT payload FROM outbox WHERE topic = $1`, [TOPICS.retour])) as { payload: string }[];
    const retour = retouren.map((r) => decodeRetour(r.payload)).find((r) => r.identificatie === 'AW-X1');
    expect([retour?.retourSoort, retour?.status]).toEqual(['JW320', 'afgewezen']);
    expect(retourcodesIn(retour!.retourXml!)).toContain('9355');
    expect(retourcodesIn(retour!.retourXml!)).not.toContain('9019');
  });

  it('VOT-1: JW315 → JW316, JW319 in onderzoek → JW320, JW301 with the ReferentieAanbieder → JW302, all accepted', async () => {
    const verzoek = await send(file('01-verzoek.xml'), aanbieder);
    expect([verzoek.status, verzoek.retour?.soort]).toEqual(['geaccepteerd', 'JW316']);
    const antwoord = await send(file('02-in-onderzoek.xml'), gemeente);
    expect([antwoord.status, antwoord.retour?.soort]).toEqual(['geaccepteerd', 'JW320']);
    // TR360: "in onderzoek" once only; TR374: a second verzoek of this aanbieder for this client while the first is open
    const weer = await send(variant('02-in-onderzoek.xml', 'AW-H04b'), gemeente);
    expect([weer.status, codes(weer)]).toEqual(['afgewezen', ['9360']]);
    // (held: the gemeente's decision on VOT-H04, sent before it, may still be on its way on another partition)
    const tweede = await send(variant('01-verzoek.xml', 'VT-H05', ['VOT-H04', 'VOT-H05']), aanbieder);
    expect([tweede.status, codes(tweede)]).toEqual(['wachtend', ['9374']]);
    expect((await heenbericht(ds, 'VT-H05')).wacht_op).toEqual(['besluit:0034|98100001|VOT-H04']);
    const toewijzing = await send(file('03-toewijzing.xml'), gemeente);
    expect([toewijzing.status, toewijzing.retour?.soort]).toEqual(['geaccepteerd', 'JW302']);
    // the JW301 came after VT-H05 was received: VOT-H04 was open when VT-H05 was sent, so it is refused now
    const h05 = await heenbericht(ds, 'VT-H05');
    expect([h05.status, h05.retour_soort, codes(h05), h05.wacht_op]).toEqual(['afgewezen', 'JW316', ['9374'], []]);
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
    expect(retouren.map((r) => r.retourSoort)).toEqual(['JW320', 'JW316', 'JW320', 'JW320', 'JW302', 'JW316', 'JW320', 'JW316', 'JW316']);
  });

  it('JW317 against the stored toewijzing (TR411, TR373): Omvang as the toewijzing has, a new Budget from its ingangsdatum', async () => {
    // toewijzing 300241 of VOT-1 (45A01, 2026-04-01 – 2027-03-01); the JW317 has dagtekening 2026-03-02
    const vow = (identificatie: string, ingang: string, omvang: string): string =>
      readFileSync(join(__dirname, '../../../test/conformance/jw317/accepted/verlengen.xml'), 'utf8')
        .replace('<ijw:Identificatie>VW317-A02</ijw:Identificatie>', `<ijw:Identificatie>${identificatie}</ijw:Identificatie>`)
        .replace('VOW-2026-0002', `VOW-${identificatie}`)
        .replace('<jw317:ToewijzingNummer>300201</jw317:ToewijzingNummer>', '<jw317:ToewijzingNummer>300241</jw317:ToewijzingNummer>')
        .replace(
          '<jw317:GewensteIngangsdatum>2026-05-01</jw317:GewensteIngangsdatum>',
          `<jw317:GewensteIngangsdatum>${ingang}</jw317:GewensteIngangsdatum>`,
        )
        .replace('<jw317:Einddatum>2027-08-31</jw317:Einddatum>', `<jw317:Einddatum>2027-08-31</jw317:Einddatum>${omvang}`);
    const omvang = '<jw317:Omvang><ijw:Volume>2</ijw:Volume><ijw:Eenheid>04</ijw:Eenheid><ijw:Frequentie>2</ijw:Frequentie></jw317:Omvang>';
    const fout = await send(vow('VW-H20', '2026-05-01', '<jw317:Budget>5000</jw317:Budget>'), aanbieder);
    expect(fout.status).toBe('afgewezen');
    expect(codes(fout)).toEqual(expect.arrayContaining(['9411', '9373']));
    // from the toewijzing's ingangsdatum, with its Omvang: neither (9374 stays: VT-H07 of VOT-1 is still open, so it
    // is held for the decision on VT-H07)
    const goed = await send(vow('VW-H21', '2026-04-01', `${omvang}<jw317:Budget>5000</jw317:Budget>`), aanbieder);
    expect([goed.status, codes(goed)]).toEqual(['wachtend', ['9374']]);
    expect((await heenbericht(ds, 'VW-H21')).wacht_op).toEqual(['besluit:0034|98100001|VOT-H07']);
  });
});

/**
 * Issue 17 (found by the simulator): the JW315 travels on the aanbieder's partition, the JW319 on the gemeente's, so a
 * JW319 may be processed before the verzoek it answers. It is held (as a start before its toewijzing) and decided on
 * its merits once the JW315 is accepted, later or in the same batch.
 */
describe('ingest: a JW319 before its verzoek (real PostgreSQL)', () => {
  let ds: DataSource;
  let pipeline: IngestPipeline;
  let n = 0;
  const payload = (raw: string, authorization: string) => ({
    raw,
    authorization,
    source: 'kafka' as const,
    reference: `ijw.berichten.v1:1:${n++}`,
    receivedAt: START,
  });

  beforeAll(async () => {
    ds = await freshDatabase();
    pipeline = new IngestPipeline(ds, config, () => START);
  });
  afterAll(async () => dropSchema(ds));

  const acceptedVerzoeken = async () => {
    const outbox: { topic: string; message_key: string; payload: string }[] = await ds.query(
      `SELECT topic, message_key, payload FROM outbox WHERE topic = $1 ORDER BY id`,
      [TOPICS.geaccepteerd],
    );
    return outbox.map((r) => ({ key: r.message_key, m: decodeGeaccepteerd(r.payload) })).filter((a) => isGeaccepteerdVerzoek(a.m));
  };

  it('holds it (wachtend) and decides it accepted, with its JW320 and the verzoek’s pseudonym, once the JW315 is accepted', async () => {
    const [antwoord] = await pipeline.process([payload(file('02-in-onderzoek.xml'), gemeente)]);
    expect([antwoord!.status, antwoord!.retour]).toEqual(['wachtend', null]);
    expect((await heenbericht(ds, 'AW-H04')).wacht_op).toEqual(['verzoek:0034|98100001|VOT-H04']);
    // the same JW319 again while held: the same answer, nothing new
    const [weer] = await pipeline.process([payload(file('02-in-onderzoek.xml'), gemeente)]);
    expect([weer!.status, weer!.herhaald]).toEqual(['wachtend', true]);
    expect(await acceptedVerzoeken()).toEqual([]);

    const [verzoek] = await pipeline.process([payload(file('01-verzoek.xml'), aanbieder)]);
    expect([verzoek!.status, verzoek!.retour?.soort]).toEqual(['geaccepteerd', 'JW316']);
    const row = await heenbericht(ds, 'AW-H04');
    expect([row.status, row.retour_soort, row.bevindingen, row.wacht_op]).toEqual(['geaccepteerd', 'JW320', [], []]);
    const verzoeken = await acceptedVerzoeken();
    expect(verzoeken.map((a) => a.m.berichtcode)).toEqual(['JW315', 'JW319']);
    const pseudonym = verzoeken[0]!.m.client.pseudonym;
    expect(pseudonym).toMatch(/\S/);
    expect(verzoeken.map((a) => [a.key, a.m.client.pseudonym])).toEqual([
      [pseudonym, pseudonym],
      [pseudonym, pseudonym],
    ]);
    const stored: { berichtcode: string; client_pseudonym: string }[] = await ds.query(
      `SELECT berichtcode, client_pseudonym FROM ijw_verzoek_bericht ORDER BY berichtcode`,
    );
    expect(stored).toEqual([
      { berichtcode: 'JW315', client_pseudonym: pseudonym },
      { berichtcode: 'JW319', client_pseudonym: pseudonym },
    ]);
    const retouren = (await ds.query(`SELECT payload FROM outbox WHERE topic = $1 ORDER BY id`, [TOPICS.retour])) as { payload: string }[];
    expect(retouren.map((r) => decodeRetour(r.payload).retourSoort)).toEqual(['JW316', 'JW320']);
    // decided once: the sweep finds nothing more, and a redelivered JW315 releases nothing again
    expect(await pipeline.sweepHeld()).toBe(0);
    const [opnieuw] = await pipeline.process([payload(file('01-verzoek.xml'), aanbieder)]);
    expect(opnieuw!.herhaald).toBe(true);
    expect((await acceptedVerzoeken()).length).toBe(2);
  });

  it('decides a JW319 before its JW315 in the same batch on its merits (a second "in onderzoek" is refused, TR360)', async () => {
    const ref = (id: string): [string, string] => ['VOT-H04', id];
    const [eerste, tweede, verzoek] = await pipeline.process([
      payload(variant('02-in-onderzoek.xml', 'AW-B1', ref('VOT-B1')), gemeente),
      payload(variant('02-in-onderzoek.xml', 'AW-B2', ref('VOT-B1')), gemeente),
      // another client (TR374: the first verzoek of this aanbieder for 999900006 is still open)
      payload(variant('01-verzoek.xml', 'VT-B1', ref('VOT-B1'), ['999900006', '999900018']), aanbieder),
    ]);
    expect([eerste!.status, tweede!.status, verzoek!.status]).toEqual(['wachtend', 'wachtend', 'geaccepteerd']);
    const [a, b] = [await heenbericht(ds, 'AW-B1'), await heenbericht(ds, 'AW-B2')];
    expect([a.status, a.retour_soort]).toEqual(['geaccepteerd', 'JW320']);
    expect([b.status, b.retour_soort, codes(b)]).toEqual(['afgewezen', 'JW320', ['9360']]);
    const b1 = (await acceptedVerzoeken()).filter((v) => 'referentieAanbieder' in v.m && v.m.referentieAanbieder === 'VOT-B1');
    expect(b1.map((v) => v.m.berichtcode)).toEqual(['JW315', 'JW319']);
    expect(b1[1]!.m.client.pseudonym).toBe(b1[0]!.m.client.pseudonym);
  });

  it('a held JW319 the release skipped (locked elsewhere) is decided by the sweep once its verzoek is accepted', async () => {
    const ref = (id: string): [string, string] => ['VOT-H04', id];
    const [antwoord] = await pipeline.process([payload(variant('02-in-onderzoek.xml', 'AW-S1', ref('VOT-S1')), gemeente)]);
    expect(antwoord!.status).toBe('wachtend');
    const locker = ds.createQueryRunner();
    await locker.connect();
    await locker.startTransaction();
    try {
      await locker.query(`SELECT id FROM ijw_heenbericht WHERE identificatie = 'AW-S1' FOR UPDATE`);
      const [verzoek] = await pipeline.process([
        payload(variant('01-verzoek.xml', 'VT-S1', ref('VOT-S1'), ['999900006', '999900031']), aanbieder),
      ]);
      expect(verzoek!.status).toBe('geaccepteerd');
    } finally {
      await locker.commitTransaction();
      await locker.release();
    }
    expect((await heenbericht(ds, 'AW-S1')).status).toBe('wachtend');
    // the hold has not ended: the sweep finds the accepted verzoek in ijw_verzoek_bericht
    expect(await pipeline.sweepHeld()).toBe(1);
    expect((await heenbericht(ds, 'AW-S1')).status).toBe('geaccepteerd');
  });
});

/**
 * Issue 17 (found by the demo's initial load): the JW301 travels on the gemeente's partition, the JW317 on the
 * aanbieder's, so a JW317 may be processed before the toewijzing it names. It is held (as a start before its
 * toewijzing, TR019) and decided on its merits once the JW301 is accepted; refused with 9351 when the hold ends.
 */
describe('ingest: a JW317 before its toewijzing (real PostgreSQL)', () => {
  let ds: DataSource;
  let pipeline: IngestPipeline;
  let now = START;
  let n = 0;
  const payload = (raw: string, authorization: string, receivedAt = START) => ({
    raw,
    authorization,
    source: 'kafka' as const,
    reference: `ijw.berichten.v1:2:${n++}`,
    receivedAt,
  });
  /** A JW317 asking to change toewijzing `nummer` (of 03-toewijzing.xml: 300241, 2026-04-01 – 2027-03-01, Omvang 2 per week). */
  const vow = (identificatie: string, nummer: string): string =>
    readFileSync(join(__dirname, '../../../test/conformance/jw317/accepted/verlengen.xml'), 'utf8')
      .replace('<ijw:Identificatie>VW317-A02</ijw:Identificatie>', `<ijw:Identificatie>${identificatie}</ijw:Identificatie>`)
      .replace('VOW-2026-0002', `VOW-${identificatie}`)
      .replace('<jw317:ToewijzingNummer>300201</jw317:ToewijzingNummer>', `<jw317:ToewijzingNummer>${nummer}</jw317:ToewijzingNummer>`)
      .replace(
        '<jw317:GewensteIngangsdatum>2026-05-01</jw317:GewensteIngangsdatum>',
        '<jw317:GewensteIngangsdatum>2026-04-01</jw317:GewensteIngangsdatum>',
      )
      .replace(
        '<jw317:Einddatum>2027-08-31</jw317:Einddatum>',
        '<jw317:Einddatum>2027-08-31</jw317:Einddatum><jw317:Omvang><ijw:Volume>2</ijw:Volume><ijw:Eenheid>04</ijw:Eenheid>' +
          '<ijw:Frequentie>2</ijw:Frequentie></jw317:Omvang>',
      );
  const retourOf = async (identificatie: string) => {
    const rows = (await ds.query(`SELECT payload FROM outbox WHERE topic = $1 ORDER BY id`, [TOPICS.retour])) as { payload: string }[];
    return rows.map((r) => decodeRetour(r.payload)).find((r) => r.identificatie === identificatie);
  };

  beforeAll(async () => {
    ds = await freshDatabase();
    pipeline = new IngestPipeline(ds, config, () => now);
  });
  afterAll(async () => dropSchema(ds));

  it('holds it (wachtend, for gemeente|ToewijzingNummer) and decides it accepted with its JW318 once the JW301 is accepted', async () => {
    const [verzoek] = await pipeline.process([payload(vow('VW-T1', '300241'), aanbieder)]);
    expect([verzoek!.status, verzoek!.retour, codes(verzoek!)]).toEqual(['wachtend', null, ['9351']]);
    expect((await heenbericht(ds, 'VW-T1')).wacht_op).toEqual(['0034|300241']);
    expect(await pipeline.sweepHeld()).toBe(0); // its toewijzing has not come and the hold has not ended
    expect(await retourOf('VW-T1')).toBeUndefined();

    const [toewijzing] = await pipeline.process([payload(file('03-toewijzing.xml'), gemeente)]);
    expect(toewijzing!.status).toBe('geaccepteerd');
    const row = await heenbericht(ds, 'VW-T1');
    expect([row.status, row.retour_soort, row.bevindingen, row.wacht_op]).toEqual(['geaccepteerd', 'JW318', [], []]);
    expect([(await retourOf('VW-T1'))?.retourSoort, (await retourOf('VW-T1'))?.status]).toEqual(['JW318', 'geaccepteerd']);
    const stored: { berichtcode: string }[] = await ds.query(`SELECT berichtcode FROM ijw_verzoek_bericht ORDER BY berichtcode`);
    expect(stored.map((r) => r.berichtcode)).toEqual(['JW301', 'JW317']);
    const published = (await ds.query(`SELECT payload FROM outbox WHERE topic = $1`, [TOPICS.geaccepteerd])) as { payload: string }[];
    expect(
      published
        .map((r) => decodeGeaccepteerd(r.payload))
        .filter(isGeaccepteerdVerzoek)
        .map((m) => m.berichtcode),
    ).toEqual(['JW317']);
    expect(await pipeline.sweepHeld()).toBe(0);
  });

  it('a JW317 whose toewijzing never arrives is refused with 9351 (TR351) in its JW318 when the hold ends', async () => {
    // another client (TR374: VW-T1 of this aanbieder for 999900006 is still open)
    const [verzoek] = await pipeline.process([payload(vow('VW-T2', '300299').replace('999900006', '999900031'), aanbieder)]);
    expect([verzoek!.status, codes(verzoek!)]).toEqual(['wachtend', ['9351']]);
    now = new Date(START.getTime() + (config.unknownToewijzingGraceSeconds + 1) * 1000);
    try {
      expect(await pipeline.sweepHeld()).toBe(1);
    } finally {
      now = START;
    }
    const row = await heenbericht(ds, 'VW-T2');
    expect([row.status, row.retour_soort, codes(row), row.wacht_op]).toEqual(['afgewezen', 'JW318', ['9351'], []]);
    const retour = await retourOf('VW-T2');
    expect([retour?.retourSoort, retour?.status]).toEqual(['JW318', 'afgewezen']);
    expect(retourcodesIn(retour!.retourXml!)).toContain('9351');
  });

  it('a JW317 with a finding on a known toewijzing as well is refused at once (another client: 9351 without hold)', async () => {
    const [verzoek] = await pipeline.process([payload(vow('VW-T3', '300241').replace('999900006', '999900018'), aanbieder)]);
    expect([verzoek!.status, verzoek!.retour?.soort, codes(verzoek!)]).toEqual(['afgewezen', 'JW318', ['9351']]);
  });

  it('a verzoek processed before the decision on the earlier one (sent before it) is held (TR374) and accepted once it comes', async () => {
    // VW-T1 (JW317 for 999900006) is open; the gemeente refuses it, then the aanbieder asks again. The JW319 travels
    // on the gemeente's partition and is processed after the new JW317, though it was received (sent) before it.
    const later = new Date(START.getTime() + 100_000);
    const [verzoek] = await pipeline.process([payload(vow('VW-T4', '300241'), aanbieder, later)]);
    expect([verzoek!.status, codes(verzoek!)]).toEqual(['wachtend', ['9374']]);
    expect((await heenbericht(ds, 'VW-T4')).wacht_op).toEqual(['besluit:0034|98100001|VOW-VW-T1']);
    const afwijzing = variant(
      '02-in-onderzoek.xml',
      'AW-T1',
      ['VOT-H04', 'VOW-VW-T1'],
      [
        '<jw319:VerzoekAntwoord>2</jw319:VerzoekAntwoord>',
        '<jw319:VerzoekAntwoord>1</jw319:VerzoekAntwoord><jw319:RedenAfwijzingVerzoek>4</jw319:RedenAfwijzingVerzoek>',
      ],
    );
    const [antwoord] = await pipeline.process([payload(afwijzing, gemeente, new Date(START.getTime() + 50_000))]);
    expect([antwoord!.status, antwoord!.retour?.soort]).toEqual(['geaccepteerd', 'JW320']);
    const row = await heenbericht(ds, 'VW-T4');
    expect([row.status, row.retour_soort, row.bevindingen, row.wacht_op]).toEqual(['geaccepteerd', 'JW318', [], []]);
  });

  it('TR349: a JW317 leaving out an actual toewijzing of the client at the aanbieder is refused (9349); naming it, accepted', async () => {
    const toewijzing = (identificatie: string, nummer: string, code: string): string =>
      variant(
        '03-toewijzing.xml',
        identificatie,
        ['<jw301:ToewijzingNummer>300241</jw301:ToewijzingNummer>', `<jw301:ToewijzingNummer>${nummer}</jw301:ToewijzingNummer>`],
        ['<jw301:ReferentieAanbieder>VOT-H04</jw301:ReferentieAanbieder>', ''],
        ['<ijw:Code>45A01</ijw:Code>', `<ijw:Code>${code}</ijw:Code>`],
        ['999900006', '999900031'],
      );
    for (const [id, nummer, code] of [
      ['TW-T5', '300243', '45A01'],
      ['TW-T6', '300244', '45A03'],
    ] as const) {
      const [o] = await pipeline.process([payload(toewijzing(id, nummer, code), gemeente)]);
      expect([id, o!.status]).toEqual([id, 'geaccepteerd']);
    }
    const alleen = vow('VW-T5', '300243').replace('999900006', '999900031');
    const [fout] = await pipeline.process([payload(alleen, aanbieder)]);
    expect([fout!.status, fout!.retour?.soort, codes(fout!)]).toEqual(['afgewezen', 'JW318', ['9349']]);
    expect(fout!.bevindingen[0]!.toelichting).toContain('300244');
    const beide = vow('VW-T6', '300243')
      .replace('999900006', '999900031')
      .replace(
        '<jw317:TeWijzigenProducten>',
        '<jw317:OngewijzigdeProducten><jw317:OngewijzigdProduct><jw317:ToewijzingNummer>300244</jw317:ToewijzingNummer>' +
          '</jw317:OngewijzigdProduct></jw317:OngewijzigdeProducten><jw317:TeWijzigenProducten>',
      );
    const [goed] = await pipeline.process([payload(beide, aanbieder)]);
    expect([goed!.status, goed!.retour?.soort, codes(goed!)]).toEqual(['geaccepteerd', 'JW318', []]);
  });
});
