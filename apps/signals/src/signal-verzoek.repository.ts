import type { EntityManager } from 'typeorm';
import type { VerzoekState } from '@trajectwacht/trajectory';

/** The signal engine's view of one verzoek (table signal_verzoek, migration 1700000000032), as it last applied it. */
export interface SignalVerzoekRow {
  id: string;
  clientPseudonym: string;
  state: VerzoekState;
  /** eventTime of the last verzoek event applied (older or identical redeliveries are skipped). */
  eventTime: string;
}

/** The verzoeken the signal engine holds per child, within one transaction (see SignalStore). */
export interface SignalVerzoekRepository {
  forChildren(pseudonyms: readonly string[]): Promise<SignalVerzoekRow[]>;
  upsert(rows: readonly SignalVerzoekRow[]): Promise<void>;
}

export class PgSignalVerzoekRepository implements SignalVerzoekRepository {
  constructor(private readonly manager: Pick<EntityManager, 'query'>) {}

  async forChildren(pseudonyms: readonly string[]): Promise<SignalVerzoekRow[]> {
    if (pseudonyms.length === 0) return [];
    return this.manager.query(
      `SELECT id, client_pseudonym AS "clientPseudonym", state, event_time AS "eventTime" FROM signal_verzoek
        WHERE client_pseudonym = ANY($1)`,
      [pseudonyms],
    );
  }

  async upsert(rows: readonly SignalVerzoekRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.manager.query(
      `INSERT INTO signal_verzoek (id, client_pseudonym, state, event_time, updated_at)
       SELECT r->>'id', r->>'clientPseudonym', r->'state', r->>'eventTime', now() FROM jsonb_array_elements($1::jsonb) AS r
       ON CONFLICT (id) DO UPDATE SET state = excluded.state, client_pseudonym = excluded.client_pseudonym,
         event_time = excluded.event_time, updated_at = now()
         WHERE signal_verzoek.event_time IS DISTINCT FROM excluded.event_time OR signal_verzoek.state IS DISTINCT FROM excluded.state`,
      [JSON.stringify(rows)],
    );
  }
}
