import { BadRequestException } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { ALERT_JSON, type AlertRow } from './alert.repository';

/**
 * The alert inbox: one page of alerts in the inbox order, the cursor of the next page, and the counts per rule.
 *
 * Order (the dashboard's): severity, heaviest first; then effectiveAt, oldest first; then detectedAt; then id (code
 * point order). Keyset pagination over exactly that key, so a page costs the same at the first alert and the
 * 100 000th, and alerts raised or closed meanwhile never make a page repeat or skip one that stayed. The key is
 * indexed per gemeente and per aanbieder (migration 1700000000006) with the filter columns included, so the page is
 * found in the index and only its rows are read; the counts per rule read a narrow index of their own.
 */

/** Severity as the first key column, heaviest first (an unknown severity sorts last). Must match the index expression. */
export const SEVERITY_ORDER_SQL =
  `(CASE severity WHEN 'kritiek' THEN 0 WHEN 'hoog' THEN 1 WHEN 'midden' THEN 2 ` + `WHEN 'laag' THEN 3 WHEN 'info' THEN 4 ELSE 5 END)`;
const KEY = `${SEVERITY_ORDER_SQL}, effective_at, detected_at, (id COLLATE "C")`;
/** detectedAt with microseconds, as the cursor carries it (the API's detectedAt has milliseconds only). */
const DETECTED_US = `to_char(detected_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export interface InboxScope {
  /** SQL condition on the alert's own columns, with $1 the scope value (recordScope(principal, 'alerts') of the access policy). */
  sql: string;
  value: string;
}

export interface InboxFilters {
  rules?: readonly string[];
  statuses: readonly string[];
  aanbieder?: string;
  /** Age = today (Europe/Amsterdam) − effectiveAt in days, as the inbox shows it. */
  minAgeDays?: number;
  maxAgeDays?: number;
}

export interface InboxCursor {
  rank: number;
  effectiveAt: string;
  detectedAt: string;
  id: string;
}

export interface InboxPage {
  rows: AlertRow[];
  /** Cursor of the next page; null on the last page. */
  next: string | null;
  /** Per rule: the alerts matching every filter except the rule filter (what each rule's tab would hold). */
  byRule: Record<string, number>;
  /** The alerts matching every filter (the sum of byRule over the selected rules). */
  total: number;
}

export function encodeCursor(c: InboxCursor): string {
  return Buffer.from(JSON.stringify([c.rank, c.effectiveAt, c.detectedAt, c.id])).toString('base64url');
}

export function decodeCursor(text: string): InboxCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    const [rank, effectiveAt, detectedAt, id]: unknown[] = Array.isArray(parsed) ? parsed : [];
    if (
      Number.isInteger(rank) &&
      typeof effectiveAt === 'string' &&
      /^\d{4}-\d{2}-\d{2}$/.test(effectiveAt) &&
      typeof detectedAt === 'string' &&
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(detectedAt) &&
      typeof id === 'string' &&
      id.length > 0 &&
      id.length <= 200
    ) {
      return { rank: rank as number, effectiveAt, detectedAt, id };
    }
  } catch {
    // fall through
  }
  throw new BadRequestException('after is not a cursor of this inbox');
}

export class AlertInboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  async page(scope: InboxScope, filters: InboxFilters, limit: number, after: InboxCursor | null): Promise<InboxPage> {
    const params: unknown[] = [scope.value];
    const add = (value: unknown) => `$${params.push(value)}`;
    const common = [scope.sql, `status = ANY(${add([...filters.statuses])}::text[])`];
    if (filters.aanbieder !== undefined) common.push(`aanbieder = ${add(filters.aanbieder)}`);
    if (filters.minAgeDays !== undefined)
      common.push(`effective_at <= (now() AT TIME ZONE 'Europe/Amsterdam')::date - ${add(filters.minAgeDays)}::integer`);
    if (filters.maxAgeDays !== undefined)
      common.push(`effective_at >= (now() AT TIME ZONE 'Europe/Amsterdam')::date - ${add(filters.maxAgeDays)}::integer`);
    const paged = [...common];
    if (filters.rules !== undefined) paged.push(`rule_id = ANY(${add([...filters.rules])}::text[])`);
    if (after)
      paged.push(
        `(${KEY}) > (${add(after.rank)}::integer, ${add(after.effectiveAt)}::date, ` +
          `${add(after.detectedAt)}::timestamptz, ${add(after.id)}::text COLLATE "C")`,
      );
    const take = add(limit + 1);

    // One snapshot for the page and its counts.
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      // Two small index scans: parallel workers cost more to start than they save, and take the other core from the
      // services on a small machine.
      await manager.query('SET LOCAL max_parallel_workers_per_gather = 0');
      // The page's ids from the index alone (index-only scan in key order), then only those rows.
      const rows: { row: AlertRow; rank: number; us: string }[] = await manager.query(
        `SELECT ${ALERT_JSON} AS row, ${SEVERITY_ORDER_SQL} AS rank, ${DETECTED_US} AS us
           FROM alert
          WHERE id = ANY(ARRAY(SELECT id FROM alert WHERE ${paged.join(' AND ')} ORDER BY ${KEY} LIMIT ${take}))
          ORDER BY ${KEY}`,
        params,
      );
      const counts: { rule_id: string; n: string }[] = await manager.query(
        `SELECT rule_id, count(*) AS n FROM alert WHERE ${common.join(' AND ')} GROUP BY rule_id`,
        params.slice(0, countParams(common)),
      );
      const byRule: Record<string, number> = {};
      for (const c of counts) byRule[c.rule_id] = Number(c.n);
      const total = Object.entries(byRule).reduce(
        (sum, [rule, n]) => (filters.rules === undefined || filters.rules.includes(rule) ? sum + n : sum),
        0,
      );
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const next =
        rows.length > limit && last
          ? encodeCursor({ rank: last.rank, effectiveAt: last.row.effectiveAt, detectedAt: last.us, id: last.row.id })
          : null;
      return { rows: page.map((r) => r.row), next, byRule, total };
    });
  }
}

/** The number of parameters the common conditions use ($1 … $n, added first). */
function countParams(conditions: readonly string[]): number {
  let max = 0;
  for (const c of conditions) for (const m of c.matchAll(/\$(\d+)/g)) max = Math.max(max, Number(m[1]));
  return max;
}
