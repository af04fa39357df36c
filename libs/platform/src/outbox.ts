import type { Producer } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { OutboxRepository, type OutboxRow } from './database/outbox.repository';
import { RelayPosition } from './outbox-position';

/**
 * Transactional outbox: services insert the messages they want to publish in the same transaction as their state
 * (see OutboxMessage), and the relay publishes them in id order and deletes them. At-least-once: a crash between
 * publishing and deleting republishes, which the idempotent consumers absorb. However many relays share the outbox
 * (services and instances of one schema), one publishes at a time (OutboxRepository.takeRelayTurn), so the records of
 * a key reach their partition in id order.
 */
export interface OutboxMessage {
  topic: string;
  key: string | null;
  /** A JSON document (every topic of the platform carries JSON); published byte for byte as given. */
  payload: string;
  headers?: Record<string, string>;
}

/** Separates the payloads in one text parameter: a control character JSON text never contains unescaped. */
const PAYLOAD_SEPARATOR = '\x1e';

/**
 * Set-based insert of many outbox messages in the caller's transaction. The payloads travel as one text parameter,
 * separated by U+001E (which JSON text never contains unescaped), so they are neither re-escaped as JSON strings nor
 * escaped element by element as a text[] parameter — both cost more than the rest of the insert; the topics, keys and
 * headers travel as one jsonb array of positional rows. Rows are inserted in the given order (the relay's order).
 * (The trajectory projection writes its events into the same columns itself, in the statement that stores the states
 * they carry, so that each state is sent once: STORE_STATES_SQL in apps/trajectory/src/trajectory.repository.ts.)
 */
export async function enqueueOutbox(manager: EntityManager, messages: OutboxMessage[]): Promise<void> {
  if (messages.length === 0) return;
  for (const m of messages) {
    if (m.payload.length === 0 || m.payload.includes(PAYLOAD_SEPARATOR))
      throw new Error(`outbox payload for ${m.topic} is empty or contains U+001E: not a JSON document`);
  }
  await OutboxRepository.insert(
    manager,
    JSON.stringify(messages.map((m) => [m.topic, m.key, m.headers ?? {}])),
    messages.map((m) => m.payload).join(PAYLOAD_SEPARATOR),
  );
}

/**
 * Most bytes (payloads, keys, headers) one producer request carries. The broker refuses a partition's record batch
 * above its message.max.bytes (1 MiB by default, 2 MiB in infra/kafka), and rows for one partition (one key, or one
 * sender's retours) can make up a whole relay batch; under this bound no partition's batch can come near the limit.
 */
export const OUTBOX_SEND_MAX_BYTES = 512 * 1024;

type RelayRow = OutboxRow;
type RelayMessage = { key: string | null; value: string; headers: Record<string, string> };
/** One producer request: the messages per topic. */
type RelaySend = Map<string, RelayMessage[]>;

/** Splits rows (in id order) into consecutive sends of at most `maxBytes` each (a larger single row goes alone). */
export function outboxSends(rows: readonly RelayRow[], maxBytes = OUTBOX_SEND_MAX_BYTES): RelaySend[] {
  const sends: RelaySend[] = [];
  let current: RelaySend = new Map();
  let size = 0;
  for (const row of rows) {
    const bytes =
      Buffer.byteLength(row.payload) +
      (row.message_key ? Buffer.byteLength(row.message_key) : 0) +
      JSON.stringify(row.headers ?? {}).length +
      64;
    if (size > 0 && size + bytes > maxBytes) {
      sends.push(current);
      current = new Map();
      size = 0;
    }
    const list = current.get(row.topic) ?? [];
    list.push({ key: row.message_key, value: row.payload, headers: row.headers });
    current.set(row.topic, list);
    size += bytes;
  }
  if (size > 0) sends.push(current);
  return sends;
}

export class OutboxRelay {
  private running: Promise<number> | null = null;
  private again = false;
  /** Where this relay reads from (outbox-position.ts); null until known whether the schema allows one, false if not. */
  private position: RelayPosition | null | false = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: Producer,
    private readonly batchSize = 2000,
  ) {}

  /** The id this relay's next read starts at (0: from the low end). */
  get readsFrom(): bigint {
    return this.position ? this.position.from : 0n;
  }

  /**
   * Starts a flush without waiting for it: a consumer that has committed its batch (rows in the outbox are durable)
   * goes on with the next while the relay waits for its turn and publishes. A failure is left to the periodic relay
   * (OutboxPump in nest/platform.module.ts), which retries and logs it.
   */
  flushSoon(): void {
    this.flush().catch(() => undefined);
  }

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
    if (this.position === null) {
      const supported = await this.dataSource.transaction((manager) => OutboxRepository.supportsPosition(manager));
      this.position = supported ? new RelayPosition() : false;
    }
    const position = this.position || null;
    const outcome = await this.dataSource.transaction(async (manager) => {
      // one relay per schema at a time: each key's records stay in order
      const { xmin } = await OutboxRepository.takeRelayTurn(manager);
      const pass = position?.begin(xmin) ?? { from: 0n, complete: null };
      const rows: RelayRow[] = await OutboxRepository.lockOldest(manager, this.batchSize, pass.from);
      if (rows.length === 0) return { pass, rows };
      // in id order, one bounded request after the other, so each partition keeps the rows' order
      for (const send of outboxSends(rows)) {
        await this.producer.sendBatch({ acks: -1, topicMessages: [...send].map(([topic, messages]) => ({ topic, messages })) });
      }
      const end = await OutboxRepository.delete(
        manager,
        rows.map((r) => r.id),
      );
      return { pass, rows, end };
    });
    // committed: only now does the position move past what the pass published
    position?.passed(
      outcome.pass,
      outcome.rows.map((r) => BigInt(r.id)),
      this.batchSize,
      outcome.end,
    );
    return outcome.rows.length;
  }
}
