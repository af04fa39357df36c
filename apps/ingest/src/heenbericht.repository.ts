import type { EntityManager } from 'typeorm';
import type { Bevinding, Foutmelding, PseudonymisedBericht, PseudonymisedVerzoek } from '@trajectwacht/ijw';

export type BerichtStatus = 'geaccepteerd' | 'afgewezen' | 'wachtend';

/** One row of ijw_heenbericht, as it is read and written (the JSON columns as values). */
export interface HeenRow {
  id: string;
  afzender: string;
  berichtcode: string | null;
  identificatie: string | null;
  gemeente: string | null;
  aanbieder: string | null;
  content_hash: string;
  status: BerichtStatus;
  bevindingen: Bevinding[];
  foutmelding?: Foutmelding | null;
  regels: PseudonymisedBericht[] | null;
  wacht_op: string[];
  heen_sealed: string | null;
  retour_soort: string | null;
  retour_identificatie: string | null;
  retour_sealed: string | null;
  source: string;
  received_at: string;
  decided_at: string | null;
  hold_until: string | null;
  /** Not a column: the accepted flat messages of a JW315/JW317/JW319 while it is decided (stored in ijw_verzoek_bericht). */
  verzoeken?: PseudonymisedVerzoek[];
}

/** The id under which a bericht reusing the Identificatie `id` with other content (`hash`) is refused with 9056 (TR056). */
export const conflictIdOf = (id: string, hash: string): string => `${id}|9056|${hash.slice(0, 16)}`;

/**
 * The held berichten waiting for any of the keys $1, oldest first, locked (lockWaitingFor): through the GIN index
 * ijw_heenbericht_wachtend, which has no pending list to read (migration 1700000000800).
 */
export const LOCK_WAITING_FOR_SQL = `SELECT * FROM ijw_heenbericht WHERE status = 'wachtend' AND wacht_op && $1::text[]
  ORDER BY received_at FOR UPDATE SKIP LOCKED`;

/**
 * ijw_heenbericht (migration 1700000000005): one row per received bericht, its decision and its sealed retour; a held
 * bericht with its pseudonymised products and the toewijzing keys (gemeente|nummer) it waits for.
 */
export class HeenberichtRepository {
  constructor(private readonly manager: Pick<EntityManager, 'query'>) {}

  /** A sender's berichten by Identificatie, or by carrier reference (`ref:…`, also the parts of one payload), oldest first. */
  async byReferentie(sender: string, referentie: string): Promise<HeenRow[]> {
    return this.manager.query(
      referentie.startsWith('ref:')
        ? `SELECT * FROM ijw_heenbericht WHERE afzender = $1 AND id LIKE $2 ORDER BY received_at`
        : `SELECT * FROM ijw_heenbericht WHERE afzender = $1 AND identificatie = $2 ORDER BY received_at`,
      [sender, referentie.startsWith('ref:') ? `${likeEscape(`${sender}|${referentie}`)}%` : referentie],
    );
  }

  /**
   * The rows with these ids and the 9056 conflict each content would be recorded under (conflictIdOf), by primary key.
   * (It was `id LIKE ANY(<id>|9056|%)`, which no index serves: a scan of the whole table per batch, quadratic in the
   * number of berichten; the pipeline only ever looks up the conflict id of the content at hand.)
   */
  async withIdsAndConflicts(candidates: readonly { id: string; hash: string }[]): Promise<HeenRow[]> {
    const ids = [...new Set(candidates.flatMap((c) => [c.id, conflictIdOf(c.id, c.hash)]))];
    return this.manager.query(`SELECT * FROM ijw_heenbericht WHERE id = ANY($1)`, [ids]);
  }

  /**
   * What held berichten wait for, of those that can be decided now: their hold ended (at `nowIso`) or a JW301 of a
   * toewijzing they wait for was accepted (read from ijw_bericht), or the JW315/JW317 a held JW319 waits for (its
   * `verzoek:` key, read from ijw_verzoek_bericht), or the decision of the earlier verzoek a held JW315/JW317 waits for
   * (its `besluit:` key: a JW301 with that ReferentieAanbieder or a JW319 "afgewezen", TR374). At most 5 000 berichten.
   * (DECIDABLE_WAITS_SQL: every key is looked up through an index, never by a scan of the accepted berichten.)
   */
  async decidableWaits(nowIso: string): Promise<string[][]> {
    const rows: { wacht_op: string[] }[] = await this.manager.query(DECIDABLE_WAITS_SQL, [nowIso]);
    return rows.map((r) => r.wacht_op);
  }

  /** The held berichten waiting for any of these keys, oldest first, locked (skipping those another transaction holds). */
  async lockWaitingFor(keys: readonly string[]): Promise<HeenRow[]> {
    return this.manager.query(LOCK_WAITING_FOR_SQL, [keys]);
  }

  /** What held berichten, tried again and still held, wait for now (one jsonb parameter). */
  async updateWachtOp(rows: readonly { id: string; wacht_op: string[] }[]): Promise<void> {
    await this.manager.query(
      `UPDATE ijw_heenbericht h SET wacht_op = x.wacht_op
         FROM jsonb_to_recordset($1::jsonb) AS x(id text, wacht_op text[])
        WHERE h.id = x.id AND h.status = 'wachtend'`,
      [JSON.stringify(rows)],
    );
  }

