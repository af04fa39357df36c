import { decodeAlertEvent, type AlertEvent } from '@trajectwacht/contracts';
import { dutchDate } from '@trajectwacht/ijw';
import { TOPICS, type OutboxMessage } from '@trajectwacht/platform';
import {
  DEFAULT_INTENSITY_MAPPING,
  deriveTrajectory,
  diffTrajectory,
  trajectoryId,
  type AcceptedMessage,
  type TrajectoryState,
} from '@trajectwacht/trajectory';
import { buildJw301, buildJw305 } from '@trajectwacht/trajectory/testing';
import { syntheticAccepted } from '../../../test/support/synthetic';
import type { AlertRepository, AlertRow } from './alert.repository';
import { AlertTransitionError, SignalEngine, alertIdOf, factsInStoredOrder, type TrajectoryEventMessage } from './signal.engine';
import type { SignalStore, SignalTransaction } from './signal-store.repository';
import type { SignalTimerRepository, SignalTimerRow } from './signal-timer.repository';
import type { SignalTrajectoryRepository, SignalTrajectoryRow } from './signal-trajectory.repository';

/**
 * The signal engine's orchestration without PostgreSQL: an in-memory SignalStore with the semantics of the real
 * repositories (one transaction commits everything or nothing; alerts upserted by dedup key, changing only what the
 * SQL's ON CONFLICT changes; a timer is due when its day has begun in Europe/Amsterdam; a child lock another
 * transaction holds makes tryLockChildren skip it). The real repositories are covered by signal.int-spec.ts,
 * signals.e2e-spec.ts and alert-inbox.int-spec.ts.
 */
interface Tables {
  trajectories: Map<string, SignalTrajectoryRow>;
  alerts: Map<string, AlertRow>;
  timers: Map<string, SignalTimerRow>;
  outbox: OutboxMessage[];
}

const clone = (t: Tables): Tables => structuredClone(t);
/** What ON CONFLICT (dedup_key) DO UPDATE changes on an existing alert. */
const UPDATED: (keyof AlertRow)[] = ['severity', 'status', 'trajectoryIds', 'title', 'facts', 'lifecycle'];

class InMemorySignalStore implements SignalStore {
  tables: Tables = { trajectories: new Map(), alerts: new Map(), timers: new Map(), outbox: [] };
  /** Child locks held by "another instance" (tryLockChildren skips them). */
  readonly heldElsewhere = new Set<string>();
  /** Every operation in order, for the assertions on the order of locks and reads. */
  readonly log: string[] = [];
  /** Makes the next outbox write fail (to see that the transaction leaves nothing behind). */
  failOutbox = false;

