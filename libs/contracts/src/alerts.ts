/**
 * alerts.v1 — every change of an alert of the signal engine: raised, updated (severity), acknowledged, resolved,
 * dismissed, escalated, each with the alert's public view after it (never a BSN, only the pseudonym). Key: the alert
 * id. Producer: signals (outbox); consumers: signals' webhook delivery, the monitor's live stream (and the dashboard).
 * Discriminant: `type`.
 */
import type { IsoDate } from '@trajectwacht/ijw';
import {
  RULE_IDS,
  SEVERITIES,
  type AlertAction,
  type AlertFactValue,
  type AlertHistoryEntry,
  type AlertStatus,
  type Recipient,
  type RuleId,
  type Severity,
} from '@trajectwacht/signals';
import {
  array,
  decodeJson,
  fail,
  integer,
  isoDate,
  literal,
  nonEmpty,
  nullable,
  object,
  record,
  string,
  timestamp,
  type Check,
} from './decode';

export const ALERTS_TOPIC = 'alerts.v1';

export const ALERT_EVENT_TYPES = [
  'AlertRaised',
  'AlertUpdated',
  'AlertAcknowledged',
  'AlertResolved',
  'AlertDismissed',
  'AlertEscalated',
] as const;
export type AlertEventType = (typeof ALERT_EVENT_TYPES)[number];

const ALERT_STATUSES = ['open', 'acknowledged', 'resolved', 'dismissed'] as const satisfies readonly AlertStatus[];
const ALERT_ACTIONS = ['acknowledge', 'resolve', 'dismiss', 'auto-resolve', 'escalate'] as const satisfies readonly AlertAction[];
const RECIPIENTS = ['toegang', 'aanbieder', 'regio'] as const satisfies readonly Recipient[];
// The lists above name every value of their type in libs/signals (a new one fails the type check here).
type Covers<L extends readonly string[], T extends string> = [T] extends [L[number]] ? true : never;
const covered: [
  Covers<typeof ALERT_STATUSES, AlertStatus>,
  Covers<typeof ALERT_ACTIONS, AlertAction>,
  Covers<typeof RECIPIENTS, Recipient>,
] = [true, true, true];
void covered;

/** The public view of an alert (alerts.v1 and the alerts API). */
export interface AlertView {
  id: string;
  ruleId: RuleId;
  severity: Severity;
  status: AlertStatus;
  gemeente: string;
  aanbieder: string | null;
  clientPseudonym: string;
  trajectoryIds: string[];
  recipients: Recipient[];
  title: string;
  facts: Record<string, AlertFactValue>;
  effectiveAt: IsoDate;
  /** Processing time the alert was created (ISO timestamp). */
  detectedAt: string;
  escalationLevel: number;
  acknowledgedBy: string | null;
  closedBy: string | null;
  closeReason: string | null;
  history: AlertHistoryEntry[];
  /**
   * Names, not codes (issue 18 point 7): set by the alerts API beside the codes (the gemeente's name on effectiveAt,
   * the aanbieder's from AANBIEDERS_FILE) and the Dutch and English label of each fact key; absent on alerts.v1.
   */
  gemeenteNaam?: string | null;
  aanbiederNaam?: string | null;
  factLabels?: Record<string, { nl: string; en: string }>;
  /** Set by the alerts API (issue 18): the toewijzingnummers of its trajectories and the child's age today; absent on alerts.v1. */
  toewijzingNummers?: string[];
  leeftijd?: number | null;
}

/** One record of alerts.v1, discriminated by `type`; `at` is the processing time of the change. */
export type AlertEvent = { [T in AlertEventType]: { type: T; at: string; alert: AlertView } }[AlertEventType];

const factValue: Check<AlertFactValue> = (v, p) =>
  v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))
    ? v
    : fail(p, 'a string, number, boolean or null', v);

const severity = literal(...SEVERITIES);
const status = literal(...ALERT_STATUSES);

export const checkAlertView: Check<AlertView> = object({
  id: nonEmpty,
  ruleId: literal(...RULE_IDS),
  severity,
  status,
  gemeente: nonEmpty,
  aanbieder: nullable(string),
  clientPseudonym: nonEmpty,
  trajectoryIds: array(nonEmpty),
  recipients: array(literal(...RECIPIENTS)),
  title: string,
  facts: record(factValue),
  effectiveAt: isoDate,
  detectedAt: nonEmpty,
  escalationLevel: integer,
  acknowledgedBy: nullable(string),
  closedBy: nullable(string),
  closeReason: nullable(string),
  history: array(
    object({ action: literal(...ALERT_ACTIONS), by: string, at: nonEmpty, reason: nullable(string), from: status, to: status, severity }),
  ),
});

export const checkAlertEvent: Check<AlertEvent> = object({ type: literal(...ALERT_EVENT_TYPES), at: timestamp, alert: checkAlertView });

/** Reads a record value of alerts.v1; throws a ContractError naming the field. */
export function decodeAlertEvent(value: string | Uint8Array | null | undefined): AlertEvent {
  return decodeJson(ALERTS_TOPIC, checkAlertEvent, value);
}

/** The record value of alerts.v1. */
export function encodeAlertEvent(event: AlertEvent): string {
  return JSON.stringify(event);
}
