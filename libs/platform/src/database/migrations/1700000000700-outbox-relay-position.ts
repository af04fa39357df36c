import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox's ids for a relay that keeps its position (libs/platform/src/outbox-position.ts): every row takes its
 * transaction id before its sequence value, and the sequence hands out ids one at a time (CACHE 1, as bigserial
 * creates it; set again here so that no later change of the sequence breaks it unnoticed). With both, a relay can tell
 * when no transaction can still commit a row below an id, and stops reading the deleted rows below it. Existing rows
 * keep their ids; nothing else changes for the writers.
 */
export class OutboxRelayPosition1700000000700 implements MigrationInterface {
  name = 'OutboxRelayPosition1700000000700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER SEQUENCE outbox_id_seq CACHE 1`);
    await q.query(`ALTER TABLE outbox ALTER COLUMN id
      SET DEFAULT CASE WHEN pg_current_xact_id() IS NOT NULL THEN nextval('outbox_id_seq'::regclass) END`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox ALTER COLUMN id SET DEFAULT nextval('outbox_id_seq'::regclass)`);
  }
}
