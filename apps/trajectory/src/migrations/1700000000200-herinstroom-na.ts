import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createHerinstroomNaTriggers, dropHerinstroomNaTriggers } from './herinstroom-na-triggers';

/**
 * Issue 16 point 2: herinstroom as a plain column (libs/indicators/src/indicators.repository.ts).
 *
 * `herinstroom_na` of a trajectory is the latest stopdatum of ANOTHER included trajectory (status <> 'ingetrokken') of the
 * same child that lies strictly before this trajectory's herinstroom start (coalesce(ingangsdatum, begindatum)); null
 * when there is none. A new trajectory is herinstroom within n months (isHerinstroom of libs/indicators) exactly when
 * start <= herinstroom_na + n months: if any earlier stop s has start <= s + n months, the latest one has too
 * (adding months is monotone). It depends on the period of no request, only on the child's trajectories, so the national
 * indicator reads it instead of looking up every new trajectory's predecessors; a narrower scope still looks up the
 * predecessors within the scope, for the few trajectories this column marks as candidates.
 *
 * Superseded by 1700000000600: the projection computes the column (herinstroomNa of @trajectwacht/trajectory) and the
 * triggers are gone, since they tripled the projection's PostgreSQL CPU. What follows describes this migration as it was.
 *
 * The column is kept by the database itself: statement-level triggers after every INSERT, UPDATE and DELETE on
 * trajectory recompute it for every trajectory of the children the statement touched (one set-based UPDATE per
 * statement, writing only the rows whose value changes); a row-level trigger before INSERT/UPDATE sets the written row's
 * own value already, so that a row is rarely written twice (a second version of most new rows would bloat the table
 * and keep its pages from being all-visible, which the index-only reads of the indicators need). So every writer (the
 * projection's upsert, a rebuild, the benchmark's and tests' insertStates) keeps it right without code of its own, and a
 * re-delivered message, which writes the same state again, changes nothing. The trigger's own UPDATE (depth > 1) does not recurse.
 * The covering indexes trajectory_indicators and trajectory_stop_before_start get the column.
 */
export class HerinstroomNa1700000000200 implements MigrationInterface {
  name = 'HerinstroomNa1700000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE trajectory ADD COLUMN herinstroom_na date`);
    await createHerinstroomNaTriggers(q);
    // backfill (the triggers' depth guard does not apply at top level: disable them for the one whole-table UPDATE)
    await q.query(`ALTER TABLE trajectory DISABLE TRIGGER trajectory_herinstroom_na_update`);
    await q.query(`ALTER TABLE trajectory DISABLE TRIGGER trajectory_herinstroom_na_row`);
    await q.query(`UPDATE trajectory t SET herinstroom_na = x.na
        FROM (SELECT n.id, max(o.stopdatum) AS na FROM trajectory n
                JOIN trajectory o ON o.client_pseudonym = n.client_pseudonym AND o.id <> n.id AND o.status <> 'ingetrokken'
                                 AND o.stopdatum < coalesce(n.ingangsdatum, n.begindatum)
               GROUP BY n.id) x
       WHERE t.id = x.id`);
    await q.query(`ALTER TABLE trajectory ENABLE TRIGGER trajectory_herinstroom_na_update`);
    await q.query(`ALTER TABLE trajectory ENABLE TRIGGER trajectory_herinstroom_na_row`);
    await q.query(`DROP INDEX trajectory_indicators`);
    await q.query(`CREATE INDEX trajectory_indicators ON trajectory (gemeente, (coalesce(stopdatum, 'infinity'::date)))
      INCLUDE (begindatum, stopdatum, status, aanbieder, intensiteit, client_pseudonym, id, ingangsdatum, verblijf, volgens_plan,
               wachttijd_dagen, herinstroom_na)`);
    await q.query(`DROP INDEX trajectory_stop_before_start`);
    await q.query(`CREATE INDEX trajectory_stop_before_start ON trajectory (gemeente, begindatum)
      INCLUDE (stopdatum, status, aanbieder, intensiteit, client_pseudonym, id, ingangsdatum, verblijf, volgens_plan, wachttijd_dagen,
               herinstroom_na)
      WHERE stopdatum < begindatum`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX trajectory_stop_before_start`);
    await q.query(`CREATE INDEX trajectory_stop_before_start ON trajectory (gemeente, begindatum)
      INCLUDE (stopdatum, status, aanbieder, intensiteit, client_pseudonym, id, ingangsdatum, verblijf, volgens_plan, wachttijd_dagen)
      WHERE stopdatum < begindatum`);
    await q.query(`DROP INDEX trajectory_indicators`);
    await q.query(`CREATE INDEX trajectory_indicators ON trajectory (gemeente, (coalesce(stopdatum, 'infinity'::date)))
      INCLUDE (begindatum, stopdatum, status, aanbieder, intensiteit, client_pseudonym, id, ingangsdatum, verblijf, volgens_plan,
               wachttijd_dagen)`);
    await dropHerinstroomNaTriggers(q);
    await q.query(`ALTER TABLE trajectory DROP COLUMN herinstroom_na`);
  }
}
