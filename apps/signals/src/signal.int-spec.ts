import type { DataSource } from 'typeorm';
import type { AcceptedMessage } from '@trajectwacht/trajectory';
import { TOPICS } from '@trajectwacht/platform';
import { dropSchema, freshDatabase, uniqueName } from '../../../test/support/infra';
import { syntheticAccepted } from '../../../test/support/synthetic';
import { TrajectoryProjection } from '../../trajectory/src/trajectory.projection';
import { SignalEngine, type TrajectoryEventMessage } from './signal.engine';

/** The trajectory events a live system would have produced for these messages, in arrival order. */
async function liveEvents(messages: AcceptedMessage[]): Promise<TrajectoryEventMessage[]> {
  const ds = await freshDatabase(uniqueName('evsrc'));
  try {
    const projection = new TrajectoryProjection(ds, { publishEvents: true });
    const ordered = [...messages].sort((a, b) => (a.ontvangst.ontvangenOp < b.ontvangst.ontvangenOp ? -1 : a.ontvangst.ontvangenOp > b.ontvangst.ontvangenOp ? 1 : 0));
    for (const m of ordered) await projection.apply([m]);
    const rows: { payload: string }[] = await ds.query(`SELECT payload FROM outbox WHERE topic = $1 ORDER BY id`, [TOPICS.trajectoryEvents]);
    return rows.map((r) => JSON.parse(r.payload) as TrajectoryEventMessage);
  } finally {
    await dropSchema(ds);
  }
}

async function drainTimers(engine: SignalEngine, upTo: Date): Promise<void> {
  while ((await engine.fireDueTimers(upTo)) > 0);
}

async function alertSet(ds: DataSource): Promise<string[]> {
  const rows: { line: string }[] = await ds.query(
    `SELECT concat_ws('|', id, rule_id, status, severity, to_char(effective_at, 'YYYY-MM-DD'), facts::text) AS line FROM alert ORDER BY id`,
  );
  return rows.map((r) => r.line);
}

describe('signal engine: historical replay gives the same alerts as live processing', () => {
  it('live (event by event, timers fired by the sweep as time passes) equals a replay (big batches, then the timers)', async () => {
    const events = await liveEvents(syntheticAccepted(150, 5));
    expect(events.length).toBeGreaterThan(300);
    const end = new Date('2025-09-01T12:00:00Z');
    const live = await freshDatabase(uniqueName('live'));
    const replay = await freshDatabase(uniqueName('replay'));
    try {
      const liveEngine = new SignalEngine(live);
      for (const e of events) {
        await drainTimers(liveEngine, new Date(e.eventTime!)); // the BullMQ sweep running while time passes
        await liveEngine.processEvents([e]);
      }
      await drainTimers(liveEngine, end);

      const replayEngine = new SignalEngine(replay);
      for (let i = 0; i < events.length; i += 300) await replayEngine.processEvents(events.slice(i, i + 300));
      await drainTimers(replayEngine, end);

      const [a, b] = await Promise.all([alertSet(live), alertSet(replay)]);
      expect(a.length).toBeGreaterThan(20);
      expect(new Set(a.map((l) => l.split('|')[1])).size).toBeGreaterThanOrEqual(4); // several rules fired
      expect(a.some((l) => l.split('|')[2] === 'resolved')).toBe(true); // and situations ended by themselves
      expect(b).toEqual(a);

      // redelivery of every event changes nothing
      await replayEngine.processEvents(events);
      expect(await alertSet(replay)).toEqual(a);
    } finally {
      await dropSchema(live);
      await dropSchema(replay);
    }
  });
});
