import type { EntityManager } from 'typeorm';
import type { IsoDate } from '@trajectwacht/ijw';
import { columnListOf, jsonObjectOf, recordsetOf, type Column } from '@trajectwacht/platform';
import type { AlertCandidate, AlertLifecycle, Recipient, RuleId } from '@trajectwacht/signals';

/** One alert (table alert): one per situation (dedup key), with its lifecycle. */
export interface AlertRow {
  id: string;
  dedupKey: string;
  ruleId: RuleId;
  severity: AlertCandidate['severity'];
  status: AlertLifecycle['status'];
  gemeente: string;
  aanbieder: string | null;
  clientPseudonym: string;
  trajectoryIds: string[];
  recipients: Recipient[];
  title: string;
  facts: AlertCandidate['facts'];
  effectiveAt: IsoDate;
  detectedAt: string;
  lifecycle: AlertLifecycle;
}

/** The columns of alert as an AlertRow knows them (notified_at and updated_at are the repository's own). */
export const ALERT_COLUMNS: readonly Column<AlertRow>[] = [
  { field: 'id', column: 'id', type: 'text' },
  { field: 'dedupKey', column: 'dedup_key', type: 'text' },
  { field: 'ruleId', column: 'rule_id', type: 'text' },
  { field: 'severity', column: 'severity', type: 'text' },
  { field: 'status', column: 'status', type: 'text' },
  { field: 'gemeente', column: 'gemeente', type: 'text' },
  { field: 'aanbieder', column: 'aanbieder', type: 'text' },
  { field: 'clientPseudonym', column: 'client_pseudonym', type: 'text' },
  {
    field: 'trajectoryIds',
    column: 'trajectory_ids',
    type: 'jsonb',
    read: 'to_jsonb(trajectory_ids)',
    write: (v) => `ARRAY(SELECT jsonb_array_elements_text(${v}))`,
  },
  {
    field: 'recipients',
    column: 'recipients',
    type: 'jsonb',
    read: 'to_jsonb(recipients)',
    write: (v) => `ARRAY(SELECT jsonb_array_elements_text(${v}))`,
  },
  { field: 'title', column: 'title', type: 'text' },
  { field: 'facts', column: 'facts', type: 'jsonb' },
  { field: 'effectiveAt', column: 'effective_at', type: 'date', read: `to_char(effective_at, 'YYYY-MM-DD')` },
  {
    field: 'detectedAt',
    column: 'detected_at',
    type: 'timestamptz',
    read: `to_char(detected_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
  },
  { field: 'lifecycle', column: 'lifecycle', type: 'jsonb' },
];

/** SQL expression turning an alert row into an AlertRow JSON object (every read of alerts uses it). */
export const ALERT_JSON = jsonObjectOf(ALERT_COLUMNS);

/** What a re-evaluation or a transition may change on an existing alert (its situation, ids and detection stay). */
const UPDATED_ON_CONFLICT = ['severity', 'status', 'trajectory_ids', 'title', 'facts', 'lifecycle'];

const WRITE = recordsetOf(ALERT_COLUMNS, '$1');
const UPSERT_ALERTS = `INSERT INTO alert (${columnListOf(ALERT_COLUMNS)}, updated_at)
  SELECT ${WRITE.select}, now() FROM ${WRITE.from}
  ON CONFLICT (dedup_key) DO UPDATE SET ${UPDATED_ON_CONFLICT.map((c) => `${c} = excluded.${c}`).join(', ')}, updated_at = now()`;

/** The alerts the signal engine reads and writes within one transaction (see SignalStore). */
export interface AlertRepository {
  /** Every alert of these children (open or closed: a closed situation is never raised again). */
  forChildren(pseudonyms: readonly string[]): Promise<AlertRow[]>;
  /** One alert, not locked (to find its child, whose lock comes first). */
  findById(id: string): Promise<AlertRow | null>;
  /** One alert, locked for an update by a person (null when there is none). */
  lockById(id: string): Promise<AlertRow | null>;
  /** Open alerts, oldest detection first, locked; alerts another transaction holds are skipped. */
  lockOpen(limit: number): Promise<AlertRow[]>;
  /** Inserts new alerts and updates existing ones (by dedup key), in one statement. */
  upsert(alerts: readonly AlertRow[]): Promise<void>;
}

/** A scope of the access policy as SQL: a condition on the alert's own columns with $1 its value. */
export interface AlertSqlScope {
  sql: string;
  value: string;
}

export interface AlertListFilters {
  gemeente?: string;
  rules?: readonly string[];
  statuses?: readonly string[];
  /** Detected at least / at most this many days ago. */
  minAgeDays?: number;
  maxAgeDays?: number;
}

/** An alert as a digest lists it. */
export type DigestAlert = Pick<AlertRow, 'id' | 'ruleId' | 'severity' | 'status' | 'clientPseudonym' | 'title' | 'effectiveAt'>;

/** Table alert on PostgreSQL: the engine's reads and writes, the API's queries, and the notification bookkeeping. */
export class PgAlertRepository implements AlertRepository {
  constructor(private readonly manager: EntityManager) {}

  async forChildren(pseudonyms: readonly string[]): Promise<AlertRow[]> {
    return this.rows(`SELECT ${ALERT_JSON} AS row FROM alert WHERE client_pseudonym = ANY($1)`, [pseudonyms]);
  }

  async findById(id: string): Promise<AlertRow | null> {
    return (await this.rows(`SELECT ${ALERT_JSON} AS row FROM alert WHERE id = $1`, [id]))[0] ?? null;
  }

  async lockById(id: string): Promise<AlertRow | null> {
    return (await this.rows(`SELECT ${ALERT_JSON} AS row FROM alert WHERE id = $1 FOR UPDATE`, [id]))[0] ?? null;
  }

  async lockOpen(limit: number): Promise<AlertRow[]> {
    return this.rows(`SELECT ${ALERT_JSON} AS row FROM alert WHERE status = 'open' ORDER BY detected_at LIMIT $1 FOR UPDATE SKIP LOCKED`, [
      limit,
    ]);
  }

  async upsert(alerts: readonly AlertRow[]): Promise<void> {
    if (alerts.length === 0) return;
    await this.manager.query(UPSERT_ALERTS, [JSON.stringify(alerts)]);
  }

  /** GET /alerts: newest first within the scope, filtered. */
  async list(scope: AlertSqlScope, filters: AlertListFilters, limit: number): Promise<AlertRow[]> {
    const params: unknown[] = [scope.value];
    const add = (value: unknown) => `$${params.push(value)}`;
    const where = [scope.sql];
    if (filters.gemeente !== undefined) where.push(`gemeente = ${add(filters.gemeente)}`);
    if (filters.rules !== undefined) where.push(`rule_id = ANY(${add(filters.rules)})`);
    if (filters.statuses !== undefined) where.push(`status = ANY(${add(filters.statuses)})`);
    if (filters.minAgeDays !== undefined) where.push(`detected_at <= now() - make_interval(secs => ${add(filters.minAgeDays)} * 86400)`);
    if (filters.maxAgeDays !== undefined) where.push(`detected_at >= now() - make_interval(secs => ${add(filters.maxAgeDays)} * 86400)`);
    return this.rows(
      `SELECT ${ALERT_JSON} AS row FROM alert WHERE ${where.join(' AND ')} ORDER BY detected_at DESC LIMIT ${add(limit)}`,
      params,
    );
  }

  /** One alert when it is within the scope. */
  async findVisible(id: string, scope: AlertSqlScope): Promise<AlertRow | null> {
    return (await this.rows(`SELECT ${ALERT_JSON} AS row FROM alert WHERE id = $2 AND ${scope.sql}`, [scope.value, id]))[0] ?? null;
  }

  /** Open alerts for the toegang of a gemeente not notified yet, oldest detection first. */
  async notYetNotified(gemeente: string, limit: number): Promise<DigestAlert[]> {
    return this.rows(
      `SELECT ${ALERT_JSON} AS row FROM alert
        WHERE gemeente = $1 AND status = 'open' AND notified_at IS NULL AND 'toegang' = ANY(recipients) ORDER BY detected_at LIMIT $2`,
      [gemeente, limit],
    );
  }

  /** Marks alerts as notified now (a digest that listed them). */
  async markNotified(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.manager.query(`UPDATE alert SET notified_at = now() WHERE id = ANY($1)`, [ids]);
  }

  /** Marks an alert as notified, keeping the time of its first notification. */
  async markNotifiedOnce(id: string): Promise<void> {
    await this.manager.query(`UPDATE alert SET notified_at = coalesce(notified_at, now()) WHERE id = $1`, [id]);
  }

  private async rows(sql: string, params: unknown[]): Promise<AlertRow[]> {
    return ((await this.manager.query(sql, params)) as { row: AlertRow }[]).map((r) => r.row);
  }
}
