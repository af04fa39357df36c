/**
 * Alert lifecycle (pure): open → acknowledged → resolved, or dismissed (with a reason); escalation when nobody
 * acknowledges in time.
 *
 * Transitions (anything else is an error, nothing changes):
 * | action        | from                 | to           | notes                                                         |
 * |---------------|----------------------|--------------|---------------------------------------------------------------|
 * | acknowledge   | open                 | acknowledged | sets acknowledgedAt/By                                        |
 * | resolve       | open, acknowledged   | resolved     | by a person; reason optional                                  |
 * | dismiss       | open, acknowledged   | dismissed    | reason REQUIRED (non-blank)                                   |
 * | auto-resolve  | open, acknowledged   | resolved     | the situation ended (rules: resolvedSituations); default by 'system' |
 * | escalate      | open                 | open         | escalationLevel + 1, severity one step up (max kritiek)       |
 * resolved and dismissed are final: every action on them is an error (e.g. "cannot acknowledge a resolved alert").
 * `at` (processing time, ISO timestamp or Date) may not lie before the last transition / detectedAt.
 */
import { SEVERITIES, severityRank, type Severity } from './model';

export type AlertStatus = 'open' | 'acknowledged' | 'resolved' | 'dismissed';
export type AlertAction = 'acknowledge' | 'resolve' | 'dismiss' | 'auto-resolve' | 'escalate';
export const SYSTEM_ACTOR = 'system';

export interface AlertHistoryEntry {
  action: AlertAction;
  by: string;
  /** ISO timestamp. */
  at: string;
  reason: string | null;
  from: AlertStatus;
  to: AlertStatus;
  severity: Severity;
}

/** The lifecycle fields a stored alert carries (the service's alert type extends this). */
export interface AlertLifecycle {
  status: AlertStatus;
  severity: Severity;
  /** Processing time the alert was created (ISO timestamp). */
  detectedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  closedAt: string | null;
  closedBy: string | null;
  /** Reason of dismiss / resolve / auto-resolve. */
  closeReason: string | null;
  escalationLevel: number;
  lastEscalatedAt: string | null;
  history: AlertHistoryEntry[];
}

export type TransitionResult<A> = { ok: true; alert: A } | { ok: false; error: string };

/** Lifecycle fields of a newly detected alert. */
export function newAlertLifecycle(severity: Severity, detectedAt: string | Date): AlertLifecycle {
  return {
    status: 'open',
    severity,
    detectedAt: toIso(detectedAt),
    acknowledgedAt: null,
    acknowledgedBy: null,
    closedAt: null,
    closedBy: null,
    closeReason: null,
    escalationLevel: 0,
    lastEscalatedAt: null,
    history: [],
  };
}

function toIso(at: string | Date): string {
  const d = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(d.getTime())) throw new Error(`invalid timestamp ${String(at)}`);
  return d.toISOString();
}

const ALLOWED: Record<AlertAction, readonly AlertStatus[]> = {
  acknowledge: ['open'],
  resolve: ['open', 'acknowledged'],
  dismiss: ['open', 'acknowledged'],
  'auto-resolve': ['open', 'acknowledged'],
  escalate: ['open'],
};

const STATUS_NL: Record<AlertStatus, string> = { open: 'open', acknowledged: 'acknowledged', resolved: 'resolved', dismissed: 'dismissed' };

export function isClosed(status: AlertStatus): boolean {
  return status === 'resolved' || status === 'dismissed';
}

/** Applies an action; returns the new alert (a copy) or an error. Pure: the input is never modified. */
export function transition<A extends AlertLifecycle>(
  alert: A,
  action: AlertAction,
  by: string,
  reason: string | null | undefined,
  at: string | Date,
): TransitionResult<A> {
  if (!(action in ALLOWED)) return { ok: false, error: `unknown action "${String(action)}"` };
  let when: string;
  try {
    when = toIso(at);
  } catch {
    return { ok: false, error: `invalid timestamp "${String(at)}"` };
  }
  const actor = action === 'auto-resolve' && (!by || !by.trim()) ? SYSTEM_ACTOR : by;
  if (!actor || !actor.trim()) return { ok: false, error: `${action}: "by" is required` };
  if (!ALLOWED[action].includes(alert.status)) {
    const verb = action === 'auto-resolve' ? 'auto-resolve' : action;
    return {
      ok: false,
      error: `cannot ${verb} an alert that is ${STATUS_NL[alert.status]}${isClosed(alert.status) ? ' (closed alerts are final)' : ''}`,
    };
  }
  const trimmed = reason?.trim() ? reason.trim() : null;
  if (action === 'dismiss' && trimmed === null) return { ok: false, error: 'dismiss requires a reason' };
  const last = alert.history.length ? alert.history[alert.history.length - 1].at : alert.detectedAt;
  if (when < last) return { ok: false, error: `${action}: at (${when}) lies before the previous transition (${last})` };

  const next: A = { ...alert, history: [...alert.history] };
  switch (action) {
    case 'acknowledge':
      next.status = 'acknowledged';
      next.acknowledgedAt = when;
      next.acknowledgedBy = actor;
      break;
    case 'resolve':
    case 'auto-resolve':
      next.status = 'resolved';
      next.closedAt = when;
      next.closedBy = actor;
      next.closeReason = trimmed ?? (action === 'auto-resolve' ? 'situatie beëindigd' : null);
      break;
    case 'dismiss':
      next.status = 'dismissed';
      next.closedAt = when;
      next.closedBy = actor;
      next.closeReason = trimmed;
      break;
    case 'escalate':
      next.escalationLevel = alert.escalationLevel + 1;
      next.lastEscalatedAt = when;
      next.severity = SEVERITIES[Math.min(severityRank(alert.severity) + 1, SEVERITIES.length - 1)];
      break;
  }
  next.history.push({ action, by: actor, at: when, reason: trimmed, from: alert.status, to: next.status, severity: next.severity });
  return { ok: true, alert: next };
}

/**
 * When an open alert is due for escalation: (lastEscalatedAt ?? detectedAt) + ackWithinHours[severity] hours.
 * null when not open or the severity has no term. Use it to schedule the escalation timer.
 */
export function escalationDueAt(
  alert: Pick<AlertLifecycle, 'status' | 'severity' | 'detectedAt' | 'lastEscalatedAt'>,
  ackWithinHours: Readonly<Record<Severity, number | null>>,
): string | null {
  if (alert.status !== 'open') return null;
  const hours = ackWithinHours[alert.severity];
  if (hours === null || hours === undefined) return null;
  const from = Date.parse(alert.lastEscalatedAt ?? alert.detectedAt);
  return new Date(from + hours * 3_600_000).toISOString();
}

/** True when the alert is still open (not acknowledged) and its acknowledgement term has passed at `now`. */
export function needsEscalation(
  alert: Pick<AlertLifecycle, 'status' | 'severity' | 'detectedAt' | 'lastEscalatedAt'>,
  now: Date,
  ackWithinHours: Readonly<Record<Severity, number | null>>,
): boolean {
  const due = escalationDueAt(alert, ackWithinHours);
  return due !== null && now.getTime() >= Date.parse(due);
}
