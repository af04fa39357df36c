import type { EntityManager } from 'typeorm';

/** First key of the relay's advisory lock (the second: the schema's hashtext), beside MIGRATION_LOCK_KEY's 727301305. */
export const OUTBOX_RELAY_LOCK_KEY = 727_301_306;

/** A row of the outbox table as the relay reads it. */
export type OutboxRow = { id: string; topic: string; message_key: string | null; payload: string; headers: Record<string, string> };

/**
 * The statements on the outbox table (created by InitialSchema1700000000001), used by `enqueueOutbox` and the relay
 * in ../outbox.ts. Every call runs in the caller's transaction (`manager`).
 */
export const OutboxRepository = {
  /**
   * Inserts rows in the given order: `positional` is one jsonb array of [topic, key, headers] rows, `payloads` the
   * payloads joined by `separator` (see enqueueOutbox for why).
   */
  async insert(manager: EntityManager, positional: string, payloads: string): Promise<void> {
    await manager.query(
      `INSERT INTO outbox (topic, message_key, headers, payload)
     SELECT m->>0, m->>1, m->2, p
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(m, i)
       JOIN unnest(string_to_array($2::text, E'\\x1e')) WITH ORDINALITY AS y(p, i) USING (i)
      ORDER BY i`,
      [positional, payloads],
    );
  },

  /**
   * Makes this transaction the schema's only relay until it ends (a transaction-level advisory lock; a second relay
   * waits here). Several relays share one outbox (the services of one schema, and every instance of each): with rows
   * merely locked and skipped, two relays would send consecutive rows of one key at the same time, and the later could
   * reach the broker first (a Resolved before its Raised). One relay at a time keeps every key's records in id order.
   */
  async takeRelayTurn(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))`, [OUTBOX_RELAY_LOCK_KEY]);
  },

  /** The oldest `limit` rows no other relay holds, locked until the transaction ends. */
  async lockOldest(manager: EntityManager, limit: number): Promise<OutboxRow[]> {
    return manager.query(`SELECT id, topic, message_key, payload, headers FROM outbox ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`, [
      limit,
    ]);
  },

  async delete(manager: EntityManager, ids: readonly string[]): Promise<void> {
    await manager.query(`DELETE FROM outbox WHERE id = ANY($1::bigint[])`, [ids]);
  },
};
