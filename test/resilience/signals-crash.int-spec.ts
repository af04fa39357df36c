import type { DataSource } from 'typeorm';
import { TOPICS, createKafka } from '@trajectwacht/platform';
import type { AcceptedMessage } from '@trajectwacht/trajectory';
import { TrajectoryProjection } from '../../apps/trajectory/src/trajectory.projection';
import { SignalEngine, type TrajectoryEventMessage } from '../../apps/signals/src/signal.engine';
import { PgSignalStore } from '../../apps/signals/src/signal-store.repository';
import {
  collectTopics,
  createTopic,
  deleteTopic,
  dropSchema,
  freshDatabase,
  testConfig,
  testKafka,
  uniqueName,
  waitFor,
} from '../support/infra';
import { freePort, ServiceProcess } from '../support/processes';
import { syntheticAccepted } from '../support/synthetic';
import { decodeAlertEvent, decodeTrajectoryEvent } from '@trajectwacht/contracts';

/** Every date in a message moved `days` later (the same history, in the future). */
function shifted(messages: AcceptedMessage[], days: number): AcceptedMessage[] {
  const shift = (v: unknown): unknown => {
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}(T|$)/.test(v)) {
      const moved = new Date(Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v) + days * 86_400_000).toISOString();
      return v.length === 10 ? moved.slice(0, 10) : moved;
    }
    if (Array.isArray(v)) return v.map(shift);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shift(x)]));
    return v;
  };
  return messages.map((m) => shift(m) as AcceptedMessage);
}

/**
 * No two messages of a child are received in the same millisecond (a later one is moved a second on, mostly the same
 * day): real receipt times. The engine evaluates a child at each distinct event time, so wherever the chunk
 * boundaries fall — they differ between any two runs, and around a crash — the alerts are the same; only events of
 * one child with the very same time could be split between two evaluations.
 */
function distinctReceiptTimes(messages: AcceptedMessage[]): AcceptedMessage[] {
  const byChild = new Map<string, AcceptedMessage[]>();
  for (const m of messages) byChild.set(m.client.pseudonym, [...(byChild.get(m.client.pseudonym) ?? []), m]);
  const out: AcceptedMessage[] = [];
  for (const list of byChild.values()) {
    let last = 0;
    for (const m of [...list].sort((a, b) => (a.ontvangst.ontvangenOp < b.ontvangst.ontvangenOp ? -1 : 1))) {
      const at = Math.max(Date.parse(m.ontvangst.ontvangenOp), last + 1000);
      last = at;
      out.push({ ...m, ontvangst: { ...m.ontvangst, ontvangenOp: new Date(at).toISOString() } });
    }
  }
  return out;
}

/**
 * The trajectory events the trajectory service publishes for these messages (projected in chunks in time order),
 * ordered by their business time (stable: one trajectory's events keep their order).
 */
async function trajectoryEvents(messages: AcceptedMessage[], chunk: number): Promise<TrajectoryEventMessage[]> {
  const ds = await freshDatabase(uniqueName('sigcrashsrc'));
  try {
    const projection = new TrajectoryProjection(ds, { publishEvents: true });
    const ordered = [...messages].sort((a, b) =>
      a.ontvangst.ontvangenOp < b.ontvangst.ontvangenOp ? -1 : a.ontvangst.ontvangenOp > b.ontvangst.ontvangenOp ? 1 : 0,
    );
    for (let i = 0; i < ordered.length; i += chunk) await projection.apply(ordered.slice(i, i + chunk));
    const rows: { payload: string }[] = await ds.query(`SELECT payload FROM outbox WHERE topic = $1 ORDER BY id`, [
      TOPICS.trajectoryEvents,
    ]);
    const events = rows.map((r) => decodeTrajectoryEvent(r.payload));
    return events.sort((a, b) => (a.eventTime! < b.eventTime! ? -1 : a.eventTime! > b.eventTime! ? 1 : 0));
  } finally {
    await dropSchema(ds);
  }
}

const alertSet = async (ds: DataSource): Promise<string[]> =>
  (
    (await ds.query(
      `SELECT concat_ws('|', id, rule_id, status, severity, to_char(effective_at, 'YYYY-MM-DD'), facts::text, ` +
        `trajectory_ids::text) AS line FROM alert ORDER BY id`,
    )) as { line: string }[]
  ).map((r) => r.line);
const timerSet = async (ds: DataSource): Promise<string[]> =>
  (
    (await ds.query(`SELECT client_pseudonym || '|' || to_char(due_date, 'YYYY-MM-DD') AS line FROM signal_timer ORDER BY 1`)) as {
      line: string;
    }[]
  ).map((r) => r.line);
const count = async (ds: DataSource, sql: string): Promise<number> => Number((await ds.query(sql))[0].n);

/**
 * Crash of the signal service: the compiled service is killed with SIGKILL while it consumes trajectory.events.v1
 * (chunks of 200 records, each its own transaction and offset commit), then started again. The alert set and the
 * durable timers equal a clean run of the same events (the engine applied once, in big batches): no alert lost, none
 * duplicated, no timer lost. Every alert reached alerts.v1 (the outbox is at-least-once: republished duplicates after
 * the kill are counted and absorbed downstream by the stable ids).
 *
 * The synthetic history is moved into the future, so the service's BullMQ timer sweep (wall clock) finds no due timer
 * and the test is deterministic: timers fire only at later events of the same child (business time).
 */
