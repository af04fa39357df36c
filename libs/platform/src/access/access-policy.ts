import type { Principal, Role } from '../auth';

/**
 * The one answer to "what may this principal see and do". Pure (no framework): the Nest decorator and guard
 * (`allow.ts`), the repositories (a scope for SQL), the live stream (a predicate) and the ingest pipeline (the sender a
 * token publishes as) all ask here; no other file compares roles.
 *
 * | role | personal data (trajectories, alerts) | acts on alerts, webhooks | berichten | aggregates (indicators, live pathway events) |
 * | --- | --- | --- | --- | --- |
 * | toegang | its own gemeente | its own gemeente (and records follow-ups for 18+ of its children) | publishes JW301 | its own gemeente |
 * | aanbieder | its own clients by AGB (alerts: if addressed) | no | publishes JW305/JW307, overview | its own AGB |
 * | regio | no (aggregates only) | no | no | the gemeenten of its regio |
 * | beheer | no (aggregates only) | no | no | everything |
 *
 * Issue 18: the BSN of a child (`bsn:reveal`) only to a toegang worker of the gemeente that stored it (bsnRevealScope;
 * never another gemeente, a regio, beheer or an aanbieder, which knows its own clients' BSNs from its own
 * administration); the access log of a child (`accesslog:read`) only to the toegang beheerder of the gemeente (a
 * toegang principal with `beheerder: true`), for its own gemeente (accessLogScope).
 */
export const ACTIONS = [
  'trajectories:read',
  'alerts:read',
  'alerts:act',
  'vervolg:record',
  'webhooks:manage',
  'berichten:publish',
  'berichten:read',
  'indicators:read',
  'stream:read',
  'bsn:reveal',
  'accesslog:read',
] as const;
export type Action = (typeof ACTIONS)[number];

export const ROLES: readonly Role[] = ['toegang', 'aanbieder', 'regio', 'beheer'];

interface Rule {
  roles: readonly Role[];
  /** The reason given to a principal refused this action (HTTP 403). */
  denial: (role: Role) => string;
  /** A further condition on the principal beyond its role (the toegang beheerder). */
  only?: (principal: Principal) => boolean;
}

const RULES: Record<Action, Rule> = {
  'trajectories:read': {
    roles: ['toegang', 'aanbieder'],
    denial: (role) => `role ${role} sees aggregates only, not individual trajectories`,
  },
  'alerts:read': { roles: ['toegang', 'aanbieder'], denial: (role) => `role ${role} sees aggregates only, not individual alerts` },
  'alerts:act': { roles: ['toegang'], denial: () => "only a toegang worker of the alert's gemeente can act on it" },
  'vervolg:record': { roles: ['toegang'], denial: () => "only a toegang worker of the child's gemeente records a follow-up for 18+" },
  'webhooks:manage': { roles: ['toegang'], denial: () => 'only a toegang team manages its webhook and its failed deliveries' },
  'berichten:publish': {
    roles: ['toegang', 'aanbieder'],
    denial: (role) => `role ${role} may not publish messages; only toegang (JW301) and aanbieder (JW305/JW307)`,
  },
  'berichten:read': { roles: ['aanbieder'], denial: () => 'only an aanbieder has a message overview' },
  'indicators:read': { roles: ['toegang', 'aanbieder', 'regio', 'beheer'], denial: (role) => `role ${role} sees no indicators` },
  'stream:read': { roles: ['toegang', 'aanbieder', 'regio', 'beheer'], denial: (role) => `role ${role} has no live stream` },
  'bsn:reveal': { roles: ['toegang'], denial: () => "only a toegang worker of the child's gemeente can see its BSN" },
  'accesslog:read': {
    roles: ['toegang'],
    only: (p) => p.role === 'toegang' && p.beheerder === true,
    denial: () => 'only the toegang beheerder of the gemeente reads the access log',
  },
};

/** Refused by the policy; the Nest layer answers 403 with the message. */
export class AccessDenied extends Error {
  constructor(
    readonly action: Action,
    message: string,
  ) {
    super(message);
    this.name = 'AccessDenied';
  }
}

export function isAction(value: unknown): value is Action {
  return typeof value === 'string' && (ACTIONS as readonly string[]).includes(value);
}

/** May this principal perform this action at all (its records are then limited by recordScope / aggregateScope)? */
export function may(principal: Principal, action: Action): boolean {
  const rule = RULES[action];
  return rule.roles.includes(principal.role) && (rule.only?.(principal) ?? true);
}

/** Why this principal may not perform this action. */
export function denial(principal: Principal, action: Action): string {
  return RULES[action].denial(principal.role);
}

export function assertMay(principal: Principal, action: Action): void {
  if (!may(principal, action)) throw new AccessDenied(action, denial(principal, action));
}

/** The organisation a principal acts for: a toegang team (its gemeente) or an aanbieder (its AGB); null for regio and beheer. */
export type Organisation = { role: 'toegang'; gemeente: string } | { role: 'aanbieder'; agb: string };

function organisationOf(principal: Principal): Organisation | null {
  switch (principal.role) {
    case 'toegang':
      return { role: 'toegang', gemeente: principal.gemeente };
    case 'aanbieder':
      return { role: 'aanbieder', agb: principal.agb };
    case 'regio':
    case 'beheer':
      return null;
  }
}

/** The sender a principal publishes berichten as (structurally an iJw Afzender), or null when it may not publish. */
export function publishingSender(principal: Principal): Organisation | null {
  return may(principal, 'berichten:publish') ? organisationOf(principal) : null;
}

