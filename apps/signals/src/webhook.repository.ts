import type { EntityManager } from 'typeorm';
import { columnListOf, selectListOf, type Column } from '@trajectwacht/platform';
import type { Notification, Subscription } from './notifications';

/** The columns of webhook_subscription as a Subscription knows them. */
export const SUBSCRIPTION_COLUMNS: readonly Column<Subscription>[] = [
  { field: 'gemeente', column: 'gemeente', type: 'text' },
  { field: 'url', column: 'url', type: 'text' },
  { field: 'secret', column: 'secret', type: 'text' },
  { field: 'mode', column: 'mode', type: 'text' },
  { field: 'digestHour', column: 'digest_hour', type: 'integer' },
];
const SUBSCRIPTION = selectListOf(SUBSCRIPTION_COLUMNS);

/** A notification that failed its last attempt (table webhook_dead_letter). */
export interface DeadLetter {
  id: string;
  payload: Notification;
  error: string;
  attempts: number;
  createdAt: string;
  replayedAt: string | null;
}

/** What a new dead letter is written with (id, created_at and replayed_at are the table's). */
interface NewDeadLetter {
  gemeente: string;
  payload: string;
  error: string;
  attempts: number;
}
const NEW_DEAD_LETTER_COLUMNS: readonly Column<NewDeadLetter>[] = [
  { field: 'gemeente', column: 'gemeente', type: 'text' },
  { field: 'payload', column: 'payload', type: 'jsonb' },
  { field: 'error', column: 'error', type: 'text' },
  { field: 'attempts', column: 'attempts', type: 'integer' },
];
/** The columns of webhook_dead_letter as the API shows a DeadLetter. */
const DEAD_LETTER_COLUMNS: readonly Column<DeadLetter>[] = [
  { field: 'id', column: 'id', type: 'bigint' },
  { field: 'payload', column: 'payload', type: 'jsonb' },
  { field: 'error', column: 'error', type: 'text' },
  { field: 'attempts', column: 'attempts', type: 'integer' },
  { field: 'createdAt', column: 'created_at', type: 'timestamptz' },
  { field: 'replayedAt', column: 'replayed_at', type: 'timestamptz' },
];
const placeholders = (n: number) => Array.from({ length: n }, (_, i) => `$${i + 1}`).join(', ');

/** Tables webhook_subscription (one webhook per gemeente) and webhook_dead_letter (its failed deliveries). */
export class WebhookRepository {
  constructor(private readonly manager: EntityManager) {}

  async subscription(gemeente: string): Promise<Subscription | null> {
    const rows: Subscription[] = await this.manager.query(`SELECT ${SUBSCRIPTION} FROM webhook_subscription WHERE gemeente = $1`, [
      gemeente,
    ]);
    return rows[0] ?? null;
  }

  async subscriptions(): Promise<Subscription[]> {
    return this.manager.query(`SELECT ${SUBSCRIPTION} FROM webhook_subscription`);
  }

  /** Registers or replaces the webhook of a gemeente. */
  async saveSubscription(s: Subscription): Promise<void> {
    await this.manager.query(
      `INSERT INTO webhook_subscription (${columnListOf(SUBSCRIPTION_COLUMNS)}) VALUES (${placeholders(SUBSCRIPTION_COLUMNS.length)})
       ON CONFLICT (gemeente) DO UPDATE SET url = excluded.url, secret = excluded.secret, mode = excluded.mode,
         digest_hour = excluded.digest_hour, updated_at = now()`,
      SUBSCRIPTION_COLUMNS.map((c) => s[c.field]),
    );
  }

  async addDeadLetter(gemeente: string, payload: Notification, error: string, attempts: number): Promise<void> {
    const row: NewDeadLetter = { gemeente, payload: JSON.stringify(payload), error, attempts };
    await this.manager.query(
      `INSERT INTO webhook_dead_letter (${columnListOf(NEW_DEAD_LETTER_COLUMNS)}) VALUES (${placeholders(NEW_DEAD_LETTER_COLUMNS.length)})`,
      NEW_DEAD_LETTER_COLUMNS.map((c) => row[c.field]),
    );
  }

  /** The latest 200 failed deliveries of a gemeente, newest first. */
  async deadLetters(gemeente: string): Promise<DeadLetter[]> {
    return this.manager.query(
      `SELECT ${selectListOf(DEAD_LETTER_COLUMNS)} FROM webhook_dead_letter WHERE gemeente = $1 ORDER BY id DESC LIMIT 200`,
      [gemeente],
    );
  }

  /** Marks a dead letter (of this gemeente, or any when null) as replayed and returns it; null when there is no unreplayed one. */
  async takeForReplay(id: string, gemeente: string | null): Promise<{ id: string; payload: Notification; gemeente: string } | null> {
    // TypeORM returns [rows, affectedCount] for an UPDATE … RETURNING on PostgreSQL.
    const [rows]: [{ id: string; payload: Notification; gemeente: string }[], number] = await this.manager.query(
      `UPDATE webhook_dead_letter SET replayed_at = now()
        WHERE id = $1 AND ($2::text IS NULL OR gemeente = $2) AND replayed_at IS NULL
       RETURNING id, payload, gemeente`,
      [id, gemeente],
    );
    return rows[0] ?? null;
  }
}