describe('crash: SIGKILL the signal service in the middle of a batch', () => {
  it('keeps the alert set and the timers equal to a clean run after a kill -9 and a restart', async () => {
    const t0 = Date.now();
    const config = testConfig();
    const kafka = testKafka();
    const topic = uniqueName('test.sigcrash');
    await createTopic(kafka, topic, 6);
    const live = await freshDatabase(uniqueName('sigcrash'));
    const reference = await freshDatabase(uniqueName('sigcrashref'));
    const events = await trajectoryEvents(distinctReceiptTimes(shifted(syntheticAccepted(2500, 31), 12 * 365)), 400);
    const trajectories = new Set(events.map((e) => e.trajectoryId)).size;
    const schema = (live.options as { schema: string }).schema;
    const service = new ServiceProcess('signals', await freePort(), {
      ...process.env,
      DATABASE_SCHEMA: schema,
      SIGNAL_SOURCE_TOPIC: topic,
      SIGNAL_GROUP_ID: uniqueName('sigcrash'),
      SIGNAL_FROM_BEGINNING: 'true',
      SIGNAL_CHUNK_SIZE: '200',
      NOTIFY_GROUP_ID: uniqueName('sigcrashnotify'),
      NOTIFY_FROM_BEGINNING: 'false',
      BULLMQ_PREFIX: uniqueName('sigcrashbull'),
      LOG_LEVEL: 'error',
    });
    const alerts = await collectTopics(kafka, [TOPICS.alerts]);
    const applied = () => count(live, 'SELECT count(*) AS n FROM signal_trajectory');
    try {
      const producer = createKafka(config, 'sigcrash-test').producer();
      await producer.connect();
      for (let i = 0; i < events.length; i += 2000) {
        await producer.send({
          topic,
          acks: -1,
          messages: events.slice(i, i + 2000).map((e) => ({ key: e.clientPseudonym, value: JSON.stringify(e) })),
        });
      }
      await producer.disconnect();

      await service.start();
      const before = await waitFor(
        async () => {
          const n = await applied();
          return n > trajectories * 0.15 ? n : undefined;
        },
        90_000,
        20,
      );
      await service.stop('SIGKILL');
      const atKill = await applied();
      expect(atKill).toBeGreaterThanOrEqual(before);
      expect(atKill).toBeLessThan(trajectories); // killed mid-stream
      const alertsAtKill = await count(live, 'SELECT count(*) AS n FROM alert');
      const outboxAtKill = await count(live, 'SELECT count(*) AS n FROM outbox');

      await service.start();
      await waitFor(async () => (await applied()) === trajectories, 120_000, 200);

      const engine = new SignalEngine(new PgSignalStore(reference));
      for (let i = 0; i < events.length; i += 1000) await engine.processEvents(events.slice(i, i + 1000));
      const [expectedAlerts, expectedTimers] = [await alertSet(reference), await timerSet(reference)];
      expect(expectedAlerts.length).toBeGreaterThan(100);
      expect(new Set(expectedAlerts.map((l) => l.split('|')[1])).size).toBeGreaterThanOrEqual(3);
      expect(expectedTimers.length).toBeGreaterThan(100);

      await waitFor(async () => (await count(live, 'SELECT count(*) AS n FROM outbox')) === 0, 60_000, 200);
      const [liveAlerts, liveTimers] = [await alertSet(live), await timerSet(live)];
      expect(liveAlerts).toEqual(expectedAlerts);
      expect(liveTimers).toEqual(expectedTimers);

      // every alert reached alerts.v1 (raised once at least); duplicates only as republished outbox records
      const ids = new Set(expectedAlerts.map((l) => l.split('|')[0]!));
      const raised = () =>
        alerts.messages
          .filter((m) => m.value.includes('"AlertRaised"'))
          .map((m) => decodeAlertEvent(m.value).alert.id)
          .filter((id) => ids.has(id));
      await waitFor(async () => new Set(raised()).size === ids.size, 30_000, 200);
      const republished = raised().length - ids.size;
      console.log(
        `[signals crash] ${events.length} trajectory events (${trajectories} trajectories) on 6 partitions; SIGKILL after ` +
          `${atKill} trajectories applied ` +
          `(${alertsAtKill} alerts, ${outboxAtKill} unrelayed outbox rows at the kill); after the restart ${liveAlerts.length} ` +
          `alerts and ${liveTimers.length} timers, ` +
          `equal to the clean run; ${ids.size} alerts on alerts.v1, ${republished} republished duplicates; violations: 0; ` +
          `${((Date.now() - t0) / 1000).toFixed(1)} s`,
      );
    } finally {
      await service.stop('SIGTERM');
      await alerts.stop();
      await dropSchema(live);
      await dropSchema(reference);
      await deleteTopic(kafka, topic);
    }
  });
});
