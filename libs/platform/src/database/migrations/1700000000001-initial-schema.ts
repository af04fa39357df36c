import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Foundation and ingestion tables.
 * - outbox: messages to publish to Kafka, written in the same transaction as the state they describe; the relay
 *   deletes a row once Kafka acknowledged it.
 * - ijw_bericht: every message received (accepted, rejected or held), idempotent on (afzender, bericht_id); no BSN.
 * - toewijzing_register: the toewijzingen known to ingestion, to check starts/stops and who may send them.
 */
export class InitialSchema1700000000001 implements MigrationInterface {
  name = 'InitialSchema1700000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox (
        id            bigserial PRIMARY KEY,
        topic         text        NOT NULL,
        message_key   text,
        payload       text        NOT NULL,
        headers       jsonb       NOT NULL DEFAULT '{}'::jsonb,
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE ijw_bericht (
        id                 text PRIMARY KEY,
        bericht_id         text        NOT NULL,
        afzender           text        NOT NULL,
        berichtcode        text,
        gemeente           text,
        aanbieder          text,
        client_pseudonym   text,
        toewijzing_nummer  text,
        content_hash       text        NOT NULL,
        status             text        NOT NULL CHECK (status IN ('geaccepteerd', 'afgewezen', 'wachtend')),
        retourcodes        jsonb       NOT NULL DEFAULT '[]'::jsonb,
        message            jsonb,
        source             text        NOT NULL,
        received_at        timestamptz NOT NULL,
        decided_at         timestamptz,
        hold_until         timestamptz
      )`);
    await q.query(`CREATE INDEX ijw_bericht_wachtend ON ijw_bericht (gemeente, toewijzing_nummer) WHERE status = 'wachtend'`);
    await q.query(`CREATE INDEX ijw_bericht_hold ON ijw_bericht (hold_until) WHERE status = 'wachtend'`);
    await q.query(`CREATE INDEX ijw_bericht_aanbieder ON ijw_bericht (aanbieder, received_at DESC)`);
    await q.query(`CREATE INDEX ijw_bericht_gemeente ON ijw_bericht (gemeente, received_at DESC)`);

    await q.query(`
      CREATE TABLE toewijzing_register (
        gemeente           text NOT NULL,
        toewijzing_nummer  text NOT NULL,
        aanbieder          text NOT NULL,
        client_pseudonym   text NOT NULL,
        productcategorie   text NOT NULL,
        productcode        text,
        ingangsdatum       date NOT NULL,
        einddatum          date,
        ingetrokken        boolean NOT NULL DEFAULT false,
        gewijzigd          boolean NOT NULL DEFAULT false,
        laatste_bericht_id text NOT NULL,
        updated_at         timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (gemeente, toewijzing_nummer)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE toewijzing_register');
    await q.query('DROP TABLE ijw_bericht');
    await q.query('DROP TABLE outbox');
  }
}
