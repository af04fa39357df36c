import type { EntityManager } from 'typeorm';
import type { IsoDate } from '@trajectwacht/ijw';
import { columnListOf, recordsetOf, selectListOf, type Column } from '@trajectwacht/platform';

/** One durable timer per child (table signal_timer): the next business date a rule's answer can change without a message. */
export interface SignalTimerRow {
  clientPseudonym: string;
  due: IsoDate;
}

/** due_at (the start of the due day in Europe/Amsterdam, what the sweep compares with the clock) is derived from due_date. */
export const SIGNAL_TIMER_COLUMNS: readonly Column<SignalTimerRow>[] = [
  { field: 'clientPseudonym', column: 'client_pseudonym', type: 'text' },
  { field: 'due', column: 'due_date', type: 'date', read: `to_char(due_date, 'YYYY-MM-DD')` },
];

const WRITE = recordsetOf(SIGNAL_TIMER_COLUMNS, '$1');
const UPSERT = `INSERT INTO signal_timer (${columnListOf(SIGNAL_TIMER_COLUMNS)}, due_at)
  SELECT ${WRITE.select}, (x."due"::timestamp AT TIME ZONE 'Europe/Amsterdam') FROM ${WRITE.from}
  ON CONFLICT (client_pseudonym) DO UPDATE SET due_date = excluded.due_date, due_at = excluded.due_at`;

/** The children's timers, within one transaction (see SignalStore). */
export interface SignalTimerRepository {
  /** The children whose timer is due at `upTo`, earliest first (not locked: the sweep locks the children themselves). */
  due(upTo: Date, limit: number): Promise<string[]>;
  forChildren(pseudonyms: readonly string[]): Promise<SignalTimerRow[]>;
  /** Sets (inserts or moves) these children's timers in one statement. */
  set(timers: readonly SignalTimerRow[]): Promise<void>;
  /** Removes the timers of these children (nothing left to wait for). */
  clear(pseudonyms: readonly string[]): Promise<void>;
}

export class PgSignalTimerRepository implements SignalTimerRepository {
  constructor(private readonly manager: EntityManager) {}

  async due(upTo: Date, limit: number): Promise<string[]> {
    const rows: { client_pseudonym: string }[] = await this.manager.query(
      `SELECT client_pseudonym FROM signal_timer WHERE due_at <= $1 ORDER BY due_at LIMIT $2`,
      [upTo.toISOString(), limit],
    );
    return rows.map((r) => r.client_pseudonym);
  }

  async forChildren(pseudonyms: readonly string[]): Promise<SignalTimerRow[]> {
    return this.manager.query(`SELECT ${selectListOf(SIGNAL_TIMER_COLUMNS)} FROM signal_timer WHERE client_pseudonym = ANY($1)`, [
      pseudonyms,
    ]);
  }

  async set(timers: readonly SignalTimerRow[]): Promise<void> {
    if (timers.length > 0) await this.manager.query(UPSERT, [JSON.stringify(timers)]);
  }

  async clear(pseudonyms: readonly string[]): Promise<void> {
    if (pseudonyms.length > 0) await this.manager.query(`DELETE FROM signal_timer WHERE client_pseudonym = ANY($1)`, [pseudonyms]);
  }
}
