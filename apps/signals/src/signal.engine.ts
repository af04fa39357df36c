import { createHash } from 'node:crypto';
import { dutchDate, sameJson, type IsoDate } from '@trajectwacht/ijw';
import { TOPICS, type OutboxMessage } from '@trajectwacht/platform';
import {
  DEFAULT_SIGNAL_CONFIG,
  SYSTEM_ACTOR,
  assessAll,
  isClosed,
  needsEscalation,
  newAlertLifecycle,
  nextCheckAll,
  severityRank,
  transition,
  type AlertAction,
  type ChildContext,
  type SignalConfig,
  type SignalOverrides,
  type VervolgRegistratie,
} from '@trajectwacht/signals';
import type { TrajectoryState, VerzoekState } from '@trajectwacht/trajectory';
import {
  encodeAlertEvent,
  isVerzoekEventRecord,
  type AlertEventType,
  type AlertView,
  type TrajectoryEventRecord,
  type TrajectoryTopicRecord,
  type VerzoekEventRecord,
  type VervolgEvent,
} from '@trajectwacht/contracts';
import type { AlertRow } from './alert.repository';
import type { SignalStore, SignalTransaction } from './signal-store.repository';

export type { AlertRow } from './alert.repository';

/** A record of trajectory.events.v1 as the trajectory service publishes it (its contract in @trajectwacht/contracts). */
export type TrajectoryEventMessage = TrajectoryEventRecord;

export type { AlertEventType } from '@trajectwacht/contracts';

/** The public view of an alert (API and alerts.v1): never a BSN, only the pseudonym. */
export function alertView(a: AlertRow): AlertView {
  return {
    id: a.id,
    ruleId: a.ruleId,
    severity: a.severity,
    status: a.status,
    gemeente: a.gemeente,
    aanbieder: a.aanbieder,
    clientPseudonym: a.clientPseudonym,
    trajectoryIds: a.trajectoryIds,
    recipients: a.recipients,
    title: a.title,
    facts: a.facts,
    effectiveAt: a.effectiveAt,
    detectedAt: a.detectedAt,
    escalationLevel: a.lifecycle.escalationLevel,
    acknowledgedBy: a.lifecycle.acknowledgedBy,
    closedBy: a.lifecycle.closedBy,
    closeReason: a.lifecycle.closeReason,
    history: a.lifecycle.history,
  };
}

/** Deterministic alert id: the same situation gets the same id, live or in a replay. */
export const alertIdOf = (dedupKey: string): string => `A${createHash('sha256').update(dedupKey).digest('hex').slice(0, 23)}`;

const ACTION_EVENT: Record<AlertAction, AlertEventType> = {
  acknowledge: 'AlertAcknowledged',
  resolve: 'AlertResolved',
  dismiss: 'AlertDismissed',
  'auto-resolve': 'AlertResolved',
  escalate: 'AlertEscalated',
};

export class AlertTransitionError extends Error {}

interface ChildState {
  pseudonym: string;
  trajectories: Map<string, TrajectoryState>;
  firstSeen: Map<string, IsoDate>;
  /** eventTime of the last event applied per trajectory: older or identical redeliveries are skipped (isStale). */
  eventTimes: Map<string, string>;
  alerts: Map<string, AlertRow>;
  dirtyAlerts: Set<string>;
  timer: IsoDate | null;
  /** The timer as stored when the child was loaded (only a changed timer is written back). */
  storedTimer: IsoDate | null;
  /** Trajectories and verzoeken an event of this transaction changed (only these are written back). */
  dirtyTrajectories: Set<string>;
  dirtyVerzoeken: Set<string>;
  /** The follow-ups for 18+ recorded for this child (vervolg.v1), oldest first. */
  vervolg: VervolgRegistratie[];
  /** The child's verzoeken (issue 17), from the verzoek events, with the eventTime last applied to each. */
  verzoeken: Map<string, VerzoekState>;
  verzoekTimes: Map<string, string>;
}

