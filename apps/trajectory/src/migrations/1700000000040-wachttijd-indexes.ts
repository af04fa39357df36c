import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes of the waiting-time and referral-route indicators (issue 17 point 4; libs/indicators/src/wachttijden.repository.ts),
 * on the trajectory service's tables, which the monitor reads:
 * - trajectory_begin: the trajectories of a gemeente that began in a period, with every column the indicators read
 *   (index-only);
 * - trajectory_client_wachttijden: a child's other trajectories with the columns of the ESCALATIE baseline and of
 *   herinstroom (activeFrom, activeUntil, level, crisis);
 * - verzoek_toegewezen: the verzoeken of a gemeente toegewezen in a period;
 * - verzoek_toewijzing_nummers (GIN): the verzoeken that led to a toewijzing, by its ToewijzingNummer.
 */
export class WachttijdIndexes1700000000040 implements MigrationInterface {
  name = 'WachttijdIndexes1700000000040';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX trajectory_begin ON trajectory (gemeente, begindatum)
      INCLUDE (id, status, aanbieder, client_pseudonym, productcategorie, ingangsdatum, stopdatum, wachttijd_dagen)`);
    await q.query(`CREATE INDEX trajectory_client_wachttijden ON trajectory (client_pseudonym)
      INCLUDE (id, status, gemeente, aanbieder, ingangsdatum, begindatum, stopdatum, einddatum, intensiteit, crisis)`);
    await q.query(`CREATE INDEX verzoek_toegewezen ON verzoek (gemeente, toegewezen_op)
      INCLUDE (aanbieder, soort, productcategorie, verwijzer_type, ontvangen)`);
    await q.query(`CREATE INDEX verzoek_toewijzing_nummers ON verzoek USING gin (toewijzing_nummers)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of ['verzoek_toewijzing_nummers', 'verzoek_toegewezen', 'trajectory_client_wachttijden', 'trajectory_begin'])
      await q.query(`DROP INDEX ${index}`);
  }
}
