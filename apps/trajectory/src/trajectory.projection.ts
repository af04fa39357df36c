import type { DataSource } from 'typeorm';
import { canonicalNummer, dutchDate, sameJson, type IsoDate } from '@trajectwacht/ijw';
import { TOPICS, type ConsumedRecord } from '@trajectwacht/platform';
import { ContractError, decodeGeaccepteerd, isGeaccepteerdVerzoek, trajectoryEventHead } from '@trajectwacht/contracts';
import {
  DEFAULT_INTENSITY_MAPPING,
  deriveTrajectory,
  diffTrajectory,
  herinstroomNaByTrajectory,
  summariseClient,
  type AcceptedMessage,
  type IntensityMapping,
  type TrajectoryState,
  type AcceptedVerzoekMessage,
} from '@trajectwacht/trajectory';
import { TrajectoryBerichtRepository } from './trajectory-bericht.repository';
import { TrajectoryRepository } from './trajectory.repository';
import { applyVerzoeken, verzoekIdOf } from './verzoek.projection';

export { trajectoryTableHash } from './trajectory.repository';

export const trajectoryIdOf = (m: Pick<AcceptedMessage, 'gemeente' | 'toewijzingNummer'>): string => `${m.gemeente}-${m.toewijzingNummer}`;
export const berichtKeyOf = (m: Pick<AcceptedMessage, 'berichtId' | 'ontvangst'>): string => `${m.ontvangst.afzender}|${m.berichtId}`;

export interface ProjectionOptions {
  mapping?: IntensityMapping;
  /** Publish domain events through the outbox (off for a rebuild into fresh tables). */
  publishEvents?: boolean;
  today?: () => IsoDate;
}

/** A message of this batch with what the SQL needs of it, serialised once. */
interface IncomingMessage {
  key: string;
  trajectoryId: string;
  message: AcceptedMessage;
  /**
   * The message as JSON text: the record's own value (its UTF-8 bytes) when it came from Kafka (valid JSON: it parsed),
   * stored as it is.
   */
  json: string | Buffer;
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
   * `raw[i]` is `texts[i]` as UTF-8 bytes: the record's own value, so that storing it encodes nothing again.
   */
  static parse(records: ConsumedRecord[]): {
    messages: AcceptedMessage[];
    texts: string[];
    raw: Buffer[];
    verzoeken: AcceptedVerzoekMessage[];
  } {
    const verzoeken: AcceptedVerzoekMessage[] = [];
    const texts: string[] = [];
    const raw: Buffer[] = [];
    const decoded: AcceptedMessage[] = [];
    for (const record of records) {
      const text = record.value?.toString('utf8') ?? 'null';
      const m = decodeGeaccepteerd(text);
      if (isGeaccepteerdVerzoek(m)) verzoeken.push(m);
      else {
        decoded.push(m);
        texts.push(text);
        raw.push(record.value!); // a null value decodes to null, which the contract refuses
      }
    }
    const messages = decoded.map((m, i) => {
      // Records from before iJw 3.2 conformance may carry a toewijzingnummer with leading zeros; LDT_Nummer is an
      // integer, so they are read in canonical form (the same toewijzing as the unpadded number).
      if (/^0+[0-9]/.test(m.toewijzingNummer)) {
        m.toewijzingNummer = canonicalNummer(m.toewijzingNummer);
        texts[i] = JSON.stringify(m);
        raw[i] = Buffer.from(texts[i]!, 'utf8');
      }
      return m;
    });
    return { messages, texts, raw, verzoeken };
  }

  async applyRecords(
    records: ConsumedRecord[],
    options: { onRefused?: (record: ConsumedRecord, error: ContractError) => void } = {},
  ): Promise<number> {
    const { onRefused } = options;
    // Replaying a log (npm run rebuild): a record that does not fit the contract was dead-lettered by the live
    // consumer and never applied, so the replay leaves it out as well (reported through onRefused) instead of stopping.
    const fitting = onRefused ? records.filter((record) => fitsContract(record, onRefused)) : records;
    if (fitting.length === 0) return 0;
    const { messages, raw, verzoeken } = TrajectoryProjection.parse(fitting);
    const partition = fitting[0]!.partition;
    const events = await this.apply(messages, partition, raw);
    // the request side (issue 17): the JW315/JW317/JW319 records and the JW301s with a ReferentieAanbieder
    return events + (await this.applyRequestSide([...verzoeken, ...messages], partition));
  }