  /** Records the decision of held berichten (those still held): status, findings, retour; the hold and its tree go. */
  async markDecided(decided: readonly HeenRow[]): Promise<void> {
    await this.manager.query(
      `UPDATE ijw_heenbericht h SET status = x.status, bevindingen = x.bevindingen, decided_at = x.decided_at, hold_until = NULL,
              wacht_op = '{}', heen_sealed = NULL, retour_soort = x.retour_soort, retour_identificatie = x.retour_identificatie,
              retour_sealed = x.retour_sealed
         FROM jsonb_to_recordset($1::jsonb) AS x(id text, status text, bevindingen jsonb, decided_at timestamptz, retour_soort text,
              retour_identificatie text, retour_sealed text)
        WHERE h.id = x.id AND h.status = 'wachtend'`,
      [JSON.stringify(decided)],
    );
  }

  /**
   * Inserts new rows; a row whose id exists is left as it is. One array parameter per column (unnest), not one jsonb
   * document of all rows: the server parses no JSON around the sealed texts (issue 16: this statement was the largest
   * part of ingest's PostgreSQL CPU with jsonb_to_recordset). Only the columns are sent, nothing else of the rows.
   */
  async insert(rows: readonly HeenRow[]): Promise<void> {
    if (rows.length === 0) return;
    const json = (v: unknown): string | null => (v === null || v === undefined ? null : JSON.stringify(v));
    await this.manager.query(
      `INSERT INTO ijw_heenbericht (id, afzender, berichtcode, identificatie, gemeente, aanbieder, content_hash, status, bevindingen,
                                    foutmelding, regels, wacht_op, heen_sealed, retour_soort, retour_identificatie, retour_sealed,
                                    source, received_at, decided_at, hold_until)
       SELECT id, afzender, berichtcode, identificatie, gemeente, aanbieder, content_hash, status, coalesce(bevindingen, '[]'::jsonb),
              foutmelding, regels, coalesce(ARRAY(SELECT jsonb_array_elements_text(wacht_op)), '{}'), heen_sealed, retour_soort,
              retour_identificatie, retour_sealed, source, received_at, decided_at, hold_until
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::jsonb[],
                     $10::jsonb[], $11::jsonb[], $12::jsonb[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[],
                     $18::timestamptz[], $19::timestamptz[], $20::timestamptz[])
           AS x(id, afzender, berichtcode, identificatie, gemeente, aanbieder, content_hash, status, bevindingen, foutmelding, regels,
                wacht_op, heen_sealed, retour_soort, retour_identificatie, retour_sealed, source, received_at, decided_at, hold_until)
       ON CONFLICT (id) DO NOTHING`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.afzender),
        rows.map((r) => r.berichtcode),
        rows.map((r) => r.identificatie),
        rows.map((r) => r.gemeente),
        rows.map((r) => r.aanbieder),
        rows.map((r) => r.content_hash),
        rows.map((r) => r.status),
        rows.map((r) => json(r.bevindingen)),
        rows.map((r) => json(r.foutmelding)),
        rows.map((r) => json(r.regels)),
        rows.map((r) => json(r.wacht_op)),
        rows.map((r) => r.heen_sealed),
        rows.map((r) => r.retour_soort),
        rows.map((r) => r.retour_identificatie),
        rows.map((r) => r.retour_sealed),
        rows.map((r) => r.source),
        rows.map((r) => r.received_at),
        rows.map((r) => r.decided_at),
        rows.map((r) => r.hold_until),
      ],
    );
  }
}

function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The held berichten that can be decided now ($1: now, ISO), for decidableWaits. Each key of `wacht_op` is taken apart
 * and looked up through an index: a toewijzing key `gemeente|nummer` (split at its first `|`: a gemeente code is four
 * digits) in ijw_bericht_toewijzing, a `verzoek:`/`besluit:` key in ijw_verzoek_bericht_sleutel. (Comparing
 * `b.gemeente || '|' || b.toewijzing_nummer = ANY (h.wacht_op)` instead read every accepted bericht once per held
 * bericht on every sweep: 1 050 rows per bericht over a run of 10⁵, growing with the table; docs/benchmarks.md.)
 * A toewijzing key is one probe per key whatever the statistics say: a scalar subquery (never pulled up into a hash
 * join) that tests the berichtcode in its result, not its WHERE, so that ijw_bericht_client_toewijzing (JW301 only,
 * keyed by gemeente and client) is no candidate; on statistics of a nearly empty table the planner took it and read
 * every JW301 of the gemeente per key.
 */
export const DECIDABLE_WAITS_SQL = `SELECT h.wacht_op FROM ijw_heenbericht h
  WHERE h.status = 'wachtend'
    AND (h.hold_until <= $1
      OR EXISTS (
        SELECT 1 FROM unnest(h.wacht_op) AS w(k)
         WHERE strpos(w.k, '|') > 0
           AND (SELECT bool_or(b.berichtcode = 'JW301') FROM ijw_bericht b
                 WHERE b.status = 'geaccepteerd' AND b.gemeente = left(w.k, strpos(w.k, '|') - 1)
                   AND b.toewijzing_nummer = substr(w.k, strpos(w.k, '|') + 1)))
      OR EXISTS (
        SELECT 1 FROM unnest(h.wacht_op) AS w(k)
          JOIN ijw_verzoek_bericht v ON v.verzoek_sleutel = substr(w.k, 9)
         WHERE left(w.k, 8) = 'verzoek:' AND v.berichtcode IN ('JW315', 'JW317'))
      OR EXISTS (
        SELECT 1 FROM unnest(h.wacht_op) AS w(k)
          JOIN ijw_verzoek_bericht v ON v.verzoek_sleutel = substr(w.k, 9)
         WHERE left(w.k, 8) = 'besluit:'
           AND (v.berichtcode = 'JW301' OR (v.berichtcode = 'JW319' AND v.message->>'verzoekAntwoord' = '1'))))
  LIMIT 5000`;
