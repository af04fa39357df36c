import type { EntityManager } from 'typeorm';
import type { PseudonymisedBericht } from '@trajectwacht/ijw';
import type { BerichtStatus, HeenRow } from './heenbericht.repository';

/** A decision recorded before iJw 3.2 conformance (a legacy row of ijw_bericht). */
export interface LegacyDecision {
  bericht_id: string;
  berichtcode: string | null;
  status: BerichtStatus;
  retourcodes: { code: string; field?: string; message: string }[];
}

/**
 * BerichtRepository.acceptedOf: $1 gemeenten, $2 nummers (pairwise). OFFSET 0 keeps the LATERAL subquery a subquery
 * (PostgreSQL would otherwise pull it up into the join it replaces), so each key is its own index probe.
 */
export const ACCEPTED_OF_SQL = `SELECT b.message FROM unnest($1::text[], $2::text[]) AS k(gemeente, nummer)
  CROSS JOIN LATERAL (SELECT x.message, x.received_at, x.id FROM ijw_bericht x
                       WHERE x.gemeente = k.gemeente AND x.toewijzing_nummer = k.nummer AND x.status = 'geaccepteerd' OFFSET 0) b
  ORDER BY b.received_at, b.id`;

/**
 * ijw_bericht (migrations 1700000000001, 1700000000005): one row per accepted product (the pseudonymised flat message),
 * linked to its heenbericht: the history of controleniveau 3. The advisory locks per toewijzing live here too.
 */
export class BerichtRepository {
  constructor(private readonly manager: Pick<EntityManager, 'query'>) {}

  /** Serialises decisions per toewijzing (gemeente|nummer) across instances and channels: keys locked in sorted order. */
  async lockToewijzingen(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.manager.query(
      `SELECT pg_advisory_xact_lock(hashtext('ijw-toewijzing:' || k)) FROM (SELECT unnest($1::text[]) AS k ORDER BY 1) s`,
      [[...keys].sort()],
    );
  }

  /**
   * Takes the locks of lockToewijzingen that are free now, without waiting (pg_try_advisory_xact_lock, held until the end
   * of the transaction like those); returns the keys whose lock another transaction holds.
   */
  async tryLockToewijzingen(keys: readonly string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows: { k: string }[] = await this.manager.query(
      `SELECT k FROM unnest($1::text[]) AS k WHERE NOT pg_try_advisory_xact_lock(hashtext('ijw-toewijzing:' || k))`,
      [[...new Set(keys)]],
    );
    return new Set(rows.map((r) => r.k));
  }

  /**
   * TR349: the toewijzingen (gemeente|nummer) of these clients, each at one aanbieder in one gemeente (triples
   * `gemeente|aanbieder|pseudonym`), from the accepted JW301 products; per triple.
   */
  async toewijzingenVanClienten(triples: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (triples.length === 0) return out;
    const parts = triples.map((t) => t.split('|'));
    const rows: { triple: string; key: string }[] = await this.manager.query(
      `SELECT DISTINCT k.gemeente || '|' || k.aanbieder || '|' || k.pseudonym AS triple, b.gemeente || '|' || b.toewijzing_nummer AS key
         FROM unnest($1::text[], $2::text[], $3::text[]) AS k(gemeente, aanbieder, pseudonym)
         JOIN ijw_bericht b ON b.gemeente = k.gemeente AND b.client_pseudonym = k.pseudonym AND b.aanbieder = k.aanbieder
        WHERE b.status = 'geaccepteerd' AND b.berichtcode = 'JW301'`,
      [parts.map((p) => p[0]), parts.map((p) => p[1]), parts.map((p) => p[2])],
    );
    for (const r of rows) out.set(r.triple, [...(out.get(r.triple) ?? []), r.key]);
    return out;
  }

  /**
   * Every accepted product of these toewijzingen (gemeente|nummer), oldest first. One index probe per key
   * (ACCEPTED_OF_SQL): as a join, a plan made on statistics older than the table's growth (analysed empty, then a bulk
   * load) read the whole table for every batch (bericht.repository.int-spec.ts).
   */
  async acceptedOf(keys: readonly string[]): Promise<PseudonymisedBericht[]> {
    if (keys.length === 0) return [];
    const gemeenten = keys.map((k) => k.split('|')[0]!);
    const nummers = keys.map((k) => k.split('|')[1]!);
    const rows: { message: PseudonymisedBericht }[] = await this.manager.query(ACCEPTED_OF_SQL, [gemeenten, nummers]);
    return rows.map((r) => r.message);
  }

  /** A sender's decisions recorded before iJw 3.2 conformance under this bericht id, oldest first. */
  async legacyDecisions(sender: string, berichtId: string): Promise<LegacyDecision[]> {
    return this.manager.query(
      `SELECT bericht_id, berichtcode, status, retourcodes FROM ijw_bericht
        WHERE legacy AND afzender = $1 AND bericht_id = $2 ORDER BY received_at`,
      [sender, berichtId],
    );
  }

  /** Inserts the products of accepted heenberichten (one row each); a product stored before is left as it is. */
  async insertAccepted(accepted: readonly { row: HeenRow; regels: readonly PseudonymisedBericht[] }[]): Promise<void> {
    const rows = accepted.flatMap(({ row, regels }) =>
      regels.map((m) => ({
        id: `${row.afzender}|${m.berichtId}`,
        bericht_id: m.berichtId,
        afzender: row.afzender,
        berichtcode: m.berichtcode,
        gemeente: m.gemeente,
        aanbieder: m.aanbieder,
        client_pseudonym: m.client.pseudonym,
        toewijzing_nummer: m.toewijzingNummer,
        content_hash: row.content_hash,
        message: m,
        source: row.source,
        received_at: row.received_at,
        decided_at: row.decided_at,
        heenbericht_id: row.id,
      })),
    );
    if (rows.length === 0) return;
    // one array parameter per column (unnest), not a jsonb document of all rows: less JSON for the server to parse
    await this.manager.query(
      `INSERT INTO ijw_bericht (id, bericht_id, afzender, berichtcode, gemeente, aanbieder, client_pseudonym, toewijzing_nummer,
                                content_hash, status, retourcodes, message, source, received_at, decided_at, heenbericht_id)
       SELECT id, bericht_id, afzender, berichtcode, gemeente, aanbieder, client_pseudonym, toewijzing_nummer, content_hash, 'geaccepteerd',
              '[]'::jsonb, message, source, received_at, decided_at, heenbericht_id
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                     $10::jsonb[], $11::text[], $12::timestamptz[], $13::timestamptz[], $14::text[])
           AS x(id, bericht_id, afzender, berichtcode, gemeente, aanbieder, client_pseudonym, toewijzing_nummer, content_hash, message,
                source, received_at, decided_at, heenbericht_id)
       ON CONFLICT (id) DO NOTHING`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.bericht_id),
        rows.map((r) => r.afzender),
        rows.map((r) => r.berichtcode),
        rows.map((r) => r.gemeente),
        rows.map((r) => r.aanbieder),
        rows.map((r) => r.client_pseudonym),
        rows.map((r) => r.toewijzing_nummer),
        rows.map((r) => r.content_hash),
        rows.map((r) => JSON.stringify(r.message)),
        rows.map((r) => r.source),
        rows.map((r) => r.received_at),
        rows.map((r) => r.decided_at),
        rows.map((r) => r.heenbericht_id),
      ],
    );
  }
}
