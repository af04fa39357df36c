import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createKafka } from '@trajectwacht/platform';
import { TrajectoryProjection, trajectoryTableHash } from '../../apps/trajectory/src/trajectory.projection';
import { createTopic, deleteTopic, dropSchema, freshDatabase, testConfig, testKafka, uniqueName, waitFor } from '../support/infra';
import { syntheticAccepted } from '../support/synthetic';

const ROOT = join(__dirname, '..', '..');

/**
 * Crash: the compiled trajectory service is killed with SIGKILL in the middle of consuming, then started again. No
 * message is lost and nothing is applied twice: the state's content hash equals a clean projection of the same
 * messages, and every message is stored exactly once.
 */
describe('crash: SIGKILL in the middle of a batch', () => {
  it('loses nothing and duplicates nothing after a kill -9 and a restart', async () => {
    const config = testConfig();
    const kafka = testKafka();
    const topic = uniqueName('test.crash');
    await createTopic(kafka, topic, 6);
    const schema = uniqueName('crash');
    const live = await freshDatabase(schema);
    const reference = await freshDatabase(uniqueName('crashref'));
    const messages = syntheticAccepted(6000, 23);
    const env = {
      ...process.env,
      DATABASE_SCHEMA: schema,
      TRAJECTORY_SOURCE_TOPIC: topic,
      TRAJECTORY_GROUP_ID: uniqueName('crashgroup'),
      TRAJECTORY_FROM_BEGINNING: 'true',
      TRAJECTORY_CHUNK_SIZE: '300',
      TRAJECTORY_PORT: String(40_000 + Math.floor(Math.random() * 10_000)),
      LOG_LEVEL: 'error',
    };
    const start = (): ChildProcess =>
      spawn('node', ['-r', './tools/register-paths.js', 'dist/apps/trajectory/src/main.js'], { cwd: ROOT, env, stdio: 'ignore' });
    const stored = async () => Number((await live.query('SELECT count(*) AS n FROM trajectory_bericht'))[0].n);
    let service: ChildProcess | undefined;
    try {
      const producer = createKafka(config, 'crash-test').producer();
      await producer.connect();
      for (let i = 0; i < messages.length; i += 2000) {
        await producer.send({
          topic,
          acks: -1,
          messages: messages.slice(i, i + 2000).map((m) => ({ key: m.client.pseudonym, value: JSON.stringify(m) })),
        });
      }
      await producer.disconnect();

      service = start();
      const before = await waitFor(
        async () => {
          const n = await stored();
          return n > 1000 && n < messages.length ? n : undefined;
        },
        90_000,
        20,
      );
      service.kill('SIGKILL');
      await new Promise((r) => service!.once('exit', r));
      const atKill = await stored();
      expect(atKill).toBeGreaterThanOrEqual(before);
      expect(atKill).toBeLessThan(messages.length); // killed mid-stream

      service = start();
      await waitFor(async () => (await stored()) === messages.length, 120_000, 200);
      await new TrajectoryProjection(reference, { publishEvents: false }).apply(messages);
      const expected = await trajectoryTableHash(reference);
      await waitFor(async () => (await trajectoryTableHash(live)).hash === expected.hash, 60_000, 200);
      expect((await trajectoryTableHash(live)).trajectories).toBe(expected.trajectories);
    } finally {
      if (service && service.exitCode === null) {
        service.kill('SIGTERM');
        await new Promise((r) => service!.once('exit', r));
      }
      await dropSchema(live);
      await dropSchema(reference);
      await deleteTopic(kafka, topic);
    }
  });
});
