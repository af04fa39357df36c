import type { INestApplication } from '@nestjs/common';
import { AssignerProtocol } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE, createKafka, type ConsumedRecord } from '@trajectwacht/platform';
import { herinstroomNaByTrajectory, type AcceptedMessage, type TrajectoryState } from '@trajectwacht/trajectory';
import { buildJw301, buildJw305, buildJw307 } from '@trajectwacht/trajectory/testing';
import {
  createTopic,
  deleteTopic,
  dropSchema,
  freshDatabase,
  testConfig,
  testKafka,
  uniqueName,
  waitFor,
} from '../../../test/support/infra';
import { shuffled, syntheticAccepted } from '../../../test/support/synthetic';
import { createTrajectoryApp } from './app';
import { rebuild } from './rebuild';
import { TrajectoryConsumer } from './trajectory.consumer';
import { TrajectoryProjection, trajectoryTableHash } from './trajectory.projection';

const asRecords = (messages: AcceptedMessage[], partition = 0): ConsumedRecord[] =>
  messages.map((m, i) => ({
    topic: 't',
    partition,
    offset: String(i),
    key: null,
    value: Buffer.from(JSON.stringify(m)),
    headers: {},
    timestamp: '0',
  }));

describe('trajectory projection on PostgreSQL', () => {
  const messages = syntheticAccepted(120, 7);

  it('gives the same state for the same messages in any arrival order and batch split, and redelivery changes nothing', async () => {
    const hashes: string[] = [];
    const clientHashes: string[] = [];
    for (const [seed, batch] of [
      [1, 1000],
      [2, 7],
      [3, 1],
      [4, 50],
    ] as const) {
      const ds = await freshDatabase(uniqueName('perm'));
      try {
        const projection = new TrajectoryProjection(ds, { publishEvents: true });
        const order = shuffled(messages, seed);
        for (let i = 0; i < order.length; i += batch) await projection.applyRecords(asRecords(order.slice(i, i + batch)));
        const events = Number((await ds.query('SELECT count(*) AS n FROM outbox'))[0].n);
        // redelivery of everything (a crash before the offset commit): no state change, no new event
        for (let i = 0; i < order.length; i += 100) expect(await projection.applyRecords(asRecords(order.slice(i, i + 100)))).toBe(0);
        expect(Number((await ds.query('SELECT count(*) AS n FROM outbox'))[0].n)).toBe(events);
        // herinstroom_na as herinstroomNa gives it from the stored states, whatever the order and the batches
        const stored: { id: string; na: string | null; state: TrajectoryState }[] = await ds.query(
          `SELECT id, herinstroom_na::text AS na, state FROM trajectory`,
        );
        const na = herinstroomNaByTrajectory(stored.map((r) => r.state));
        expect(stored.filter((r) => r.na !== na.get(r.id))).toEqual([]);
        expect(stored.filter((r) => r.na !== null).length).toBeGreaterThan(0);
        const { hash, trajectories } = await trajectoryTableHash(ds);
        expect(trajectories).toBe(new Set(messages.map((m) => `${m.gemeente}-${m.toewijzingNummer}`)).size);
        hashes.push(hash);
        const [clients] = await ds.query(
          `SELECT md5(string_agg(concat_ws('|', pseudonym, geboortedatum, gemeenten::text, active_trajectories, highest_active_intensity,
                                           crisis_active), ',' ORDER BY pseudonym)) AS hash
             FROM client`,
        );
        clientHashes.push(clients.hash);
      } finally {
        await dropSchema(ds);
      }
    }
    expect(new Set(hashes).size).toBe(1);
    expect(new Set(clientHashes).size).toBe(1);
  });

  it(
    'applies a batch that mixes redelivered and new messages once, ' +
      'and a correction that moves a toewijzing to another child updates both children',
    async () => {
      const ds = await freshDatabase(uniqueName('moved'));
      try {
        const projection = new TrajectoryProjection(ds, { publishEvents: true, today: () => '2024-06-01' });
        const [first, second] = [messages.slice(0, 40), messages.slice(40)];
        await projection.apply(first);
        const eventsBefore = Number((await ds.query('SELECT count(*) AS n FROM outbox'))[0].n);
        await projection.apply([...first.slice(0, 20), ...second]); // half redelivered, the rest new
        expect(Number((await ds.query('SELECT count(*) AS n FROM trajectory_bericht'))[0].n)).toBe(
          new Set(messages.map((m) => `${m.ontvangst.afzender}|${m.berichtId}`)).size,
        );
        const reference = await freshDatabase(uniqueName('movedref'));
        try {
          await new TrajectoryProjection(reference, { publishEvents: true, today: () => '2024-06-01' }).apply(messages);
          expect((await trajectoryTableHash(ds)).hash).toBe((await trajectoryTableHash(reference)).hash);
          expect(Number((await ds.query('SELECT count(*) AS n FROM outbox'))[0].n)).toBeGreaterThan(eventsBefore);
        } finally {
          await dropSchema(reference);
        }

        // A child with exactly one toewijzing; a correcting JW301 names another child (a new pseudonym) for it.
        const perChild = new Map<string, AcceptedMessage[]>();
        for (const m of messages.filter((x) => x.berichtcode === 'JW301'))
          perChild.set(m.client.pseudonym, [...(perChild.get(m.client.pseudonym) ?? []), m]);
        const original = [...perChild.values()].find((list) => list.length === 1)![0]! as AcceptedMessage & { ingangsdatum: string };
        const other = { pseudonym: 'f'.repeat(32), geboortedatum: '2012-03-04' };
        const correction = {
          ...original,
          berichtId: `${original.berichtId}-corr`,
          redenWijziging: '01',
          dagtekening: original.ingangsdatum,
          client: other,
        } as AcceptedMessage;
        await projection.apply([correction]);
        const [moved] = await ds.query(`SELECT client_pseudonym FROM trajectory WHERE id = $1`, [
          `${original.gemeente}-${original.toewijzingNummer}`,
        ]);
        expect(moved.client_pseudonym).toBe(other.pseudonym);
        const clients: { pseudonym: string; geboortedatum: string }[] = await ds.query(
          `SELECT pseudonym, to_char(geboortedatum, 'YYYY-MM-DD') AS geboortedatum FROM client WHERE pseudonym = ANY($1)`,
          [[original.client.pseudonym, other.pseudonym]],
        );
        expect(clients).toEqual([{ pseudonym: other.pseudonym, geboortedatum: '2012-03-04' }]); // the former child has no trajectory left
      } finally {
        await dropSchema(ds);
      }
    },
  );

  it('stores iJw 3.2 states: a generieke toewijzing (Budget, no product) and a start deleted with StatusAanlevering 3', async () => {
    const ds = await freshDatabase(uniqueName('ijw32'));
    try {
      const projection = new TrajectoryProjection(ds, { publishEvents: true, today: () => '2025-06-01' });
      const client = { pseudonym: 'c'.repeat(32), geboortedatum: '2012-03-04' };
      const base = { gemeente: '0034', aanbieder: '12345678', toewijzingNummer: '900000001', client };
      const at = (d: string, afzender: string) => ({ afzender, ontvangenOp: `${d}T08:00:00.000Z`, bron: 'kafka' });
      const generiek = {
        ...base,
        berichtcode: 'JW301',
        berichtId: 'gen1/1',
        identificatie: 'gen1',
        ingangsdatum: '2025-01-01',
        einddatum: '2025-12-31',
        budget: 250000,
        toewijzingsdatum: '2025-01-01',
        toewijzingstijd: '09:00:00',
        dagtekening: '2025-01-01',
        ontvangst: at('2025-01-01', 'gemeente:0034'),
      } as unknown as AcceptedMessage;
      const start = {
        ...base,
        berichtcode: 'JW305',
        berichtId: 'st1/1',
        identificatie: 'st1',
        begindatum: '2025-01-10',
        statusAanlevering: '1',
        ontvangst: at('2025-01-10', 'aanbieder:12345678'),
      } as unknown as AcceptedMessage;
      const deletion = {
        ...start,
        berichtId: 'st2/1',
        identificatie: 'st2',
        statusAanlevering: '3',
        ontvangst: at('2025-01-12', 'aanbieder:12345678'),
      } as unknown as AcceptedMessage;
      await projection.apply([generiek, start]);
      const [started] = await ds.query(`SELECT status, productcategorie FROM trajectory WHERE id = '0034-900000001'`);
      expect(started).toEqual({ status: 'gestart', productcategorie: null });
      await projection.apply([deletion]);
      const [after] = await ds.query(`SELECT status FROM trajectory WHERE id = '0034-900000001'`);
      expect(after.status).toBe('toegewezen');
      const types: { t: string }[] = await ds.query(`SELECT payload::json->>'type' AS t FROM outbox ORDER BY id`);
      expect(types.map((r) => r.t)).toContain('TrajectoryStartDeleted');
    } finally {
      await dropSchema(ds);
    }
  });

  it('keeps per-child summaries: birth date, active trajectories, highest active intensity', async () => {
    const ds = await freshDatabase(uniqueName('client'));
    try {
      await new TrajectoryProjection(ds, { today: () => '2025-01-01' }).apply(messages);
      const clients = await ds.query('SELECT count(*) AS n FROM client');
      expect(Number(clients[0].n)).toBe(120);
      const rows: { active_trajectories: number; highest_active_intensity: string | null }[] = await ds.query(
        'SELECT active_trajectories, highest_active_intensity FROM client',
      );
      expect(rows.some((r) => r.active_trajectories > 0 && r.highest_active_intensity !== null)).toBe(true);
    } finally {
      await dropSchema(ds);
    }
  });

  it('keeps herinstroom_na as herinstroomNa gives it: a sibling stopped later, a second sibling, a move to another child', async () => {
    const ds = await freshDatabase(uniqueName('herin'));
    const column = async (): Promise<Record<string, string | null>> =>
      Object.fromEntries(
        ((await ds.query(`SELECT id, herinstroom_na::text AS na FROM trajectory ORDER BY id`)) as { id: string; na: string | null }[]).map(
          (r) => [r.id, r.na],
        ),
      );
    const computed = async (): Promise<Record<string, string | null>> => {
      const rows: { state: TrajectoryState }[] = await ds.query(`SELECT state FROM trajectory`);
      return Object.fromEntries(herinstroomNaByTrajectory(rows.map((r) => r.state)));
    };
    const kind = { pseudonym: 'a'.repeat(32), geboortedatum: '2012-05-14' };
    try {
      const projection = new TrajectoryProjection(ds, { publishEvents: true });
      // B is assigned first; A's start and stop, before B's ingangsdatum, arrive later and move B's value (a sibling)
      await projection.applyRecords(asRecords([buildJw301({ toewijzingNummer: 'B', ingangsdatum: '2024-09-01', client: kind })]));
      await projection.applyRecords(
        asRecords([
          buildJw301({ toewijzingNummer: 'A', ingangsdatum: '2024-01-01', client: kind }),
          buildJw305({ toewijzingNummer: 'A', begindatum: '2024-01-08', client: kind }),
        ]),
      );
      expect(await column()).toEqual({ '0034-A': null, '0034-B': null });
      await projection.applyRecords(
        asRecords([buildJw307({ toewijzingNummer: 'A', begindatum: '2024-01-08', einddatum: '2024-06-30', client: kind })]),
      );
      expect(await column()).toEqual({ '0034-A': null, '0034-B': '2024-06-30' });
      // C: a third trajectory of the child, stopped later than A but still before B's ingangsdatum
      await projection.applyRecords(
        asRecords([
          buildJw301({ toewijzingNummer: 'C', ingangsdatum: '2024-07-01', einddatum: '2024-12-31', client: kind }),
          buildJw305({ toewijzingNummer: 'C', begindatum: '2024-07-01', client: kind }),
          buildJw307({ toewijzingNummer: 'C', begindatum: '2024-07-01', einddatum: '2024-08-15', client: kind }),
        ]),
      );
      expect((await column())['0034-B']).toBe('2024-08-15');
      expect(await column()).toEqual(await computed());
      // a correcting JW301 puts A on another child: B no longer follows A's stop
      await projection.applyRecords(
        asRecords([
          buildJw301({
            toewijzingNummer: 'A',
            ingangsdatum: '2024-01-01',
            dagtekening: '2024-02-01',
            client: { pseudonym: 'b'.repeat(32), geboortedatum: '2013-01-01' },
          }),
        ]),
      );
      expect(
        ((await ds.query(`SELECT client_pseudonym FROM trajectory WHERE id = '0034-A'`)) as { client_pseudonym: string }[])[0]!
          .client_pseudonym,
      ).toBe('b'.repeat(32));
      expect(await column()).toEqual({ '0034-A': null, '0034-B': '2024-08-15', '0034-C': null });
      expect(await column()).toEqual(await computed());
    } finally {
      await dropSchema(ds);
    }
  });

  it('rewrites no row whose content stays the same: a start keeps the child summary, a redelivery writes nothing', async () => {
    const ds = await freshDatabase(uniqueName('noop'));
    // xmin changes exactly when an UPDATE rewrites the row (also when it writes the same values)
    const versions = async (table: string): Promise<string> =>
      (await ds.query(`SELECT string_agg(xmin::text, ',' ORDER BY 1) AS v FROM ${table}`))[0].v;
    try {
      const projection = new TrajectoryProjection(ds, { today: () => '2025-01-01', publishEvents: true });
      await projection.applyRecords(asRecords([buildJw301()]));
      const [client, trajectory] = [await versions('client'), await versions('trajectory')];
      // toegewezen → gestart: the trajectory changes, the child's summary (1 active, same intensity) does not
      expect(await projection.applyRecords(asRecords([buildJw305()]))).toBeGreaterThan(0);
      expect(await versions('trajectory')).not.toBe(trajectory);
      expect(await versions('client')).toBe(client);
      const afterStart = [await versions('client'), await versions('trajectory'), await versions('trajectory_bericht')];
      // redelivery of both: no statement rewrites anything, no event
      expect(await projection.applyRecords(asRecords([buildJw301(), buildJw305()]))).toBe(0);
      expect([await versions('client'), await versions('trajectory'), await versions('trajectory_bericht')]).toEqual(afterStart);
      expect(Number((await ds.query('SELECT count(*) AS n FROM client'))[0].n)).toBe(1);
    } finally {
      await dropSchema(ds);
    }
  });
});