/** The columns of a scoped row: the gemeente and aanbieder it belongs to, and (alerts) whom it is addressed to. */
export interface ScopedRow {
  gemeente: string;
  aanbieder: string | null | undefined;
  recipients?: readonly string[];
}

export type RecordResource = 'trajectories' | 'alerts' | 'webhooks' | 'berichten';
const READ_ACTION: Record<RecordResource, Action> = {
  trajectories: 'trajectories:read',
  alerts: 'alerts:read',
  webhooks: 'webhooks:manage',
  berichten: 'berichten:read',
};

/**
 * The rows of personal data a principal may see: one column compared with the principal's own value (plus, for an
 * aanbieder's alerts, that the alert is addressed to the aanbieder). A repository applies `sql(param)`, with `param`
 * the placeholder it bound `value` to; memory applies `matches`.
 */
export interface RecordScope {
  readonly resource: RecordResource;
  readonly column: 'gemeente' | 'aanbieder';
  /** The principal's gemeentecode or AGB code. */
  readonly value: string;
  /** The SQL condition on the row's own columns (optionally of a table alias), `param` the placeholder of `value`, e.g. '$1'. */
  sql(param: string, alias?: string): string;
  matches(row: ScopedRow): boolean;
  /** May the principal filter on this column value (a filter outside its own scope is refused, not silently empty)? */
  admits(column: 'gemeente' | 'aanbieder', value: string): boolean;
}

/** The scope of personal data of this kind the principal may see; AccessDenied when it may see none. */
export function recordScope(principal: Principal, resource: RecordResource): RecordScope {
  const action = READ_ACTION[resource];
  assertMay(principal, action);
  const org = organisationOf(principal);
  if (!org) throw new AccessDenied(action, denial(principal, action));
  const column = org.role === 'toegang' ? 'gemeente' : 'aanbieder';
  const value = org.role === 'toegang' ? org.gemeente : org.agb;
  const addressed = resource === 'alerts' && column === 'aanbieder';
  const col = (alias: string | undefined, name: string) => (alias ? `${alias}.${name}` : name);
  return {
    resource,
    column,
    value,
    sql: (param, alias) => `${col(alias, column)} = ${param}` + (addressed ? ` AND 'aanbieder' = ANY(${col(alias, 'recipients')})` : ''),
    matches: (row) => row[column] === value && (!addressed || (row.recipients ?? []).includes('aanbieder')),
    admits: (c, v) => c !== column || v === value,
  };
}

/** The gemeente whose stored BSNs a principal may see (only its own, and only as a toegang worker); AccessDenied otherwise. */
export function bsnRevealScope(principal: Principal): { gemeente: string } {
  assertMay(principal, 'bsn:reveal');
  const org = organisationOf(principal);
  if (org?.role !== 'toegang') throw new AccessDenied('bsn:reveal', denial(principal, 'bsn:reveal'));
  return { gemeente: org.gemeente };
}

/**
 * The gemeente whose access log a principal may read (the toegang beheerder's own): the rows of that gemeente's data
 * and of its own workers' calls (AccessLogRepository); AccessDenied otherwise.
 */
export function accessLogScope(principal: Principal): { gemeente: string } {
  assertMay(principal, 'accesslog:read');
  const org = organisationOf(principal);
  if (org?.role !== 'toegang') throw new AccessDenied('accesslog:read', denial(principal, 'accesslog:read'));
  return { gemeente: org.gemeente };
}

/** What a principal may aggregate over (structurally the IndicatorScope of libs/indicators). */
export type AggregateScope = { alle: true } | { gemeenten: readonly string[] } | { aanbieder: string };

/** regio: its gemeenten; toegang: its gemeente; aanbieder: its own trajectories; beheer: everything. */
export function aggregateScope(principal: Principal): AggregateScope {
  assertMay(principal, 'indicators:read');
  switch (principal.role) {
    case 'regio':
      return { gemeenten: [...principal.gemeenten] };
    case 'toegang':
      return { gemeenten: [principal.gemeente] };
    case 'aanbieder':
      return { aanbieder: principal.agb };
    case 'beheer':
      return { alle: true };
  }
}

export function aggregateMatches(scope: AggregateScope, row: Pick<ScopedRow, 'gemeente' | 'aanbieder'>): boolean {
  if ('gemeenten' in scope) return scope.gemeenten.includes(row.gemeente);
  if ('aanbieder' in scope) return row.aanbieder === scope.aanbieder;
  return true;
}

/** An event of the live stream: an alert (personal data, scoped like the alerts API) or a pathway event (aggregate fields only). */
export interface LiveEvent {
  event: 'alert' | 'pathway';
  scope: { gemeente: string; aanbieder: string | null; recipients: readonly string[] };
}

/** The live stream's predicate: alerts as the alerts API scopes them, pathway events as the aggregates. */
export function mayReceive(principal: Principal, e: LiveEvent): boolean {
  if (!may(principal, 'stream:read')) return false;
  if (e.event === 'alert') return may(principal, 'alerts:read') && recordScope(principal, 'alerts').matches(e.scope);
  return aggregateMatches(aggregateScope(principal), e.scope);
}

/** Who acted, as recorded in an alert's history: `<role>:<organisation>:<subject>`. */
export function actorOf(principal: Principal): string {
  switch (principal.role) {
    case 'toegang':
      return `toegang:${principal.gemeente}:${principal.sub}`;
    case 'aanbieder':
      return `aanbieder:${principal.agb}:${principal.sub}`;
    case 'regio':
      return `regio:${principal.regio}:${principal.sub}`;
    case 'beheer':
      return `beheer:${principal.sub}`;
  }
}
