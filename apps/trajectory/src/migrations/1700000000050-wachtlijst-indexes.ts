import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The waiting list (issue 17 point 5, wachtlijst.repository.ts): toewijzingen without a start in the list's order
 * (Ingangsdatum, id) per gemeente and per aanbieder, only the waiting ones (partial: status toegewezen). The JW315 a
 * toewijzing honours is found by its ToewijzingNummer through verzoek_toewijzing_nummers (1700000000040), the open
 * verzoeken through verzoek_gemeente_open / verzoek_aanbieder (1700000000031).
 */
export class WachtlijstIndexes1700000000050 implements MigrationInterface {
  name = 'WachtlijstIndexes1700000000050';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX trajectory_wachtlijst_gemeente ON trajectory (gemeente, ingangsdatum, (id COLLATE "C")) WHERE status = 'toegewezen'`,
    );
    await q.query(
      `CREATE INDEX trajectory_wachtlijst_aanbieder ON trajectory (aanbieder, ingangsdatum, (id COLLATE "C")) WHERE status = 'toegewezen'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX trajectory_wachtlijst_aanbieder`);
    await q.query(`DROP INDEX trajectory_wachtlijst_gemeente`);
  }
}
