import type { DataSource, EntityManager } from 'typeorm';
import { canonicalNummer, dutchDate, sameJson, type IsoDate } from '@trajectwacht/ijw';
import { TOPICS, type ConsumedRecord } from '@trajectwacht/platform';
import { TRAJECTORY_EVENT_END, decodeGeaccepteerd, trajectoryEventHead } from '@trajectwacht/contracts';
import {
  DEFAULT_INTENSITY_MAPPING,
  deriveTrajectory,
  diffTrajectory,
  summariseClient,
  type AcceptedMessage,
  type IntensityMapping,
  type TrajectoryState,
} from '@trajectwacht/trajectory';

/** Advisory-lock namespace: one transaction per Kafka partition at a time, also across instances during a rebalance. */
const PARTITION_LOCK = 727_305;

export const trajectoryIdOf = (m: Pick<AcceptedMessage, 'gemeente' | 'toewijzingNummer'>): string => `${m.gemeente}-${m.toewijzingNummer}`;
export const berichtKeyOf = (m: Pick<AcceptedMessage, 'berichtId' | 'ontvangst'>): string => `${m.ontvangst.afzender}|${m.berichtId}`;

export interface ProjectionOptions {
  mapping?: IntensityMapping;
  /** Publish domain events through the outbox (off for a rebuild into fresh tables). */
  publishEvents?: boolean;
  today?: () => IsoDate;
}

/** The columns of `trajectory` besides the full state (jsonb `state`), with their SQL types and state fields. */
const STATE_COLUMNS: readonly (readonly [column: string, field: keyof TrajectoryState, type: string])[] = [
  ['id', 'id', 'text'],
  ['client_pseudonym', 'clientPseudonym', 'text'],
  ['gemeente', 'gemeente', 'text'],
  ['aanbieder', 'aanbieder', 'text'],
  ['status', 'status', 'text'],
  ['productcategorie', 'productcategorie', 'text'],
  ['productcode', 'productcode', 'text'],
  ['intensiteit', 'intensiteit', 'text'],
  ['crisis', 'crisis', 'boolean'],
  ['verblijf', 'verblijf', 'boolean'],
  ['gedwongen_kader', 'gedwongenKader', 'boolean'],
  ['ingangsdatum', 'ingangsdatum', 'date'],
  ['einddatum', 'einddatum', 'date'],
  ['begindatum', 'begindatum', 'date'],
  ['stopdatum', 'stopdatum', 'date'],
  ['reden_beeindiging', 'redenBeeindiging', 'text'],
  ['volgens_plan', 'volgensPlan', 'boolean'],
  ['aantal_wijzigingen', 'aantalWijzigingen', 'integer'],
  ['aantal_verlengingen', 'aantalVerlengingen', 'integer'],
  ['wachttijd_dagen', 'wachttijdDagen', 'integer'],
  ['toewijzing_ontbreekt', 'toewijzingOntbreekt', 'boolean'],
];

/**
 * Upserts the changed states and enqueues their domain events in one statement, sending each state once: the states
 * travel as one text of JSON documents separated by U+001E (JSON.stringify escapes every control character, so none
 * contains it), parsed to jsonb for the columns, and each event's outbox payload is its head (trajectoryEventHead of
 * @trajectwacht/contracts: the event fields and times, ending in `,"trajectory":`) followed by the state's own text and
 * TRAJECTORY_EVENT_END, put together by PostgreSQL (the same bytes as encodeTrajectoryEvent, tested there). The state
 * is most of every event, so this halves what crosses the wire per event; the payload is byte for byte what the
 * relay would otherwise get from enqueueOutbox. Events are inserted in the order given (the relay's order).
 * $1 states, $2 jsonb array of [state index (1-based), key, head], $3 the topic.
 */
