import type { DataSource, QueryRunner } from 'typeorm';
import { senderKey, simulateBerichten, type SimulatedIjwBericht } from '@trajectwacht/simulator';
import { dropSchema, freshDatabase, testConfig } from '../../../test/support/infra';
import { IngestPipeline, type BerichtOutcome } from './ingest.pipeline';
import { simulatedPayloads } from '../../../test/support/simulated-payloads';

/**
 * Issue 16 (the pipeline at national volume): ingest decides under an advisory lock per toewijzing, and the two
 * partitions it consumes at a time nearly always share a few toewijzingen (a gemeente's JW301s and an aanbieder's
 * JW305s). A batch used to wait for all its locks at once, so one shared toewijzing held it until the other batch
 * committed. Now it decides at once what it can lock (tryLock) and only then waits for the rest: what another
 * transaction holds, and every later bericht that shares a lock or its Identificatie with one of those (real
 * PostgreSQL; the other transaction is a session holding the lock of one toewijzing).
 */
const config = testConfig();

const lockSql = (key: string) => `hashtext('ijw-toewijzing:' || '${key.replace(/'/g, "''")}')`;

describe('ingest: a toewijzing locked elsewhere holds back only its own berichten (real PostgreSQL)', () => {
  let ds: DataSource;
  let pipeline: IngestPipeline;
  let other: QueryRunner;
  const payload = simulatedPayloads(config.authSecret);
  const keysOf = (b: SimulatedIjwBericht) => [...new Set(b.regels.map((r) => `${r.gemeente}|${r.toewijzingNummer}`))];
  const identificatieOf = (b: SimulatedIjwBericht) => /<ijw:Identificatie>([^<]*)<\/ijw:Identificatie>/.exec(b.xml)![1]!;
  const withIdentificatie = (b: SimulatedIjwBericht, identificatie: string) =>
    b.xml.replace(/<ijw:Identificatie>[^<]*<\/ijw:Identificatie>/, `<ijw:Identificatie>${identificatie}</ijw:Identificatie>`);
  const decided = async (identificatie: string): Promise<string[]> =>
    (
      (await ds.query(`SELECT status FROM ijw_heenbericht WHERE identificatie = $1 `, [identificatie])) as {
        status: string;
      }[]
    ).map((r) => r.status);

  const simulated: SimulatedIjwBericht[] = [];

  beforeAll(async () => {
    ds = await freshDatabase();
    pipeline = new IngestPipeline(ds, config);
    other = ds.createQueryRunner();
    await other.connect();
    for (const b of simulateBerichten({ region: 'flevoland', seed: 42, from: '2025-01-01', to: '2025-12-31' })) {
      simulated.push(b);
      if (simulated.length >= 400) break;
    }
  });
  afterAll(async () => {
    await other?.release();
    await dropSchema(ds);
  });

  it('decides the free berichten at once, the locked toewijzing after the lock is released, in the order of arrival', async () => {
    // three JW301s of one gemeente, each for toewijzingen of its own: A (locked elsewhere), B and C (free)
    const jw301 = simulated.filter((b) => b.soort === 'JW301' && b.sender.role === 'toegang');
    const a = jw301[0]!;
    const disjoint = (x: SimulatedIjwBericht, ys: SimulatedIjwBericht[]) => keysOf(x).every((k) => ys.every((y) => !keysOf(y).includes(k)));
    const b = jw301.find((x) => senderKey(x.sender) === senderKey(a.sender) && x !== a && disjoint(x, [a]))!;
    const c = jw301.find((x) => senderKey(x.sender) === senderKey(a.sender) && x !== a && x !== b && disjoint(x, [a, b]))!;
    // the start of A, from its aanbieder: it shares A's lock
    const startA = simulated.find((x) => x.soort === 'JW305' && keysOf(x).every((k) => keysOf(a).includes(k)))!;
    expect([a, b, c, startA].every(Boolean)).toBe(true);
    const lockedKey = keysOf(a)[0]!;
    // C reuses A's Identificatie (another bericht, so TR056: the later of the two is refused with 9056): it has no lock
    // of A's, but it must be decided after A, so it waits with A
    const cXml = withIdentificatie(c, identificatieOf(a));

    await other.query(`SELECT pg_advisory_lock(${lockSql(lockedKey)})`);
    let settled: BerichtOutcome[] | null = null;
    const run = pipeline.process([payload(a), payload(startA), payload(b), payload(c, cXml)]).then((o) => (settled = o));
    try {
      // B is decided and committed while A's toewijzing is still locked by the other session
      const deadline = Date.now() + 20_000;
      while ((await decided(identificatieOf(b))).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(await decided(identificatieOf(b))).toEqual(['geaccepteerd']);
      expect(await decided(identificatieOf(a))).toEqual([]);
      expect(await decided(identificatieOf(startA))).toEqual([]);
      expect(settled).toBeNull();
    } finally {
      await other.query(`SELECT pg_advisory_unlock(${lockSql(lockedKey)})`);
    }
    const outcomes = await run;
    // one outcome per bericht, in the order given; A before its start (accepted, not held for an unknown toewijzing),
    // A before C (A accepted, C refused with 9056)
    expect(outcomes.map((o) => [o.identificatie, o.berichtcode, o.status])).toEqual([
      [identificatieOf(a), 'JW301', 'geaccepteerd'],
      [identificatieOf(startA), 'JW305', 'geaccepteerd'],
      [identificatieOf(b), 'JW301', 'geaccepteerd'],
      [identificatieOf(a), 'JW301', 'afgewezen'],
    ]);
    expect(outcomes[3]!.bevindingen.map((x) => x.retourcode)).toEqual(['9056']);
    expect((await decided(identificatieOf(a))).sort()).toEqual(['afgewezen', 'geaccepteerd']);
  });
});
