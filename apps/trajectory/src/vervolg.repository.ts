import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { IsoDate } from '@trajectwacht/ijw';
import type { VervolgEvent } from '@trajectwacht/contracts';

/** The child as the follow-up needs it: its birth date (from a trajectory with a JW301) in the caller's scope. */
export interface VervolgChild {
  geboortedatum: IsoDate;
  geboortedatumGebruik: string | null;
}

/**
 * client_vervolg (migration 1700000000007): the recorded follow-ups for 18+, one row per vervolg.v1 record, keyed by
 * its id so that the API's insert and the rebuild's replay of the same record write it once.
 */
export class ClientVervolgRepository {
  constructor(private readonly manager: Pick<EntityManager, 'query'>) {}

  /** The child, if it has a trajectory whose `column` is `value` (the caller's scope); reads the trajectory table. */
  async child(pseudonym: string, scope: { column: 'gemeente' | 'aanbieder'; value: string }): Promise<VervolgChild | null> {
    const rows: { geboortedatum: IsoDate; gebruik: string | null }[] = await this.manager.query(
      `SELECT state->>'geboortedatum' AS geboortedatum, state->>'geboortedatumGebruik' AS gebruik
         FROM trajectory WHERE client_pseudonym = $1 AND ${scope.column} = $2
        ORDER BY (state->>'toewijzingOntbreekt')::boolean, id LIMIT 1`,
      [pseudonym, scope.value],
    );
    return rows[0] ? { geboortedatum: rows[0].geboortedatum, geboortedatumGebruik: rows[0].gebruik } : null;
  }

  /** Inserts records not stored yet (by id); returns how many were new. */
  async insert(events: readonly VervolgEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    const rows: unknown[] = await this.manager.query(
      `INSERT INTO client_vervolg (id, client_pseudonym, gemeente, soort, vastgelegd_op, vastgelegd_op_tijd, vastgelegd_door, record)
       SELECT r->>'id', r->>'clientPseudonym', r->>'gemeente', r->>'soort', (r->>'vastgelegdOp')::date,
              (r->>'vastgelegdOpTijd')::timestamptz, (r->'vastgelegdDoor'->>'sub'), r
         FROM jsonb_array_elements($1::jsonb) AS r
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [JSON.stringify(events)],
    );
    return rows.length;
  }

  /** The child's follow-ups recorded by a gemeente (toegang) — or all of them (an aanbieder delivering to the child) — oldest first. */
  async forClient(pseudonym: string, gemeente: string | null): Promise<VervolgEvent[]> {
    const rows: { record: VervolgEvent }[] = await this.manager.query(
      `SELECT record FROM client_vervolg WHERE client_pseudonym = $1 AND ($2::text IS NULL OR gemeente = $2)
        ORDER BY vastgelegd_op_tijd, id`,
      [pseudonym, gemeente],
    );
    return rows.map((r) => r.record);
  }

  /** Content hash of the whole table (for the rebuild's comparison): the records in id order. */
  async hash(): Promise<{ hash: string; count: number }> {
    const rows: { record: VervolgEvent }[] = await this.manager.query(`SELECT record FROM client_vervolg ORDER BY id`);
    const h = createHash('sha256');
    for (const r of rows) h.update(JSON.stringify(r.record)).update('\n');
    return { hash: h.digest('hex'), count: rows.length };
  }
}
