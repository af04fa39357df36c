import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16 (ingest's PostgreSQL CPU per bericht):
 * - ijw_heenbericht keeps a row of up to 4 080 bytes in the table as it is (toast_tuple_target; the default is about
 *   2 000). A typical row (an accepted bericht: its sealed retour, about 1 500 characters, and its products) is about
 *   2 300 bytes, so by default every insert first tried to compress the sealed retour (base64 of ciphertext, which does
 *   not compress) and the products, and often moved them out of line: about a third of the insert's CPU. Larger rows
 *   are still compressed and moved out of line as before. Values are unchanged; rows written before stay as they are.
 * - ijw_verzoek_bericht gets indexes on the two keys its lookup of the request side's history names
 *   (VerzoekBerichtRepository.relevant: aanbieder|ReferentieAanbieder and aanbieder|pseudonym, the very expressions of
 *   that query), which otherwise scanned the whole table for every batch with a verzoek: quadratic in the number stored.
 */
export class IngestStorage1700000000300 implements MigrationInterface {
  name = 'IngestStorage1700000000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ijw_heenbericht SET (toast_tuple_target = 4080)`);
    await q.query(
      `CREATE INDEX ijw_verzoek_bericht_referentie ON ijw_verzoek_bericht ((aanbieder || '|' || (message->>'referentieAanbieder')))`,
    );
    await q.query(`CREATE INDEX ijw_verzoek_bericht_aanbieder_client ON ijw_verzoek_bericht ((aanbieder || '|' || client_pseudonym))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ijw_verzoek_bericht_aanbieder_client`);
    await q.query(`DROP INDEX ijw_verzoek_bericht_referentie`);
    await q.query(`ALTER TABLE ijw_heenbericht RESET (toast_tuple_target)`);
  }
}
