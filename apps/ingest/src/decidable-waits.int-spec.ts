import type { DataSource } from 'typeorm';
import { dropSchema, freshDatabase } from '../../../test/support/infra';
import { rowsTouched } from '../../../test/support/plan';
import { DECIDABLE_WAITS_SQL, HeenberichtRepository, LOCK_WAITING_FOR_SQL } from './heenbericht.repository';

/**
 * What the periodic sweep of held berichten may decide (HeenberichtRepository.decidableWaits, real PostgreSQL): the
 * same rows as the comparison of concatenated keys it replaces, and every key looked up through an index. The old
 * form read every accepted bericht once per held bericht on every sweep (1 050 rows per bericht over a pipeline run of
 * 10⁵ berichten, growing with the table).
 */
const BEFORE_SQL = `SELECT h.wacht_op FROM ijw_heenbericht h
  WHERE h.status = 'wachtend'
    AND (h.hold_until <= $1 OR EXISTS (
          SELECT 1 FROM ijw_bericht b
           WHERE b.status = 'geaccepteerd' AND b.berichtcode = 'JW301'
             AND (b.gemeente || '|' || b.toewijzing_nummer) = ANY (h.wacht_op))
      OR EXISTS (
          SELECT 1 FROM ijw_verzoek_bericht v
           WHERE v.berichtcode IN ('JW315', 'JW317') AND ('verzoek:' || v.verzoek_sleutel) = ANY (h.wacht_op))
      OR EXISTS (
          SELECT 1 FROM ijw_verzoek_bericht v
           WHERE (v.berichtcode = 'JW301' OR (v.berichtcode = 'JW319' AND v.message->>'verzoekAntwoord' = '1'))
             AND ('besluit:' || v.verzoek_sleutel) = ANY (h.wacht_op)))
  LIMIT 5000`;

const NOW = '2026-03-01T12:00:00.000Z';

