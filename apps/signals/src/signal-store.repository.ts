import type { DataSource, EntityManager } from 'typeorm';
import type { VervolgEvent } from '@trajectwacht/contracts';
import { enqueueOutbox, jsonObjectOf, type OutboxMessage } from '@trajectwacht/platform';
import { ALERT_JSON, PgAlertRepository, type AlertRepository, type AlertRow } from './alert.repository';
import { PgSignalTimerRepository, SIGNAL_TIMER_COLUMNS, type SignalTimerRepository, type SignalTimerRow } from './signal-timer.repository';
import {
  PgSignalTrajectoryRepository,
  SIGNAL_TRAJECTORY_COLUMNS,
  type SignalTrajectoryRepository,
  type SignalTrajectoryRow,
} from './signal-trajectory.repository';
import { PgSignalVervolgRepository, type SignalVervolgRepository } from './signal-vervolg.repository';
import { PgSignalVerzoekRepository, type SignalVerzoekRepository, type SignalVerzoekRow } from './signal-verzoek.repository';

/** Everything the engine keeps of some children, as the five repositories' forChildren read it. */
export interface ChildrenState {
  trajectories: SignalTrajectoryRow[];
  alerts: AlertRow[];
  timers: SignalTimerRow[];
  /** Per child oldest first (by recording time, then id). */
  vervolg: VervolgEvent[];
  verzoeken: SignalVerzoekRow[];
}

/**
 * One transaction of the signal engine: the per-child lock, the three tables it keeps per child and the outbox, all
 * committed together or not at all.
 *
 * Lock order: a child's lock is always taken before any row of that child (signal_trajectory, alert, signal_timer) is
 * locked or written. Event batches wait for their children's locks (in sorted order, so two batches never wait on
 * each other in a cycle); the timer sweep reads the due children without locking their rows and then takes only the
 * locks nobody holds (it never waits), so a sweep and an event batch can no longer deadlock over a timer row.
 */
export interface SignalTransaction {
  /** Waits for each child's lock, in sorted order; held until the transaction ends. */
  lockChildren(sorted: readonly string[]): Promise<void>;
  /** Takes the locks of the children no other transaction holds, without waiting; returns the children locked. */
  tryLockChildren(pseudonyms: readonly string[]): Promise<string[]>;
  readonly trajectories: SignalTrajectoryRepository;
  readonly alerts: AlertRepository;
  readonly timers: SignalTimerRepository;
  /** The recorded follow-ups for 18+ (vervolg.v1); optional so that a store without them reads none. */
  readonly vervolg?: SignalVervolgRepository;
  /** The verzoeken of the request side (issue 17); optional so that a store without them reads none. */
  readonly verzoeken?: SignalVerzoekRepository;
  /** Writes alerts.v1 records to the transactional outbox (relayed to Kafka after the commit). */
  enqueue(messages: readonly OutboxMessage[]): Promise<void>;
  /** The five forChildren reads in one (optional: without it the engine asks each repository). */
  loadChildren?(sorted: readonly string[]): Promise<ChildrenState>;
}

export interface SignalStore {
  transaction<T>(work: (tx: SignalTransaction) => Promise<T>): Promise<T>;
}

/** Advisory lock class of the signal engine's per-child locks (the key is hashtext of the pseudonym). */
const CHILD_LOCK = 727307;

/**
 * The five reads of a batch's children in one statement. Each table is looked up per child (LATERAL, an equality on
 * client_pseudonym): an index scan whatever the planner knows of the table. As `client_pseudonym = ANY($1)` the
 * planner, without statistics on the column (a table never analysed: autovacuum off, as on the benchmark server),
 * estimated a quarter of the table for a batch and read alert and signal_timer whole for every batch, so that the
 * cost of a batch grew with everything stored before it. (OFFSET 0 keeps each subquery a per-child lookup: flattened,
 * the planner made it a hash join over the whole table again.)
 */
const LOAD_CHILDREN = `WITH p AS (SELECT x FROM unnest($1::text[]) AS x)
  SELECT 0 AS k, 0::bigint AS n, ${jsonObjectOf(SIGNAL_TRAJECTORY_COLUMNS)} AS row
    FROM p CROSS JOIN LATERAL (SELECT * FROM signal_trajectory WHERE client_pseudonym = p.x OFFSET 0) t
  UNION ALL SELECT 1, 0, ${ALERT_JSON} FROM p CROSS JOIN LATERAL (SELECT * FROM alert WHERE client_pseudonym = p.x OFFSET 0) a
  UNION ALL SELECT 2, 0, ${jsonObjectOf(SIGNAL_TIMER_COLUMNS)}
    FROM p CROSS JOIN LATERAL (SELECT * FROM signal_timer WHERE client_pseudonym = p.x OFFSET 0) s
  UNION ALL SELECT 3, row_number() OVER (ORDER BY v.vastgelegd_op_tijd, v.id), v.record
    FROM p CROSS JOIN LATERAL (SELECT * FROM signal_vervolg WHERE client_pseudonym = p.x OFFSET 0) v
  UNION ALL SELECT 4, 0, jsonb_build_object('id', z.id, 'clientPseudonym', z.client_pseudonym, 'state', z.state, 'eventTime', z.event_time)
    FROM p CROSS JOIN LATERAL (SELECT * FROM signal_verzoek WHERE client_pseudonym = p.x OFFSET 0) z`;

async function loadChildren(manager: EntityManager, sorted: readonly string[]): Promise<ChildrenState> {
  const state: ChildrenState = { trajectories: [], alerts: [], timers: [], vervolg: [], verzoeken: [] };
  if (sorted.length === 0) return state;
  const rows: { k: number; n: string; row: never }[] = await manager.query(LOAD_CHILDREN, [sorted]);
  const vervolg: { n: number; record: VervolgEvent }[] = [];
  for (const r of rows) {
    if (r.k === 0) state.trajectories.push(r.row);
    else if (r.k === 1) state.alerts.push(r.row);
    else if (r.k === 2) state.timers.push(r.row);
    else if (r.k === 3) vervolg.push({ n: Number(r.n), record: r.row });
    else state.verzoeken.push(r.row);
  }
  state.vervolg = vervolg.sort((a, b) => a.n - b.n).map((v) => v.record);
  return state;
}

/** The signal engine's state on PostgreSQL. */
export class PgSignalStore implements SignalStore {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (tx: SignalTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) =>
      work({
        async lockChildren(sorted) {
          // in the order of the lock keys themselves, so that two children whose keys collide cannot reverse it
          await manager.query(
            `SELECT pg_advisory_xact_lock(${CHILD_LOCK}, hashtext(x)) FROM unnest($1::text[]) AS x ORDER BY hashtext(x), x`,
            [sorted],
          );
        },
        async tryLockChildren(pseudonyms) {
          const rows: { x: string }[] = await manager.query(
            `SELECT x FROM unnest($1::text[]) AS x WHERE pg_try_advisory_xact_lock(${CHILD_LOCK}, hashtext(x))`,
            [pseudonyms],
          );
          return rows.map((r) => r.x);
        },
        trajectories: new PgSignalTrajectoryRepository(manager),
        alerts: new PgAlertRepository(manager),
        timers: new PgSignalTimerRepository(manager),
        vervolg: new PgSignalVervolgRepository(manager),
        verzoeken: new PgSignalVerzoekRepository(manager),
        enqueue: (messages) => enqueueOutbox(manager, [...messages]),
        loadChildren: (sorted) => loadChildren(manager, sorted),
      }),
    );
  }
}
