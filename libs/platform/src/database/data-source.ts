import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';
import type { PlatformConfig } from '../config';
import { MIGRATIONS } from './migrations';

/** Key of the PostgreSQL advisory lock that serialises migrations when several instances start at once. */
export const MIGRATION_LOCK_KEY = 727_301_305;

export interface DatabaseOptions {
  /** PostgreSQL schema to use (tests use a fresh one each); defaults to public. */
  schema?: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function | string | EntitySchema>;
  poolSize?: number;
  applicationName?: string;
}

export function dataSourceOptions(config: Pick<PlatformConfig, 'databaseUrl'>, options: DatabaseOptions = {}): DataSourceOptions {
  const schema = options.schema ?? 'public';
  return {
    type: 'postgres',
    url: config.databaseUrl,
    schema,
    entities: options.entities ?? [],
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsRun: false,
    synchronize: false,
    logging: ['error'],
    applicationName: options.applicationName ?? 'trajectwacht',
    extra: { max: options.poolSize ?? 10, options: `-c search_path=${schema}` },
  };
}

/**
 * Runs pending migrations under a session-level advisory lock, so that N instances starting together apply each
 * migration exactly once: the first takes the lock and migrates, the others wait and then find nothing to do.
 */
export async function runMigrationsWithLock(dataSource: DataSource): Promise<string[]> {
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    const schema = (dataSource.options as { schema?: string }).schema ?? 'public';
    await lockRunner.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '')}"`).catch(() => undefined);
    await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await lockRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await lockRunner.release();
  }
}