  async transaction<T>(work: (tx: SignalTransaction) => Promise<T>): Promise<T> {
    const t = clone(this.tables);
    const log = this.log;
    const trajectories: SignalTrajectoryRepository = {
      async forChildren(pseudonyms) {
        log.push(`read trajectories ${pseudonyms.join(',')}`);
        return [...t.trajectories.values()].filter((r) => pseudonyms.includes(r.clientPseudonym)).map((r) => structuredClone(r));
      },
      async upsert(rows) {
        for (const r of rows) {
          const existing = t.trajectories.get(r.id);
          t.trajectories.set(r.id, { ...structuredClone(r), firstSeen: existing?.firstSeen ?? r.firstSeen });
        }
      },
    };
    const alerts: AlertRepository = {
      async forChildren(pseudonyms) {
        log.push(`read alerts ${pseudonyms.join(',')}`);
        return [...t.alerts.values()].filter((a) => pseudonyms.includes(a.clientPseudonym)).map((a) => structuredClone(a));
      },
      async findById(id) {
        const a = [...t.alerts.values()].find((x) => x.id === id);
        return a ? structuredClone(a) : null;
      },
      async lockById(id) {
        log.push(`lock alert ${id}`);
        const a = [...t.alerts.values()].find((x) => x.id === id);
        return a ? structuredClone(a) : null;
      },
      async lockOpen(limit) {
        return [...t.alerts.values()]
          .filter((a) => a.status === 'open')
          .sort((a, b) => (a.detectedAt < b.detectedAt ? -1 : 1))
          .slice(0, limit)
          .map((a) => structuredClone(a));
      },
      async upsert(rows) {
        for (const r of rows) {
          const existing = t.alerts.get(r.dedupKey);
          if (!existing) t.alerts.set(r.dedupKey, structuredClone(r));
          else t.alerts.set(r.dedupKey, { ...existing, ...Object.fromEntries(UPDATED.map((k) => [k, structuredClone(r[k])])) });
        }
      },
    };
    const timers: SignalTimerRepository = {
      async due(upTo, limit) {
        // due_at (the start of the due day in Europe/Amsterdam) <= upTo  ⟺  due day <= the Dutch date of upTo
        return [...t.timers.values()]
          .filter((x) => x.due <= dutchDate(upTo))
          .sort((a, b) => (a.due < b.due ? -1 : 1))
          .slice(0, limit)
          .map((x) => x.clientPseudonym);
      },
      async forChildren(pseudonyms) {
        log.push(`read timers ${pseudonyms.join(',')}`);
        return [...t.timers.values()].filter((x) => pseudonyms.includes(x.clientPseudonym)).map((x) => ({ ...x }));
      },
      async set(rows) {
        for (const r of rows) t.timers.set(r.clientPseudonym, { ...r });
      },
      async clear(pseudonyms) {
        for (const p of pseudonyms) t.timers.delete(p);
      },
    };
    const tx: SignalTransaction = {
      lockChildren: async (sorted) => {
        log.push(`lock ${sorted.join(',')}`);
      },
      tryLockChildren: async (pseudonyms) => {
        const free = pseudonyms.filter((p) => !this.heldElsewhere.has(p));
        log.push(`try-lock ${free.join(',')}`);
        return free;
      },
      trajectories,
      alerts,
      timers,
      enqueue: async (messages) => {
        if (this.failOutbox && messages.length > 0) throw new Error('outbox unavailable');
        t.outbox.push(...messages);
      },
    };
    const result = await work(tx);
    this.tables = t; // commit
    return result;
  }

