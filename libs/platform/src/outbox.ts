import type { Producer } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Transactional outbox: services insert the messages they want to publish in the same transaction as their state
 * (see OutboxMessage), and the relay publishes them in id order and deletes them. At-least-once: a crash between
 * publishing and deleting republishes, which the idempotent consumers absorb.
 */
export interface OutboxMessage {
  topic: string;
  key: string | null;
  payload: string;
  headers?: Record<string, string>;
}

/** Set-based insert of many outbox messages in the caller's transaction. */
export async function enqueueOutbox(manager: EntityManager, messages: OutboxMessage[]): Promise<void> {
  if (messages.length === 0) return;
  await manager.query(
    `INSERT INTO outbox (topic, message_key, payload, headers)
     SELECT x.topic, x.key, x.payload, coalesce(x.headers, '{}'::jsonb) FROM jsonb_to_recordset($1::jsonb) AS x(topic text, key text, payload text, headers jsonb)`,
    [JSON.stringify(messages)],
  );
}

export class OutboxRelay {
  private running: Promise<number> | null = null;
  private again = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: Producer,
    private readonly batchSize = 2000,
  ) {}

  /** Publishes everything pending; concurrent calls coalesce into one more pass. Returns messages published. */
  async flush(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let total = 0;
      do {
        this.again = false;
        for (;;) {
          const n = await this.publishOnce();
          total += n;
          if (n < this.batchSize) break;
        }
      } while (this.again);
      return total;
    })();
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  private async publishOnce(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: { id: string; topic: string; message_key: string | null; payload: string; headers: Record<string, string> }[] = await manager.query(
        `SELECT id, topic, message_key, payload, headers FROM outbox ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      );
      if (rows.length === 0) return 0;
      const byTopic = new Map<string, { key: string | null; value: string; headers: Record<string, string> }[]>();
      for (const row of rows) {
        const list = byTopic.get(row.topic) ?? [];
        list.push({ key: row.message_key, value: row.payload, headers: row.headers });
        byTopic.set(row.topic, list);
      }
      await this.producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
      await manager.query(`DELETE FROM outbox WHERE id = ANY($1::bigint[])`, [rows.map((r) => r.id)]);
      return rows.length;
    });
  }
}