  /** The verzoeken of these messages (verzoek.projection.ts), in a transaction of their own under the partition lock. */
  async applyRequestSide(messages: readonly (AcceptedVerzoekMessage | AcceptedMessage)[], partition = 0): Promise<number> {
    if (!messages.some((m) => verzoekIdOf(m) !== null)) return 0;
    return this.dataSource.transaction(async (manager) => {
      await new TrajectoryRepository(manager).lockPartition(partition);
      return applyVerzoeken(manager, messages, this.publishEvents);
    });
  }

  /**
   * Applies messages; returns the number of domain events produced. `texts[i]`, when given, is messages[i] as the JSON
   * text it was parsed from, or that text's UTF-8 bytes (stored as is instead of serialising the message again).
   */
  async apply(messages: AcceptedMessage[], partition = 0, texts?: readonly (string | Buffer)[]): Promise<number> {
    if (messages.length === 0) return 0;
    const incoming = new Map<string, IncomingMessage>();
    messages.forEach((message, i) => {
      const key = berichtKeyOf(message);
      // the first of equal keys is kept
      if (!incoming.has(key))
        incoming.set(key, { key, trajectoryId: trajectoryIdOf(message), message, json: texts?.[i] ?? JSON.stringify(message) });
    });
    return this.dataSource.transaction(async (manager) => {
      const trajectories = new TrajectoryRepository(manager);
      const berichten = new TrajectoryBerichtRepository(manager);
      await trajectories.lockPartition(partition);
      const touchedIds = [...new Set([...incoming.values()].map((m) => m.trajectoryId))];
      const stored = await this.loadMessages(berichten, touchedIds);
      const fresh = [...incoming.values()].filter((m) => !stored.keys.has(m.key));
      if (fresh.length === 0) return 0; // everything was applied before
      for (const m of fresh) {
        const list = stored.byTrajectory.get(m.trajectoryId);
        if (list) list.push(m.message);
        else stored.byTrajectory.set(m.trajectoryId, [m.message]);
      }
      const changedIds = [...new Set(fresh.map((m) => m.trajectoryId))];
      const { known, storedNa } = await this.loadStates(trajectories, changedIds, [
        ...new Set(fresh.map((m) => m.message.client.pseudonym)),
      ]);

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
            // PostgreSQL (TrajectoryRepository.storeStates) from the text it also stores.
            events.push([stateJson.length, state.clientPseudonym, trajectoryEventHead(event, { occurredAt, eventTime })]);
          }
        }
      }
      await berichten.insert(
        fresh.map((m) => ({
          key: m.key,
          trajectoryId: m.trajectoryId,
          clientPseudonym: m.message.client.pseudonym,
          berichtcode: m.message.berichtcode,
          receivedAt: m.message.ontvangst.ontvangenOp,
          json: m.json,
        })),
      );
      const children = await this.childrenOf(trajectories, states, known, storedNa);
      // herinstroom_na (herinstroomNa of @trajectwacht/trajectory) of every trajectory of the children: with the changed
      // states as they are written, and for their siblings only where a changed start or stop moved it
      const na = herinstroomNaByTrajectory([...children.byClient.values()].flat());
      await trajectories.storeStates(
        stateJson,
        states.map((state) => na.get(state.id) ?? null),
        events,
        TOPICS.trajectoryEvents,
      );
      const writtenIds = new Set(states.map((state) => state.id));
      const siblings = [...na].filter(([id, value]) => !writtenIds.has(id) && storedNa.get(id) !== value);
      await trajectories.setHerinstroomNa(
        siblings.map(([id]) => id),
        siblings.map(([, value]) => value),
      );
      await this.refreshClients(trajectories, children);
      return events.length;
    });
  }

  /** The stored messages of these trajectories, and their keys. */
  private async loadMessages(
    berichten: TrajectoryBerichtRepository,
    ids: string[],
  ): Promise<{ keys: Set<string>; byTrajectory: Map<string, AcceptedMessage[]> }> {
    const rows = await berichten.forTrajectories(ids);
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

  /**
   * The current state of these trajectories and of every other trajectory of these children (for their summaries and
   * herinstroom_na), and the herinstroom_na each has stored.
   */
  private async loadStates(
    trajectories: TrajectoryRepository,
    ids: string[],
    clients: string[],
  ): Promise<{ known: Map<string, TrajectoryState>; storedNa: Map<string, string | null> }> {
    const rows = await trajectories.states(ids, clients);
    return { known: new Map(rows.map((r) => [r.id, r.state])), storedNa: new Map(rows.map((r) => [r.id, r.herinstroomNa])) };
  }

  /**
   * Every child whose trajectories changed, with the current states of all its trajectories: of the child it had before
   * a correction moved a trajectory, too (loaded here, with their stored herinstroom_na added to `storedNa`). `known`
   * holds the previous state of the trajectories loaded before this batch.
   */
  private async childrenOf(
    repository: TrajectoryRepository,
    changed: TrajectoryState[],
    known: Map<string, TrajectoryState>,
    storedNa: Map<string, string | null>,
  ): Promise<{ pseudonyms: Set<string>; byClient: Map<string, TrajectoryState[]> }> {
    const byClient = new Map<string, TrajectoryState[]>();
    if (changed.length === 0) return { pseudonyms: new Set(), byClient };
    const current = new Map(known);
    for (const state of changed) current.set(state.id, state);
    const pseudonyms = new Set(changed.map((s) => s.clientPseudonym));
    const moved = changed.map((s) => known.get(s.id)?.clientPseudonym).filter((p): p is string => p !== undefined && !pseudonyms.has(p));
    if (moved.length > 0) {
      // A correcting JW301 moved a trajectory to another child: the former child's other trajectories are needed too.
      const rows = await repository.statesOfClients(moved);
      const changedIds = new Set(changed.map((s) => s.id));
      for (const row of rows) {
        if (changedIds.has(row.id)) continue;
        current.set(row.id, row.state);
        storedNa.set(row.id, row.herinstroomNa);
      }
      for (const p of moved) pseudonyms.add(p);
    }
    for (const state of current.values()) {
      if (!pseudonyms.has(state.clientPseudonym)) continue;
      const list = byClient.get(state.clientPseudonym);
      if (list) list.push(state);
      else byClient.set(state.clientPseudonym, [state]);
    }
    return { pseudonyms, byClient };
  }

  /** Recomputes the summary of every child whose trajectories changed (childrenOf). */
  private async refreshClients(
    repository: TrajectoryRepository,
    { pseudonyms, byClient }: { pseudonyms: Set<string>; byClient: Map<string, TrajectoryState[]> },
  ): Promise<void> {
    if (pseudonyms.size === 0) return;
    const gone = [...pseudonyms].filter((p) => !byClient.has(p)); // a child left without trajectories
    if (gone.length > 0) await repository.deleteClients(gone);
    const today = this.today();
    const summaries = [...byClient.values()].map((trajectories) => ({ trajectories, summary: summariseClient(trajectories, today) }));
    if (summaries.length === 0) return;
    await repository.upsertClients(
      summaries.map(({ trajectories, summary }) => ({
        pseudonym: summary.clientPseudonym,
        geboortedatum: summary.geboortedatum,
        gemeenten: [...new Set(trajectories.map((t) => t.gemeente))].sort().join(','),
        activeTrajectories: summary.active.length,
        highestActiveIntensity: summary.highestActiveIntensity,
        crisisActive: summary.crisisActive,
      })),
    );
  }
}

/** Whether a record fits the contract of ijw.geaccepteerd.v1; a ContractError goes to `onRefused`, anything else is thrown. */
function fitsContract(record: ConsumedRecord, onRefused: (record: ConsumedRecord, error: ContractError) => void): boolean {
  try {
    decodeGeaccepteerd(record.value?.toString('utf8') ?? 'null');
    return true;
  } catch (error) {
    if (!(error instanceof ContractError)) throw error;
    onRefused(record, error);
    return false;
  }
}
