import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { QueryRunner } from 'typeorm';
import { INSERT_STATES_SQL } from '@trajectwacht/indicators/testing';
import { TRAJECTORY_STATE_COLUMNS, TRAJECTORY_STATE_COLUMN_LIST } from '@trajectwacht/trajectory';
import { TrajectorySchema1700000000002 } from './trajectory/src/migrations/1700000000002-trajectory-schema';

/** Production files of a service (no specs, no migrations). */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'migrations' ? [] : sources(path);
    return /\.ts$/.test(name) && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(name) ? [path] : [];
  });
}

/** A statement in code: a query call or the start of a SQL statement in a string. */
const SQL = /\.query\(|[`'"]\s*(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|WITH \w+ AS)\b/;

describe('SQL lives in repositories (every service and the platform library)', () => {
  // rebuild.ts drops and recreates the schema it rebuilds into (schema administration, no table of its own);
  // data-source.ts takes the migrations' advisory lock (no table); columns.ts builds column lists for repositories;
  // indicators.provider.ts hands libs/indicators' IndicatorRepository its query function (no statement of its own)
  const allowed = new Set([
    'trajectory/src/rebuild.ts',
    '../libs/platform/src/database/data-source.ts',
    '../libs/platform/src/database/columns.ts',
    'monitor/src/indicators.provider.ts',
  ]);

  it('no pipeline, projection, engine, controller, consumer, job or service holds a statement', () => {
    const offenders = ['ingest/src', 'trajectory/src', 'signals/src', 'monitor/src', '../libs/platform/src']
      .flatMap((dir) => sources(join(__dirname, dir)))
      .filter((file) => !file.endsWith('.repository.ts') && !allowed.has(relative(__dirname, file)))
      .filter((file) => SQL.test(readFileSync(file, 'utf8')))
      .map((file) => relative(__dirname, file));
    expect(offenders).toEqual([]);
  });

  it(
    'the trajectory columns are written once: the list matches the table, ' + 'and the indicators test support inserts through it',
    async () => {
      const statements: string[] = [];
      await new TrajectorySchema1700000000002().up({ query: async (sql: string) => void statements.push(sql) } as unknown as QueryRunner);
      const table = statements.find((s) => /CREATE TABLE trajectory \(/.test(s))!;
      for (const [column, , type] of TRAJECTORY_STATE_COLUMNS) expect(table).toMatch(new RegExp(`\\n\\s*${column}\\s+${type}\\b`));
      expect(INSERT_STATES_SQL).toContain(`INSERT INTO trajectory (${TRAJECTORY_STATE_COLUMN_LIST}, herinstroom_na, state)`);
    },
  );
});
