import type { EntityManager } from 'typeorm';

/** The statements of the BSN store (tables bsn_data_key and client_bsn, migration 1700000000021). */
export class BsnStoreRepository {
  constructor(private readonly manager: EntityManager) {}

  /** The wrapped data keys of these gemeenten. */
  async dataKeys(gemeenten: readonly string[]): Promise<Map<string, string>> {
    if (gemeenten.length === 0) return new Map();
    const rows: { gemeente: string; wrapped: string }[] = await this.manager.query(
      `SELECT gemeente, wrapped FROM bsn_data_key WHERE gemeente = ANY($1::text[])`,
      [[...gemeenten]],
    );
    return new Map(rows.map((r) => [r.gemeente, r.wrapped]));
  }

  /** Stores a gemeente's first data key; a key stored meanwhile by another transaction wins (the stored one is returned). */
  async addDataKey(gemeente: string, kekId: string, wrapped: string): Promise<string> {
    await this.manager.query(`INSERT INTO bsn_data_key (gemeente, kek_id, wrapped) VALUES ($1, $2, $3) ON CONFLICT (gemeente) DO NOTHING`, [
      gemeente,
      kekId,
      wrapped,
    ]);
    const rows: { wrapped: string }[] = await this.manager.query(`SELECT wrapped FROM bsn_data_key WHERE gemeente = $1`, [gemeente]);
    return rows[0]!.wrapped;
  }

  /** Every data key not wrapped by this KEK (what a rotation rewraps), locked. */
  async wrappedOtherThan(kekId: string): Promise<{ gemeente: string; wrapped: string }[]> {
    return this.manager.query(`SELECT gemeente, wrapped FROM bsn_data_key WHERE kek_id <> $1 ORDER BY gemeente FOR UPDATE`, [kekId]);
  }

  async replaceWrapped(gemeente: string, kekId: string, wrapped: string): Promise<void> {
    await this.manager.query(`UPDATE bsn_data_key SET kek_id = $2, wrapped = $3, rewrapped_at = now() WHERE gemeente = $1`, [
      gemeente,
      kekId,
      wrapped,
    ]);
  }

  /** Stores encrypted BSNs, idempotently: a child already stored for the gemeente keeps its row. */
  async insertEncrypted(rows: readonly { gemeente: string; pseudonym: string; encrypted: string }[]): Promise<void> {
    if (rows.length === 0) return;
    await this.manager.query(
      `INSERT INTO client_bsn (gemeente, pseudonym, bsn_encrypted)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
       ON CONFLICT (gemeente, pseudonym) DO NOTHING`,
      [rows.map((r) => r.gemeente), rows.map((r) => r.pseudonym), rows.map((r) => r.encrypted)],
    );
  }

  /** The encrypted BSN of a child for one gemeente, with that gemeente's wrapped data key; null when the gemeente has none. */
  async encryptedOf(gemeente: string, pseudonym: string): Promise<{ encrypted: string; wrapped: string } | null> {
    const rows: { encrypted: string; wrapped: string }[] = await this.manager.query(
      `SELECT c.bsn_encrypted AS encrypted, k.wrapped
         FROM client_bsn c JOIN bsn_data_key k ON k.gemeente = c.gemeente
        WHERE c.gemeente = $1 AND c.pseudonym = $2`,
      [gemeente, pseudonym],
    );
    return rows[0] ?? null;
  }
}