describe('trajectory service: two instances in one consumer group, a rebalance, and a rebuild from the log', () => {
  it('shares the partitions, stays correct through a rebalance, and a rebuild equals the live state', async () => {
    const kafka = testKafka();
    const topic = uniqueName('test.accepted');
    await createTopic(kafka, topic, 6);
    const schema = uniqueName('live');
    const groupId = uniqueName('trajectory');
    Object.assign(process.env, {
      TRAJECTORY_SOURCE_TOPIC: topic,
      TRAJECTORY_GROUP_ID: groupId,
      TRAJECTORY_FROM_BEGINNING: 'true',
      TRAJECTORY_CHUNK_SIZE: '200',
    });
    const config = testConfig();
    const apps: INestApplication[] = [];
    const producer = createKafka(config, 'test').producer();
    await producer.connect();
    const messages = syntheticAccepted(400, 11);
    const send = (list: AcceptedMessage[]) =>
      producer.send({ topic, acks: -1, messages: list.map((m) => ({ key: m.client.pseudonym, value: JSON.stringify(m) })) });
    try {
      for (let i = 0; i < 2; i++) {
        const app = await createTrajectoryApp({ config, schema });
        await app.init();
        apps.push(app);
      }
      await Promise.all(apps.map((a) => a.get(TrajectoryConsumer).consumer!.joined));
      const admin = kafka.admin();
      await admin.connect();
      const group = await waitFor(async () => {
        const { groups } = await admin.describeGroups([groupId]);
        return groups[0]?.members.length === 2 ? groups[0] : undefined;
      });
      await admin.disconnect();
      expect(group.members).toHaveLength(2);
      // both instances hold partitions of the one group, together all six
      const assigned = group.members.map((m) => AssignerProtocol.MemberAssignment.decode(m.memberAssignment)?.assignment[topic] ?? []);
      expect(assigned.every((partitions) => partitions.length > 0)).toBe(true);
      expect(assigned.flat().sort()).toEqual([0, 1, 2, 3, 4, 5]);

      const half = Math.floor(messages.length / 2);
      await send(messages.slice(0, half));
      const processed = () =>
        Promise.all(apps.map((a) => a.get(TrajectoryConsumer).consumer?.stats.records ?? 0)).then((n) => n.reduce((x, y) => x + y, 0));
      await waitFor(async () => (await processed()) >= half / 2);
      // stop one instance mid-stream: its partitions move to the other (rebalance)
      await apps[1]!.close();
      apps.pop();
      await send(messages.slice(half));
      // redeliver a slice as well (at-least-once): must change nothing
      await send(messages.slice(0, 50));

      const ds = apps[0]!.get<DataSource>(DATA_SOURCE);
      const expected = await freshDatabase(uniqueName('ref'));
      try {
        await new TrajectoryProjection(expected, { publishEvents: false }).apply(messages);
        const reference = await trajectoryTableHash(expected);
        await waitFor(async () => (await trajectoryTableHash(ds)).hash === reference.hash, 60_000, 250);

        // a record that does not fit the contract (the live consumer dead-letters it): the rebuild leaves it out and names it
        await producer.send({ topic, messages: [{ key: 'poison', value: JSON.stringify({ berichtcode: 'JW305' }) }] });
        const result = await rebuild(config, uniqueName('rebuild'), schema, topic);
        expect(result.records).toBe(messages.length + 51);
        expect(result.refused).toHaveLength(1);
        expect(result.refused[0]).toMatchObject({ topic });
        expect(result.refused[0]!.error).toMatch(/^ijw\.geaccepteerd\.v1: field /);
        expect(result.rebuilt.hash).toBe(reference.hash);
        expect(result.equal).toBe(true);
        const cleanup = await freshDatabase(result.schema);
        await dropSchema(cleanup);
      } finally {
        await dropSchema(expected);
      }
    } finally {
      await producer.disconnect();
      for (const app of apps) await app.close();
      const cleanup = await freshDatabase(schema);
      await dropSchema(cleanup);
      await deleteTopic(kafka, topic);
      for (const k of ['TRAJECTORY_SOURCE_TOPIC', 'TRAJECTORY_GROUP_ID', 'TRAJECTORY_FROM_BEGINNING', 'TRAJECTORY_CHUNK_SIZE'])
        delete process.env[k];
    }
  });
});
