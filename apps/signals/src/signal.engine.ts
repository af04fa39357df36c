import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { dutchDate, sameJson, type IsoDate } from '@trajectwacht/ijw';
import { TOPICS, enqueueOutbox, type OutboxMessage } from '@trajectwacht/platform';
import {
  DEFAULT_SIGNAL_CONFIG,
  SYSTEM_ACTOR,
  evaluateAll,
  isClosed,
  needsEscalation,
  newAlertLifecycle,
  nextCheckAll,
  resolvedSituations,
  severityRank,
  transition,
  type AlertAction,
  type AlertCandidate,
  type AlertLifecycle,
  type ChildContext,
  type SignalConfig,
  type SignalOverrides,
} from '@trajectwacht/signals';
import type { TrajectoryEvent, TrajectoryState } from '@trajectwacht/trajectory';

/** A record of trajectory.events.v1 as the trajectory service publishes it. */
export type TrajectoryEventMessage = TrajectoryEvent & { occurredAt: string; eventTime?: string; trajectory: TrajectoryState };

export interface AlertRow {
  id: string;
  dedupKey: string;
  ruleId: string;
  severity: AlertCandidate['severity'];
  status: AlertLifecycle['status'];
  gemeente: string;
  aanbieder: string | null;
  clientPseudonym: string;
  trajectoryIds: string[];
  recipients: string[];
  title: string;
  facts: AlertCandidate['facts'];
  effectiveAt: IsoDate;
  detectedAt: string;
  lifecycle: AlertLifecycle;
}

export type AlertEventType = 'AlertRaised' | 'AlertUpdated' | 'AlertAcknowledged' | 'AlertResolved' | 'AlertDismissed' | 'AlertEscalated';

/** The public view of an alert (API and alerts.v1): never a BSN, only the pseudonym. */
export function alertView(a: AlertRow) {
  return {
    id: a.id, ruleId: a.ruleId, severity: a.severity, status: a.status, gemeente: a.gemeente, aanbieder: a.aanbieder,
    clientPseudonym: a.clientPseudonym, trajectoryIds: a.trajectoryIds, recipients: a.recipients, title: a.title, facts: a.facts,
    effectiveAt: a.effectiveAt, detectedAt: a.detectedAt, escalationLevel: a.lifecycle.escalationLevel,
    acknowledgedBy: a.lifecycle.acknowledgedBy, closedBy: a.lifecycle.closedBy, closeReason: a.lifecycle.closeReason, history: a.lifecycle.history,
  };
}

/** Deterministic alert id: the same situation gets the same id, live or in a replay. */
export const alertIdOf = (dedupKey: string): string => `A${createHash('sha256').update(dedupKey).digest('hex').slice(0, 23)}`;

