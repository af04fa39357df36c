import type { EntityManager } from 'typeorm';
import type { IsoDate } from '@trajectwacht/ijw';
import { columnListOf, recordsetOf, selectListOf, type Column } from '@trajectwacht/platform';
import type { TrajectoryState } from '@trajectwacht/trajectory';

/** The signal service's own view of one trajectory (table signal_trajectory), as it last applied it. */
export interface SignalTrajectoryRow {
  id: string;
  clientPseudonym: string;
  state: TrajectoryState;
  /** Business day the signal service first saw the trajectory. */
  firstSeen: IsoDate;
  /** eventTime of the last event applied (older or identical redeliveries are skipped). */
  eventTime: string;
}

export const SIGNAL_TRAJECTORY_COLUMNS: readonly Column<SignalTrajectoryRow>[] = [
  { field: 'id', column: 'id', type: 'text' },
  { field: 'clientPseudonym', column: 'client_pseudonym', type: 'text' },
  { field: 'state', column: 'state', type: 'jsonb' },
  { field: 'firstSeen', column: 'first_seen', type: 'date', read: `to_char(first_seen, 'YYYY-MM-DD')` },
  { field: 'eventTime', column: 'event_time', type: 'text' },
];

const WRITE = recordsetOf(SIGNAL_TRAJECTORY_COLUMNS, '$1');
/** first_seen stays as first written; a row is only rewritten when its event time or state changed. */
const UPSERT = `INSERT INTO signal_trajectory (${columnListOf(SIGNAL_TRAJECTORY_COLUMNS)}, updated_at)
  SELECT ${WRITE.select}, now() FROM ${WRITE.from}
  ON CONFLICT (id) DO UPDATE SET state = excluded.state, client_pseudonym = excluded.client_pseudonym, event_time = excluded.event_time,
    updated_at = now()
    WHERE signal_trajectory.event_time IS DISTINCT FROM excluded.event_time OR signal_trajectory.state IS DISTINCT FROM excluded.state`;

/** The trajectories the signal engine holds per child, within one transaction (see SignalStore). */
export interface SignalTrajectoryRepository {
  forChildren(pseudonyms: readonly string[]): Promise<SignalTrajectoryRow[]>;
  /** Inserts or updates these trajectories in one statement (unchanged rows are not rewritten). */
  upsert(rows: readonly SignalTrajectoryRow[]): Promise<void>;
}

export class PgSignalTrajectoryRepository implements SignalTrajectoryRepository {
  constructor(private readonly manager: EntityManager) {}

  async forChildren(pseudonyms: readonly string[]): Promise<SignalTrajectoryRow[]> {
    return this.manager.query(`SELECT ${selectListOf(SIGNAL_TRAJECTORY_COLUMNS)} FROM signal_trajectory WHERE client_pseudonym = ANY($1)`, [
      pseudonyms,
    ]);
  }

  async upsert(rows: readonly SignalTrajectoryRow[]): Promise<void> {
    if (rows.length > 0) await this.manager.query(UPSERT, [JSON.stringify(rows)]);
  }

  /** The states of these trajectories by id (the birth date behind an alert's age: alerts.controller.ts). */
  async statesById(ids: readonly string[]): Promise<Map<string, TrajectoryState>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; state: TrajectoryState }[] = await this.manager.query(
      `SELECT id, state FROM signal_trajectory WHERE id = ANY($1::text[])`,
      [[...ids]],
    );
    return new Map(rows.map((r) => [r.id, r.state]));
  }
}
