import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrationsWithLock } from '@trajectwacht/platform';
import { dropSchema, testConfig, uniqueName } from '../test/support/infra';
import { MIGRATIONS } from './migrations';

describe('the one ordered migration run against real PostgreSQL', () => {
  it(
    'applies every migration exactly once, in order, ' + 'when several instances start at the same time; a later start runs nothing',
    async () => {
      const schema = uniqueName('mig');
      const sources = Array.from(
        { length: 4 },
        () => new DataSource(dataSourceOptions(testConfig(), { schema, migrations: MIGRATIONS, poolSize: 2 })),
      );
      await sources[0]!.initialize();
      await sources[0]!.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await Promise.all(sources.slice(1).map((s) => s.initialize()));
      try {
        const applied = await Promise.all(sources.map((s) => runMigrationsWithLock(s)));
        // exactly one instance applied each migration (under the advisory lock); the others found nothing to do
        expect(applied.filter((names) => names.length > 0)).toEqual([MIGRATIONS.map((m) => m.name)]);
        const rows: { name: string }[] = await sources[0]!.query(`SELECT name FROM "${schema}".schema_migrations ORDER BY id`);
        expect(rows.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => m.name));
        expect(sources[0]!.options.synchronize).toBe(false);
        expect(await runMigrationsWithLock(sources[1]!)).toEqual([]);
      } finally {
        await Promise.all(sources.slice(1).map((s) => s.destroy()));
        await dropSchema(sources[0]!);
      }
    },
  );

  it('refuses to migrate a data source without the list', async () => {
    const ds = new DataSource(dataSourceOptions(testConfig(), { schema: uniqueName('nomig') }));
    await ds.initialize();
    try {
      await expect(runMigrationsWithLock(ds)).rejects.toThrow(/has no migrations/);
    } finally {
      await ds.destroy();
    }
  });
});
