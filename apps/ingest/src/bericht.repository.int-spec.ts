import type { DataSource } from 'typeorm';
import { dropSchema, freshDatabase } from '../../../test/support/infra';
import { rowsTouched } from '../../../test/support/plan';
import { ACCEPTED_OF_SQL, BerichtRepository } from './bericht.repository';

/**
 * The history of controleniveau 3 (BerichtRepository.acceptedOf) under statistics older than the table: ijw_bericht
 * analysed while still empty (a maintenance VACUUM ANALYZE of a new deployment, the pipeline benchmark's stand-in for
 * autovacuum), then filled faster than autovacuum, which visits a database once a minute, analyses it again. The join
 * it replaced was then planned as a scan of the whole partial index and table (bitmap, merge or hash join) for every
 * batch: in the pipeline benchmark (issue 16) about 500 buffer hits per bericht on ijw_bericht. The LATERAL form
 * probes the index once per key whatever the statistics say (real PostgreSQL).
 */
const BEFORE_SQL = `SELECT b.message FROM ijw_bericht b
  JOIN unnest($1::text[], $2::text[]) AS k(gemeente, nummer) ON b.gemeente = k.gemeente AND b.toewijzing_nummer = k.nummer
 WHERE b.status = 'geaccepteerd' ORDER BY b.received_at, b.id`;

describe('BerichtRepository.acceptedOf with statistics of a nearly empty table (real PostgreSQL)', () => {
  let ds: DataSource;
  const keys = Array.from({ length: 300 }, (_, i) => `${String(34 + ((13 * i) % 7)).padStart(4, '0')}|${1000 + 13 * i}`);

  beforeAll(async () => {
    ds = await freshDatabase();
    // analysed while empty, then 30 000 rows arrive (7 gemeenten, numbers 1 000 … 16 000, two products each)
    const insert = (from: number, to: number) =>
      ds.query(
        `INSERT INTO ijw_bericht (id, bericht_id, afzender, berichtcode, gemeente, aanbieder, client_pseudonym, toewijzing_nummer,
                                 content_hash, status, message, source, received_at)
         SELECT 'b' || k, 'b' || k, 'gemeente:0034', CASE WHEN k % 2 = 0 THEN 'JW301' ELSE 'JW305' END,
                lpad((34 + (k / 2) % 7)::text, 4, '0'),
                '12345678', md5((k / 2)::text), (1000 + k / 2)::text, 'h', CASE WHEN k % 50 = 0 THEN 'afgewezen' ELSE 'geaccepteerd' END,
                jsonb_build_object('k', k, 'gemeente', lpad((34 + (k / 2) % 7)::text, 4, '0'), 'toewijzingNummer', (1000 + k / 2)::text),
                'kafka', timestamptz '2026-01-01' + k * interval '1 minute'
           FROM generate_series($1::int, $2::int) AS k`,
        [from, to],
      );
    await ds.query('ANALYZE ijw_bericht');
    await insert(1, 30_000);
  });
  afterAll(async () => {
    if (ds) await dropSchema(ds);
  });

  /** Index entries and heap rows of ijw_bericht the statement read (returned or filtered out, every loop). */
  const rowsRead = async (sql: string): Promise<number> => {
    const params = [keys.map((k) => k.split('|')[0]), keys.map((k) => k.split('|')[1])];
    const [{ 'QUERY PLAN': plan }] = (await ds.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params)) as { 'QUERY PLAN': unknown }[];
    return rowsTouched(
      plan,
      (n) => n['Relation Name'] === 'ijw_bericht' || (typeof n['Index Name'] === 'string' && n['Node Type'] === 'Bitmap Index Scan'),
    );
  };

  it('reads a few rows per key, where the join read the table', async () => {
    // 300 keys with about two accepted products each
    expect(await rowsRead(ACCEPTED_OF_SQL)).toBeLessThan(2_000);
    // the join on these statistics (so this test sees it come back)
    expect(await rowsRead(BEFORE_SQL)).toBeGreaterThan(20_000);
  });

  it('gives the accepted products of the keys, oldest first, as the join did', async () => {
    const got = await ds.transaction((m) => new BerichtRepository(m).acceptedOf(keys));
    const params = [keys.map((k) => k.split('|')[0]), keys.map((k) => k.split('|')[1])];
    const before = ((await ds.query(BEFORE_SQL, params)) as { message: unknown }[]).map((r) => r.message);
    expect(got.length).toBeGreaterThan(300);
    expect(got).toEqual(before);
  });
});