describe('decidable held berichten (real PostgreSQL)', () => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = await freshDatabase();
    // accepted and other products of toewijzingen of 0034 and 0363 (1 000 filler rows, so an index is worth using)
    await ds.query(
      `INSERT INTO ijw_bericht (id, bericht_id, afzender, berichtcode, gemeente, aanbieder, client_pseudonym, toewijzing_nummer,
                               content_hash, status, message, source, received_at)
       SELECT 'b' || k, 'b' || k, 'gemeente:0034', c, g, '12345678', md5(k::text), n::text, 'h', s, '{}'::jsonb, 'kafka', now()
         FROM (VALUES (1, 'JW301', '0034', 100, 'geaccepteerd'), (2, 'JW301', '0034', 101, 'afgewezen'),
                      (3, 'JW305', '0034', 102, 'geaccepteerd'), (4, 'JW301', '0363', 100, 'geaccepteerd')) AS x(k, c, g, n, s)
       UNION ALL
       SELECT 'f' || k, 'f' || k, 'gemeente:0518', 'JW301', '0518', '12345678', md5(k::text), (10000 + k)::text, 'h', 'geaccepteerd', '{}',
              'kafka', now()
         FROM generate_series(1, 1000) AS k`,
    );
    await ds.query(
      `INSERT INTO ijw_verzoek_bericht (id, heenbericht_id, verzoek_sleutel, berichtcode, gemeente, aanbieder, client_pseudonym, message,
                                       received_at)
       SELECT 'v' || k, 'h' || k, s, c, '0034', '12345678', 'p', m::jsonb, now()
         FROM (VALUES (1, '0034|12345678|R1', 'JW315', '{}'), (2, '0034|12345678|R2', 'JW319', '{"verzoekAntwoord": "1"}'),
                      (3, '0034|12345678|R3', 'JW319', '{"verzoekAntwoord": "2"}'), (4, '0034|12345678|R4', 'JW301', '{}'),
                      (5, '0034|12345678|R5', 'JW319', '{}')) AS x(k, s, c, m)
       UNION ALL
       SELECT 'vf' || k, 'hf' || k, '0518|12345678|F' || k, 'JW315', '0518', '12345678', 'p', '{}'::jsonb, now()
         FROM generate_series(1, 1000) AS k`,
    );
    const held: [string, string[], string][] = [
      ['toewijzing accepted', ['0034|100'], '2099-01-01'],
      ['toewijzing refused', ['0034|101'], '2099-01-01'],
      ['only a start of the toewijzing', ['0034|102'], '2099-01-01'],
      ['same number, other gemeente', ['0518|100'], '2099-01-01'],
      ['one of two keys accepted', ['0034|999', '0363|100'], '2099-01-01'],
      ['hold ended', ['0034|999'], '2026-02-01'],
      ['verzoek arrived', ['verzoek:0034|12345678|R1'], '2099-01-01'],
      ['verzoek key of a JW319', ['verzoek:0034|12345678|R2'], '2099-01-01'],
      ['besluit: afgewezen', ['besluit:0034|12345678|R2'], '2099-01-01'],
      ['besluit: a JW319 that is not afgewezen', ['besluit:0034|12345678|R3'], '2099-01-01'],
      ['besluit: a toewijzing', ['besluit:0034|12345678|R4'], '2099-01-01'],
      ['besluit: a JW319 without an answer', ['besluit:0034|12345678|R5'], '2099-01-01'],
      ['nothing yet', ['verzoek:0034|12345678|R9', 'besluit:0034|12345678|R9', '0034|998'], '2099-01-01'],
      ['a key of no known form', ['0034', 'verzoek:', '|100'], '2099-01-01'],
    ];
    await ds.query(
      `INSERT INTO ijw_heenbericht (id, afzender, content_hash, status, wacht_op, source, received_at, hold_until)
       SELECT x.id, 'aanbieder:12345678', 'h', 'wachtend', ARRAY(SELECT jsonb_array_elements_text(x.keys)), 'kafka', now(), x.until::date
         FROM jsonb_to_recordset($1::jsonb) AS x(id text, keys jsonb, until text)
       UNION ALL
       SELECT 'decided', 'aanbieder:12345678', 'h', 'geaccepteerd', ARRAY['0034|100'], 'kafka', now(), NULL`,
      [JSON.stringify(held.map(([id, keys, until]) => ({ id, keys, until })))],
    );
    await ds.query('ANALYZE');
  });

  afterAll(async () => {
    if (ds) await dropSchema(ds);
  });

  const sorted = (waits: string[][]) => waits.map((w) => w.join(',')).sort();

  it('gives exactly the held berichten that can be decided, as the comparison of concatenated keys did', async () => {
    const waits = await ds.transaction((m) => new HeenberichtRepository(m).decidableWaits(NOW));
    expect(sorted(waits)).toEqual(
      sorted([
        ['0034|100'],
        ['0034|999', '0363|100'],
        ['0034|999'],
        ['verzoek:0034|12345678|R1'],
        ['besluit:0034|12345678|R2'],
        ['besluit:0034|12345678|R4'],
      ]),
    );
    const before: { wacht_op: string[] }[] = await ds.query(BEFORE_SQL, [NOW]);
    expect(sorted(waits)).toEqual(sorted(before.map((r) => r.wacht_op)));
  });

  it('looks every key up through an index: it reads a few rows per held bericht, not every accepted or verzoek bericht', async () => {
    /** Rows the statement's scans of ijw_bericht and ijw_verzoek_bericht touched (returned or filtered out, every loop). */
    const rowsRead = (sql: string) =>
      ds.transaction(async (m) => {
        await m.query('SET LOCAL enable_seqscan = off'); // what the plan can do, not what a small table makes cheapest
        const [{ 'QUERY PLAN': plan }] = (await m.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, [NOW])) as { 'QUERY PLAN': unknown }[];
        return rowsTouched(plan, (n) => n['Relation Name'] === 'ijw_bericht' || n['Relation Name'] === 'ijw_verzoek_bericht');
      });
    // 14 held berichten with 20 keys between them: a handful of index hits
    expect(await rowsRead(DECIDABLE_WAITS_SQL)).toBeLessThan(50);
    // the form it replaced reads the tables over and over (so this test sees the old statement come back)
    expect(await rowsRead(BEFORE_SQL)).toBeGreaterThan(5_000);
  });
});

/** The toewijzing lookup as it was before it became a scalar subquery (for the test below). */
const JOINED_SQL = `SELECT h.wacht_op FROM ijw_heenbericht h
  WHERE h.status = 'wachtend'
    AND (h.hold_until <= $1 OR EXISTS (
        SELECT 1 FROM unnest(h.wacht_op) AS w(k)
          JOIN ijw_bericht b ON b.status = 'geaccepteerd'
                            AND b.gemeente = left(w.k, strpos(w.k, '|') - 1)
                            AND b.toewijzing_nummer = substr(w.k, strpos(w.k, '|') + 1)
         WHERE strpos(w.k, '|') > 0 AND b.berichtcode = 'JW301'))
  LIMIT 5000`;

