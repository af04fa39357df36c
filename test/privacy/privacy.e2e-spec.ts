import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { addDays, dutchDate } from '@trajectwacht/ijw';
import { DATA_SOURCE, TOPICS, issueToken } from '@trajectwacht/platform';
import { createIngestApp } from '../../apps/ingest/src/app';
import { IngestConsumer } from '../../apps/ingest/src/ingest.consumer';
import { createSignalsApp } from '../../apps/signals/src/app';
import { SignalConsumer } from '../../apps/signals/src/signal.consumer';
import { createTrajectoryApp } from '../../apps/trajectory/src/app';
import { TrajectoryConsumer } from '../../apps/trajectory/src/trajectory.consumer';
import { testBsn } from '../support/bsn';
import { dropSchema, freshDatabase, isolateServices, testConfig, testKafka, uniqueName, waitFor } from '../support/infra';

/**
 * Privacy scan: after real traffic through ingest → trajectory → signals (accepted and rejected messages, alerts),
 * no BSN of the test data appears on any internal topic, in any table, in any log line, or in any alert.
 */
describe('privacy: no BSN outside ijw.berichten.v1', () => {
  it('finds none of the published BSNs on internal topics, in the database or in the logs', async () => {
    const config = testConfig();
    const schema = uniqueName('privacy');
    const restoreEnv = isolateServices({ LOG_LEVEL: 'debug' });
    const logged: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    const writeErr = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((chunk: string | Uint8Array) => (logged.push(String(chunk)), true)) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string | Uint8Array) => (logged.push(String(chunk)), true)) as typeof process.stderr.write;
    const apps: INestApplication[] = [];
    const kafka = testKafka();
    const producer = kafka.producer();
    const run = uniqueName('p').replace(/_/g, '');
    const bsns = Array.from({ length: 12 }, (_, i) => testBsn(80_000_000 + Math.floor(Math.random() * 1e6) + i * 1000));
    try {
      for (const create of [createIngestApp, createTrajectoryApp, createSignalsApp]) {
        const app = await create({ config, schema });
        await app.init();
        apps.push(app);
      }
      await Promise.all([apps[0]!.get(IngestConsumer).consumer!.joined, apps[1]!.get(TrajectoryConsumer).consumer!.joined, apps[2]!.get(SignalConsumer).consumer!.joined]);
      await producer.connect();
      const today = dutchDate(new Date());
      const gemeente = `Bearer ${issueToken({ role: 'toegang', gemeente: '0034', sub: 't' }, config.authSecret)}`;
      const messages = bsns.flatMap((bsn, i) => {
        const common = { gemeente: '0034', aanbieder: '12345678', client: { bsn, geboortedatum: '2010-02-02' }, toewijzingNummer: String(70_000_000 + i), product: { categorie: '45', code: '45A01' } };
        return [
          // accepted, and old enough to raise WACHTTIJD_GEEN_START
          { value: JSON.stringify({ ...common, berichtcode: 'JW301', berichtId: `${run}-${i}`, ingangsdatum: addDays(today, -40) }), headers: { authorization: gemeente } },
          // rejected (the BSN appears in a rejected message: the retour must not quote it)
          { value: JSON.stringify({ ...common, berichtcode: 'JW301', berichtId: `${run}-bad-${i}`, ingangsdatum: 'gisteren' }), headers: { authorization: gemeente } },
          // malformed JSON that contains the BSN
          { value: `{"client":{"bsn":"${bsn}"`, headers: { authorization: gemeente } },
        ];
      });
      await producer.send({ topic: TOPICS.berichten, acks: -1, messages });
      const ds = apps[0]!.get<DataSource>(DATA_SOURCE);
      await waitFor(async () => Number((await ds.query(`SELECT count(*) AS n FROM alert WHERE rule_id = 'WACHTTIJD_GEEN_START'`))[0].n) >= bsns.length, 60_000);

      // every table of the schema, as text
      const tables: { table_name: string }[] = await ds.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1`, [schema]);
      let dbText = '';
      for (const { table_name } of tables) {
        const rows: { t: string }[] = await ds.query(`SELECT row_to_json(x)::text AS t FROM "${table_name}" x`);
        dbText += rows.map((r) => r.t).join('\n');
      }
      // every internal topic, from the beginning
      const internal = [TOPICS.geaccepteerd, TOPICS.retour, TOPICS.trajectoryEvents, TOPICS.alerts, TOPICS.deadLetter];
      const admin = kafka.admin();
      await admin.connect();
      const ends = new Map<string, number>();
      for (const topic of internal) for (const o of await admin.fetchTopicOffsets(topic)) ends.set(`${topic}:${o.partition}`, Number(o.high));
      await admin.disconnect();
      const pending = new Set([...ends.entries()].filter(([, high]) => high > 0).map(([k]) => k));
      let topicText = '';
      let records = 0;
      const consumer = kafka.consumer({ groupId: uniqueName('scan'), maxWaitTimeInMs: 50 });
      await consumer.connect();
      await consumer.subscribe({ topics: internal, fromBeginning: true });
      const done = new Promise<void>((resolve) => {
        if (pending.size === 0) resolve();
        void consumer.run({
          eachMessage: async ({ topic, partition, message }) => {
            records++;
            topicText += `${message.key?.toString() ?? ''} ${message.value?.toString() ?? ''} ${JSON.stringify(message.headers ?? {})}\n`;
            if (Number(message.offset) + 1 >= (ends.get(`${topic}:${partition}`) ?? 0)) pending.delete(`${topic}:${partition}`);
            if (pending.size === 0) resolve();
          },
        });
      });
      await done;
      await consumer.disconnect();

      const logText = logged.join('');
      const found = bsns.filter((bsn) => dbText.includes(bsn) || topicText.includes(bsn) || logText.includes(bsn));
      expect(records).toBeGreaterThan(bsns.length * 2);
      expect(dbText.length).toBeGreaterThan(1000);
      expect(found).toEqual([]);
    } finally {
      process.stdout.write = write;
      process.stderr.write = writeErr;
      await producer.disconnect().catch(() => undefined);
      for (const app of apps.reverse()) await app.close();
      restoreEnv();
      await dropSchema(await freshDatabase(schema));
    }
  });
});