  get alertList(): AlertRow[] {
    return [...this.tables.alerts.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  /** The alerts.v1 records written to the outbox, decoded. */
  get events(): AlertEvent[] {
    return this.tables.outbox.map((m) => {
      expect(m.topic).toBe(TOPICS.alerts);
      const payload = decodeAlertEvent(m.payload); // what the consumers of alerts.v1 read
      expect(m.key).toBe(payload.alert.id);
      return payload;
    });
  }
}

/** The trajectory events the trajectory service would publish for these messages, in arrival order (its pure core). */
function eventsOf(messages: AcceptedMessage[]): TrajectoryEventMessage[] {
  const byTrajectory = new Map<string, AcceptedMessage[]>();
  const states = new Map<string, TrajectoryState>();
  const out: TrajectoryEventMessage[] = [];
  for (const m of [...messages].sort((a, b) =>
    a.ontvangst.ontvangenOp < b.ontvangst.ontvangenOp ? -1 : a.ontvangst.ontvangenOp > b.ontvangst.ontvangenOp ? 1 : 0,
  )) {
    const id = trajectoryId(m.gemeente, m.toewijzingNummer);
    const list = [...(byTrajectory.get(id) ?? []), m];
    byTrajectory.set(id, list);
    const state = deriveTrajectory(list, DEFAULT_INTENSITY_MAPPING);
    if (!state) continue;
    const before = states.get(id) ?? null;
    states.set(id, state);
    const eventTime = list.reduce((max, x) => (x.ontvangst.ontvangenOp > max ? x.ontvangst.ontvangenOp : max), '');
    for (const e of diffTrajectory(before, state)) out.push({ ...e, occurredAt: eventTime, eventTime, trajectory: state });
  }
  return out;
}

const CHILD = { pseudonym: 'c0ffee00c0ffee00c0ffee00c0ffee00' };
const toewijzing = () =>
  buildJw301({
    toewijzingNummer: '4242',
    ingangsdatum: '2025-01-06',
    einddatum: '2025-12-31',
    client: CHILD,
    ontvangst: { ontvangenOp: '2025-01-06T09:00:00.000Z' },
  });
const start = (begindatum: string, at: string) =>
  buildJw305({ toewijzingNummer: '4242', begindatum, client: CHILD, ontvangst: { ontvangenOp: at } });
const noon = (day: string) => new Date(`${day}T12:00:00Z`);

async function drain(engine: SignalEngine, upTo: Date): Promise<void> {
  while ((await engine.fireDueTimers(upTo)) > 0);
}

describe('SignalEngine on an in-memory SignalStore', () => {
  it('keeps one durable timer per child and raises the alert when it is due, once, with an AlertRaised record in the outbox', async () => {
    const store = new InMemorySignalStore();
    const engine = new SignalEngine(store, { wallClock: () => noon('2025-02-03') });
    expect(await engine.processEvents(eventsOf([toewijzing()]))).toBe(0);
    expect([...store.tables.timers.values()]).toEqual([{ clientPseudonym: CHILD.pseudonym, due: '2025-02-03' }]); // ingangsdatum + 28 days
    expect(store.tables.trajectories.get('0034-4242')).toMatchObject({ clientPseudonym: CHILD.pseudonym, firstSeen: '2025-01-06' });

    expect(await engine.fireDueTimers(noon('2025-02-02'))).toBe(0);
    expect(await engine.fireDueTimers(new Date('2025-02-02T22:59:59Z'))).toBe(0); // still 2 February in Amsterdam
    expect(await engine.fireDueTimers(new Date('2025-02-02T23:00:00Z'))).toBe(1); // 3 February has begun
    expect(await engine.fireDueTimers(noon('2025-02-03'))).toBe(0); // never twice
    const [alert] = store.alertList;
    expect(store.alertList).toHaveLength(1);
    expect(alert).toMatchObject({
      ruleId: 'WACHTTIJD_GEEN_START',
      status: 'open',
      effectiveAt: '2025-02-03',
      clientPseudonym: CHILD.pseudonym,
      detectedAt: '2025-02-03T12:00:00.000Z',
    });
    expect(alert!.id).toBe(alertIdOf(alert!.dedupKey));
    expect(store.events).toEqual([
      expect.objectContaining({ type: 'AlertRaised', alert: expect.objectContaining({ id: alert!.id, ruleId: 'WACHTTIJD_GEEN_START' }) }),
    ]);
    expect(store.tables.timers.get(CHILD.pseudonym)!.due).toBe('2025-03-03'); // next: the severity step at twice the norm
  });

  it('is idempotent: redelivered events and a repeated sweep raise nothing again (dedup by situation)', async () => {
    const store = new InMemorySignalStore();
    const engine = new SignalEngine(store);
    const events = eventsOf([toewijzing()]);
    await engine.processEvents(events);
    await engine.fireDueTimers(noon('2025-02-03'));
    const before = structuredClone(store.tables);
    expect(await engine.processEvents(events)).toBe(0);
    expect(await engine.processEvents([...events, ...events])).toBe(0);
    expect(await engine.fireDueTimers(noon('2025-02-03'))).toBe(0);
    expect(store.tables).toEqual(before);
  });

  it(
    'updates the alert when the situation grows heavier, ' +
      'and resolves it by itself when the situation ends, clearing nothing it still needs',
    async () => {
      const store = new InMemorySignalStore();
      const engine = new SignalEngine(store);
      await engine.processEvents(eventsOf([toewijzing()]));
      await drain(engine, noon('2025-03-03')); // the norm (28 days) and twice the norm (56 days)
      const [raised] = store.alertList;
      expect(store.events.map((e) => e.type)).toEqual(['AlertRaised', 'AlertUpdated']);
      expect(store.events[1]!.alert.severity).not.toBe(store.events[0]!.alert.severity);
      expect(store.alertList).toHaveLength(1); // one situation, one alert

      // the start arrives: the situation is over
      await engine.processEvents(eventsOf([toewijzing(), start('2025-03-04', '2025-03-05T10:00:00.000Z')]));
      const [resolved] = store.alertList;
      expect(resolved).toMatchObject({
        id: raised!.id,
        status: 'resolved',
        lifecycle: expect.objectContaining({ closeReason: 'situatie beëindigd', closedBy: 'system' }),
      });
      expect(store.events.map((e) => e.type)).toEqual(['AlertRaised', 'AlertUpdated', 'AlertResolved']);
      expect(store.tables.trajectories.get('0034-4242')!.state.begindatum).toBe('2025-03-04');
      expect(store.tables.trajectories.get('0034-4242')!.firstSeen).toBe('2025-01-06'); // kept from the first event
    },
  );

  it('takes the locks of all children of a batch, sorted, before it reads any of their state', async () => {
    const store = new InMemorySignalStore();
    const engine = new SignalEngine(store);
    const messages = ['ff', '0a', '7c'].map((p, i) =>
      buildJw301({
        toewijzingNummer: String(5000 + i),
        ingangsdatum: '2025-01-06',
        client: { pseudonym: p.repeat(16) },
        ontvangst: { ontvangenOp: `2025-01-06T09:00:0${i}.000Z` },
      }),
    );
    await engine.processEvents(eventsOf(messages));
    const sorted = ['0a', '7c', 'ff'].map((p) => p.repeat(16)).join(',');
    expect(store.log).toEqual([`lock ${sorted}`, `read trajectories ${sorted}`, `read alerts ${sorted}`, `read timers ${sorted}`]);
  });

  it('the timer sweep skips a child another transaction holds (no waiting) and fires it in a later sweep', async () => {
    const store = new InMemorySignalStore();
    const engine = new SignalEngine(store);
    await engine.processEvents(eventsOf([toewijzing()]));
    store.heldElsewhere.add(CHILD.pseudonym);
    store.log.length = 0;
    expect(await engine.fireDueTimers(noon('2025-02-03'))).toBe(0);
    expect(store.log).toEqual(['try-lock ']); // nothing read, nothing written
    expect(store.alertList).toHaveLength(0);
    expect(store.tables.timers.get(CHILD.pseudonym)!.due).toBe('2025-02-03');
    store.heldElsewhere.clear();
    expect(await engine.fireDueTimers(noon('2025-02-03'))).toBe(1);
    expect(store.alertList.map((a) => a.ruleId)).toEqual(['WACHTTIJD_GEEN_START']);
  });

  it('moves a timer to the next date a rule can change, and removes one that has nothing left to evaluate', async () => {
    const store = new InMemorySignalStore();
    const engine = new SignalEngine(store);
    await engine.processEvents(eventsOf([toewijzing()]));
    const orphan = 'ab'.repeat(16); // a timer without trajectories (e.g. left from before a rebuild)
    store.tables.timers.set(orphan, { clientPseudonym: orphan, due: '2025-01-10' });
    expect(await engine.fireDueTimers(noon('2025-02-03'))).toBe(2);
    expect(store.tables.timers.has(orphan)).toBe(false);
    expect(store.tables.timers.get(CHILD.pseudonym)!.due).toBe('2025-03-03');
    expect(await engine.fireDueTimers(noon('2025-02-03'))).toBe(0);
  });

  it('writes state and alert events in one transaction: when the outbox write fails, nothing is kept', async () => {
    const store = new InMemorySignalStore();
    const engine = new SignalEngine(store);
    await engine.processEvents(eventsOf([toewijzing()]));
    const before = structuredClone(store.tables);
    store.failOutbox = true;
    await expect(engine.fireDueTimers(noon('2025-02-03'))).rejects.toThrow('outbox unavailable');
    expect(store.tables).toEqual(before); // no alert without its AlertRaised, the timer still due
    store.failOutbox = false;
    expect(await engine.fireDueTimers(noon('2025-02-03'))).toBe(1);
    expect(store.events.map((e) => e.type)).toEqual(['AlertRaised']);
  });

  it(
    'acts on an alert for a person (within the scope only), ' +
      'refuses transitions the lifecycle forbids, and escalates what nobody acknowledged',
    async () => {
      const detected = noon('2025-02-03');
      let now = detected;
      const store = new InMemorySignalStore();
      const engine = new SignalEngine(store, { wallClock: () => now });
      await engine.processEvents(eventsOf([toewijzing()]));
      await engine.fireDueTimers(detected);
      const id = store.alertList[0]!.id;

      now = new Date(detected.getTime() + 100 * 3600_000);
      expect(await engine.escalateOverdue()).toBe(0); // midden: 168 h
      now = new Date(detected.getTime() + 170 * 3600_000);
      expect(await engine.escalateOverdue()).toBe(1);
      expect(await engine.escalateOverdue()).toBe(0); // once per period
      expect(store.alertList[0]).toMatchObject({
        severity: 'hoog',
        status: 'open',
        lifecycle: expect.objectContaining({ escalationLevel: 1 }),
      });

      expect(await engine.act(id, 'acknowledge', 'toegang:0034:w1', null, () => false)).toBeNull(); // out of scope: as if absent
      expect(await engine.act('A-none', 'acknowledge', 'toegang:0034:w1', null, () => true)).toBeNull();
      const acknowledged = await engine.act(id, 'acknowledge', 'toegang:0034:w1', null, (a) => a.gemeente === '0034');
      expect(acknowledged).toMatchObject({
        id,
        status: 'acknowledged',
        lifecycle: expect.objectContaining({ acknowledgedBy: 'toegang:0034:w1' }),
      });
      await engine.act(id, 'dismiss', 'toegang:0034:w1', 'bekend bij het team', () => true);
      await expect(engine.act(id, 'resolve', 'toegang:0034:w1', null, () => true)).rejects.toBeInstanceOf(AlertTransitionError);
      expect(store.alertList[0]!.status).toBe('dismissed');
      expect(store.events.map((e) => e.type)).toEqual(['AlertRaised', 'AlertEscalated', 'AlertAcknowledged', 'AlertDismissed']);
    },
  );

  it(
    'a person acting and the escalation sweep respect the child lock: ' +
      'act waits for it before locking the alert, the sweep skips a busy child',
    async () => {
      const detected = noon('2025-02-03');
      let now = detected;
      const store = new InMemorySignalStore();
      const engine = new SignalEngine(store, { wallClock: () => now });
      await engine.processEvents(eventsOf([toewijzing()]));
      await engine.fireDueTimers(detected);
      const id = store.alertList[0]!.id;

      now = new Date(detected.getTime() + 170 * 3600_000);
      store.heldElsewhere.add(CHILD.pseudonym); // an event batch of this child is in flight
      expect(await engine.escalateOverdue()).toBe(0);
      expect(store.alertList[0]!.lifecycle.escalationLevel).toBe(0);
      store.heldElsewhere.clear();
      expect(await engine.escalateOverdue()).toBe(1); // the next sweep

      store.log.length = 0;
      await engine.act(id, 'acknowledge', 'toegang:0034:w1', null, () => true);
      expect(store.log).toEqual([`lock ${CHILD.pseudonym}`, `lock alert ${id}`]);
    },
  );

  it(
    'gives the same alerts live (event by event, ' + 'the sweep as time passes) as in a replay (big batches), for a synthetic population',
    async () => {
      const events = eventsOf(syntheticAccepted(60, 5));
      expect(events.length).toBeGreaterThan(100);
      const end = noon('2025-09-01');
      const snapshot = (s: InMemorySignalStore) =>
        s.alertList.map((a) => [a.id, a.ruleId, a.status, a.severity, a.effectiveAt, JSON.stringify(a.facts)].join('|'));

      const live = new InMemorySignalStore();
      const liveEngine = new SignalEngine(live);
      for (const e of events) {
        await drain(liveEngine, new Date(e.eventTime!));
        await liveEngine.processEvents([e]);
      }
      await drain(liveEngine, end);

      const replay = new InMemorySignalStore();
      const replayEngine = new SignalEngine(replay);
      for (let i = 0; i < events.length; i += 97) await replayEngine.processEvents(events.slice(i, i + 97));
      await drain(replayEngine, end);

      const alerts = snapshot(live);
      expect(alerts.length).toBeGreaterThan(5);
      expect(new Set(alerts.map((l) => l.split('|')[1])).size).toBeGreaterThanOrEqual(2);
      expect(snapshot(replay)).toEqual(alerts);
      expect([...replay.tables.timers.values()].sort((a, b) => (a.clientPseudonym < b.clientPseudonym ? -1 : 1))).toEqual(
        [...live.tables.timers.values()].sort((a, b) => (a.clientPseudonym < b.clientPseudonym ? -1 : 1)),
      );
    },
  );
});

describe('factsInStoredOrder', () => {
  it('orders the keys as jsonb returns them: shorter keys first, then bytewise', () => {
    const facts = { productcategorie: '44', crisis: false, normDagen: 28, einddatum: '2026-01-27', Zeta: 1, alfa: 2 };
    expect(Object.keys(factsInStoredOrder(facts))).toEqual(['Zeta', 'alfa', 'crisis', 'einddatum', 'normDagen', 'productcategorie']);
    expect(factsInStoredOrder(facts)).toEqual(facts);
  });
});