const STORE_STATES_SQL = `WITH s AS MATERIALIZED (
    SELECT i, t AS txt, t::jsonb AS j FROM unnest(string_to_array($1::text, E'\\x1e')) WITH ORDINALITY AS y(t, i)
  ), upserted AS (
    INSERT INTO trajectory (${STATE_COLUMNS.map(([column]) => column).join(', ')}, state, updated_at)
    SELECT ${STATE_COLUMNS.map(([, field, type]) => (type === 'text' ? `j->>'${field}'` : `(j->>'${field}')::${type}`)).join(', ')}, j, now()
      FROM s
    ON CONFLICT (id) DO UPDATE SET ${[...STATE_COLUMNS.slice(1).map(([column]) => column), 'state'].map((c) => `${c} = excluded.${c}`).join(', ')}, updated_at = now()
  )
  INSERT INTO outbox (topic, message_key, headers, payload)
  SELECT $3::text, e->>1, '{}'::jsonb, (e->>2) || s.txt || '${TRAJECTORY_EVENT_END}'
    FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS x(e, k)
    JOIN s ON s.i = (e->>0)::bigint
   ORDER BY k`;

/** A message of this batch with what the SQL needs of it, serialised once. */
interface IncomingMessage {
  key: string;
  trajectoryId: string;
  message: AcceptedMessage;
  /** The message as JSON text: the record's own value when it came from Kafka (valid JSON: it parsed). */
  json: string;
}

/**
 * Projects accepted iJw messages into per-child trajectory state with a constant number of set-based statements
 * per batch, whatever its size (each passes its rows as one JSON parameter that PostgreSQL takes apart):
 *   1. load what is already known: the stored messages of each touched trajectory and the state of every trajectory
 *      of each touched child (one query each, before this batch is stored, so nothing written is read back);
 *   2. drop the messages already stored (redelivery after a crash or rebalance: a no-op);
 *   3. derive the new state of each trajectory from its full message set (pure, order-independent) and diff it into
 *      domain events;
 *   4. store the new messages, upsert the changed trajectories and their children's summaries, and enqueue the events
 *      in the outbox — all in one transaction, under an advisory lock per partition.
 */
export class TrajectoryProjection {
  private readonly mapping: IntensityMapping;
  private readonly publishEvents: boolean;
  private readonly today: () => IsoDate;

  constructor(
    private readonly dataSource: DataSource,
    options: ProjectionOptions = {},
  ) {
    this.mapping = options.mapping ?? DEFAULT_INTENSITY_MAPPING;
    this.publishEvents = options.publishEvents ?? true;
    this.today = options.today ?? (() => dutchDate(new Date()));
  }

  /**
   * Parses records into messages and their JSON texts; a record that does not fit the contract of ijw.geaccepteerd.v1
   * is a poison record (its ContractError names the field; the consumer retries and then dead-letters it).
   */
  static parse(records: ConsumedRecord[]): { messages: AcceptedMessage[]; texts: string[] } {
    const texts = records.map((r) => r.value?.toString('utf8') ?? 'null');
    const messages = records.map((_, i) => {
      const m = decodeGeaccepteerd(texts[i]);
      // Records from before iJw 3.2 conformance may carry a toewijzingnummer with leading zeros; LDT_Nummer is an
      // integer, so they are read in canonical form (the same toewijzing as the unpadded number).
      if (/^0+[0-9]/.test(m.toewijzingNummer)) {
        m.toewijzingNummer = canonicalNummer(m.toewijzingNummer);
        texts[i] = JSON.stringify(m);
      }
      return m;
    });
    return { messages, texts };
  }

  async applyRecords(records: ConsumedRecord[]): Promise<number> {
    if (records.length === 0) return 0;
    const { messages, texts } = TrajectoryProjection.parse(records);
    return this.apply(messages, records[0]!.partition, texts);
  }

  /**
   * Applies messages; returns the number of domain events produced. `texts[i]`, when given, is messages[i] as the JSON
   * text it was parsed from (stored as is instead of serialising the message again).
   */
  async apply(messages: AcceptedMessage[], partition = 0, texts?: readonly string[]): Promise<number> {
    if (messages.length === 0) return 0;
    const incoming = new Map<string, IncomingMessage>();
    messages.forEach((message, i) => {
      const key = berichtKeyOf(message);
      // the first of equal keys is kept
      if (!incoming.has(key)) incoming.set(key, { key, trajectoryId: trajectoryIdOf(message), message, json: texts?.[i] ?? JSON.stringify(message) });
    });
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1, $2)', [PARTITION_LOCK, partition]);
      const touchedIds = [...new Set([...incoming.values()].map((m) => m.trajectoryId))];
      const stored = await this.loadMessages(manager, touchedIds);
      const fresh = [...incoming.values()].filter((m) => !stored.keys.has(m.key));
      if (fresh.length === 0) return 0; // everything was applied before
      for (const m of fresh) {
        const list = stored.byTrajectory.get(m.trajectoryId);
        if (list) list.push(m.message);
        else stored.byTrajectory.set(m.trajectoryId, [m.message]);
      }
      const changedIds = [...new Set(fresh.map((m) => m.trajectoryId))];
      const known = await this.loadStates(manager, changedIds, [...new Set(fresh.map((m) => m.message.client.pseudonym))]);

