import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * TR349 (issue 17): a JW317 must name every actual toewijzing of its client at its aanbieder, so ingest loads the
 * toewijzingen of a client in a gemeente (accepted JW301 products in ijw_bericht) by client, not only by number.
 */
export class IjwBerichtClientToewijzing1700000000100 implements MigrationInterface {
  name = 'IjwBerichtClientToewijzing1700000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX ijw_bericht_client_toewijzing ON ijw_bericht (gemeente, client_pseudonym, aanbieder)
        WHERE status = 'geaccepteerd' AND berichtcode = 'JW301'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ijw_bericht_client_toewijzing`);
  }
}
