import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16 (ingest's PostgreSQL time per bericht): the GIN index of what held berichten wait for
 * (ijw_heenbericht_wachtend) takes new entries straight into its tree instead of a pending list (fastupdate off).
 * With the pending list, every lookup of the held berichten a JW301 releases (HeenberichtRepository.lockWaitingFor)
 * read the whole list, which only VACUUM or the 4 MB gin_pending_list_limit empties: on a server without autovacuum (as
 * the benchmark's) or between its runs that was hundreds of pages per lookup (30 000 held berichten: 210 buffers and
 * 3.4 ms for one key, against 7 and 0.05 ms without the list). The entries of the list that exists are moved into the
 * tree here.
 */
export class HeenberichtWachtendDirect1700000000800 implements MigrationInterface {
  name = 'HeenberichtWachtendDirect1700000000800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER INDEX ijw_heenbericht_wachtend SET (fastupdate = off)`);
    await q.query(`SELECT gin_clean_pending_list('ijw_heenbericht_wachtend'::regclass)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER INDEX ijw_heenbericht_wachtend RESET (fastupdate)`);
  }
}
