import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema, type MigrationInterface } from 'typeorm';
import type { PlatformConfig } from '../config';

/** Key of the PostgreSQL advisory lock that serialises migrations when several instances start at once. */
export const MIGRATION_LOCK_KEY = 727_301_305;

export interface DatabaseOptions {
  /** PostgreSQL schema to use (tests use a fresh one each); defaults to public. */
  schema?: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function | string | EntitySchema>;
  poolSize?: number;
  applicationName?: string;
  /**
   * The one ordered list of every migration (apps/migrations.ts assembles it from the services' lists and the shared
   * ones); runMigrationsWithLock refuses a data source without it. Data sources that only query may leave it out.
   */
  migrations?: readonly MigrationClass[];
}

/** A TypeORM migration class; TypeORM records its `name` (class name ending in a 13-digit timestamp). */
export type MigrationClass = new () => MigrationInterface;

/**
 * Merges the services' migration lists and the shared ones into the one ordered run: by the timestamp that ends
 * each name, as TypeORM orders them. Refuses a class whose recorded `name` is not its class name, a name without a
 * 13-digit timestamp, and two migrations with one name or one timestamp (two helpers picking the same next number).
 */
export function orderMigrations(...lists: readonly (readonly MigrationClass[])[]): MigrationClass[] {
  const entries = lists.flat().map((migration) => {
    const name = new migration().name;
    if (name !== migration.name)
      throw new Error(`migration class ${migration.name} records the name "${name}": the recorded name must be the class name`);
    const timestamp = /(\d{13})$/.exec(name)?.[1];
    if (!timestamp) throw new Error(`migration ${name} does not end in a 13-digit timestamp`);
    return { migration, name, timestamp: Number(timestamp) };
  });
  entries.sort((a, b) => a.timestamp - b.timestamp);
  for (let i = 1; i < entries.length; i++) {
    const [before, after] = [entries[i - 1]!, entries[i]!];
    if (before.name === after.name) throw new Error(`migration ${after.name} is listed twice`);
    if (before.timestamp === after.timestamp)
      throw new Error(
        `migrations ${before.name} and ${after.name} share the timestamp ${after.timestamp}: give the newer one the next free number`,
      );
  }
  return entries.map((e) => e.migration);
}

export function dataSourceOptions(config: Pick<PlatformConfig, 'databaseUrl'>, options: DatabaseOptions = {}): DataSourceOptions {
  const schema = options.schema ?? 'public';
  return {
    type: 'postgres',
    url: config.databaseUrl,
    schema,
    entities: options.entities ?? [],
    migrations: [...(options.migrations ?? [])],
    migrationsTableName: 'schema_migrations',
    migrationsRun: false,
    synchronize: false,
    logging: ['error'],
    applicationName: options.applicationName ?? 'trajectwacht',
    // jit=off: PostgreSQL's JIT compiles a statement whose estimated cost passes jit_above_cost, which for these short,
    // per-batch statements costs far more than it saves (the signal engine's load spent two thirds of its time in JIT
    // compilation: docs/benchmarks.md, "PostgreSQL sessions without JIT"). Set per session, so the server's own default stays as it is.
    extra: { max: options.poolSize ?? 10, options: `-c search_path=${schema} -c jit=off` },
  };
}

/**
 * Runs pending migrations under a session-level advisory lock, so that N instances starting together apply each
 * migration exactly once: the first takes the lock and migrates, the others wait and then find nothing to do.
 * The lock is the schema's own (MIGRATION_LOCK_KEY with hashtext(schema) as the second key): deployments, tests and
 * benchmarks in other schemas of the same server never wait for each other's migrations.
 */
export async function runMigrationsWithLock(dataSource: DataSource): Promise<string[]> {
  const listed = dataSource.options.migrations;
  if (!Array.isArray(listed) || listed.length === 0) {
    throw new Error(
      'runMigrationsWithLock: the data source has no migrations; pass the one ordered list (MIGRATIONS of apps/migrations.ts) as ' +
        'dataSourceOptions(config, { migrations })',
    );
  }
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    const schema = (dataSource.options as { schema?: string }).schema ?? 'public';
    await lockRunner.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '')}"`).catch(() => undefined);
    await lockRunner.query('SELECT pg_advisory_lock($1, hashtext($2))', [MIGRATION_LOCK_KEY, schema]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await lockRunner.query('SELECT pg_advisory_unlock($1, hashtext($2))', [MIGRATION_LOCK_KEY, schema]);
    }
  } finally {
    await lockRunner.release();
  }
}
