import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Kafka, logLevel } from 'kafkajs';
import { dataSourceOptions, loadConfig, runMigrationsWithLock, type DatabaseOptions, type PlatformConfig } from '@trajectwacht/platform';
import { MIGRATIONS } from '../../apps/migrations';

/** Helpers for integration tests against the real local infrastructure. */
export function testConfig(overrides: Partial<PlatformConfig> = {}): PlatformConfig {
  return { ...loadConfig(process.env), ...overrides };
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

/** A migrated DataSource on a fresh PostgreSQL schema, dropped again by dropSchema(). */
export async function freshDatabase(schema = uniqueName('t'), entities: DatabaseOptions['entities'] = []): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(testConfig(), { schema, entities, migrations: MIGRATIONS, poolSize: 5 }));
  await ds.initialize();
  await runMigrationsWithLock(ds);
  return ds;
}

export async function dropSchema(ds: DataSource): Promise<void> {
  const schema = (ds.options as { schema?: string }).schema;
  if (schema && schema !== 'public') await ds.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await ds.destroy();
}

export function testKafka(clientId = uniqueName('test')): Kafka {
  return new Kafka({ clientId, brokers: testConfig().kafkaBrokers, logLevel: logLevel.NOTHING });
}

export async function createTopic(kafka: Kafka, topic: string, partitions: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }] });
  } finally {
    await admin.disconnect();
  }
}

export async function deleteTopic(kafka: Kafka, topic: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.deleteTopics({ topics: [topic] });
  } finally {
    await admin.disconnect();
  }
}

export async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 30_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export interface Collected {
  topic: string;
  key: string | null;
  value: string;
  headers: Record<string, string>;
}

/**
 * Collects everything produced to the given topics from now on (a fresh consumer group starting at the end).
 * Resolves once the group has joined, so nothing produced afterwards is missed.
 */
export async function collectTopics(kafka: Kafka, topics: string[]): Promise<{ messages: Collected[]; stop: () => Promise<void> }> {
  const consumer = kafka.consumer({ groupId: uniqueName('collect'), maxWaitTimeInMs: 50 });
  const messages: Collected[] = [];
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.connect();
  for (const topic of topics) await consumer.subscribe({ topic, fromBeginning: false });
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = String(Array.isArray(v) ? v[0] : v);
      messages.push({ topic, key: message.key?.toString() ?? null, value: message.value?.toString() ?? '', headers });
    },
  });
  await joined;
  return { messages, stop: () => consumer.disconnect() };
}

const SERVICE_ENV = [
  'INGEST_GROUP_ID',
  'INGEST_FROM_BEGINNING',
  'TRAJECTORY_GROUP_ID',
  'TRAJECTORY_FROM_BEGINNING',
  'SIGNAL_GROUP_ID',
  'SIGNAL_FROM_BEGINNING',
  'NOTIFY_GROUP_ID',
  'NOTIFY_FROM_BEGINNING',
  'BULLMQ_PREFIX',
  'VERVOLG_GROUP_ID',
];

/**
 * Gives the services started by one test their own consumer groups (starting at the end of the topics) and their own
 * BullMQ prefix, plus any extra settings; returns the function that restores the environment.
 */
export function isolateServices(extra: Record<string, string> = {}): () => void {
  const saved = new Map([...SERVICE_ENV, ...Object.keys(extra)].map((k) => [k, process.env[k]]));
  Object.assign(process.env, {
    INGEST_GROUP_ID: uniqueName('ingest'),
    INGEST_FROM_BEGINNING: 'false',
    TRAJECTORY_GROUP_ID: uniqueName('traj'),
    TRAJECTORY_FROM_BEGINNING: 'false',
    SIGNAL_GROUP_ID: uniqueName('signals'),
    SIGNAL_FROM_BEGINNING: 'false',
    NOTIFY_GROUP_ID: uniqueName('notify'),
    NOTIFY_FROM_BEGINNING: 'false',
    BULLMQ_PREFIX: uniqueName('bull'),
    VERVOLG_GROUP_ID: uniqueName('vervolg'),
    ...extra,
  });
  return () => {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}
