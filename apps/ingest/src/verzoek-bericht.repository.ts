import type { EntityManager } from 'typeorm';
import type { PseudonymisedBericht, PseudonymisedVerzoek } from '@trajectwacht/ijw';

/** A stored message of the request side, with the client pseudonym it belongs to (a JW319 has none of its own). */
export interface StoredVerzoekBericht {
  message: PseudonymisedVerzoek | PseudonymisedBericht;
  clientPseudonym: string;
  /** When it was received (its record time): what was decided after a bericht's receipt does not count against it. */
  receivedAt?: string;
}

/** A row to store: a JW315/JW317/JW319 or a JW301 with a ReferentieAanbieder, accepted in the decision's transaction. */
export interface VerzoekBerichtRow {
  id: string;
  heenbericht_id: string;
  verzoek_sleutel: string;
  berichtcode: string;
  gemeente: string;
  aanbieder: string;
  client_pseudonym: string;
  message: PseudonymisedVerzoek | PseudonymisedBericht;
  received_at: string;
}

/**
 * ijw_verzoek_bericht (migration 1700000000030): the history of the request side for controleniveau 3 — every
 * accepted JW315 AangevraagdProduct, JW317 Verzoek, JW319 Antwoord and JW301 ToegewezenProduct with a ReferentieAanbieder.
 */
export class VerzoekBerichtRepository {
  constructor(private readonly manager: Pick<EntityManager, 'query'>) {}

  /**
   * The earlier messages a bericht's rules need, oldest first: those of these aanbieders with these ReferentieAanbieders
   * (pairs `aanbieder|referentie`: TR347, TR355, TR359, TR360, TR365) and those of these aanbieders for these clients
   * (pairs `aanbieder|pseudonym`: TR374).
   */
  async relevant(referenties: readonly string[], clients: readonly string[]): Promise<StoredVerzoekBericht[]> {
    if (referenties.length === 0 && clients.length === 0) return [];
    const rows: { message: PseudonymisedVerzoek | PseudonymisedBericht; client_pseudonym: string; received_at: Date | string }[] =
      await this.manager.query(
        `SELECT message, client_pseudonym, received_at FROM ijw_verzoek_bericht
        WHERE (aanbieder || '|' || (message->>'referentieAanbieder')) = ANY ($1::text[])
           OR (aanbieder || '|' || client_pseudonym) = ANY ($2::text[])
        ORDER BY received_at, id`,
        [referenties, clients],
      );
    return rows.map((r) => ({
      message: r.message,
      clientPseudonym: r.client_pseudonym,
      receivedAt: new Date(r.received_at).toISOString(),
    }));
  }

  /** Inserts the accepted messages (one jsonb parameter); a message stored before is left as it is. */
  async insert(rows: readonly VerzoekBerichtRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.manager.query(
      `INSERT INTO ijw_verzoek_bericht (id, heenbericht_id, verzoek_sleutel, berichtcode, gemeente, aanbieder, client_pseudonym, message,
                                        received_at)
       SELECT id, heenbericht_id, verzoek_sleutel, berichtcode, gemeente, aanbieder, client_pseudonym, message, received_at
         FROM jsonb_to_recordset($1::jsonb) AS x(id text, heenbericht_id text, verzoek_sleutel text, berichtcode text, gemeente text,
              aanbieder text, client_pseudonym text, message jsonb, received_at timestamptz)
       ON CONFLICT (id) DO NOTHING`,
      [JSON.stringify(rows)],
    );
  }
}
