import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * client_vervolg: the follow-ups for 18+ recorded by toegang (issue 15), one row per vervolg.v1 record (the whole
 * record in `record`, the audit columns beside it). Written with the outbox row in one transaction by the API and
 * replayed from vervolg.v1 by the rebuild (insert keyed by id, ON CONFLICT DO NOTHING).
 */
export class ClientVervolg1700000000007 implements MigrationInterface {
  name = 'ClientVervolg1700000000007';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE client_vervolg (
      id text PRIMARY KEY,
      client_pseudonym text NOT NULL,
      gemeente text NOT NULL,
      soort text NOT NULL,
      vastgelegd_op date NOT NULL,
      vastgelegd_op_tijd timestamptz NOT NULL,
      vastgelegd_door text NOT NULL,
      record jsonb NOT NULL
    )`);
    await q.query(`CREATE INDEX client_vervolg_client ON client_vervolg (client_pseudonym, vastgelegd_op_tijd)`);
    await q.query(`CREATE INDEX client_vervolg_gemeente ON client_vervolg (gemeente, vastgelegd_op)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE client_vervolg`);
  }
}
