import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import type { Consumer } from 'kafkajs';
import { DataSource } from 'typeorm';
import {
  InitialSchema1700000000001,
  MIGRATION_LOCK_KEY,
  OutboxEntity,
  OutboxRelay,
  OutboxRelayPosition1700000000700,
  dataSourceOptions,
  enqueueOutbox,
  runMigrationsWithLock,
} from '@trajectwacht/platform';
import { createTopic, deleteTopic, dropSchema, testConfig, testKafka, uniqueName, waitFor } from '../../../test/support/infra';

// The outbox comes with the first shared migration; the whole ordered run (and its lock) is tested in apps/migrations.int-spec.ts.
const migrations = [InitialSchema1700000000001, OutboxRelayPosition1700000000700];

/** Reads `topic` from the beginning until `count` records arrived; their `i` fields in arrival order (this test's own records). */
async function receivedIndexes(consumer: Consumer, topic: string, count: number): Promise<number[]> {
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const received: number[] = [];
  await new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async ({ message }) => {
        const { i }: { i: number } = JSON.parse(message.value!.toString());
        received.push(i);
        if (received.length === count) resolve();
      },
    });
  });
  return received;
}

describe('foundation: the real local infrastructure', () => {
  it('produces to and consumes from the real Kafka broker, across partitions', async () => {
    const kafka = testKafka();
    const topic = uniqueName('test.roundtrip');
    await createTopic(kafka, topic, 3);
    const producer = kafka.producer();
    const consumer = kafka.consumer({ groupId: uniqueName('g') });
    try {
      await producer.connect();
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      const received: string[] = [];
      const done = new Promise<void>((resolve) => {
        void consumer.run({
          eachMessage: async ({ message }) => {
            received.push(message.value!.toString());
            if (received.length === 30) resolve();
          },
        });
      });
      await producer.send({ topic, acks: -1, messages: Array.from({ length: 30 }, (_, i) => ({ key: `k${i % 7}`, value: `m${i}` })) });
      await done;
      expect(received.sort()).toEqual(Array.from({ length: 30 }, (_, i) => `m${i}`).sort());
      const admin = kafka.admin();
      await admin.connect();
      const meta = await admin.fetchTopicMetadata({ topics: [topic] });
      await admin.disconnect();
      expect(meta.topics[0]!.partitions).toHaveLength(3);
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
      await deleteTopic(kafka, topic);
    }
  });

  it('reads and writes PostgreSQL through a TypeORM entity', async () => {
    const schema = uniqueName('orm');
    const ds = new DataSource(dataSourceOptions(testConfig(), { schema, entities: [OutboxEntity], migrations }));
    await ds.initialize();
    try {
      await runMigrationsWithLock(ds);
      const repo = ds.getRepository(OutboxEntity);
      const saved = await repo.save(repo.create({ topic: 'alerts.v1', key: 'k1', payload: '{"a":1}', headers: { h: 'v' } }));
      const found = await repo.findOneByOrFail({ id: saved.id });
      expect(found).toMatchObject({ topic: 'alerts.v1', key: 'k1', payload: '{"a":1}', headers: { h: 'v' } });
      expect(found.createdAt).toBeInstanceOf(Date);
    } finally {
      await dropSchema(ds);
    }
  });

  it("takes the migration lock of its own schema: another schema's held lock does not hold it up, its own does", async () => {
    const [mine, other] = [uniqueName('lock'), uniqueName('lock')];
    const holder = new DataSource(dataSourceOptions(testConfig(), { schema: other }));
    const ds = new DataSource(dataSourceOptions(testConfig(), { schema: mine, migrations }));
    await Promise.all([holder.initialize(), ds.initialize()]);
    const runner = holder.createQueryRunner();
    await runner.connect();
    try {
      // a migration of the other schema in progress (its lock held by another session)
      await runner.query('SELECT pg_advisory_lock($1, hashtext($2))', [MIGRATION_LOCK_KEY, other]);
      const applied = await Promise.race([
        runMigrationsWithLock(ds),
        new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), 20_000)),
      ]);
      expect(applied).not.toBe('waited');
      expect((applied as string[]).length).toBe(migrations.length);
      // its own schema's lock held: the run waits until it is released
      await runner.query('SELECT pg_advisory_lock($1, hashtext($2))', [MIGRATION_LOCK_KEY, mine]);
      let done = false;
      const again = runMigrationsWithLock(ds).then((names) => ((done = true), names));
      await new Promise((r) => setTimeout(r, 1_000));
      expect(done).toBe(false);
      await runner.query('SELECT pg_advisory_unlock($1, hashtext($2))', [MIGRATION_LOCK_KEY, mine]);
      expect(await again).toEqual([]);
    } finally {
      await runner.query('SELECT pg_advisory_unlock_all()');
      await runner.release();
      await holder.destroy();
      await dropSchema(ds);
    }
  });

  it(
    'enqueues outbox messages set-based: payloads byte for byte, in the given order, headers kept; ' +
      'an empty payload or one with a raw U+001E is refused',
    async () => {
      const schema = uniqueName('outbox');
      const ds = new DataSource(dataSourceOptions(testConfig(), { schema, migrations }));
      await ds.initialize();
      try {
        await runMigrationsWithLock(ds);
        const payloads = [
          '{"a":1}',
          JSON.stringify({ text: 'quote " backslash \\ newline \n tab \t ctrl \u001e é ✓ 🚸', nested: { list: [1, 2.5, null, true] } }),
          '  [1, 2 ,3]  ',
          JSON.stringify({ big: 'x'.repeat(100_000) }),
          ...Array.from({ length: 500 }, (_, i) => JSON.stringify({ i })),
        ];
        await ds.transaction((m) =>
          enqueueOutbox(
            m,
            payloads.map((payload, i) => ({
              topic: `t${i % 3}`,
              key: i % 2 ? null : `k${i}`,
              payload,
              headers: i === 1 ? { h: 'v' } : undefined,
            })),
          ),
        );
        const rows: { topic: string; message_key: string | null; payload: string; headers: Record<string, string> }[] = await ds.query(
          'SELECT topic, message_key, payload, headers FROM outbox ORDER BY id',
        );
        expect(rows.map((r) => r.payload)).toEqual(payloads);
        expect(rows.map((r) => r.topic)).toEqual(payloads.map((_, i) => `t${i % 3}`));
        expect(rows.map((r) => r.message_key)).toEqual(payloads.map((_, i) => (i % 2 ? null : `k${i}`)));
        expect(rows[1]!.headers).toEqual({ h: 'v' });
        expect(rows[0]!.headers).toEqual({});
        await expect(ds.transaction((m) => enqueueOutbox(m, [{ topic: 't', key: null, payload: '{"a":"\x1e"}' }]))).rejects.toThrow(
          /U\+001E/,
        );
        await expect(
          ds.transaction((m) =>
            enqueueOutbox(m, [
              { topic: 't', key: null, payload: '{}' },
              { topic: 't', key: null, payload: '' },
            ]),
          ),
        ).rejects.toThrow(/empty/);
        expect(Number((await ds.query('SELECT count(*) AS n FROM outbox'))[0].n)).toBe(payloads.length); // the refused ones wrote nothing
      } finally {
        await dropSchema(ds);
      }
    },
  );

  it('relays more rows for one partition than the broker takes in one record batch: bounded sends, all published in order', async () => {
    const schema = uniqueName('relay');
    const ds = new DataSource(dataSourceOptions(testConfig(), { schema, migrations }));
    const kafka = testKafka();
    const topic = uniqueName('test.relay');
    await createTopic(kafka, topic, 1);
    const producer = kafka.producer();
    const consumer = kafka.consumer({ groupId: uniqueName('g') });
    await ds.initialize();
    try {
      await runMigrationsWithLock(ds);
      await producer.connect();
      // 2 000 rows of 1.5 KB with one key: 3 MB for one partition, above the broker's message.max.bytes (2 MiB here)
      const payloads = Array.from({ length: 2000 }, (_, i) => JSON.stringify({ i, pad: 'x'.repeat(1500) }));
      await ds.transaction((m) =>
        enqueueOutbox(
          m,
          payloads.map((payload) => ({ topic, key: 'one-child', payload })),
        ),
      );
      expect(await new OutboxRelay(ds, producer).flush()).toBe(2000);
      expect(Number((await ds.query('SELECT count(*) AS n FROM outbox'))[0].n)).toBe(0);
      expect(await receivedIndexes(consumer, topic, payloads.length)).toEqual(payloads.map((_, i) => i));
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
      await deleteTopic(kafka, topic).catch(() => undefined);
      await dropSchema(ds);
    }
  });

  it('keeps each key in id order with several relays on one outbox (the services and instances of one schema)', async () => {
    const schema = uniqueName('relays');
    const ds = new DataSource(dataSourceOptions(testConfig(), { schema, migrations, poolSize: 12 }));
    const kafka = testKafka();
    const topic = uniqueName('test.relays');
    await createTopic(kafka, topic, 1);
    const producers = Array.from({ length: 4 }, () => kafka.producer());
    const consumer = kafka.consumer({ groupId: uniqueName('g') });
    await ds.initialize();
    try {
      await runMigrationsWithLock(ds);
      await Promise.all(producers.map((p) => p.connect()));
      const total = 3000;
      // written in 30 transactions, as a service's batches are, while four relays (batches of 25) flush side by side
      const relays = producers.map((p) => new OutboxRelay(ds, p, 25));
      let published = 0;
      for (let t = 0; t < 30; t++) {
        await ds.transaction((m) =>
          enqueueOutbox(
            m,
            Array.from({ length: total / 30 }, (_, j) => ({ topic, key: 'one-child', payload: JSON.stringify({ i: t * 100 + j }) })),
          ),
        );
        published += (await Promise.all(relays.map((r) => r.flush()))).reduce((a, b) => a + b, 0);
      }
      expect(published).toBe(total);
      expect(await receivedIndexes(consumer, topic, total)).toEqual(Array.from({ length: total }, (_, i) => i));
    } finally {
      await consumer.disconnect();
      await Promise.all(producers.map((p) => p.disconnect()));
      await deleteTopic(kafka, topic).catch(() => undefined);
      await dropSchema(ds);
    }
  });

  it(
    'relays a row that commits out of id order (never reads past an id an open transaction may still commit), ' +
      'and then reads from its position instead of walking the deleted rows',
    async () => {
      const schema = uniqueName('position');
      const ds = new DataSource(dataSourceOptions(testConfig(), { schema, migrations, poolSize: 6 }));
      const kafka = testKafka();
      const topic = uniqueName('test.position');
      await createTopic(kafka, topic, 1);
      const producer = kafka.producer();
      const consumer = kafka.consumer({ groupId: uniqueName('g') });
      await ds.initialize();
      const late = ds.createQueryRunner();
      const horizon = ds.createQueryRunner();
      try {
        await runMigrationsWithLock(ds);
        await producer.connect();
        const relay = new OutboxRelay(ds, producer, 50);
        const row = (i: number) => ({ topic, key: `k${i % 3}`, payload: JSON.stringify({ i }) });
        // the lowest id, taken by a transaction that stays open while later ones commit and are published
        await late.connect();
        await late.startTransaction();
        await enqueueOutbox(late.manager, [row(0)]);
        let published = 0;
        for (let t = 1; t <= 6; t++) {
          await ds.transaction((m) =>
            enqueueOutbox(
              m,
              Array.from({ length: 20 }, (_, j) => row(t * 100 + j)),
            ),
          );
          published += await relay.flush();
          expect(relay.readsFrom).toBe(0n); // id 1 may still commit
        }
        expect(published).toBe(120);
        await late.commitTransaction();
        await ds.transaction((m) => enqueueOutbox(m, [row(700)]));
        expect(await relay.flush()).toBe(2); // the late row (id 1) and the new one
        for (let t = 8; t <= 9; t++) {
          await ds.transaction((m) => enqueueOutbox(m, [row(t * 100)]));
          await relay.flush();
        }
        expect(relay.readsFrom).toBeGreaterThan(122n); // past everything published before
        const received = await receivedIndexes(consumer, topic, 124);
        expect([...received].sort((a, b) => a - b)).toEqual(
          [0, ...Array.from({ length: 6 }, (_, t) => Array.from({ length: 20 }, (_, j) => (t + 1) * 100 + j)).flat(), 700, 800, 900].sort(
            (a, b) => a - b,
          ),
        );

        // 3 000 rows published and deleted while an open snapshot keeps them from being dead to all (a batch transaction
        // of another service): the read from the relay's position does not visit them, a read from the low end does
        await horizon.connect();
        await horizon.startTransaction('REPEATABLE READ');
        await horizon.query('SELECT count(*) FROM outbox');
        for (let t = 0; t < 6; t++) {
          await ds.transaction((m) =>
            enqueueOutbox(
              m,
              Array.from({ length: 500 }, (_, j) => row(10_000 + t * 500 + j)),
            ),
          );
          await relay.flush();
        }
        await ds.transaction((m) => enqueueOutbox(m, [row(99_999)]));
        const buffers = async (from: bigint): Promise<number> => {
          const plan: { 'QUERY PLAN': [{ Plan: { 'Shared Hit Blocks': number; 'Shared Read Blocks': number } }] }[] = await ds.query(
            `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) SELECT id FROM outbox WHERE id >= $1 ORDER BY id LIMIT 50`,
            [from.toString()],
          );
          const top = plan[0]!['QUERY PLAN'][0].Plan;
          return top['Shared Hit Blocks'] + top['Shared Read Blocks'];
        };
        expect(relay.readsFrom).toBeGreaterThan(3000n);
        const fromPosition = await buffers(relay.readsFrom);
        const fromLowEnd = await buffers(0n);
        expect(fromPosition).toBeLessThan(10);
        expect(fromLowEnd).toBeGreaterThan(5 * fromPosition + 20);
        await horizon.rollbackTransaction();
        expect(await relay.flush()).toBe(1);
        expect(Number((await ds.query('SELECT count(*) AS n FROM outbox'))[0].n)).toBe(0);
      } finally {
        if (late.isTransactionActive) await late.rollbackTransaction();
        if (horizon.isTransactionActive) await horizon.rollbackTransaction();
        await late.release();
        await horizon.release();
        await consumer.disconnect();
        await producer.disconnect();
        await deleteTopic(kafka, topic).catch(() => undefined);
        await dropSchema(ds);
      }
    },
    120_000,
  );

  it('reads from the low end on an outbox whose ids do not allow a position (the schema before migration 1700000000700)', async () => {
    const schema = uniqueName('noposition');
    const ds = new DataSource(dataSourceOptions(testConfig(), { schema, migrations: [InitialSchema1700000000001] }));
    const kafka = testKafka();
    const topic = uniqueName('test.noposition');
    await createTopic(kafka, topic, 1);
    const producer = kafka.producer();
    await ds.initialize();
    try {
      await runMigrationsWithLock(ds);
      await producer.connect();
      const relay = new OutboxRelay(ds, producer, 10);
      for (let t = 0; t < 5; t++) {
        const rows = Array.from({ length: 5 }, (_, j) => ({ topic, key: null, payload: `{"i":${t * 5 + j}}` }));
        await ds.transaction((m) => enqueueOutbox(m, rows));
        expect(await relay.flush()).toBe(5);
      }
      expect(relay.readsFrom).toBe(0n);
    } finally {
      await producer.disconnect();
      await deleteTopic(kafka, topic).catch(() => undefined);
      await dropSchema(ds);
    }
  });

  it('runs a BullMQ job through Redis, and a job scheduler with a stable id is never duplicated', async () => {
    const connection = new IORedis(testConfig().redisUrl, { maxRetriesPerRequest: null });
    const name = uniqueName('q');
    const queue = new Queue(name, { connection });
    const workerConnection = connection.duplicate();
    const worker = new Worker(name, async (job) => ({ doubled: (job.data as { n: number }).n * 2 }), { connection: workerConnection });
    try {
      await worker.waitUntilReady();
      const job = await queue.add('double', { n: 21 });
      const finished = await waitFor(async () => {
        const state = await queue.getJob(job.id!);
        return state?.finishedOn ? state : undefined;
      }, 15_000);
      expect(finished.returnvalue).toEqual({ doubled: 42 });
      expect(await finished.getState()).toBe('completed');
      await queue.upsertJobScheduler('stable-id', { every: 60_000 }, { name: 'tick' });
      await queue.upsertJobScheduler('stable-id', { every: 60_000 }, { name: 'tick' });
      expect(await queue.getJobSchedulers()).toHaveLength(1);
    } finally {
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
      for (const c of [connection, workerConnection]) c.disconnect();
    }
  });
});
