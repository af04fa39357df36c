import type { Principal } from '../auth';
import { redact } from '../redact';

/**
 * The NEN 7513 access log's record (issue 18; docs/security.md, "Access log"): one per read of or action on a child's
 * personal data. Pure: what a row holds and how it is built from a call; access-logged.ts writes it for every route
 * marked `@AccessLogged(...)`, access-log.repository.ts holds the statements.
 *
 * - who: the principal's subject, role and organisation (`gemeente:0034`, `agb:12345678`, `regio:flevoland`; none for beheer);
 * - what: the action (`alert.detail`, `bsn.reveal`, …), the route pattern (`GET /api/v1/alerts/:id`: the pattern, never
 *   the URL, which may hold a BSN), the subject named in the request (`pseudoniem:<p>`, `alert:<id>`, `traject:<id>`)
 *   and the pseudonyms of the children whose data was shown or acted on, with the gemeenten whose data it was;
 * - when: the database's clock at insert; the outcome (allowed, refused: 403/404, failed: anything else) and status;
 * - why: the reason, where the route requires one (the BSN reveal).
 * Rows carry pseudonyms only: a pseudonym must be 32 hex characters, and any run of nine digits in the subject or
 * the reason (a BSN typed into a reason) is masked.
 */
export type AccessOutcome = 'allowed' | 'refused' | 'failed';

export interface AccessRecord {
  service: string;
  requestId: string | null;
  sub: string;
  role: string;
  organisation: string | null;
  action: string;
  route: string;
  subject: string | null;
  pseudonyms: string[];
  gemeenten: string[];
  outcome: AccessOutcome;
  status: number;
  reason: string | null;
}

export const PSEUDONYM_PATTERN = /^[0-9a-f]{32}$/;
const GEMEENTE = /^[0-9]{4}$/;
export const MAX_REASON_LENGTH = 500;
const ALERT_ID = /^A[0-9a-f]{23}$/;
const TRAJECTORY_ID = /^[0-9]{4}-[0-9]{1,8}$/;
const SUBJECT = /^(pseudoniem:[0-9a-f]{32}|alert:A[0-9a-f]{23}|traject:[0-9]{4}-[0-9]{1,8}|(pseudoniem|alert|traject|bsn):ongeldig)$/;

/** What a request names, by kind of route parameter; a value not of its shape (a BSN typed as an alert id) as `<kind>:ongeldig`. */
export type SubjectKind = 'pseudonym' | 'alert' | 'trajectory';
export function subjectOf(kind: SubjectKind, value: string | undefined): string {
  const v = value ?? '';
  switch (kind) {
    case 'pseudonym':
      return PSEUDONYM_PATTERN.test(v) ? `pseudoniem:${v}` : 'pseudoniem:ongeldig';
    case 'alert':
      return ALERT_ID.test(v) ? `alert:${v}` : 'alert:ongeldig';
    case 'trajectory':
      return TRAJECTORY_ID.test(v) ? `traject:${v}` : 'traject:ongeldig';
  }
}

/** The organisation a principal acts for, as the log records it. */
export function organisationLabel(principal: Principal): string | null {
  switch (principal.role) {
    case 'toegang':
      return `gemeente:${principal.gemeente}`;
    case 'aanbieder':
      return `agb:${principal.agb}`;
    case 'regio':
      return `regio:${principal.regio}`;
    case 'beheer':
      return null;
  }
}

/** 2xx/3xx allowed; 403 (refused by the policy) and 404 (not visible to the caller) refused; anything else failed. */
export function outcomeOf(status: number): AccessOutcome {
  if (status >= 200 && status < 400) return 'allowed';
  if (status === 403 || status === 404) return 'refused';
  return 'failed';
}

export interface AccessCall {
  service: string;
  requestId?: string | null;
  principal: Principal;
  action: string;
  /** `METHOD /path/pattern`. */
  route: string;
  subject?: string | null;
  pseudonyms?: Iterable<string>;
  gemeenten?: Iterable<string>;
  status: number;
  reason?: string | null;
}

/** The row for one call; throws when a pseudonym or gemeente is not one (a BSN passed by mistake never reaches the log). */
export function buildAccessRecord(call: AccessCall): AccessRecord {
  const pseudonyms = [...new Set(call.pseudonyms ?? [])].sort();
  const bad = pseudonyms.find((p) => !PSEUDONYM_PATTERN.test(p));
  if (bad !== undefined) throw new Error('an access log row carries client pseudonyms only (32 hexadecimal characters)');
  const gemeenten = [...new Set(call.gemeenten ?? [])].sort();
  if (gemeenten.some((g) => !GEMEENTE.test(g))) throw new Error('an access log row names gemeenten by their 4-digit code');
  if (!/^[A-Z]+ \/\S*$/.test(call.route)) throw new Error('an access log route is "METHOD /pattern"');
  if (call.subject != null && !SUBJECT.test(call.subject)) throw new Error('an access log subject is built by subjectOf');
  const reason = call.reason == null ? null : redact(call.reason.trim()).slice(0, MAX_REASON_LENGTH);
  return {
    service: call.service,
    requestId: call.requestId ?? null,
    sub: call.principal.sub,
    role: call.principal.role,
    organisation: organisationLabel(call.principal),
    action: call.action,
    route: call.route,
    subject: call.subject ?? null,
    pseudonyms,
    gemeenten,
    outcome: outcomeOf(call.status),
    status: call.status,
    reason: reason === '' ? null : reason,
  };
}
