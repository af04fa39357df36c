import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * access_log: the NEN 7513 access log (issue 18; docs/security.md, "Access log"). One row per read of or action on a
 * child's personal data (libs/platform/src/audit): who (sub, role, organisation), what (action, route pattern,
 * subject, the pseudonyms concerned, the gemeenten whose data it was), when, the outcome and status, and the reason
 * where one is required. Append-only, enforced here: a trigger refuses every UPDATE and DELETE (per row) and every
 * TRUNCATE (per statement), for every role including the owner; PUBLIC keeps no UPDATE/DELETE/TRUNCATE grant. A
 * platform table (written by the trajectory and signal services alike), so a shared migration.
 */
export class AccessLog1700000000020 implements MigrationInterface {
  name = 'AccessLog1700000000020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE access_log (
      id           bigserial PRIMARY KEY,
      at           timestamptz NOT NULL DEFAULT clock_timestamp(),
      service      text        NOT NULL,
      request_id   text,
      sub          text        NOT NULL,
      role         text        NOT NULL,
      organisation text,
      action       text        NOT NULL,
      route        text        NOT NULL,
      subject      text,
      pseudonyms   text[]      NOT NULL DEFAULT '{}',
      gemeenten    text[]      NOT NULL DEFAULT '{}',
      outcome      text        NOT NULL CHECK (outcome IN ('allowed', 'refused', 'failed')),
      status       integer     NOT NULL,
      reason       text
    )`);
    await q.query(`CREATE INDEX access_log_pseudonyms ON access_log USING gin (pseudonyms)`);
    await q.query(`CREATE INDEX access_log_request ON access_log (request_id)`);
    await q.query(`CREATE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'access_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER access_log_no_change BEFORE UPDATE OR DELETE ON access_log
      FOR EACH ROW EXECUTE FUNCTION access_log_append_only()`);
    await q.query(`CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
      FOR EACH STATEMENT EXECUTE FUNCTION access_log_append_only()`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON access_log FROM PUBLIC`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE access_log`);
    await q.query(`DROP FUNCTION access_log_append_only()`);
  }
}
