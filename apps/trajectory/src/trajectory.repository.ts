import type { DataSource, EntityManager } from 'typeorm';
import { TRAJECTORY_EVENT_END } from '@trajectwacht/contracts';
import type { RecordScope } from '@trajectwacht/platform';
import {
  TRAJECTORY_STATE_COLUMNS,
  TRAJECTORY_STATE_COLUMN_LIST,
  trajectoryStateColumnValues,
  type TrajectoryState,
} from '@trajectwacht/trajectory';

/** Advisory-lock namespace: one transaction per Kafka partition at a time, also across instances during a rebalance. */
const PARTITION_LOCK = 727_305;
/** work_mem of a projection transaction (lockPartition). */
const BATCH_WORK_MEM = '128MB';

/** The ON CONFLICT assignments of STORE_STATES_SQL: every state column but id, herinstroom_na and the state itself. */
const STORE_STATES_UPDATE_SET = [...TRAJECTORY_STATE_COLUMNS.slice(1).map(([column]) => column), 'herinstroom_na', 'state']
  .map((c) => `${c} = excluded.${c}`)
  .join(', ');

/**
 * Upserts the changed states and enqueues their domain events in one statement, sending each state once: the states
 * travel as one text of JSON documents separated by U+001E (JSON.stringify escapes every control character, so none
 * contains it), parsed to jsonb for the columns (TRAJECTORY_STATE_COLUMNS of @trajectwacht/trajectory), and each
 * event's outbox payload is its head (trajectoryEventHead of @trajectwacht/contracts: the event fields and times,
 * ending in `,"trajectory":`) followed by the state's own text and TRAJECTORY_EVENT_END, put together by PostgreSQL
 * (the same bytes as encodeTrajectoryEvent, tested there). The state is most of every event, so this halves what
 * crosses the wire per event; the payload is byte for byte what the relay would otherwise get from enqueueOutbox.
 * Events are inserted in the order given (the relay's order). herinstroom_na is not part of the state (it depends on the
 * child's other trajectories: herinstroomNa of @trajectwacht/trajectory) and comes as an array beside the states.
 * $1 states, $2 jsonb array of [state index (1-based), key, head], $3 the topic, $4 herinstroom_na per state.
 */
const STORE_STATES_SQL = `WITH s AS MATERIALIZED (
    SELECT i, t AS txt, t::jsonb AS j FROM unnest(string_to_array($1::text, E'\\x1e')) WITH ORDINALITY AS y(t, i)
  ), upserted AS (
    INSERT INTO trajectory (${TRAJECTORY_STATE_COLUMN_LIST}, herinstroom_na, state, updated_at)
    SELECT ${trajectoryStateColumnValues('j')}, ($4::date[])[i], j, now()
      FROM s
    ON CONFLICT (id) DO UPDATE SET ${STORE_STATES_UPDATE_SET}, updated_at = now()
  )
  INSERT INTO outbox (topic, message_key, headers, payload)
  SELECT $3::text, e->>1, '{}'::jsonb, (e->>2) || s.txt || '${TRAJECTORY_EVENT_END}'
    FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS x(e, k)
    JOIN s ON s.i = (e->>0)::bigint
   ORDER BY k`;

/** A stored trajectory: its state and its herinstroom_na column (YYYY-MM-DD or null). */
export interface StoredTrajectory {
  id: string;
  state: TrajectoryState;
  herinstroomNa: string | null;
}

/** A child's summary as the client table stores it. */
export interface ClientRow {
  pseudonym: string;
  geboortedatum: string;
  /** The gemeenten of its trajectories, sorted, comma-separated. */
  gemeenten: string;
  activeTrajectories: number;
  highestActiveIntensity: string | null;
  crisisActive: boolean;
}

/**
 * trajectory and client (migrations 1700000000002, 1700000000005, 1700000000006): the derived state per toewijzing and
 * the summary per child. The projection's statements run in its transaction (`manager`).
 */
export class TrajectoryRepository {
  constructor(private readonly manager: Pick<EntityManager, 'query'>) {}

  /**
   * Serialises the projection per Kafka partition (until the end of the transaction). In the same round trip it raises
   * work_mem for this transaction only (SET LOCAL): a batch's states and outbox payloads are tens of MB, and with the
   * default 4 MB the statements of a batch spilled their CTE, hash and sort to temporary files.
   */
  async lockPartition(partition: number): Promise<void> {
    await this.manager.query(`SELECT set_config('work_mem', '${BATCH_WORK_MEM}', true), pg_advisory_xact_lock($1, $2)`, [
      PARTITION_LOCK,
      partition,
    ]);
  }

  /** The current state (and stored herinstroom_na) of these trajectories and of every trajectory of these children. */
  async states(ids: readonly string[], clients: readonly string[]): Promise<StoredTrajectory[]> {
    return this.manager.query(
      `SELECT id, state, herinstroom_na::text AS "herinstroomNa" FROM trajectory WHERE client_pseudonym = ANY($2) OR id = ANY($1)`,
      [ids, clients],
    );
  }

