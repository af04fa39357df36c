import type { Kafka } from 'kafkajs';
import type { ConsumedRecord } from './batch-consumer';

/**
 * Reads a topic from the beginning up to the end offsets it had when the replay started, handing each fetched batch
 * to the handler (awaited, in order per partition). Used by rebuilds and benchmarks. Commits nothing.
 */
export async function replayTopic(
  kafka: Kafka,
  topic: string,
  handler: (records: ConsumedRecord[]) => Promise<void>,
  options: { groupId: string; onProgress?: (done: number, total: number) => void },
): Promise<{ records: number }> {
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const end = new Map(offsets.map((o) => [o.partition, BigInt(o.high)]));
  const start = new Map(offsets.map((o) => [o.partition, BigInt(o.low)]));
  const total = offsets.reduce((sum, o) => sum + Number(BigInt(o.high) - BigInt(o.low)), 0);
  const remaining = new Set(offsets.filter((o) => BigInt(o.high) > BigInt(o.low)).map((o) => o.partition));
  if (remaining.size === 0) return { records: 0 };

  const consumer = kafka.consumer({
    groupId: options.groupId,
    maxBytesPerPartition: 8 * 1024 * 1024,
    maxWaitTimeInMs: 50,
    sessionTimeout: 60_000,
  });
  let records = 0;
  let finish!: () => void;
  let fail!: (e: unknown) => void;
  const finished = new Promise<void>((resolve, reject) => ((finish = resolve), (fail = reject)));
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    partitionsConsumedConcurrently: 2,
    eachBatch: async ({ batch, heartbeat }) => {
      try {
        const stop = end.get(batch.partition) ?? 0n;
        const chunk = batch.messages
          .filter((m) => BigInt(m.offset) < stop && BigInt(m.offset) >= (start.get(batch.partition) ?? 0n))
          .map((m) => ({
            topic,
            partition: batch.partition,
            offset: m.offset,
            key: m.key ?? null,
            value: m.value ?? null,
            headers: m.headers ?? {},
            timestamp: m.timestamp,
          }));
        if (chunk.length > 0) {
          await handler(chunk);
          records += chunk.length;
          options.onProgress?.(records, total);
        }
        const last = batch.messages[batch.messages.length - 1];
        if (last && BigInt(last.offset) + 1n >= stop) {
          remaining.delete(batch.partition);
          if (remaining.size === 0) finish();
        }
        await heartbeat();
      } catch (error) {
        fail(error);
        throw error;
      }
    },
  });
  try {
    await finished;
  } finally {
    await consumer.disconnect();
  }
  return { records };
}
