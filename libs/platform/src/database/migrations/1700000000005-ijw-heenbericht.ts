import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * iJw 3.2 conformance: the bericht is the unit of decision (OP286, IV028, IV032).
 * - ijw_heenbericht: one row per received bericht (JW301/JW305/JW307), idempotent on (afzender, berichtsoort,
 *   Identificatie) as TR056 asks; its status, the findings (retourcode, rule, Dutch explanation), the retour bericht
 *   (JW302/JW306/JW308) sealed at rest (it can copy the client's BSN, as IV028 prescribes), and for a held bericht
 *   its pseudonymised products and the toewijzing keys it waits for.
 * - ijw_bericht keeps one row per accepted product (the flat message, pseudonymised), now linked to its bericht.
 * - ToewijzingNummer is an integer (LDT_Nummer): stored numbers lose their leading zeros ("0300201" = "300201").
 *   Where a padded and an unpadded number of one gemeente both exist in the register, the most recently updated
 *   entry is kept (before this migration they were two toewijzingen; the standard says they are one).
 * Rows recorded before this migration keep their status and retourcodes; they have no retour bericht (their
 * berichtIds are not iJw Identificaties) and are marked legacy.
 */
export class IjwHeenbericht1700000000005 implements MigrationInterface {
  name = 'IjwHeenbericht1700000000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ijw_heenbericht (
        id                    text PRIMARY KEY,
        afzender              text        NOT NULL,
        berichtcode           text,
        identificatie         text,
        gemeente              text,
        aanbieder             text,
        content_hash          text        NOT NULL,
        status                text        NOT NULL CHECK (status IN ('geaccepteerd', 'afgewezen', 'wachtend')),
        bevindingen           jsonb       NOT NULL DEFAULT '[]'::jsonb,
        foutmelding           jsonb,
        regels                jsonb,
        wacht_op              text[]      NOT NULL DEFAULT '{}',
        heen_sealed           text,
        retour_soort          text,
        retour_identificatie  text,
        retour_sealed         text,
        source                text        NOT NULL,
        received_at           timestamptz NOT NULL,
        decided_at            timestamptz,
        hold_until            timestamptz
      )`);
    await q.query(`CREATE INDEX ijw_heenbericht_afzender ON ijw_heenbericht (afzender, identificatie)`);
    await q.query(`CREATE INDEX ijw_heenbericht_wachtend ON ijw_heenbericht USING gin (wacht_op) WHERE status = 'wachtend'`);
    await q.query(`CREATE INDEX ijw_heenbericht_hold ON ijw_heenbericht (hold_until) WHERE status = 'wachtend'`);
    await q.query(`CREATE INDEX ijw_heenbericht_aanbieder ON ijw_heenbericht (aanbieder, received_at DESC)`);
    await q.query(`CREATE INDEX ijw_heenbericht_gemeente ON ijw_heenbericht (gemeente, received_at DESC)`);

    await q.query(`ALTER TABLE ijw_bericht ADD COLUMN heenbericht_id text`);
    await q.query(`ALTER TABLE ijw_bericht ADD COLUMN legacy boolean NOT NULL DEFAULT false`);
    await q.query(`UPDATE ijw_bericht SET legacy = true`);
    await q.query(`CREATE INDEX ijw_bericht_toewijzing ON ijw_bericht (gemeente, toewijzing_nummer) WHERE status = 'geaccepteerd'`);
    await q.query(`ALTER TABLE toewijzing_register ALTER COLUMN productcategorie DROP NOT NULL`);
    // A generieke toewijzing (Budget, no Product) has no productcategorie: the trajectory state carries null.
    await q.query(`ALTER TABLE trajectory ALTER COLUMN productcategorie DROP NOT NULL`);
    await q.query(`ALTER TABLE toewijzing_register ADD COLUMN toewijzingsmoment text`);
    await q.query(`ALTER TABLE toewijzing_register ADD COLUMN budget bigint`);

    // Canonical toewijzingnummers (no leading zeros) everywhere they are stored.
    const canonical = (column: string) =>
      `CASE WHEN ${column} ~ '^0+[0-9]' THEN regexp_replace(${column}, '^0+(?=[0-9])', '') ELSE ${column} END`;
    await q.query(`UPDATE ijw_bericht SET toewijzing_nummer = ${canonical('toewijzing_nummer')},
                     message = CASE WHEN message ? 'toewijzingNummer'
                                    THEN jsonb_set(message, '{toewijzingNummer}', to_jsonb(${canonical("message->>'toewijzingNummer'")}))
                                    ELSE message END
                   WHERE toewijzing_nummer ~ '^0+[0-9]'`);
    await q.query(`DELETE FROM toewijzing_register r USING toewijzing_register o
                    WHERE r.gemeente = o.gemeente AND r.toewijzing_nummer <> o.toewijzing_nummer
                      AND ${canonical('r.toewijzing_nummer')} = ${canonical('o.toewijzing_nummer')}
                      AND (r.updated_at, r.toewijzing_nummer) < (o.updated_at, o.toewijzing_nummer)`);
    await q.query(
      `UPDATE toewijzing_register SET toewijzing_nummer = ${canonical('toewijzing_nummer')} WHERE toewijzing_nummer ~ '^0+[0-9]'`,
    );
    // A message held under the old contract is decided by the new path: it becomes a held bericht of one product,
    // without a tree (its retour is then the decision record on ijw.retour.v1 without retour bericht: its id is no
    // iJw Identificatie).
    await q.query(`
      INSERT INTO ijw_heenbericht (id, afzender, berichtcode, identificatie, gemeente, aanbieder, content_hash, status, regels, wacht_op,
                                   source, received_at, hold_until)
      SELECT 'legacy|' || id, afzender, berichtcode, bericht_id, gemeente, aanbieder, content_hash, 'wachtend', jsonb_build_array(message),
             ARRAY[gemeente || '|' || toewijzing_nummer], source, received_at, hold_until
        FROM ijw_bericht WHERE status = 'wachtend' AND message IS NOT NULL`);
    await q.query(`DELETE FROM ijw_bericht WHERE status = 'wachtend' AND message IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE trajectory ALTER COLUMN productcategorie SET NOT NULL`);
    await q.query(`ALTER TABLE toewijzing_register DROP COLUMN budget`);
    await q.query(`ALTER TABLE toewijzing_register DROP COLUMN toewijzingsmoment`);
    await q.query(`DROP INDEX ijw_bericht_toewijzing`);
    await q.query(`ALTER TABLE ijw_bericht DROP COLUMN legacy`);
    await q.query(`ALTER TABLE ijw_bericht DROP COLUMN heenbericht_id`);
    await q.query(`DROP TABLE ijw_heenbericht`);
  }
}
