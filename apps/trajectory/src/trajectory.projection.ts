import type { DataSource, EntityManager } from 'typeorm';
import { canonicalJson, dutchDate, type IsoDate } from '@trajectwacht/ijw';
import { TOPICS, enqueueOutbox, type ConsumedRecord, type OutboxMessage } from '@trajectwacht/platform';
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

/**
 * Projects accepted iJw messages into per-child trajectory state with a constant number of set-based statements
 * per batch, whatever its size:
 *   1. store the messages (ON CONFLICT DO NOTHING: redelivery is a no-op),
 *   2. load every message of each touched trajectory and its previous state,
 *   3. derive the new state from the full message set (pure, order-independent) and diff it into domain events,
 *   4. upsert trajectories and client summaries, and enqueue the events in the outbox — all in one transaction.
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

  /** Parses records; a record that is not an accepted message is a poison record (the consumer dead-letters it). */
  static parse(records: ConsumedRecord[]): AcceptedMessage[] {
    return records.map((r) => {
      const m = JSON.parse(r.value?.toString('utf8') ?? 'null') as AcceptedMessage | null;
      if (!m || typeof m !== 'object' || !m.berichtcode || !m.berichtId || !m.client?.pseudonym || !m.ontvangst?.afzender || !m.toewijzingNummer || !m.gemeente) {
        throw new Error(`record ${r.topic}/${r.partition}@${r.offset} is not an accepted iJw message`);
      }
      return m;
    });
  }

  async applyRecords(records: ConsumedRecord[]): Promise<number> {
    if (records.length === 0) return 0;
    const messages = TrajectoryProjection.parse(records);
    return this.apply(messages, records[0]!.partition);
  }

  /** Applies messages; returns the number of domain events produced. */
  async apply(messages: AcceptedMessage[], partition = 0): Promise<number> {
    if (messages.length === 0) return 0;
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1, $2)', [PARTITION_LOCK, partition]);
      await this.storeMessages(manager, messages);
      const trajectoryIds = [...new Set(messages.map(trajectoryIdOf))];
      const allMessages = await this.loadMessages(manager, trajectoryIds);
      const previous = await this.loadStates(manager, trajectoryIds);

      const states: TrajectoryState[] = [];
      const outbox: OutboxMessage[] = [];
      const occurredAt = new Date().toISOString();
      for (const id of trajectoryIds) {
        const state = deriveTrajectory(allMessages.get(id) ?? [], this.mapping);
        if (!state) continue;
        const before = previous.get(id) ?? null;
        if (before && canonicalJson(before) === canonicalJson(state)) continue; // redelivery: nothing changed
        const events = diffTrajectory(before, state);
        states.push(state);
        if (this.publishEvents) {
          // Business time of the event: when the latest message of this trajectory arrived. Downstream (signals) uses
          // it as its clock, so a replay of history gives the same alerts as live processing did.
          const eventTime = (allMessages.get(id) ?? []).reduce((max, m) => (m.ontvangst.ontvangenOp > max ? m.ontvangst.ontvangenOp : max), '');
          for (const event of events) {
            outbox.push({ topic: TOPICS.trajectoryEvents, key: state.clientPseudonym, payload: JSON.stringify({ ...event, occurredAt, eventTime, trajectory: state }) });
          }
        }
      }
      await this.upsertStates(manager, states);
      await this.refreshClients(manager, [...new Set(states.map((s) => s.clientPseudonym))]);
      await enqueueOutbox(manager, outbox);
      return outbox.length;
    });
  }

  private async storeMessages(manager: EntityManager, messages: AcceptedMessage[]): Promise<void> {
    await manager.query(
      `INSERT INTO trajectory_bericht (bericht_key, trajectory_id, client_pseudonym, berichtcode, message, received_at)
       SELECT x.key, x.trajectory_id, x.client, x.code, x.message, x.received_at
         FROM jsonb_to_recordset($1::jsonb) AS x(key text, trajectory_id text, client text, code text, message jsonb, received_at timestamptz)
       ON CONFLICT (bericht_key) DO NOTHING`,
      [
        JSON.stringify(
          messages.map((m) => ({ key: berichtKeyOf(m), trajectory_id: trajectoryIdOf(m), client: m.client.pseudonym, code: m.berichtcode, message: m, received_at: m.ontvangst.ontvangenOp })),
        ),
      ],
    );
  }

  private async loadMessages(manager: EntityManager, ids: string[]): Promise<Map<string, AcceptedMessage[]>> {
    const rows: { trajectory_id: string; message: AcceptedMessage }[] = await manager.query(
      `SELECT trajectory_id, message FROM trajectory_bericht WHERE trajectory_id = ANY($1)`,
      [ids],
    );
    const byId = new Map<string, AcceptedMessage[]>();
    for (const row of rows) {
      const list = byId.get(row.trajectory_id) ?? [];
      list.push(row.message);
      byId.set(row.trajectory_id, list);
    }
    return byId;
  }

  private async loadStates(manager: EntityManager, ids: string[]): Promise<Map<string, TrajectoryState>> {
    const rows: { id: string; state: TrajectoryState }[] = await manager.query(`SELECT id, state FROM trajectory WHERE id = ANY($1)`, [ids]);
    return new Map(rows.map((r) => [r.id, r.state]));
  }

  private async upsertStates(manager: EntityManager, states: TrajectoryState[]): Promise<void> {
    if (states.length === 0) return;
    await manager.query(
      `INSERT INTO trajectory (id, client_pseudonym, gemeente, aanbieder, status, productcategorie, productcode, intensiteit, crisis, verblijf,
                               gedwongen_kader, ingangsdatum, einddatum, begindatum, stopdatum, reden_beeindiging, volgens_plan,
                               aantal_wijzigingen, aantal_verlengingen, wachttijd_dagen, toewijzing_ontbreekt, state, updated_at)
       SELECT s->>'id', s->>'clientPseudonym', s->>'gemeente', s->>'aanbieder', s->>'status', s->>'productcategorie', s->>'productcode',
              s->>'intensiteit', (s->>'crisis')::boolean, (s->>'verblijf')::boolean, (s->>'gedwongenKader')::boolean,
              (s->>'ingangsdatum')::date, (s->>'einddatum')::date, (s->>'begindatum')::date, (s->>'stopdatum')::date,
              s->>'redenBeeindiging', (s->>'volgensPlan')::boolean, (s->>'aantalWijzigingen')::int, (s->>'aantalVerlengingen')::int,
              (s->>'wachttijdDagen')::int, (s->>'toewijzingOntbreekt')::boolean, s, now()
         FROM jsonb_array_elements($1::jsonb) AS s
       ON CONFLICT (id) DO UPDATE SET
         client_pseudonym = excluded.client_pseudonym, gemeente = excluded.gemeente, aanbieder = excluded.aanbieder, status = excluded.status,
         productcategorie = excluded.productcategorie, productcode = excluded.productcode, intensiteit = excluded.intensiteit,
         crisis = excluded.crisis, verblijf = excluded.verblijf, gedwongen_kader = excluded.gedwongen_kader, ingangsdatum = excluded.ingangsdatum,
         einddatum = excluded.einddatum, begindatum = excluded.begindatum, stopdatum = excluded.stopdatum,
         reden_beeindiging = excluded.reden_beeindiging, volgens_plan = excluded.volgens_plan, aantal_wijzigingen = excluded.aantal_wijzigingen,
         aantal_verlengingen = excluded.aantal_verlengingen, wachttijd_dagen = excluded.wachttijd_dagen,
         toewijzing_ontbreekt = excluded.toewijzing_ontbreekt, state = excluded.state, updated_at = now()`,
      [JSON.stringify(states)],
    );
  }

  private async refreshClients(manager: EntityManager, pseudonyms: string[]): Promise<void> {
    if (pseudonyms.length === 0) return;
    const rows: { client_pseudonym: string; state: TrajectoryState }[] = await manager.query(
      `SELECT client_pseudonym, state FROM trajectory WHERE client_pseudonym = ANY($1)`,
      [pseudonyms],
    );
    const byClient = new Map<string, TrajectoryState[]>();
    for (const row of rows) byClient.set(row.client_pseudonym, [...(byClient.get(row.client_pseudonym) ?? []), row.state]);
    const today = this.today();
    const summaries = [...byClient.values()].map((trajectories) => {
      const s = summariseClient(trajectories, today);
      return {
        pseudonym: s.clientPseudonym,
        geboortedatum: s.geboortedatum,
        gemeenten: [...new Set(trajectories.map((t) => t.gemeente))].sort(),
        active: s.active.length,
        highest: s.highestActiveIntensity,
        crisis: s.crisisActive,
      };
    });
    await manager.query(
      `INSERT INTO client (pseudonym, geboortedatum, gemeenten, active_trajectories, highest_active_intensity, crisis_active, updated_at)
       SELECT x.pseudonym, x.geboortedatum, ARRAY(SELECT jsonb_array_elements_text(x.gemeenten)), x.active, x.highest, x.crisis, now()
         FROM jsonb_to_recordset($1::jsonb) AS x(pseudonym text, geboortedatum date, gemeenten jsonb, active int, highest text, crisis boolean)
       ON CONFLICT (pseudonym) DO UPDATE SET geboortedatum = excluded.geboortedatum, gemeenten = excluded.gemeenten,
         active_trajectories = excluded.active_trajectories, highest_active_intensity = excluded.highest_active_intensity,
         crisis_active = excluded.crisis_active, updated_at = now()`,
      [JSON.stringify(summaries)],
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
