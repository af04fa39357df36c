import type { DataSource } from 'typeorm';
import { enqueueOutbox, type OutboxMessage } from '@trajectwacht/platform';
import { PgAlertRepository, type AlertRepository } from './alert.repository';
import { PgSignalTimerRepository, type SignalTimerRepository } from './signal-timer.repository';
import { PgSignalTrajectoryRepository, type SignalTrajectoryRepository } from './signal-trajectory.repository';
import { PgSignalVervolgRepository, type SignalVervolgRepository } from './signal-vervolg.repository';
import { PgSignalVerzoekRepository, type SignalVerzoekRepository } from './signal-verzoek.repository';

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
}

export interface SignalStore {
  transaction<T>(work: (tx: SignalTransaction) => Promise<T>): Promise<T>;
}

/** Advisory lock class of the signal engine's per-child locks (the key is hashtext of the pseudonym). */
const CHILD_LOCK = 727307;

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
      }),
    );
  }
}