      const states: TrajectoryState[] = [];
      const stateJson: string[] = [];
      /** [index of the state in stateJson (1-based), message key, payload head] per domain event, in order. */
      const events: [number, string, string][] = [];
      const occurredAt = new Date().toISOString();
      for (const id of changedIds) {
        const trajectoryMessages = stored.byTrajectory.get(id) ?? [];
        const state = deriveTrajectory(trajectoryMessages, this.mapping);
        if (!state) continue;
        const before = known.get(id) ?? null;
        if (before && sameJson(before, state)) continue; // nothing changed
        const json = JSON.stringify(state);
        states.push(state);
        stateJson.push(json);
        if (this.publishEvents) {
          // Business time of the event: when the latest message of this trajectory arrived. Downstream (signals) uses
          // it as its clock, so a replay of history gives the same alerts as live processing did.
          const eventTime = trajectoryMessages.reduce((max, m) => (m.ontvangst.ontvangenOp > max ? m.ontvangst.ontvangenOp : max), '');
          for (const event of diffTrajectory(before, state)) {
            // The event, its times and the full state after it: `{…head…,"trajectory":<state>}`, the state spliced in by
            // PostgreSQL (STORE_STATES_SQL) from the text it also stores.
            events.push([stateJson.length, state.clientPseudonym, trajectoryEventHead(event, { occurredAt, eventTime })]);
          }
        }
      }
      await this.storeMessages(manager, fresh);
      await this.storeStates(manager, stateJson, events);
      await this.refreshClients(manager, states, known);
      return events.length;
    });
  }

  /**
   * Two parameters for any number of rows: the short columns as one jsonb array of positional rows, and the messages
   * as one text of JSON documents separated by U+001E (which valid JSON text never contains unescaped), stored as `json`.
   * Neither is escaped element by element, as a text[] parameter would be.
   */
  private async storeMessages(manager: EntityManager, messages: IncomingMessage[]): Promise<void> {
    await manager.query(
      `INSERT INTO trajectory_bericht (bericht_key, trajectory_id, client_pseudonym, berichtcode, received_at, message)
       SELECT r->>0, r->>1, r->>2, r->>3, (r->>4)::timestamptz, m::json
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(r, i)
         JOIN unnest(string_to_array($2::text, E'\\x1e')) WITH ORDINALITY AS y(m, i) USING (i)
       ON CONFLICT (bericht_key) DO NOTHING`,
      [
        JSON.stringify(messages.map((m) => [m.key, m.trajectoryId, m.message.client.pseudonym, m.message.berichtcode, m.message.ontvangst.ontvangenOp])),
        messages.map((m) => m.json).join('\x1e'),
      ],
    );
  }

  /** The stored messages of these trajectories, and their keys. */
  private async loadMessages(manager: EntityManager, ids: string[]): Promise<{ keys: Set<string>; byTrajectory: Map<string, AcceptedMessage[]> }> {
    const rows: { bericht_key: string; trajectory_id: string; message: AcceptedMessage }[] = await manager.query(
      `SELECT bericht_key, trajectory_id, message FROM trajectory_bericht WHERE trajectory_id = ANY($1)`,
      [ids],
    );
    const keys = new Set<string>();
    const byTrajectory = new Map<string, AcceptedMessage[]>();
    for (const row of rows) {
      keys.add(row.bericht_key);
      const list = byTrajectory.get(row.trajectory_id);
      if (list) list.push(row.message);
      else byTrajectory.set(row.trajectory_id, [row.message]);
    }
    return { keys, byTrajectory };
  }

  /** The current state of these trajectories and of every other trajectory of these children (for their summaries). */
  private async loadStates(manager: EntityManager, ids: string[], clients: string[]): Promise<Map<string, TrajectoryState>> {
    const rows: { id: string; state: TrajectoryState }[] = await manager.query(
      `SELECT id, state FROM trajectory WHERE client_pseudonym = ANY($2) OR id = ANY($1)`,
      [ids, clients],
    );
    return new Map(rows.map((r) => [r.id, r.state]));
  }

  private async storeStates(manager: EntityManager, stateJson: string[], events: [number, string, string][]): Promise<void> {
    if (stateJson.length === 0) return;
    await manager.query(STORE_STATES_SQL, [stateJson.join('\x1e'), JSON.stringify(events), TOPICS.trajectoryEvents]);
  }

  /**
   * Recomputes the summary of every child whose trajectories changed: of the child it had before a correction moved a
   * trajectory, too. `known` holds the previous state of all their trajectories (loaded before this batch).
   */
  private async refreshClients(manager: EntityManager, changed: TrajectoryState[], known: Map<string, TrajectoryState>): Promise<void> {
    if (changed.length === 0) return;
    const current = new Map(known);
    for (const state of changed) current.set(state.id, state);
    const pseudonyms = new Set(changed.map((s) => s.clientPseudonym));
    const moved = changed.map((s) => known.get(s.id)?.clientPseudonym).filter((p): p is string => p !== undefined && !pseudonyms.has(p));
    if (moved.length > 0) {
      // A correcting JW301 moved a trajectory to another child: the former child's other trajectories are needed too.
      const rows: { id: string; state: TrajectoryState }[] = await manager.query(`SELECT id, state FROM trajectory WHERE client_pseudonym = ANY($1)`, [moved]);
      const changedIds = new Set(changed.map((s) => s.id));
      for (const row of rows) if (!changedIds.has(row.id)) current.set(row.id, row.state);
      for (const p of moved) pseudonyms.add(p);
    }
    const byClient = new Map<string, TrajectoryState[]>();
    for (const state of current.values()) {
      if (!pseudonyms.has(state.clientPseudonym)) continue;
      const list = byClient.get(state.clientPseudonym);
      if (list) list.push(state);
      else byClient.set(state.clientPseudonym, [state]);
    }
    const gone = [...pseudonyms].filter((p) => !byClient.has(p)); // a child left without trajectories
    if (gone.length > 0) await manager.query(`DELETE FROM client WHERE pseudonym = ANY($1)`, [gone]);
    const today = this.today();
    const summaries = [...byClient.values()].map((trajectories) => ({ trajectories, summary: summariseClient(trajectories, today) }));
    if (summaries.length === 0) return;
    await manager.query(
      `INSERT INTO client (pseudonym, geboortedatum, gemeenten, active_trajectories, highest_active_intensity, crisis_active, updated_at)
       SELECT x.pseudonym, x.geboortedatum, string_to_array(x.gemeenten, ','), x.active, x.highest, x.crisis, now()
         FROM unnest($1::text[], $2::date[], $3::text[], $4::integer[], $5::text[], $6::boolean[]) AS x(pseudonym, geboortedatum, gemeenten, active, highest, crisis)
       ON CONFLICT (pseudonym) DO UPDATE SET geboortedatum = excluded.geboortedatum, gemeenten = excluded.gemeenten,
         active_trajectories = excluded.active_trajectories, highest_active_intensity = excluded.highest_active_intensity,
         crisis_active = excluded.crisis_active, updated_at = now()`,
      [
        summaries.map(({ summary }) => summary.clientPseudonym),
        summaries.map(({ summary }) => summary.geboortedatum),
        summaries.map(({ trajectories }) => [...new Set(trajectories.map((t) => t.gemeente))].sort().join(',')),
        summaries.map(({ summary }) => summary.active.length),
        summaries.map(({ summary }) => summary.highestActiveIntensity),
        summaries.map(({ summary }) => summary.crisisActive),
      ],
    );
  }
}

/** Content hash of all trajectory state in a schema: equal for the live tables and a rebuild from the log. */
export async function trajectoryTableHash(dataSource: DataSource): Promise<{ hash: string; trajectories: number }> {
  const rows: { hash: string | null; n: string }[] = await dataSource.query(
    `SELECT md5(string_agg(md5(state::text), '' ORDER BY id)) AS hash, count(*) AS n FROM trajectory`,
  );
  return { hash: rows[0]?.hash ?? 'empty', trajectories: Number(rows[0]?.n ?? 0) };
}