/** As isStale, for a verzoek event: by eventTime, then by the number of messages, then by content. */
function isStaleVerzoek(child: ChildState, e: VerzoekEventRecord): boolean {
  const applied = child.verzoekTimes.get(e.verzoekId);
  if (applied === undefined) return false;
  const time = e.eventTime || e.occurredAt;
  if (applied !== time) return applied > time;
  const current = child.verzoeken.get(e.verzoekId);
  const held = current?.berichtIds.length ?? 0;
  if (held !== e.verzoek.berichtIds.length) return held > e.verzoek.berichtIds.length;
  return sameJson(current, e.verzoek);
}

/**
 * An alert's facts with their keys in the order jsonb keeps them (shorter keys first, then bytewise), the order a stored
 * alert's facts come back in. An alert built from a rule's finding takes this order too, so a record published later
 * is byte for byte the same whether the alert was still in memory or read back from the database (a silent update of
 * the facts followed by a resolution in a later batch showed the rule's order in one case and jsonb's in the other).
 */
export function factsInStoredOrder(facts: AlertRow['facts']): AlertRow['facts'] {
  const keys = Object.keys(facts).sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  const ordered: AlertRow['facts'] = {};
  for (const key of keys) ordered[key] = facts[key]!;
  return ordered;
}

/**
 * Whether two alerts' facts hold the same values, in whatever key order: a stored alert's facts come back from jsonb,
 * which keeps its keys in an order of its own, so comparing the JSON text found every stored alert changed on every
 * evaluation (and rewrote it). Fact values are primitives (AlertFactValue).
 */
