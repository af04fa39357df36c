import type { MigrationInterface, QueryRunner } from 'typeorm';

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
    await q.query(`CREATE FUNCTION trajectory_herinstroom_na(clients text[]) RETURNS void LANGUAGE sql AS $$
      UPDATE trajectory t SET herinstroom_na = x.na
        FROM (SELECT n.id,
                     (SELECT max(o.stopdatum) FROM trajectory o
                       WHERE o.client_pseudonym = n.client_pseudonym AND o.id <> n.id AND o.status <> 'ingetrokken'
                         AND o.stopdatum < coalesce(n.ingangsdatum, n.begindatum)) AS na
                FROM trajectory n WHERE n.client_pseudonym = ANY(clients)) x
       WHERE t.id = x.id AND t.herinstroom_na IS DISTINCT FROM x.na
    $$`);
    await q.query(`CREATE FUNCTION trajectory_herinstroom_na_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF pg_trigger_depth() > 1 THEN RETURN NULL; END IF;
        PERFORM trajectory_herinstroom_na(ARRAY(SELECT DISTINCT client_pseudonym FROM new_rows));
        RETURN NULL;
      END $$`);
    // only the children whose trajectories changed in a column the value depends on
    await q.query(`CREATE FUNCTION trajectory_herinstroom_na_updated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF pg_trigger_depth() > 1 THEN RETURN NULL; END IF;
        PERFORM trajectory_herinstroom_na(ARRAY(
          SELECT c FROM old_rows o JOIN new_rows n ON n.id = o.id,
                 LATERAL (VALUES (o.client_pseudonym), (n.client_pseudonym)) AS v(c)
           WHERE (o.client_pseudonym, o.status, o.stopdatum, o.ingangsdatum, o.begindatum, o.herinstroom_na)
                 IS DISTINCT FROM (n.client_pseudonym, n.status, n.stopdatum, n.ingangsdatum, n.begindatum, n.herinstroom_na)
           GROUP BY c));
        RETURN NULL;
      END $$`);
    await q.query(`CREATE FUNCTION trajectory_herinstroom_na_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF pg_trigger_depth() > 1 THEN RETURN NULL; END IF;
        PERFORM trajectory_herinstroom_na(ARRAY(SELECT DISTINCT client_pseudonym FROM old_rows));
        RETURN NULL;
      END $$`);
    // the row's own value as it is written (siblings written before it are seen), so that the statement-level
    // recomputation below rarely has to write a row a second time; the trigger's own UPDATE (depth > 1) sets it itself
    await q.query(`CREATE FUNCTION trajectory_herinstroom_na_row() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF pg_trigger_depth() > 1 THEN RETURN NEW; END IF;
        NEW.herinstroom_na := (SELECT max(o.stopdatum) FROM trajectory o
                                WHERE o.client_pseudonym = NEW.client_pseudonym AND o.id <> NEW.id AND o.status <> 'ingetrokken'
                                  AND o.stopdatum < coalesce(NEW.ingangsdatum, NEW.begindatum));
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER trajectory_herinstroom_na_row BEFORE INSERT OR UPDATE ON trajectory
      FOR EACH ROW EXECUTE FUNCTION trajectory_herinstroom_na_row()`);
    await q.query(`CREATE TRIGGER trajectory_herinstroom_na_insert AFTER INSERT ON trajectory
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION trajectory_herinstroom_na_inserted()`);
    await q.query(`CREATE TRIGGER trajectory_herinstroom_na_update AFTER UPDATE ON trajectory
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION trajectory_herinstroom_na_updated()`);
    await q.query(`CREATE TRIGGER trajectory_herinstroom_na_delete AFTER DELETE ON trajectory
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION trajectory_herinstroom_na_deleted()`);
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
    for (const t of ['row', 'insert', 'update', 'delete']) await q.query(`DROP TRIGGER trajectory_herinstroom_na_${t} ON trajectory`);
    for (const f of ['row', 'inserted', 'updated', 'deleted']) await q.query(`DROP FUNCTION trajectory_herinstroom_na_${f}()`);
    await q.query(`DROP FUNCTION trajectory_herinstroom_na(text[])`);
    await q.query(`ALTER TABLE trajectory DROP COLUMN herinstroom_na`);
  }
}
