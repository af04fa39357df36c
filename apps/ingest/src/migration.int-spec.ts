import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrationsWithLock } from '@trajectwacht/platform';
import { MIGRATIONS } from '../../migrations';
import { dropSchema, testConfig, uniqueName } from '../../../test/support/infra';
import { IngestPipeline } from './ingest.pipeline';

/**
 * Migration 1700000000005 (iJw 3.2) on a database that holds what the earlier JSON contract recorded: toewijzing
 * numbers with leading zeros become canonical, the decisions recorded before keep their status (marked legacy),
 * and a message that was still held is not lost: it becomes a held bericht and the new pipeline decides it.
 */
describe('migration to iJw 3.2 storage (real PostgreSQL)', () => {
  const config = testConfig({ unknownToewijzingGraceSeconds: 3600 });
  const schema = uniqueName('migr');
  let ds: DataSource;

  afterAll(async () => {
    if (ds?.isInitialized) await dropSchema(ds);
  });

  it('canonicalises numbers, keeps earlier decisions and hands a held message to the new pipeline', async () => {
    const before = new DataSource(dataSourceOptions(config, { schema, migrations: MIGRATIONS.slice(0, 4) }));
    await before.initialize();
    await before.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await runMigrationsWithLock(before);
    const pseudonym = 'a'.repeat(32);
    const base = {
      gemeente: '0034',
      aanbieder: '12345678',
      client: { pseudonym, geboortedatum: '2012-03-04' },
      product: { categorie: '45', code: '45A01' },
    };
    const toewijzing = {
      ...base,
      berichtcode: 'JW301',
      berichtId: 'old-301',
      toewijzingNummer: '0012345',
      ingangsdatum: '2025-01-01',
      einddatum: '2025-12-31',
    };
    const start = { ...base, berichtcode: 'JW305', berichtId: 'old-305', toewijzingNummer: '12345', begindatum: '2025-01-10' };
    const rejected = { code: 'TW01', field: 'client.bsn', message: 'client.bsn is not a valid BSN' };
    await before.query(
      `INSERT INTO ijw_bericht (id, bericht_id, afzender, berichtcode, gemeente, aanbieder, client_pseudonym, toewijzing_nummer,
                               content_hash, status, retourcodes, message, source, received_at, decided_at, hold_until)
       VALUES ('gemeente:0034|old-301', 'old-301', 'gemeente:0034', 'JW301', '0034', '12345678', $1, '0012345', 'h1', 'geaccepteerd', '[]',
               $2, 'kafka', '2025-01-01T08:00:00Z', '2025-01-01T08:00:00Z', NULL),
              ('aanbieder:12345678|old-305', 'old-305', 'aanbieder:12345678', 'JW305', '0034', '12345678', $1, '12345', 'h2', 'wachtend',
               '[]', $3, 'kafka', '2025-01-10T08:00:00Z', NULL, '2099-01-01T00:00:00Z'),
              ('gemeente:0034|old-bad', 'old-bad', 'gemeente:0034', 'JW301', NULL, NULL, NULL, NULL, 'h3', 'afgewezen', $4, NULL, 'http',
               '2025-01-02T08:00:00Z', '2025-01-02T08:00:00Z', NULL)`,
      [pseudonym, JSON.stringify(toewijzing), JSON.stringify(start), JSON.stringify([rejected])],
    );
    await before.query(
      `INSERT INTO toewijzing_register (gemeente, toewijzing_nummer, aanbieder, client_pseudonym, productcategorie, productcode,
                                       ingangsdatum, einddatum, laatste_bericht_id)
       VALUES ('0034', '0012345', '12345678', $1, '45', '45A01', '2025-01-01', '2025-12-31', 'old-301')`,
      [pseudonym],
    );
    await before.destroy();

    ds = new DataSource(dataSourceOptions(config, { schema, migrations: MIGRATIONS }));
    await ds.initialize();
    expect(await runMigrationsWithLock(ds)).toContain('IjwHeenbericht1700000000005');

    const rows: {
      id: string;
      status: string;
      toewijzing_nummer: string | null;
      legacy: boolean;
      message: { toewijzingNummer?: string } | null;
      retourcodes: unknown[];
    }[] = await ds.query(`SELECT id, status, toewijzing_nummer, legacy, message, retourcodes FROM ijw_bericht ORDER BY id`);
    expect(rows).toEqual([
      expect.objectContaining({
        id: 'gemeente:0034|old-301',
        status: 'geaccepteerd',
        toewijzing_nummer: '12345',
        legacy: true,
        message: expect.objectContaining({ toewijzingNummer: '12345' }),
      }),
      expect.objectContaining({ id: 'gemeente:0034|old-bad', status: 'afgewezen', legacy: true, retourcodes: [rejected] }),
    ]);
    expect(await ds.query(`SELECT toewijzing_nummer FROM toewijzing_register`)).toEqual([{ toewijzing_nummer: '12345' }]);
    const held: { id: string; status: string; wacht_op: string[] }[] = await ds.query(`SELECT id, status, wacht_op FROM ijw_heenbericht`);
    expect(held).toEqual([{ id: 'legacy|aanbieder:12345678|old-305', status: 'wachtend', wacht_op: ['0034|12345'] }]);

    // the new pipeline decides the held message against the (canonicalised) toewijzing: accepted, nothing lost
    const pipeline = new IngestPipeline(ds, config);
    expect(await pipeline.sweepHeld()).toBe(1);
    const decided: { status: string }[] = await ds.query(
      `SELECT status FROM ijw_heenbericht WHERE id = 'legacy|aanbieder:12345678|old-305'`,
    );
    expect(decided).toEqual([{ status: 'geaccepteerd' }]);
    const accepted: { id: string; toewijzing_nummer: string }[] = await ds.query(
      `SELECT id, toewijzing_nummer FROM ijw_bericht WHERE berichtcode = 'JW305'`,
    );
    expect(accepted).toEqual([{ id: 'aanbieder:12345678|old-305', toewijzing_nummer: '12345' }]);
    const outbox: { topic: string; payload: string }[] = await ds.query(`SELECT topic, payload FROM outbox ORDER BY id`);
    expect(outbox.map((o) => o.topic.replace(/^.*\.(ijw\.[a-z]+\.v1)$/, '$1'))).toEqual(['ijw.geaccepteerd.v1', 'ijw.retour.v1']);
    // its retour is the decision record; there is no retour bericht (its id was never an iJw Identificatie)
    expect(JSON.parse(outbox[1]!.payload)).toMatchObject({ type: 'retour', status: 'geaccepteerd', retourXml: null });
  });
});
