import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * trajectory_bericht.message becomes `json` (validated text) instead of `jsonb`: the message is only ever stored and
 * read back whole (the projection derives state in TypeScript), never queried inside, so the binary conversion jsonb
 * does on every insert is pure cost on the projection's hottest statement.
 */
export class BerichtJson1700000000004 implements MigrationInterface {
  name = 'BerichtJson1700000000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE trajectory_bericht ALTER COLUMN message TYPE json USING message::json`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE trajectory_bericht ALTER COLUMN message TYPE jsonb USING message::jsonb`);
  }
}
