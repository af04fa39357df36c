import type { MigrationInterface, QueryRunner } from 'typeorm';

/** signal_vervolg: the follow-ups for 18+ the signal engine has read from vervolg.v1 (issue 15), per child. */
export class SignalVervolg1700000000008 implements MigrationInterface {
  name = 'SignalVervolg1700000000008';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE signal_vervolg (
      id text PRIMARY KEY,
      client_pseudonym text NOT NULL,
      vastgelegd_op_tijd timestamptz NOT NULL,
      record jsonb NOT NULL
    )`);
    await q.query(`CREATE INDEX signal_vervolg_client ON signal_vervolg (client_pseudonym)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE signal_vervolg`);
  }
}
