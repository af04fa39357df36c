import type { EntityManager } from 'typeorm';
import type { VervolgEvent } from '@trajectwacht/contracts';

/** The follow-ups for 18+ the signal engine has read from vervolg.v1 (table signal_vervolg, migration 1700000000008). */
export interface SignalVervolgRepository {
  /** The children's follow-ups, oldest first (by recording time, then id). */
  forChildren(pseudonyms: readonly string[]): Promise<VervolgEvent[]>;
  /** Stores records not stored yet (by id); returns the ids that were new. */
  insert(events: readonly VervolgEvent[]): Promise<string[]>;
}

export class PgSignalVervolgRepository implements SignalVervolgRepository {
  constructor(private readonly manager: Pick<EntityManager, 'query'>) {}

  async forChildren(pseudonyms: readonly string[]): Promise<VervolgEvent[]> {
    if (pseudonyms.length === 0) return [];
    const rows: { record: VervolgEvent }[] = await this.manager.query(
      `SELECT record FROM signal_vervolg WHERE client_pseudonym = ANY($1) ORDER BY vastgelegd_op_tijd, id`,
      [pseudonyms],
    );
    return rows.map((r) => r.record);
  }

  async insert(events: readonly VervolgEvent[]): Promise<string[]> {
    if (events.length === 0) return [];
    const rows: { id: string }[] = await this.manager.query(
      `INSERT INTO signal_vervolg (id, client_pseudonym, vastgelegd_op_tijd, record)
       SELECT r->>'id', r->>'clientPseudonym', (r->>'vastgelegdOpTijd')::timestamptz, r FROM jsonb_array_elements($1::jsonb) AS r
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [JSON.stringify(events)],
    );
    return rows.map((r) => r.id);
  }
}
