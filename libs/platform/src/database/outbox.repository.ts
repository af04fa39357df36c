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
  async takeRelayTurn(manager: EntityManager): Promise<{ xmin: bigint }> {
    // the snapshot's xmin is that of the statement's start, before any wait for the lock: older, so on the safe side
    const [row]: { xmin: string }[] = await manager.query(
      `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin FROM pg_advisory_xact_lock($1, hashtext(current_schema()))`,
      [OUTBOX_RELAY_LOCK_KEY],
    );
    return { xmin: BigInt(row!.xmin) };
  },

  /**
   * The oldest `limit` rows from id `from` on, locked until the transaction ends. Not SKIP LOCKED: the relay's position
   * (outbox-position.ts) counts on seeing every committed row at or above `from`; with the relay turn held no other
   * relay locks rows, so this never waits.
   */
  async lockOldest(manager: EntityManager, limit: number, from = 0n): Promise<OutboxRow[]> {
    return manager.query(`SELECT id, topic, message_key, payload, headers FROM outbox WHERE id >= $2 ORDER BY id LIMIT $1 FOR UPDATE`, [
      limit,
      from.toString(),
    ]);
  },

  /**
   * Deletes published rows (a data-modifying CTE runs whether or not it is read); returns the last id the outbox's
   * sequence handed out and this transaction's id.
   */
  async delete(manager: EntityManager, ids: readonly string[]): Promise<{ seq: bigint; xid: bigint }> {
    const [row]: { seq: string; xid: string }[] = await manager.query(
      `WITH d AS (DELETE FROM outbox WHERE id = ANY($1::bigint[]) RETURNING 1)
       SELECT (SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM outbox_id_seq)::text AS seq,
              pg_current_xact_id()::text AS xid`,
      [ids],
    );
    return { seq: BigInt(row!.seq), xid: BigInt(row!.xid) };
  },

  /**
   * Whether the relay may keep a position (outbox-position.ts): the id default takes the transaction id first
   * (migration 1700000000700) and the sequence hands out ids one by one (CACHE 1). Without them it reads from the low end.
   */
  async supportsPosition(manager: EntityManager): Promise<boolean> {
    const [row]: { ok: boolean }[] = await manager.query(
      `SELECT coalesce(pg_get_expr(d.adbin, d.adrelid) LIKE '%pg_current_xact_id()%', false)
              AND (SELECT seqcache FROM pg_sequence WHERE seqrelid = 'outbox_id_seq'::regclass) = 1 AS ok
         FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attrelid = 'outbox'::regclass AND a.attname = 'id'`,
    );
    return row?.ok === true;
  },
};
