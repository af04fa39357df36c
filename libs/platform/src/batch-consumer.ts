import type { Consumer, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { LoggerService } from '@nestjs/common';
import { deadLetterHeaders } from '@trajectwacht/contracts';
import { TOPICS } from './topics';
import { AuthUnavailableError } from './auth';

/**
 * Batch consumption for kafkajs with the two guarantees the NestJS Kafka transport lacks:
 *  - a whole fetched batch is handed to the handler at once (set-based writes, not a query per message);
 *  - a poison record never blocks its partition: a failing chunk is split down to the failing record, which is
 *    retried `retryBudget` times and then sent to the dead-letter topic with the error and its origin (the contract of
 *    deadletter.v1 in @trajectwacht/contracts; a record that does not fit its topic's contract fails the same way).
 * Infrastructure failures (database or broker down) are not poison: they are retried until they heal, with
 * nothing committed, so nothing is lost. Offsets are committed only after the handler's transaction committed;
 * handlers must therefore be idempotent (kafkajs is at-least-once across rebalances).
 */
export interface ConsumedRecord {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders;
  timestamp: string;
}

export type BatchHandler = (records: ConsumedRecord[]) => Promise<void>;

export interface BatchConsumerOptions {
  groupId: string;
  topics: string[];
  handler: BatchHandler;
  retryBudget: number;
  /** Records per handler call; a fetched batch larger than this is split. */
  chunkSize?: number;
  fromBeginning?: boolean;
  logger: LoggerService;
  /** Decides whether an error is an infrastructure outage (retry forever) rather than a poison record. */
  isTransient?: (error: unknown) => boolean;
}

const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
  '40001',
  '40P01',
]);

const TRANSIENT_MESSAGE = new RegExp(
  'Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|Client has encountered a connection error|' +
    'The client is closed|Connection is closed|KafkaJSNumberOfRetriesExceeded|KafkaJSConnectionError|KafkaJSRequestTimeoutError|' +
    'This socket has been ended',
  'i',
);

export function isTransientError(error: unknown): boolean {
  // the OpenID provider's keys unreachable: the record is not at fault, retry until it can be checked again
  if (error instanceof AuthUnavailableError) return true;
  const e = error as { code?: string; driverError?: { code?: string }; message?: string; name?: string } | undefined;
  const code = e?.driverError?.code ?? e?.code;
  if (code && TRANSIENT_CODES.has(code)) return true;
  const message = e?.message ?? '';
  return TRANSIENT_MESSAGE.test(message) || (e?.name === 'KafkaJSNonRetriableError' && /Connection/i.test(message));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The groups the BatchConsumers of one Kafka client consume (for the consumer-lag metric, libs/platform/src/metrics). */
const runningGroups = new WeakMap<Kafka, Map<BatchConsumer, { groupId: string; topics: string[] }>>();

export function consumerGroupsOf(kafka: Kafka): { groupId: string; topics: string[] }[] {
  return [...(runningGroups.get(kafka)?.values() ?? [])];
}

export class BatchConsumer {
  private consumer?: Consumer;
  private stopped = false;
  private markJoined!: () => void;
  /** Resolves once this consumer has joined its group and received its partitions. */
  readonly joined = new Promise<void>((resolve) => (this.markJoined = resolve));
  readonly stats = { batches: 0, records: 0, deadLettered: 0 };

  constructor(
    private readonly kafka: Kafka,
    private readonly producer: Producer,
    private readonly options: BatchConsumerOptions,
  ) {}

  async start(): Promise<void> {
    const { groupId, topics, fromBeginning } = this.options;
    if (!runningGroups.has(this.kafka)) runningGroups.set(this.kafka, new Map());
    runningGroups.get(this.kafka)!.set(this, { groupId, topics });
    this.consumer = this.kafka.consumer({
      groupId,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      maxBytesPerPartition: 4 * 1024 * 1024,
      maxWaitTimeInMs: 100,
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 10_000 },
    });
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => this.markJoined());
    await this.consumer.connect();
    for (const topic of topics) await this.consumer.subscribe({ topic, fromBeginning: fromBeginning ?? true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 2,
      eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }) => {
        const chunkSize = this.options.chunkSize ?? 1000;
        const all = batch.messages.map((m) => toRecord(batch.topic, batch.partition, m));
        for (let i = 0; i < all.length; i += chunkSize) {
          if (!isRunning() || isStale() || this.stopped) return;
          const chunk = all.slice(i, i + chunkSize);
          await this.processChunk(chunk);
          resolveOffset(chunk[chunk.length - 1]!.offset);
          await commitOffsetsIfNecessary({
            topics: [
              {
                topic: batch.topic,
                partitions: [{ partition: batch.partition, offset: (BigInt(chunk[chunk.length - 1]!.offset) + 1n).toString() }],
              },
            ],
          });
          await heartbeat();
        }
        this.stats.batches++;
        this.stats.records += all.length;
      },
    });
  }

  get kafkaConsumer(): Consumer | undefined {
    return this.consumer;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    runningGroups.get(this.kafka)?.delete(this);
    await this.consumer?.disconnect().catch(() => undefined);
  }

  /** Handler on the whole chunk; on a non-transient failure, bisect to isolate and dead-letter the poison record(s). */
  private async processChunk(chunk: ConsumedRecord[]): Promise<void> {
    const isTransient = this.options.isTransient ?? isTransientError;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.options.handler(chunk);
        return;
      } catch (error) {
        if (isTransient(error)) {
          this.options.logger.warn(
            `transient failure, retrying in ${Math.min(attempt, 10)}s: ${(error as Error).message}`,
            'BatchConsumer',
          );
          await sleep(Math.min(attempt, 10) * 1000);
          if (this.stopped) throw error;
          continue;
        }
        if (chunk.length > 1) {
          const mid = Math.ceil(chunk.length / 2);
          await this.processChunk(chunk.slice(0, mid));
          await this.processChunk(chunk.slice(mid));
          return;
        }
        if (attempt < this.options.retryBudget) {
          await sleep(50 * attempt);
          continue;
        }
        await this.deadLetter(chunk[0]!, error);
        return;
      }
    }
  }

  private async deadLetter(record: ConsumedRecord, error: unknown): Promise<void> {
    this.stats.deadLettered++;
    const reason = (error as Error)?.message ?? String(error);
    this.options.logger.error(
      `record ${record.topic}/${record.partition}@${record.offset} dead-lettered after ${this.options.retryBudget} attempts: ${reason}`,
      undefined,
      'BatchConsumer',
    );
    await this.producer.send({
      topic: TOPICS.deadLetter,
      acks: -1,
      messages: [
        {
          key: record.key,
          value: record.value,
          headers: deadLetterHeaders(record.headers, {
            sourceTopic: record.topic,
            sourcePartition: record.partition,
            sourceOffset: record.offset,
            consumerGroup: this.options.groupId,
            error: reason,
            attempts: this.options.retryBudget,
          }),
        },
      ],
    });
  }
}

function toRecord(topic: string, partition: number, m: KafkaMessage): ConsumedRecord {
  return {
    topic,
    partition,
    offset: m.offset,
    key: m.key ?? null,
    value: m.value ?? null,
    headers: m.headers ?? {},
    timestamp: m.timestamp,
  };
}

export function headerString(headers: IHeaders, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
}
