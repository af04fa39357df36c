import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Trajectory service tables.
 * - trajectory_bericht: every accepted message, per trajectory (idempotent on its key); the trajectory state is
 *   always derived from the full set, so arrival order never matters.
 * - trajectory: the derived state per toewijzing (full state in jsonb + columns for queries and indicators).
 * - client: per child (pseudonym) the summary: birth date, active trajectories, highest active intensity.
 */
export class TrajectorySchema1700000000002 implements MigrationInterface {
  name = 'TrajectorySchema1700000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE trajectory_bericht (
        bericht_key       text PRIMARY KEY,
        trajectory_id     text        NOT NULL,
        client_pseudonym  text        NOT NULL,
        berichtcode       text        NOT NULL,
        message           jsonb       NOT NULL,
        received_at       timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX trajectory_bericht_trajectory ON trajectory_bericht (trajectory_id)`);

    await q.query(`
      CREATE TABLE trajectory (
        id                   text PRIMARY KEY,
        client_pseudonym     text    NOT NULL,
        gemeente             text    NOT NULL,
        aanbieder            text    NOT NULL,
        status               text    NOT NULL,
        productcategorie     text    NOT NULL,
        productcode          text,
        intensiteit          text,
        crisis               boolean NOT NULL,
        verblijf             boolean NOT NULL,
        gedwongen_kader      boolean NOT NULL,
        ingangsdatum         date,
        einddatum            date,
        begindatum           date,
        stopdatum            date,
        reden_beeindiging    text,
        volgens_plan         boolean,
        aantal_wijzigingen   integer NOT NULL,
        aantal_verlengingen  integer NOT NULL,
        wachttijd_dagen      integer,
        toewijzing_ontbreekt boolean NOT NULL,
        state                jsonb   NOT NULL,
        updated_at           timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX trajectory_client ON trajectory (client_pseudonym)`);
    await q.query(`CREATE INDEX trajectory_gemeente ON trajectory (gemeente, status)`);
    await q.query(`CREATE INDEX trajectory_aanbieder ON trajectory (aanbieder, status)`);

    await q.query(`
      CREATE TABLE client (
        pseudonym                 text PRIMARY KEY,
        geboortedatum             date    NOT NULL,
        gemeenten                 text[]  NOT NULL,
        active_trajectories       integer NOT NULL,
        highest_active_intensity  text,
        crisis_active             boolean NOT NULL,
        updated_at                timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE client');
    await q.query('DROP TABLE trajectory');
    await q.query('DROP TABLE trajectory_bericht');
  }
}
