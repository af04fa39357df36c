import type { EntityManager } from 'typeorm';
import type { RecordScope } from '@trajectwacht/platform';
import type { TrajectoryState, VerzoekInput, VerzoekState } from '@trajectwacht/trajectory';

/** A message of a verzoek to store. */
export interface VerzoekBerichtRow {
  id: string;
  verzoekId: string;
  clientPseudonym: string;
  berichtcode: string;
  receivedAt: string;
  message: VerzoekInput;
}

/**
 * verzoek_bericht and verzoek (migration 1700000000031): the messages of each verzoek (JW315/JW317, its JW319s, the
 * JW301s with its ReferentieAanbieder) and its derived state, one row per verzoek with the columns of docs/messages.md §3a.
 */
export class VerzoekRepository {
  constructor(private readonly manager: Pick<EntityManager, 'query'>) {}

  /** The stored messages of these verzoeken. */
  async messagesOf(ids: readonly string[]): Promise<{ id: string; verzoek_id: string; message: VerzoekInput }[]> {
    if (ids.length === 0) return [];
    return this.manager.query(`SELECT id, verzoek_id, message FROM verzoek_bericht WHERE verzoek_id = ANY($1)`, [ids]);
  }

  async insertMessages(rows: readonly VerzoekBerichtRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.manager.query(
      `INSERT INTO verzoek_bericht (id, verzoek_id, client_pseudonym, berichtcode, message, received_at)
       SELECT id, "verzoekId", "clientPseudonym", berichtcode, message, "receivedAt"
         FROM jsonb_to_recordset($1::jsonb) AS x(id text, "verzoekId" text, "clientPseudonym" text, berichtcode text, message jsonb,
              "receivedAt" timestamptz)
       ON CONFLICT (id) DO NOTHING`,
      [JSON.stringify(rows)],
    );
  }

  /** The current state of these verzoeken. */
  async states(ids: readonly string[]): Promise<{ id: string; state: VerzoekState }[]> {
    if (ids.length === 0) return [];
    return this.manager.query(`SELECT id, state FROM verzoek WHERE id = ANY($1)`, [ids]);
  }

  /** Inserts or replaces the state of these verzoeken (with their query columns). */
  async upsert(states: readonly VerzoekState[]): Promise<void> {
    if (states.length === 0) return;
    await this.manager.query(
      `INSERT INTO verzoek (id, client_pseudonym, gemeente, aanbieder, soort, referentie_aanbieder, berichtid, dagtekening, ontvangen,
                            ontvangen_op, productcategorie, productcode, verwijzer_type, verwijzer_zorgverlenercode, status,
                            in_onderzoek_op, afgewezen_op, reden_afwijzing, toegewezen_op, toewijzingsdatum, beantwoord_op,
                            afgehandeld_op, toewijzing_nummers, state, updated_at)
       SELECT s->>'id', s->>'clientPseudonym', s->>'gemeente', s->>'aanbieder', s->>'soort', s->>'referentieAanbieder', s->>'berichtId',
              (s->>'dagtekening')::date, (s->>'ontvangen')::date, (s->>'ontvangenOp')::timestamptz, s->>'productcategorie',
              s->>'productcode', s->'verwijzer'->>'type', s->'verwijzer'->>'zorgverlenerCode', s->>'status',
              (s->>'inOnderzoekOp')::date, (s->>'afgewezenOp')::date, s->>'redenAfwijzing', (s->>'toegewezenOp')::date,
              (s->>'toewijzingsdatum')::date, (s->>'beantwoordOp')::date, (s->>'afgehandeldOp')::date,
              ARRAY(SELECT jsonb_array_elements_text(s->'toewijzingNummers')), s, now()
         FROM jsonb_array_elements($1::jsonb) AS x(s)
       ON CONFLICT (id) DO UPDATE SET client_pseudonym = excluded.client_pseudonym, status = excluded.status,
              productcategorie = excluded.productcategorie, productcode = excluded.productcode,
              in_onderzoek_op = excluded.in_onderzoek_op, afgewezen_op = excluded.afgewezen_op,
              reden_afwijzing = excluded.reden_afwijzing, toegewezen_op = excluded.toegewezen_op,
              toewijzingsdatum = excluded.toewijzingsdatum, beantwoord_op = excluded.beantwoord_op,
              afgehandeld_op = excluded.afgehandeld_op, toewijzing_nummers = excluded.toewijzing_nummers, state = excluded.state,
              updated_at = now()`,
      [JSON.stringify(states)],
    );
  }

  /** Every verzoek of a child, oldest first. */
  async ofClient(pseudonym: string): Promise<VerzoekState[]> {
    const rows: { state: VerzoekState }[] = await this.manager.query(
      `SELECT state FROM verzoek WHERE client_pseudonym = $1 ORDER BY ontvangen_op, id`,
      [pseudonym],
    );
    return rows.map((r) => r.state);
  }

  /** A child's verzoeken in the caller's scope (toegang: its gemeente; aanbieder: its own), oldest first. */
  async visibleOfClient(pseudonym: string, scope: Pick<RecordScope, 'sql' | 'value'>): Promise<VerzoekState[]> {
    const rows: { state: VerzoekState }[] = await this.manager.query(
      `SELECT state FROM verzoek WHERE client_pseudonym = $1 AND ${scope.sql('$2')} ORDER BY ontvangen_op, id`,
      [pseudonym, scope.value],
    );
    return rows.map((r) => r.state);
  }

  /** The trajectory states with these ids in the caller's scope (the toewijzingen the verzoeken led to). */
  async visibleTrajectories(ids: readonly string[], scope: Pick<RecordScope, 'sql' | 'value'>): Promise<TrajectoryState[]> {
    if (ids.length === 0) return [];
    const rows: { state: TrajectoryState }[] = await this.manager.query(
      `SELECT state FROM trajectory WHERE id = ANY($1) AND ${scope.sql('$2')}`,
      [ids, scope.value],
    );
    return rows.map((r) => r.state);
  }

  /** Content hash of the table (rebuild compares it with the live one). */
  async hash(): Promise<{ hash: string; count: number }> {
    const [row]: { hash: string | null; count: string }[] = await this.manager.query(
      `SELECT md5(coalesce(string_agg(id || '=' || state::text, ',' ORDER BY id), '')) AS hash, count(*) AS count FROM verzoek`,
    );
    return { hash: row?.hash ?? '', count: Number(row?.count ?? 0) };
  }
}