const ACTION_EVENT: Record<AlertAction, AlertEventType> = {
  acknowledge: 'AlertAcknowledged', resolve: 'AlertResolved', dismiss: 'AlertDismissed', 'auto-resolve': 'AlertResolved', escalate: 'AlertEscalated',
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
 */
export class SignalEngine {
  constructor(
    private readonly dataSource: DataSource,
    private readonly options: { config?: SignalConfig; overrides?: SignalOverrides; wallClock?: () => Date } = {},
  ) {}

  private get config(): SignalConfig {
    return this.options.config ?? DEFAULT_SIGNAL_CONFIG;
  }
  private wallNow(): Date {
    return this.options.wallClock ? this.options.wallClock() : new Date();
  }

  /** Applies a batch of trajectory events (idempotent: a redelivered event changes nothing). Returns alert events published. */
  async processEvents(events: TrajectoryEventMessage[]): Promise<number> {
    if (events.length === 0) return 0;
    const byChild = new Map<string, TrajectoryEventMessage[]>();
    for (const e of events) byChild.set(e.clientPseudonym, [...(byChild.get(e.clientPseudonym) ?? []), e]);
    return this.dataSource.transaction(async (manager) => {
      const children = await this.loadChildren(manager, [...byChild.keys()]);
      const outbox: OutboxMessage[] = [];
      for (const child of children.values()) {
        // Each distinct event time of this child's events is one evaluation point, in time order, with the timers due
        // by its business day fired first: the same points whether the events come one by one (live), in one big batch
        // (replay) or split over other chunks (after a crash or rebalance), so the alerts never depend on batching here.
        const byTime = new Map<string, TrajectoryEventMessage[]>();
        for (const e of byChild.get(child.pseudonym)!) {
          if (isStale(child, e)) continue;
          const time = new Date(e.eventTime || e.occurredAt).toISOString();
          byTime.set(time, [...(byTime.get(time) ?? []), e]);
        }
        for (const time of [...byTime.keys()].sort()) {
          const day = dutchDate(new Date(time));
          this.fireTimers(child, day, outbox);
          for (const e of byTime.get(time)!) {
            if (isStale(child, e)) continue; // an older copy after a newer one in this same batch (a republished outbox row)
            child.trajectories.set(e.trajectoryId, e.trajectory);
            child.eventTimes.set(e.trajectoryId, e.eventTime || e.occurredAt);
            if (!child.firstSeen.has(e.trajectoryId)) child.firstSeen.set(e.trajectoryId, day);
          }
          this.evaluate(child, day, outbox);
        }
      }
      await this.save(manager, [...children.values()], outbox);
      return outbox.length;
    });
  }

  /** Fires every timer due up to `upTo` (the BullMQ sweep passes the wall clock; a replay passes the replay time). */
  async fireDueTimers(upTo: Date, limit = 500): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due: { client_pseudonym: string }[] = await manager.query(
        `SELECT client_pseudonym FROM signal_timer WHERE due_at <= $1 ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [upTo.toISOString(), limit],
      );
      if (due.length === 0) return 0;
      const children = await this.loadChildren(manager, due.map((d) => d.client_pseudonym));
      const outbox: OutboxMessage[] = [];
      for (const child of children.values()) this.fireTimers(child, dutchDate(upTo), outbox);
      await this.save(manager, [...children.values()], outbox);
      return due.length;
    });
  }

  /** A person acts on an alert (acknowledge, resolve, dismiss). Throws AlertTransitionError when not allowed. */
  async act(alertId: string, action: 'acknowledge' | 'resolve' | 'dismiss', by: string, reason: string | null, scope: (a: AlertRow) => boolean): Promise<AlertRow | null> {
    return this.dataSource.transaction(async (manager) => {
      const rows: { row: AlertRow }[] = await manager.query(`SELECT ${ALERT_JSON} AS row FROM alert WHERE id = $1 FOR UPDATE`, [alertId]);
      const alert = rows[0]?.row;
      if (!alert || !scope(alert)) return null;
      const result = transition(alert.lifecycle, action, by, reason, this.wallNow());
      if (!result.ok) throw new AlertTransitionError(result.error);
      const updated: AlertRow = { ...alert, lifecycle: result.alert, status: result.alert.status, severity: result.alert.severity };
      await this.writeAlerts(manager, [updated]);
      await enqueueOutbox(manager, [this.alertEvent(ACTION_EVENT[action], updated)]);
      return updated;
    });
  }

  /** Escalates open alerts nobody acknowledged in time (hours per severity from the config). */
  async escalateOverdue(): Promise<number> {
    const now = this.wallNow();
    return this.dataSource.transaction(async (manager) => {
      const rows: { row: AlertRow }[] = await manager.query(`SELECT ${ALERT_JSON} AS row FROM alert WHERE status = 'open' ORDER BY detected_at LIMIT 5000 FOR UPDATE SKIP LOCKED`);
      const escalated: AlertRow[] = [];
      for (const { row } of rows) {
        if (!needsEscalation(row.lifecycle, now, this.config.bevestigenBinnenUren)) continue;
        const result = transition(row.lifecycle, 'escalate', SYSTEM_ACTOR, 'niet op tijd bevestigd', now);
        if (result.ok) escalated.push({ ...row, lifecycle: result.alert, severity: result.alert.severity, status: result.alert.status });
      }
      await this.writeAlerts(manager, escalated);
      await enqueueOutbox(manager, escalated.map((a) => this.alertEvent('AlertEscalated', a)));
      return escalated.length;
    });
  }

  private fireTimers(child: ChildState, upTo: IsoDate, outbox: OutboxMessage[]): void {
    // A timer can lead to a next one that is also due: evaluate each due date in order.
    for (let guard = 0; child.timer && child.timer <= upTo && guard < 64; guard++) this.evaluate(child, child.timer, outbox);
  }

  private evaluate(child: ChildState, now: IsoDate, outbox: OutboxMessage[]): void {
    const trajectories = [...child.trajectories.values()];
    if (trajectories.length === 0) {
      child.timer = null;
      return;
    }
    // geboortedatum and its DatumGebruik (COD170) from the same trajectory: an inexact date is never read as exact
    const bron = trajectories.find((t) => !t.toewijzingOntbreekt) ?? trajectories[0]!;
    const context: ChildContext = {
      clientPseudonym: child.pseudonym,
      geboortedatum: bron.geboortedatum,
      ...(bron.geboortedatumGebruik !== undefined ? { geboortedatumGebruik: bron.geboortedatumGebruik } : {}),
      trajectories,
      ontvangen: Object.fromEntries(child.firstSeen),
    };
    const input = { child: context, now, config: this.config, overrides: this.options.overrides };
    const detectedAt = this.wallNow().toISOString();
    for (const candidate of evaluateAll(input)) {
      const existing = child.alerts.get(candidate.dedupKey);
      if (!existing) {
        const lifecycle = newAlertLifecycle(candidate.severity, detectedAt);
        const alert: AlertRow = {
          id: alertIdOf(candidate.dedupKey), dedupKey: candidate.dedupKey, ruleId: candidate.ruleId, severity: candidate.severity, status: 'open',
          gemeente: candidate.gemeente, aanbieder: candidate.aanbieder ?? null, clientPseudonym: candidate.clientPseudonym,
          trajectoryIds: candidate.trajectoryIds, recipients: candidate.recipients, title: candidate.title, facts: candidate.facts,
          effectiveAt: candidate.effectiveAt, detectedAt, lifecycle,
        };
        child.alerts.set(candidate.dedupKey, alert);
        child.dirtyAlerts.add(candidate.dedupKey);
        outbox.push(this.alertEvent('AlertRaised', alert));
      } else if (!isClosed(existing.status)) {
        const severity = severityRank(candidate.severity) > severityRank(existing.severity) ? candidate.severity : existing.severity;
        const changed = severity !== existing.severity || JSON.stringify(candidate.facts) !== JSON.stringify(existing.facts) || candidate.title !== existing.title;
        if (changed) {
          const updated: AlertRow = { ...existing, severity, facts: candidate.facts, title: candidate.title, trajectoryIds: candidate.trajectoryIds, lifecycle: { ...existing.lifecycle, severity } };
          child.alerts.set(candidate.dedupKey, updated);
          child.dirtyAlerts.add(candidate.dedupKey);
          if (severity !== existing.severity) outbox.push(this.alertEvent('AlertUpdated', updated));
        }
      }
    }
    const openKeys = [...child.alerts.values()].filter((a) => !isClosed(a.status)).map((a) => a.dedupKey);
    for (const key of resolvedSituations(input, openKeys)) {
      const alert = child.alerts.get(key)!;
      const result = transition(alert.lifecycle, 'auto-resolve', SYSTEM_ACTOR, 'situatie beëindigd', detectedAt);
      if (!result.ok) continue;
      const resolved: AlertRow = { ...alert, lifecycle: result.alert, status: result.alert.status };
      child.alerts.set(key, resolved);
      child.dirtyAlerts.add(key);
      outbox.push(this.alertEvent('AlertResolved', resolved));
    }
    child.timer = nextCheckAll(input);
  }

  private alertEvent(type: AlertEventType, alert: AlertRow): OutboxMessage {
    return { topic: TOPICS.alerts, key: alert.id, payload: JSON.stringify({ type, at: this.wallNow().toISOString(), alert: alertView(alert) }) };
  }

  private async loadChildren(manager: EntityManager, pseudonyms: string[]): Promise<Map<string, ChildState>> {
    const sorted = [...new Set(pseudonyms)].sort();
    // Serialise work per child across instances (event batches and timer sweeps); sorted to avoid deadlocks.
    await manager.query(`SELECT pg_advisory_xact_lock(727307, hashtext(x)) FROM unnest($1::text[]) AS x ORDER BY x`, [sorted]);
    // One connection per transaction: the three reads run one after the other.
    const trajectories: { id: string; client_pseudonym: string; state: TrajectoryState; first_seen: string; event_time: string }[] = await manager.query(
      `SELECT id, client_pseudonym, state, to_char(first_seen, 'YYYY-MM-DD') AS first_seen, event_time FROM signal_trajectory WHERE client_pseudonym = ANY($1)`,
      [sorted],
    );
    const alerts = (await manager.query(`SELECT ${ALERT_JSON} AS row FROM alert WHERE client_pseudonym = ANY($1)`, [sorted])) as { row: AlertRow }[];
    const timers = (await manager.query(`SELECT client_pseudonym, to_char(due_date, 'YYYY-MM-DD') AS due FROM signal_timer WHERE client_pseudonym = ANY($1)`, [sorted])) as {
      client_pseudonym: string;
      due: string;
    }[];
    const children = new Map<string, ChildState>(
      sorted.map((p) => [p, { pseudonym: p, trajectories: new Map(), firstSeen: new Map(), eventTimes: new Map(), alerts: new Map(), dirtyAlerts: new Set(), timer: null }]),
    );
    for (const t of trajectories) {
      const c = children.get(t.client_pseudonym)!;
      c.trajectories.set(t.id, t.state);
      c.firstSeen.set(t.id, t.first_seen);
      c.eventTimes.set(t.id, t.event_time);
    }
    for (const { row } of alerts) children.get(row.clientPseudonym)!.alerts.set(row.dedupKey, row);
    for (const t of timers) children.get(t.client_pseudonym)!.timer = t.due;
    return children;
  }

  private async save(manager: EntityManager, children: ChildState[], outbox: OutboxMessage[]): Promise<void> {
    const trajectories = children.flatMap((c) =>
      [...c.trajectories.entries()].map(([id, state]) => ({ id, client: c.pseudonym, state, first_seen: c.firstSeen.get(id), event_time: c.eventTimes.get(id) })),
    );
    if (trajectories.length > 0) {
      await manager.query(
        `INSERT INTO signal_trajectory (id, client_pseudonym, state, first_seen, event_time, updated_at)
         SELECT x.id, x.client, x.state, x.first_seen, x.event_time, now()
           FROM jsonb_to_recordset($1::jsonb) AS x(id text, client text, state jsonb, first_seen date, event_time text)
         ON CONFLICT (id) DO UPDATE SET state = excluded.state, client_pseudonym = excluded.client_pseudonym, event_time = excluded.event_time, updated_at = now()
           WHERE signal_trajectory.event_time IS DISTINCT FROM excluded.event_time OR signal_trajectory.state IS DISTINCT FROM excluded.state`,
        [JSON.stringify(trajectories)],
      );
    }
    await this.writeAlerts(manager, children.flatMap((c) => [...c.dirtyAlerts].map((k) => c.alerts.get(k)!)));
    const withTimer = children.filter((c) => c.timer);
    const withoutTimer = children.filter((c) => !c.timer).map((c) => c.pseudonym);
    if (withTimer.length > 0) {
      await manager.query(
        `INSERT INTO signal_timer (client_pseudonym, due_date, due_at)
         SELECT x.client, x.due, (x.due::timestamp AT TIME ZONE 'Europe/Amsterdam') FROM jsonb_to_recordset($1::jsonb) AS x(client text, due date)
         ON CONFLICT (client_pseudonym) DO UPDATE SET due_date = excluded.due_date, due_at = excluded.due_at`,
        [JSON.stringify(withTimer.map((c) => ({ client: c.pseudonym, due: c.timer })))],
      );
    }
    if (withoutTimer.length > 0) await manager.query(`DELETE FROM signal_timer WHERE client_pseudonym = ANY($1)`, [withoutTimer]);
    await enqueueOutbox(manager, outbox);
  }

  private async writeAlerts(manager: EntityManager, alerts: AlertRow[]): Promise<void> {
    if (alerts.length === 0) return;
    await manager.query(
      `INSERT INTO alert (id, dedup_key, rule_id, severity, status, gemeente, aanbieder, client_pseudonym, trajectory_ids, recipients, title, facts,
                          effective_at, detected_at, lifecycle, updated_at)
       SELECT x."id", x."dedupKey", x."ruleId", x."severity", x."status", x."gemeente", x."aanbieder", x."clientPseudonym",
              ARRAY(SELECT jsonb_array_elements_text(x."trajectoryIds")), ARRAY(SELECT jsonb_array_elements_text(x."recipients")),
              x."title", x."facts", x."effectiveAt", x."detectedAt", x."lifecycle", now()
         FROM jsonb_to_recordset($1::jsonb) AS x("id" text, "dedupKey" text, "ruleId" text, "severity" text, "status" text, "gemeente" text,
              "aanbieder" text, "clientPseudonym" text, "trajectoryIds" jsonb, "recipients" jsonb, "title" text, "facts" jsonb, "effectiveAt" date,
              "detectedAt" timestamptz, "lifecycle" jsonb)
       ON CONFLICT (dedup_key) DO UPDATE SET severity = excluded.severity, status = excluded.status, trajectory_ids = excluded.trajectory_ids,
         title = excluded.title, facts = excluded.facts, lifecycle = excluded.lifecycle, updated_at = now()`,
      [JSON.stringify(alerts)],
    );
  }
}

/** SQL expression turning an alert row into an AlertRow JSON object. */
export const ALERT_JSON = `jsonb_build_object(
  'id', id, 'dedupKey', dedup_key, 'ruleId', rule_id, 'severity', severity, 'status', status, 'gemeente', gemeente, 'aanbieder', aanbieder,
  'clientPseudonym', client_pseudonym, 'trajectoryIds', to_jsonb(trajectory_ids), 'recipients', to_jsonb(recipients), 'title', title,
  'facts', facts, 'effectiveAt', to_char(effective_at, 'YYYY-MM-DD'), 'detectedAt', to_char(detected_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  'lifecycle', lifecycle)`;
