import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ijw_verzoek_bericht (issue 17): the history of the request side for controleniveau 3 — one row per accepted
 * message that carries a verzoekSleutel (gemeente|aanbieder|ReferentieAanbieder): every JW315 AangevraagdProduct,
 * JW317 Verzoek and JW319 Antwoord, and every JW301 ToegewezenProduct with a ReferentieAanbieder (TR379). The rules
 * TR347, TR355, TR359, TR360, TR365, TR374 read it by key and by aanbieder + client. Keyed like ijw_bericht
 * (afzender + berichtcode + berichtId), written in the decision's transaction (ON CONFLICT DO NOTHING).
 */
export class IjwVerzoekBericht1700000000030 implements MigrationInterface {
  name = 'IjwVerzoekBericht1700000000030';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE ijw_verzoek_bericht (
      id text PRIMARY KEY,
      heenbericht_id text NOT NULL,
      verzoek_sleutel text NOT NULL,
      berichtcode text NOT NULL,
      gemeente text NOT NULL,
      aanbieder text NOT NULL,
      client_pseudonym text NOT NULL,
      message jsonb NOT NULL,
      received_at timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX ijw_verzoek_bericht_sleutel ON ijw_verzoek_bericht (verzoek_sleutel)`);
    await q.query(`CREATE INDEX ijw_verzoek_bericht_client ON ijw_verzoek_bericht (aanbieder, client_pseudonym)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ijw_verzoek_bericht`);
  }
}
