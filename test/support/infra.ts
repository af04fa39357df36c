import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Kafka, logLevel } from 'kafkajs';
import { dataSourceOptions, loadConfig, runMigrationsWithLock, type DatabaseOptions, type PlatformConfig } from '@trajectwacht/platform';

/** Helpers for integration tests against the real local infrastructure. */
export function testConfig(overrides: Partial<PlatformConfig> = {}): PlatformConfig {
  return { ...loadConfig(process.env), ...overrides };
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

/** A migrated DataSource on a fresh PostgreSQL schema, dropped again by dropSchema(). */
export async function freshDatabase(schema = uniqueName('t'), entities: DatabaseOptions['entities'] = []): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(testConfig(), { schema, entities, poolSize: 5 }));
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
