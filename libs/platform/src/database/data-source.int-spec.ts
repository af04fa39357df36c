import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@trajectwacht/platform';
import { dropSchema, testConfig, uniqueName } from '../../../../test/support/infra';

/** Whether EXPLAIN ANALYZE of `sql` in this transaction reports JIT compilation. */
async function jitCompiled(ds: DataSource, setup: string[], sql: string): Promise<boolean> {
  return ds.transaction(async (manager) => {
    for (const statement of setup) await manager.query(statement);
    const [row] = (await manager.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`)) as { 'QUERY PLAN': Record<string, unknown>[] }[];
    return row!['QUERY PLAN'][0]!['JIT'] !== undefined;
  });
}

// A statement every threshold sends to JIT: jit_above_cost 0 makes any plan cost enough.
const EVERY_PLAN_QUALIFIES = [
  'SET LOCAL jit_above_cost = 0',
  'SET LOCAL jit_inline_above_cost = 0',
  'SET LOCAL jit_optimize_above_cost = 0',
];
const QUERY = 'SELECT sum(x * x) FROM generate_series(1, 1000) AS x';

describe('dataSourceOptions: the sessions of every service', () => {
  const schema = uniqueName('ds_options');
  const ds = new DataSource(dataSourceOptions(testConfig(), { schema, poolSize: 3 }));

  beforeAll(async () => {
    await ds.initialize();
    await ds.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  });
  afterAll(() => dropSchema(ds));

  it('run with JIT off on every pooled connection, beside their own search_path', async () => {
    const rows = (await Promise.all(
      [0, 1, 2].map(() =>
        ds.query(`SELECT current_setting('jit') AS jit, current_setting('search_path') AS path, pg_backend_pid() AS pid`),
      ),
    )) as { jit: string; path: string; pid: number }[][];
    expect(new Set(rows.map(([r]) => r!.pid)).size).toBe(3);
    for (const [row] of rows) expect(row).toMatchObject({ jit: 'off', path: schema });
  });

  it('never JIT-compile a statement, whatever its estimated cost', async () => {
    expect(await jitCompiled(ds, EVERY_PLAN_QUALIFIES, QUERY)).toBe(false);
    // the control: on this server the same statement is compiled as soon as a session allows JIT (when the server has it)
    const [{ available }] = (await ds.query('SELECT pg_jit_available() AS available')) as { available: boolean }[];
    if (available) expect(await jitCompiled(ds, ['SET LOCAL jit = on', ...EVERY_PLAN_QUALIFIES], QUERY)).toBe(true);
  });
});
