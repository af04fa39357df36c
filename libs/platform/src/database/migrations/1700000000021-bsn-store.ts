import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The BSN store (issue 18; docs/security.md, "The BSN store"): bsn_data_key holds each gemeente's data key, only
 * wrapped by a key encryption key from BSN_KEYS (its id in kek_id, for rotation); client_bsn the BSN of each child
 * per gemeente, AES-256-GCM under that gemeente's data key with gemeente and pseudonym as additional authenticated
 * data (libs/platform/src/bsn/envelope.ts). Written by ingest from an accepted JW301 (ON CONFLICT DO NOTHING),
 * read only by the reveal route of the trajectory service: a platform table, so a shared migration.
 */
export class BsnStore1700000000021 implements MigrationInterface {
  name = 'BsnStore1700000000021';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE bsn_data_key (
      gemeente   text PRIMARY KEY,
      kek_id     text        NOT NULL,
      wrapped    text        NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      rewrapped_at timestamptz
    )`);
    await q.query(`CREATE TABLE client_bsn (
      gemeente      text        NOT NULL REFERENCES bsn_data_key (gemeente),
      pseudonym     text        NOT NULL,
      bsn_encrypted text        NOT NULL,
      created_at    timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (gemeente, pseudonym)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE client_bsn`);
    await q.query(`DROP TABLE bsn_data_key`);
  }
}