export function sameFacts(a: AlertRow['facts'], b: AlertRow['facts']): boolean {
  // as JSON sees them: an undefined value is no key
  let n = 0;
  for (const key of Object.keys(a)) {
    const value = a[key];
    if (value === undefined) continue;
    n++;
    if (value !== b[key]) return false;
  }
  for (const key of Object.keys(b)) if (b[key] !== undefined) n--;
  return n === 0;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** A vervolg.v1 record as the rules read it. */
export function vervolgRegistratie(e: VervolgEvent): VervolgRegistratie {
  return {
    id: e.id,
    soort: e.soort,
    vastgelegdOp: e.vastgelegdOp,
    ...(e.totDatum ? { totDatum: e.totDatum } : {}),
    ...(e.perDatum ? { perDatum: e.perDatum } : {}),
  };
}

/**
 * Whether an event's trajectory state is no newer than the one the child holds, so applying it would go back in time:
 * compared by business time (eventTime), then — for equal times — by the number of messages the state was derived
 * from (a trajectory's message set only grows, so more messages is newer), then by content (identical: a redelivery).
 */
function isStale(child: ChildState, e: TrajectoryEventMessage): boolean {
  const applied = child.eventTimes.get(e.trajectoryId);
  if (applied === undefined) return false;
  const time = e.eventTime || e.occurredAt;
  if (applied !== time) return applied > time;
  const current = child.trajectories.get(e.trajectoryId);
  const held = current?.berichtIds?.length ?? 0;
  const incoming = e.trajectory.berichtIds?.length ?? 0;
  if (held !== incoming) return held > incoming;
  return sameJson(current, e.trajectory);
}

/**
 * The signal engine: keeps each child's trajectories (from trajectory events), evaluates the rules of
 * @trajectwacht/signals and turns their answers into alerts — one per situation (dedup key), raised, updated,
 * auto-resolved — with one durable timer per child for the time-driven rules.
 *
 * Clock: rules see business time. For an event that is the event's eventTime (when its latest message arrived); for
 * a timer its due date. Timers due before an event of the same child fire first. So a replay of history produces
 * the same alerts as live processing, whatever the wall clock says.
 *
 * Storage: through a SignalStore (PgSignalStore on PostgreSQL: signal-store.repository.ts and the repositories it
 * opens), one transaction per batch, sweep or action; the engine itself holds no SQL.
 */
export class SignalEngine {
  constructor(
    private readonly store: SignalStore,
    private readonly options: { config?: SignalConfig; overrides?: SignalOverrides; wallClock?: () => Date } = {},
  ) {}

  private get config(): SignalConfig {
    return this.options.config ?? DEFAULT_SIGNAL_CONFIG;
  }
  private wallNow(): Date {
    return this.options.wallClock ? this.options.wallClock() : new Date();
  }

  /** Applies a batch of trajectory events (idempotent: a redelivered event changes nothing). Returns alert events published. */
  async processEvents(events: (TrajectoryEventMessage | TrajectoryTopicRecord)[]): Promise<number> {
    if (events.length === 0) return 0;
    const byChild = new Map<string, TrajectoryTopicRecord[]>();
    for (const e of events) byChild.set(e.clientPseudonym, [...(byChild.get(e.clientPseudonym) ?? []), e]);
    return this.store.transaction(async (tx) => {
      const sorted = [...byChild.keys()].sort();
      // Serialise work per child across instances (event batches and timer sweeps), before any of its rows is touched.
      await tx.lockChildren(sorted);
      const children = await this.loadChildren(tx, sorted);
      const outbox: OutboxMessage[] = [];
      for (const child of children.values()) {
        // Each distinct event time of this child's events is one evaluation point, in time order, with the timers due
        // by its business day fired first: the same points whether the events come one by one (live), in one big batch
        // (replay) or split over other chunks (after a crash or rebalance), so the alerts never depend on batching here.
        const byTime = new Map<string, TrajectoryTopicRecord[]>();
        for (const e of byChild.get(child.pseudonym)!) {
          if (isVerzoekEventRecord(e) ? isStaleVerzoek(child, e) : isStale(child, e)) continue;
          const time = new Date(e.eventTime || e.occurredAt).toISOString();
          byTime.set(time, [...(byTime.get(time) ?? []), e]);
        }
        for (const time of [...byTime.keys()].sort()) {
          const day = dutchDate(new Date(time));
          this.fireTimers(child, day, outbox);
          for (const e of byTime.get(time)!) {
            if (isVerzoekEventRecord(e)) {
              if (isStaleVerzoek(child, e)) continue;
              child.verzoeken.set(e.verzoekId, e.verzoek);
              child.verzoekTimes.set(e.verzoekId, e.eventTime || e.occurredAt);
              child.dirtyVerzoeken.add(e.verzoekId);
              continue;
            }
            if (isStale(child, e)) continue; // an older copy after a newer one in this same batch (a republished outbox row)
            child.trajectories.set(e.trajectoryId, e.trajectory);
            child.eventTimes.set(e.trajectoryId, e.eventTime || e.occurredAt);
            child.dirtyTrajectories.add(e.trajectoryId);
            if (!child.firstSeen.has(e.trajectoryId)) child.firstSeen.set(e.trajectoryId, day);
          }
          this.evaluate(child, day, outbox);
        }
      }
      await this.save(tx, [...children.values()], outbox);
      return outbox.length;
    });
  }

  /** Fires every timer due up to `upTo` (the BullMQ sweep passes the wall clock; a replay passes the replay time). */
  async fireDueTimers(upTo: Date, limit = 500): Promise<number> {
    return this.store.transaction(async (tx) => {
      const due = await tx.timers.due(upTo, limit);
      if (due.length === 0) return 0;
      // Only the children no event batch or other sweep is working on (it never waits for a lock, like SKIP LOCKED);
      // the rest stay due for the next round. Their state (the timer included) is read after the lock.
      const locked = await tx.tryLockChildren(due);
      if (locked.length === 0) return 0;
      const children = await this.loadChildren(tx, [...new Set(locked)].sort());
      const outbox: OutboxMessage[] = [];
      for (const child of children.values()) this.fireTimers(child, dutchDate(upTo), outbox);
      await this.save(tx, [...children.values()], outbox);
      return children.size;
    });
  }

  /**
   * Applies recorded follow-ups for 18+ (vervolg.v1; idempotent by id): each new one is stored and the child is
   * evaluated on its recording day, so the OVERGANG_18 situations it answers auto-resolve (the reason names it and who
   * recorded it). Returns alert events published.
   */
  async processVervolg(events: VervolgEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    return this.store.transaction(async (tx) => {
      if (!tx.vervolg) throw new Error('this signal store keeps no follow-ups');
      const sorted = [...new Set(events.map((e) => e.clientPseudonym))].sort();
      await tx.lockChildren(sorted);
      const nieuw = new Set(await tx.vervolg.insert(events));
      const children = await this.loadChildren(tx, sorted);
      const outbox: OutboxMessage[] = [];
      const seen = new Set<string>();
      const fresh = events
        .filter((e) => nieuw.has(e.id) && !seen.has(e.id) && seen.add(e.id))
        .sort((a, b) =>
          a.vastgelegdOpTijd < b.vastgelegdOpTijd ? -1 : a.vastgelegdOpTijd > b.vastgelegdOpTijd ? 1 : a.id < b.id ? -1 : 1,
        );
      for (const e of fresh) {
        const child = children.get(e.clientPseudonym)!;
        this.fireTimers(child, e.vastgelegdOp, outbox);
        this.evaluate(
          child,
          e.vastgelegdOp,
          outbox,
          `vervolg vastgelegd: ${e.soort} (${e.id}) door toegang:${e.vastgelegdDoor.gemeente}:${e.vastgelegdDoor.sub}`,
        );
      }
      await this.save(tx, [...children.values()], outbox);
      return outbox.length;
    });
  }

  /** A person acts on an alert (acknowledge, resolve, dismiss). Throws AlertTransitionError when not allowed. */
  async act(
    alertId: string,
    action: 'acknowledge' | 'resolve' | 'dismiss',
    by: string,
    reason: string | null,
    scope: (a: AlertRow) => boolean,
  ): Promise<AlertRow | null> {
    return this.store.transaction(async (tx) => {
      // The child's lock before the alert's row (the order of event batches), so that a batch working on this child
      // never overwrites the action with the copy it read before: the action waits for the batch, or the batch for it.
      const found = await tx.alerts.findById(alertId);
      if (!found || !scope(found)) return null;
      await tx.lockChildren([found.clientPseudonym]);
      const alert = await tx.alerts.lockById(alertId);
      if (!alert || !scope(alert)) return null;
      const result = transition(alert.lifecycle, action, by, reason, this.wallNow());
      if (!result.ok) throw new AlertTransitionError(result.error);
      const updated: AlertRow = { ...alert, lifecycle: result.alert, status: result.alert.status, severity: result.alert.severity };
      await tx.alerts.upsert([updated]);
      await tx.enqueue([this.alertEvent(ACTION_EVENT[action], updated)]);
      return updated;
    });
  }

  /** Escalates open alerts nobody acknowledged in time (hours per severity from the config). */
  async escalateOverdue(): Promise<number> {
    const now = this.wallNow();
    return this.store.transaction(async (tx) => {
      const overdue = (await tx.alerts.lockOpen(5000)).filter((row) =>
        needsEscalation(row.lifecycle, now, this.config.bevestigenBinnenUren),
      );
      // Only alerts of children no event batch is working on (that batch would write its own copy over the
      // escalation); the others are escalated by the next sweep. Never waits for a child's lock.
      const free = new Set(overdue.length > 0 ? await tx.tryLockChildren([...new Set(overdue.map((row) => row.clientPseudonym))]) : []);
      const escalated: AlertRow[] = [];
      for (const row of overdue) {
        if (!free.has(row.clientPseudonym)) continue;
        const result = transition(row.lifecycle, 'escalate', SYSTEM_ACTOR, 'niet op tijd bevestigd', now);
        if (result.ok) escalated.push({ ...row, lifecycle: result.alert, severity: result.alert.severity, status: result.alert.status });
      }
      await tx.alerts.upsert(escalated);
      await tx.enqueue(escalated.map((a) => this.alertEvent('AlertEscalated', a)));
      return escalated.length;
    });
  }

  private fireTimers(child: ChildState, upTo: IsoDate, outbox: OutboxMessage[]): void {
    // A timer can lead to a next one that is also due: evaluate each due date in order.
    for (let guard = 0; child.timer && child.timer <= upTo && guard < 64; guard++) this.evaluate(child, child.timer, outbox);
  }

  private evaluate(child: ChildState, now: IsoDate, outbox: OutboxMessage[], resolveReason = 'situatie beëindigd'): void {
    const trajectories = [...child.trajectories.values()];
    const verzoeken = [...child.verzoeken.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
    if (trajectories.length === 0 && verzoeken.length === 0) {
      child.timer = null;
      return;
    }
    // geboortedatum and its DatumGebruik (COD170) from the same trajectory: an inexact date is never read as exact.
    // A child known only by a verzoek: the JW315's birth date, else none known (DatumGebruik 3: no age-based rule fires).
    const bron = trajectories.find((t) => !t.toewijzingOntbreekt) ?? trajectories[0];
    const geboorte = bron
      ? { geboortedatum: bron.geboortedatum, gebruik: bron.geboortedatumGebruik }
      : verzoeken.find((v) => v.geboortedatum !== null)
        ? { geboortedatum: verzoeken.find((v) => v.geboortedatum !== null)!.geboortedatum!, gebruik: undefined }
        : { geboortedatum: '1900-01-01', gebruik: '3' as const };
    const context: ChildContext = {
      clientPseudonym: child.pseudonym,
      geboortedatum: geboorte.geboortedatum,
      ...(geboorte.gebruik !== undefined ? { geboortedatumGebruik: geboorte.gebruik } : {}),
      trajectories,
      ontvangen: Object.fromEntries(child.firstSeen),
      ...(child.vervolg.length ? { vervolg: child.vervolg } : {}),
      ...(verzoeken.length ? { verzoeken } : {}),
    };
    const input = { child: context, now, config: this.config, overrides: this.options.overrides };
    const detectedAt = this.wallNow().toISOString();
    const assessment = assessAll(input);
    for (const candidate of assessment.candidates) {
      const existing = child.alerts.get(candidate.dedupKey);
      if (!existing) {
        const lifecycle = newAlertLifecycle(candidate.severity, detectedAt);
        const alert: AlertRow = {
          id: alertIdOf(candidate.dedupKey),
          dedupKey: candidate.dedupKey,
          ruleId: candidate.ruleId,
          severity: candidate.severity,
          status: 'open',
          gemeente: candidate.gemeente,
          aanbieder: candidate.aanbieder ?? null,
          clientPseudonym: candidate.clientPseudonym,
          trajectoryIds: candidate.trajectoryIds,
          recipients: candidate.recipients,
          title: candidate.title,
          facts: factsInStoredOrder(candidate.facts),
          effectiveAt: candidate.effectiveAt,
          detectedAt,
          lifecycle,
        };
        child.alerts.set(candidate.dedupKey, alert);
        child.dirtyAlerts.add(candidate.dedupKey);
        outbox.push(this.alertEvent('AlertRaised', alert));
      } else if (!isClosed(existing.status)) {
        const severity = severityRank(candidate.severity) > severityRank(existing.severity) ? candidate.severity : existing.severity;
        const changed =
          severity !== existing.severity ||
          candidate.title !== existing.title ||
          !sameFacts(candidate.facts, existing.facts) ||
          !sameList(candidate.trajectoryIds, existing.trajectoryIds);
        if (changed) {
          const updated: AlertRow = {
            ...existing,
            severity,
            facts: factsInStoredOrder(candidate.facts),
            title: candidate.title,
            trajectoryIds: candidate.trajectoryIds,
            lifecycle: { ...existing.lifecycle, severity },
          };
          child.alerts.set(candidate.dedupKey, updated);
          child.dirtyAlerts.add(candidate.dedupKey);
          if (severity !== existing.severity) outbox.push(this.alertEvent('AlertUpdated', updated));
        }
      }
    }
    const openKeys = [...child.alerts.values()].filter((a) => !isClosed(a.status)).map((a) => a.dedupKey);
    for (const key of assessment.resolved(openKeys)) {
      const alert = child.alerts.get(key)!;
      const result = transition(alert.lifecycle, 'auto-resolve', SYSTEM_ACTOR, resolveReason, detectedAt);
      if (!result.ok) continue;
      const resolved: AlertRow = { ...alert, lifecycle: result.alert, status: result.alert.status };
      child.alerts.set(key, resolved);
      child.dirtyAlerts.add(key);
      outbox.push(this.alertEvent('AlertResolved', resolved));
    }
    child.timer = nextCheckAll(input);
  }

  private alertEvent(type: AlertEventType, alert: AlertRow): OutboxMessage {
    return {
      topic: TOPICS.alerts,
      key: alert.id,
      payload: encodeAlertEvent({ type, at: this.wallNow().toISOString(), alert: alertView(alert) }),
    };
  }

  /** The state of these children (sorted, locked by the caller). */
  private async loadChildren(tx: SignalTransaction, sorted: string[]): Promise<Map<string, ChildState>> {
    // One statement when the store can (PgSignalStore), else each repository in turn.
    const { trajectories, alerts, timers, vervolg, verzoeken } = tx.loadChildren
      ? await tx.loadChildren(sorted)
      : {
          trajectories: await tx.trajectories.forChildren(sorted),
          alerts: await tx.alerts.forChildren(sorted),
          timers: await tx.timers.forChildren(sorted),
          vervolg: (await tx.vervolg?.forChildren(sorted)) ?? [],
          verzoeken: (await tx.verzoeken?.forChildren(sorted)) ?? [],
        };
    const children = new Map<string, ChildState>(
      sorted.map((p) => [
        p,
        {
          pseudonym: p,
          trajectories: new Map(),
          firstSeen: new Map(),
          eventTimes: new Map(),
          alerts: new Map(),
          dirtyAlerts: new Set(),
          timer: null,
          storedTimer: null,
          dirtyTrajectories: new Set(),
          dirtyVerzoeken: new Set(),
          vervolg: [],
          verzoeken: new Map(),
          verzoekTimes: new Map(),
        },
      ]),
    );
    for (const t of trajectories) {
      const c = children.get(t.clientPseudonym)!;
      c.trajectories.set(t.id, t.state);
      c.firstSeen.set(t.id, t.firstSeen);
      c.eventTimes.set(t.id, t.eventTime);
    }
    // in dedup key order, so that the events of one evaluation (several alerts resolved) never depend on the plan
    alerts.sort((a, b) => (a.dedupKey < b.dedupKey ? -1 : a.dedupKey > b.dedupKey ? 1 : 0));
    for (const row of alerts) children.get(row.clientPseudonym)!.alerts.set(row.dedupKey, row);
    for (const t of timers) {
      const c = children.get(t.clientPseudonym)!;
      c.timer = t.due;
      c.storedTimer = t.due;
    }
    for (const v of vervolg) children.get(v.clientPseudonym)?.vervolg.push(vervolgRegistratie(v));
    for (const v of verzoeken) {
      const c = children.get(v.clientPseudonym);
      c?.verzoeken.set(v.id, v.state);
      c?.verzoekTimes.set(v.id, v.eventTime);
    }
    return children;
  }

  /**
   * Writes back what this transaction changed: the trajectories and verzoeken its events applied, the alerts it raised
   * or changed, the timers that moved, and the alert events. (Unchanged rows were never rewritten — the upserts skip
   * identical rows — but sending every state of every child back cost both sides the whole state per batch.)
   */
  private async save(tx: SignalTransaction, children: ChildState[], outbox: OutboxMessage[]): Promise<void> {
    await tx.trajectories.upsert(
      children.flatMap((c) =>
        [...c.dirtyTrajectories].map((id) => ({
          id,
          clientPseudonym: c.pseudonym,
          state: c.trajectories.get(id)!,
          firstSeen: c.firstSeen.get(id)!,
          eventTime: c.eventTimes.get(id)!,
        })),
      ),
    );
    if (tx.verzoeken)
      await tx.verzoeken.upsert(
        children.flatMap((c) =>
          [...c.dirtyVerzoeken].map((id) => ({
            id,
            clientPseudonym: c.pseudonym,
            state: c.verzoeken.get(id)!,
            eventTime: c.verzoekTimes.get(id)!,
          })),
        ),
      );
    await tx.alerts.upsert(children.flatMap((c) => [...c.dirtyAlerts].map((k) => c.alerts.get(k)!)));
    await tx.timers.set(
      children.filter((c) => c.timer && c.timer !== c.storedTimer).map((c) => ({ clientPseudonym: c.pseudonym, due: c.timer! })),
    );
    await tx.timers.clear(children.filter((c) => !c.timer && c.storedTimer).map((c) => c.pseudonym));
    await tx.enqueue(outbox);
  }
}