describe('decidable held berichten on statistics of an empty table (real PostgreSQL)', () => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = await freshDatabase();
    // analysed while empty (a new deployment), then 20 000 accepted JW301s of one gemeente and 100 berichten held for
    // toewijzingen of it that have not come
    await ds.query('ANALYZE');
    await ds.query(
      `INSERT INTO ijw_bericht (id, bericht_id, afzender, berichtcode, gemeente, aanbieder, client_pseudonym, toewijzing_nummer,
                               content_hash, status, message, source, received_at)
       SELECT 'b' || k, 'b' || k, 'gemeente:0034', 'JW301', '0034', '12345678', md5(k::text), k::text, 'h', 'geaccepteerd', '{}',
              'kafka', now()
         FROM generate_series(1, 20000) AS k`,
    );
    await ds.query(
      `INSERT INTO ijw_heenbericht (id, afzender, content_hash, status, wacht_op, source, received_at, hold_until)
       SELECT 'w' || k, 'aanbieder:12345678', 'h', 'wachtend', ARRAY['0034|' || (20000 + k)], 'kafka', now(), '2099-01-01'
         FROM generate_series(1, 100) AS k`,
    );
  });
  afterAll(async () => {
    if (ds) await dropSchema(ds);
  });

  const rowsOfBericht = async (sql: string): Promise<number> => {
    const [{ 'QUERY PLAN': plan }] = (await ds.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, [NOW])) as { 'QUERY PLAN': unknown }[];
    return rowsTouched(plan, (n) => n['Relation Name'] === 'ijw_bericht' || String(n['Index Name'] ?? '').startsWith('ijw_bericht'));
  };

  it('still probes one toewijzing per key, where the join read every JW301 of the gemeente', async () => {
    expect(await ds.query(DECIDABLE_WAITS_SQL, [NOW])).toEqual([]);
    expect(await rowsOfBericht(DECIDABLE_WAITS_SQL)).toBeLessThan(500);
    expect(await rowsOfBericht(JOINED_SQL)).toBeGreaterThan(20_000);
  });
});

describe('the held berichten a JW301 releases (real PostgreSQL)', () => {
  let ds: DataSource;

  /** Inserts `n` berichten held for toewijzingen `0034|<from + k>` and `0363|<from + k>` (k = 1 … n), in one statement. */
  const hold = (from: number, n: number) =>
    ds.query(
      `INSERT INTO ijw_heenbericht (id, afzender, content_hash, status, wacht_op, source, received_at, hold_until)
       SELECT 'w' || (k + $1), 'aanbieder:12345678', 'h', 'wachtend', ARRAY['0034|' || (k + $1), '0363|' || (k + $1)], 'kafka', now(),
              '2099-01-01'
         FROM generate_series(1, $2::int) AS k`,
      [from, n],
    );
  /** Buffers (hit or read) the lookup of two keys touched, and the ids it returned. */
  const lookup = (keys: string[]) =>
    ds.transaction(async (m) => {
      const [{ 'QUERY PLAN': plan }] = (await m.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${LOCK_WAITING_FOR_SQL}`, [keys])) as {
        'QUERY PLAN': { Plan: Record<string, number> }[];
      }[];
      const rows: { id: string }[] = await m.query(LOCK_WAITING_FOR_SQL, [keys]);
      return { buffers: plan[0]!.Plan['Shared Hit Blocks']! + plan[0]!.Plan['Shared Read Blocks']!, ids: rows.map((r) => r.id) };
    });

  beforeAll(async () => {
    ds = await freshDatabase();
    await hold(0, 30_000);
  });
  afterAll(async () => {
    if (ds) await dropSchema(ds);
  });

  it('finds them in the tree of the GIN index, without reading a pending list of everything held since the last vacuum', async () => {
    const { buffers, ids } = await lookup(['0034|77', '0034|99999999']);
    expect(ids).toEqual(['w77']);
    expect(buffers).toBeLessThan(30);
    // the index as it was before migration 1700000000800: 30 000 more held berichten go to its pending list, which every
    // lookup reads (so this test sees fastupdate come back)
    await ds.query(`ALTER INDEX ijw_heenbericht_wachtend SET (fastupdate = on)`);
    await hold(30_000, 30_000);
    const before = await lookup(['0034|30077', '0034|99999999']);
    expect(before.ids).toEqual(['w30077']);
    expect(before.buffers).toBeGreaterThan(150);
  });
});
