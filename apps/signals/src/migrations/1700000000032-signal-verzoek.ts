import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * signal_verzoek (issue 17): the signal engine's own view of each verzoek (JW315/JW317 with its answers) of a child,
 * from the verzoek events of trajectory.events.v1, for VERZOEK_ONBEANTWOORD; event_time as for signal_trajectory.
 */
export class SignalVerzoek1700000000032 implements MigrationInterface {
  name = 'SignalVerzoek1700000000032';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE signal_verzoek (
      id text PRIMARY KEY,
      client_pseudonym text NOT NULL,
      state jsonb NOT NULL,
      event_time text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX signal_verzoek_client ON signal_verzoek (client_pseudonym)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE signal_verzoek`);
  }
}
