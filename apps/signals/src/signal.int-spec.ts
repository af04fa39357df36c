import type { DataSource } from 'typeorm';
import type { AcceptedMessage } from '@trajectwacht/trajectory';
import { decodeTrajectoryEvent } from '@trajectwacht/contracts';
import { TOPICS } from '@trajectwacht/platform';
import { dropSchema, freshDatabase, uniqueName } from '../../../test/support/infra';
import { syntheticAccepted } from '../../../test/support/synthetic';
import { buildJw301, buildJw305 } from '@trajectwacht/trajectory/testing';
import { TrajectoryProjection } from '../../trajectory/src/trajectory.projection';
import { SignalEngine, type TrajectoryEventMessage } from './signal.engine';
import { PgSignalStore } from './signal-store.repository';
import { ALERT_JSON } from './alert.repository';

/** The trajectory events a live system would have produced for these messages, in arrival order. */
async function liveEvents(messages: AcceptedMessage[]): Promise<TrajectoryEventMessage[]> {
  const ds = await freshDatabase(uniqueName('evsrc'));
  try {
    const projection = new TrajectoryProjection(ds, { publishEvents: true });
    const ordered = [...messages].sort((a, b) =>
      a.ontvangst.ontvangenOp < b.ontvangst.ontvangenOp ? -1 : a.ontvangst.ontvangenOp > b.ontvangst.ontvangenOp ? 1 : 0,
    );
    for (const m of ordered) await projection.apply([m]);
    const rows: { payload: string }[] = await ds.query(`SELECT payload FROM outbox WHERE topic = $1 ORDER BY id`, [
      TOPICS.trajectoryEvents,
    ]);
    return rows.map((r) => decodeTrajectoryEvent(r.payload));
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
      const liveEngine = new SignalEngine(new PgSignalStore(live));
      for (const e of events) {
        await drainTimers(liveEngine, new Date(e.eventTime!)); // the BullMQ sweep running while time passes
        await liveEngine.processEvents([e]);
      }
      await drainTimers(liveEngine, end);

      const replayEngine = new SignalEngine(new PgSignalStore(replay));
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

describe('signal engine: the alerts do not depend on how the events are chunked', () => {
  it("gives the same alerts whether a child's events of one day come in one batch or split over several", async () => {
    // Per child: a toewijzing received 40 days after its ingangsdatum (WACHTTIJD_GEEN_START holds at once), and on the
    // same day, two hours later, the start that ends that situation.
    const messages = Array.from({ length: 12 }, (_, i) => {
      const child = { pseudonym: (0xabc000 + i).toString(16).padStart(32, '0') };
      const nummer = String(7000 + i);
      return [
        buildJw301({
          toewijzingNummer: nummer,
          ingangsdatum: '2025-02-01',
          einddatum: '2025-12-31',
          client: child,
          ontvangst: { ontvangenOp: `2025-03-13T09:00:0${i % 10}.000Z` },
        }),
        buildJw305({
          toewijzingNummer: nummer,
          begindatum: '2025-03-13',
          client: child,
          ontvangst: { ontvangenOp: `2025-03-13T11:00:0${i % 10}.000Z` },
        }),
      ];
    }).flat();
    const events = await liveEvents(messages);
    const sets: string[][] = [];
    for (const size of [events.length, 1, 3, 5]) {
      const ds = await freshDatabase(uniqueName('chunks'));
      try {
        const engine = new SignalEngine(new PgSignalStore(ds));
        for (let i = 0; i < events.length; i += size) await engine.processEvents(events.slice(i, i + size));
        sets.push(await alertSet(ds));
      } finally {
        await dropSchema(ds);
      }
    }
    expect(sets[0]!.some((line) => line.includes('WACHTTIJD_GEEN_START'))).toBe(true); // raised, then resolved by the start
    for (const set of sets.slice(1)) expect(set).toEqual(sets[0]);
  });
});

/** Every alert row whole, and the alerts.v1 records of each alert in the order published (Kafka orders per key). */
async function everything(ds: DataSource): Promise<{ alerts: string[]; records: Record<string, string[]> }> {
  const alerts: { row: string }[] = await ds.query(`SELECT ${ALERT_JSON}::text AS row FROM alert ORDER BY id`);
  const outbox: { message_key: string; payload: string }[] = await ds.query(
    `SELECT message_key, payload FROM outbox WHERE topic = $1 ORDER BY id`,
    [TOPICS.alerts],
  );
  const records: Record<string, string[]> = {};
  for (const o of outbox) (records[o.message_key] ??= []).push(o.payload);
  return { alerts: alerts.map((a) => a.row), records };
}

describe('signal engine: set-based batches (issue 16.2)', () => {
  it('batches of any size and one event at a time give the same alert rows and alerts.v1 records, also on stored state', async () => {
    const events = await liveEvents(syntheticAccepted(120, 11));
    expect(events.length).toBeGreaterThan(200);
    const wallClock = () => new Date('2026-01-05T10:00:00Z');
    const results: { alerts: string[]; records: Record<string, string[]> }[] = [];
    for (const size of [1, 7, 250, events.length]) {
      const ds = await freshDatabase(uniqueName('setb'));
      try {
        const engine = new SignalEngine(new PgSignalStore(ds), { wallClock });
        // the second half on state stored by the first (each batch reads it back), redelivered in part
        const half = Math.floor(events.length / 2);
        for (let i = 0; i < half; i += size) await engine.processEvents(events.slice(i, Math.min(i + size, half)));
        for (let i = half; i < events.length; i += size) await engine.processEvents(events.slice(i, i + size));
        await engine.processEvents(events.slice(0, 40));
        await drainTimers(engine, new Date('2025-10-01T12:00:00Z'));
        results.push(await everything(ds));
      } finally {
        await dropSchema(ds);
      }
    }
    const [first, ...rest] = results;
    expect(first!.alerts.length).toBeGreaterThan(20);
    expect(Object.values(first!.records).flat().length).toBeGreaterThan(first!.alerts.length);
    for (const r of rest) expect(r).toEqual(first);
  });
});

describe('signal engine: durable timers and escalation', () => {
  const assigned = () =>
    liveEvents([
      buildJw301({
        toewijzingNummer: '4242',
        ingangsdatum: '2025-01-06',
        einddatum: '2025-12-31',
        client: { pseudonym: 'c0ffee00c0ffee00c0ffee00c0ffee00' },
        ontvangst: { ontvangenOp: '2025-01-06T09:00:00.000Z' },
      }),
    ]);
  const count = async (ds: DataSource, sql: string) => Number((await ds.query(sql))[0].n);

  it('never goes back to an older state of a trajectory, also when a republished older event carries the same eventTime', async () => {
    const events = await liveEvents(syntheticAccepted(40, 9));
    // a trajectory with two successive states (e.g. assigned, then started), both stamped with the same business time
    const byTrajectory = new Map<string, TrajectoryEventMessage[]>();
    for (const e of events) byTrajectory.set(e.trajectoryId, [...(byTrajectory.get(e.trajectoryId) ?? []), e]);
    const pair = [...byTrajectory.values()]
      .map((list) => list.filter((e, i) => i === 0 || e.trajectory.berichtIds.length > list[0]!.trajectory.berichtIds.length))
      .find((list) => list.length >= 2)!;
    const sameTime = pair[pair.length - 1]!.eventTime!;
    const older = { ...pair[0]!, eventTime: sameTime };
    const newer = { ...pair[pair.length - 1]!, eventTime: sameTime };
    expect(newer.trajectory.berichtIds.length).toBeGreaterThan(older.trajectory.berichtIds.length);
    for (const batches of [[[newer], [older]], [[newer, older]], [[older, newer, older]]]) {
      const ds = await freshDatabase(uniqueName('stale'));
      try {
        const engine = new SignalEngine(new PgSignalStore(ds));
        for (const batch of batches) await engine.processEvents(batch);
        const [row] = await ds.query(`SELECT state FROM signal_trajectory WHERE id = $1`, [newer.trajectoryId]);
        expect(row.state.berichtIds).toEqual(newer.trajectory.berichtIds);
      } finally {
        await dropSchema(ds);
      }
    }
  });

  it('keeps the timer in PostgreSQL across a restart and fires it exactly once', async () => {
    const events = await assigned();
    const ds = await freshDatabase(uniqueName('timer'));
    try {
      await new SignalEngine(new PgSignalStore(ds)).processEvents(events);
      // ingangsdatum + 28 days
      expect(await ds.query(`SELECT to_char(due_date, 'YYYY-MM-DD') AS due FROM signal_timer`)).toEqual([{ due: '2025-02-03' }]);
      expect(await count(ds, 'SELECT count(*) AS n FROM alert')).toBe(0);

      // "restart": a new engine (new process) on the same database; the day before the norm nothing fires
      const restarted = new SignalEngine(new PgSignalStore(ds));
      expect(await restarted.fireDueTimers(new Date('2025-02-02T12:00:00Z'))).toBe(0);
      expect(await restarted.fireDueTimers(new Date('2025-02-03T12:00:00Z'))).toBe(1);
      expect(await restarted.fireDueTimers(new Date('2025-02-03T12:00:00Z'))).toBe(0); // never twice
      expect(await new SignalEngine(new PgSignalStore(ds)).fireDueTimers(new Date('2025-02-04T12:00:00Z'))).toBe(0);
      expect(await ds.query(`SELECT rule_id, status, to_char(effective_at, 'YYYY-MM-DD') AS effective FROM alert`)).toEqual([
        { rule_id: 'WACHTTIJD_GEEN_START', status: 'open', effective: '2025-02-03' },
      ]);
      expect(await count(ds, `SELECT count(*) AS n FROM outbox WHERE payload LIKE '%"AlertRaised"%'`)).toBe(1);
      // the next timer: the severity step at twice the norm
      expect(await ds.query(`SELECT to_char(due_date, 'YYYY-MM-DD') AS due FROM signal_timer`)).toEqual([{ due: '2025-03-03' }]);
    } finally {
      await dropSchema(ds);
    }
  });

  it('lock order: a timer sweep never waits for a child an event batch holds, so the two cannot deadlock over its timer row', async () => {
    const events = await assigned();
    const child = events[0]!.clientPseudonym;
    const ds = await freshDatabase(uniqueName('lockorder'));
    const batch = ds.createQueryRunner();
    try {
      const engine = new SignalEngine(new PgSignalStore(ds));
      await engine.processEvents(events); // the timer is due on 2025-02-03
      // An event batch of this child in flight on another connection: it holds the child's lock (as processEvents
      // does first), and will write the child's timer row. Before, the sweep locked the due timer rows (FOR UPDATE)
      // and then waited for the child's lock: PostgreSQL answered one of the two with "deadlock detected".
      await batch.connect();
      await batch.startTransaction();
      await batch.query(`SELECT pg_advisory_xact_lock(727307, hashtext($1))`, [child]);
      const sweep = engine.fireDueTimers(new Date('2025-02-03T12:00:00Z'));
      await new Promise((r) => setTimeout(r, 300)); // the sweep has read the due timers by now
      await batch.query(
        `INSERT INTO signal_timer (client_pseudonym, due_date, due_at) VALUES ($1, '2025-02-03', '2025-02-02T23:00:00Z')
         ON CONFLICT (client_pseudonym) DO UPDATE SET due_date = excluded.due_date, due_at = excluded.due_at`,
        [child],
      );
      await batch.commitTransaction();
      expect(await sweep).toBe(0); // the child was busy: skipped, not waited for
      expect(await count(ds, 'SELECT count(*) AS n FROM alert')).toBe(0);
      expect(await engine.fireDueTimers(new Date('2025-02-03T12:00:00Z'))).toBe(1); // the next sweep fires it
      expect(await count(ds, `SELECT count(*) AS n FROM alert WHERE rule_id = 'WACHTTIJD_GEEN_START'`)).toBe(1);
    } finally {
      if (batch.isTransactionActive) await batch.rollbackTransaction();
      await batch.release();
      await dropSchema(ds);
    }
  });

  it('escalates an alert nobody acknowledged within the configured time, once per period', async () => {
    const events = await assigned();
    const ds = await freshDatabase(uniqueName('esc'));
    try {
      const detected = new Date('2025-02-03T12:00:00Z');
      await new SignalEngine(new PgSignalStore(ds), { wallClock: () => detected }).processEvents(events);
      await new SignalEngine(new PgSignalStore(ds), { wallClock: () => detected }).fireDueTimers(detected);
      expect(
        await new SignalEngine(new PgSignalStore(ds), { wallClock: () => new Date(detected.getTime() + 100 * 3600_000) }).escalateOverdue(),
      ).toBe(0); // midden: 168 h
      const later = new SignalEngine(new PgSignalStore(ds), { wallClock: () => new Date(detected.getTime() + 170 * 3600_000) });
      expect(await later.escalateOverdue()).toBe(1);
      expect(await later.escalateOverdue()).toBe(0);
      expect(await ds.query(`SELECT severity, status, (lifecycle->>'escalationLevel')::int AS level FROM alert`)).toEqual([
        { severity: 'hoog', status: 'open', level: 1 },
      ]);
      expect(await count(ds, `SELECT count(*) AS n FROM outbox WHERE payload LIKE '%"AlertEscalated"%'`)).toBe(1);
    } finally {
      await dropSchema(ds);
    }
  });
});
