import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MigrationInterface } from 'typeorm';
import { PLATFORM_MIGRATIONS, orderMigrations, type MigrationClass } from '@trajectwacht/platform';
import { INGEST_MIGRATIONS } from './ingest/src/migrations';
import { MIGRATIONS } from './migrations';
import { SIGNALS_MIGRATIONS } from './signals/src/migrations';
import { TRAJECTORY_MIGRATIONS } from './trajectory/src/migrations';

/** The order (and names, as TypeORM records them) of the run before the migrations moved to their services. */
const BEFORE_THE_MOVE = [
  'InitialSchema1700000000001',
  'TrajectorySchema1700000000002',
  'SignalSchema1700000000003',
  'BerichtJson1700000000004',
  'IjwHeenbericht1700000000005',
  'IndicatorInboxIndexes1700000000006',
];

const FOLDERS: [string, readonly MigrationClass[]][] = [
  [join(__dirname, '../libs/platform/src/database/migrations'), PLATFORM_MIGRATIONS],
  [join(__dirname, 'ingest/src/migrations'), INGEST_MIGRATIONS],
  [join(__dirname, 'trajectory/src/migrations'), TRAJECTORY_MIGRATIONS],
  [join(__dirname, 'signals/src/migrations'), SIGNALS_MIGRATIONS],
];

function migration(name: string, recorded = name): MigrationClass {
  const Named = {
    [name]: class implements MigrationInterface {
      name = recorded;
      async up(): Promise<void> {}
      async down(): Promise<void> {}
    },
  }[name]!;
  return Named;
}

describe('the one ordered migration run (apps/migrations.ts)', () => {
  it('keeps the names and the order of the run before the move, and orders every later one by its timestamp', () => {
    const names = MIGRATIONS.map((m) => new m().name ?? '');
    expect(names.slice(0, BEFORE_THE_MOVE.length)).toEqual(BEFORE_THE_MOVE);
    const timestamps = names.map((n) => Number(n.slice(-13)));
    expect(timestamps).toEqual([...timestamps].sort((a, b) => a - b));
    expect(new Set(timestamps).size).toBe(timestamps.length);
  });

  it(
    'holds every migration file of every service and of the platform exactly once, ' + 'each in the list of the folder it lives in',
    async () => {
      const listed = new Set<MigrationClass>();
      for (const [folder, list] of FOLDERS) {
        const exported: MigrationClass[] = [];
        for (const file of readdirSync(folder).filter((f) => /^\d{13}-.+\.ts$/.test(f))) {
          const classes = Object.values((await import(join(folder, file))) as Record<string, MigrationClass>);
          expect(classes.map((m) => m.name.slice(-13))).toEqual([file.slice(0, 13)]); // one class per file, its timestamp in the file name
          exported.push(...classes);
        }
        expect(exported.map((m) => m.name).sort()).toEqual(list.map((m) => m.name).sort());
        for (const m of list) listed.add(m);
      }
      expect(new Set(MIGRATIONS)).toEqual(listed);
      expect(MIGRATIONS).toHaveLength(listed.size);
    },
  );

  it(
    'orders lists by timestamp and refuses duplicates, a shared timestamp, ' +
      'a recorded name unlike the class name and a name without timestamp',
    () => {
      const [a, b, c] = [migration('A1700000000011'), migration('B1700000000012'), migration('C1700000000013')];
      expect(orderMigrations([c, a], [b])).toEqual([a, b, c]);
      expect(() => orderMigrations([a], [a])).toThrow('migration A1700000000011 is listed twice');
      expect(() => orderMigrations([a], [migration('Other1700000000011')])).toThrow(/share the timestamp 1700000000011/);
      expect(() => orderMigrations([migration('D1700000000014', 'E1700000000014')])).toThrow(/records the name "E1700000000014"/);
      expect(() => orderMigrations([migration('NoTimestamp')])).toThrow('migration NoTimestamp does not end in a 13-digit timestamp');
    },
  );
});
