import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The request side per child (issue 17), owned by the trajectory service:
 * - verzoek_bericht: every accepted record of ijw.geaccepteerd.v1 that belongs to a verzoek (JW315, JW317, JW319, and
 *   a JW301 with a ReferentieAanbieder), keyed by afzender + berichtcode + berichtId; the state is derived from all
 *   rows of one verzoek_id (order-independent, like trajectory_bericht for a toewijzing).
 * - verzoek: one row per verzoek (id = verzoekSleutel `gemeente|aanbieder|ReferentieAanbieder`), the derived state
 *   (`state`, libs/trajectory VerzoekState) with its columns for queries: who (client, gemeente, aanbieder), what
 *   (soort JW315/JW317, product, verwijzer), when (dagtekening, ontvangen) and its answer (status and dates), and the
 *   toewijzingen it led to (toewijzing_nummers; the trajectory ids are `gemeente|nummer`).
 */
export class Verzoek1700000000031 implements MigrationInterface {
  name = 'Verzoek1700000000031';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE verzoek_bericht (
      id text PRIMARY KEY,
      verzoek_id text NOT NULL,
      client_pseudonym text NOT NULL,
      berichtcode text NOT NULL,
      message jsonb NOT NULL,
      received_at timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX verzoek_bericht_verzoek ON verzoek_bericht (verzoek_id)`);
    await q.query(`CREATE TABLE verzoek (
      id text PRIMARY KEY,
      client_pseudonym text NOT NULL,
      gemeente text NOT NULL,
      aanbieder text NOT NULL,
      soort text NOT NULL CHECK (soort IN ('JW315', 'JW317')),
      referentie_aanbieder text NOT NULL,
      berichtid text NOT NULL,
      dagtekening date NOT NULL,
      ontvangen date NOT NULL,
      ontvangen_op timestamptz NOT NULL,
      productcategorie text,
      productcode text,
      verwijzer_type text,
      verwijzer_zorgverlenercode text,
      status text NOT NULL CHECK (status IN ('ontvangen', 'in_onderzoek', 'afgewezen', 'toegewezen')),
      in_onderzoek_op date,
      afgewezen_op date,
      reden_afwijzing text,
      toegewezen_op date,
      toewijzingsdatum date,
      beantwoord_op date,
      afgehandeld_op date,
      toewijzing_nummers text[] NOT NULL DEFAULT '{}',
      state jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX verzoek_client ON verzoek (client_pseudonym)`);
    await q.query(`CREATE INDEX verzoek_gemeente_open ON verzoek (gemeente, status, ontvangen)`);
    await q.query(`CREATE INDEX verzoek_aanbieder ON verzoek (aanbieder, status, ontvangen)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE verzoek`);
    await q.query(`DROP TABLE verzoek_bericht`);
  }
}
