import type { QueryRunner } from 'typeorm';

/** The triggers and functions of 1700000000200's up() (dropped again by 1700000000600, whose down() restores them with this). */
export async function createHerinstroomNaTriggers(q: QueryRunner): Promise<void> {
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
}

export async function dropHerinstroomNaTriggers(q: QueryRunner): Promise<void> {
  for (const t of ['row', 'insert', 'update', 'delete']) await q.query(`DROP TRIGGER trajectory_herinstroom_na_${t} ON trajectory`);
  for (const f of ['row', 'inserted', 'updated', 'deleted']) await q.query(`DROP FUNCTION trajectory_herinstroom_na_${f}()`);
  await q.query(`DROP FUNCTION trajectory_herinstroom_na(text[])`);
}