  /** The state (and stored herinstroom_na) of every trajectory of these children. */
  async statesOfClients(pseudonyms: readonly string[]): Promise<StoredTrajectory[]> {
    return this.manager.query(
      `SELECT id, state, herinstroom_na::text AS "herinstroomNa" FROM trajectory WHERE client_pseudonym = ANY($1)`,
      [pseudonyms],
    );
  }

  /**
   * Upserts the states (JSON texts) with their herinstroom_na (same order) and enqueues the events ([state index, key,
   * head]) on `topic`, in one statement.
   */
  async storeStates(
    stateJson: readonly string[],
    herinstroomNa: readonly (string | null)[],
    events: readonly [number, string, string][],
    topic: string,
  ): Promise<void> {
    if (stateJson.length === 0) return;
    if (herinstroomNa.length !== stateJson.length) throw new RangeError('storeStates: one herinstroom_na per state');
    await this.manager.query(STORE_STATES_SQL, [stateJson.join('\x1e'), JSON.stringify(events), topic, herinstroomNa]);
  }

  /** Sets herinstroom_na of trajectories whose state did not change (a sibling's start or stop moved it). */
  async setHerinstroomNa(ids: readonly string[], values: readonly (string | null)[]): Promise<void> {
    if (ids.length === 0) return;
    await this.manager.query(
      `UPDATE trajectory t SET herinstroom_na = x.na FROM unnest($1::text[], $2::date[]) AS x(id, na)
        WHERE t.id = x.id AND t.herinstroom_na IS DISTINCT FROM x.na`,
      [ids, values],
    );
  }

  async deleteClients(pseudonyms: readonly string[]): Promise<void> {
    await this.manager.query(`DELETE FROM client WHERE pseudonym = ANY($1)`, [pseudonyms]);
  }

  /** Upserts the summaries; a stored summary equal to the new one is left as it is (no row version, no WAL). */
  async upsertClients(rows: readonly ClientRow[]): Promise<void> {
    await this.manager.query(
      `INSERT INTO client (pseudonym, geboortedatum, gemeenten, active_trajectories, highest_active_intensity, crisis_active, updated_at)
       SELECT x.pseudonym, x.geboortedatum, string_to_array(x.gemeenten, ','), x.active, x.highest, x.crisis, now()
         FROM unnest($1::text[], $2::date[], $3::text[], $4::integer[], $5::text[], $6::boolean[])
              AS x(pseudonym, geboortedatum, gemeenten, active, highest, crisis)
       ON CONFLICT (pseudonym) DO UPDATE SET geboortedatum = excluded.geboortedatum, gemeenten = excluded.gemeenten,
         active_trajectories = excluded.active_trajectories, highest_active_intensity = excluded.highest_active_intensity,
         crisis_active = excluded.crisis_active, updated_at = now()
       WHERE (client.geboortedatum, client.gemeenten, client.active_trajectories, client.highest_active_intensity, client.crisis_active)
             IS DISTINCT FROM
             (excluded.geboortedatum, excluded.gemeenten, excluded.active_trajectories, excluded.highest_active_intensity,
              excluded.crisis_active)`,
      [
        rows.map((r) => r.pseudonym),
        rows.map((r) => r.geboortedatum),
        rows.map((r) => r.gemeenten),
        rows.map((r) => r.activeTrajectories),
        rows.map((r) => r.highestActiveIntensity),
        rows.map((r) => r.crisisActive),
      ],
    );
  }

  /** The states of a child's trajectories in the caller's scope, by ingangsdatum (API). */
  async visibleOfClient(pseudonym: string, scope: Pick<RecordScope, 'sql' | 'value'>): Promise<TrajectoryState[]> {
    const rows: { state: TrajectoryState }[] = await this.manager.query(
      `SELECT state FROM trajectory WHERE client_pseudonym = $1 AND ${scope.sql('$2')} ORDER BY ingangsdatum NULLS LAST, id`,
      [pseudonym, scope.value],
    );
    return rows.map((r) => r.state);
  }

  /** One trajectory's state if it is in the caller's scope (API). */
  async visibleById(id: string, scope: Pick<RecordScope, 'sql' | 'value'>): Promise<TrajectoryState | null> {
    const rows: { state: TrajectoryState }[] = await this.manager.query(
      `SELECT state FROM trajectory WHERE id = $1 AND ${scope.sql('$2')}`,
      [id, scope.value],
    );
    return rows[0]?.state ?? null;
  }
}

/** Content hash of all trajectory state in a schema: equal for the live tables and a rebuild from the log. */
export async function trajectoryTableHash(dataSource: Pick<DataSource, 'query'>): Promise<{ hash: string; trajectories: number }> {
  const rows: { hash: string | null; n: string }[] = await dataSource.query(
    `SELECT md5(string_agg(md5(state::text), '' ORDER BY id)) AS hash, count(*) AS n FROM trajectory`,
  );
  return { hash: rows[0]?.hash ?? 'empty', trajectories: Number(rows[0]?.n ?? 0) };
}
