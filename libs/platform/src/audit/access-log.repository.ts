import type { EntityManager } from 'typeorm';
import type { AccessRecord } from './access-record';

/** A row of the access log as the toegang beheerder reads it (GET /api/v1/pseudoniemen/{p}/toegangslog). */
export interface AccessLogEntry {
  id: string;
  at: string;
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
  outcome: string;
  status: number;
  reason: string | null;
}

/** The statements of the access log (table access_log, migration 1700000000020): insert, and the beheerder's page. */
export class AccessLogRepository {
  constructor(private readonly manager: EntityManager) {}

  async insert(r: AccessRecord): Promise<void> {
    await this.manager.query(
      `INSERT INTO access_log (service, request_id, sub, role, organisation, action, route, subject, pseudonyms, gemeenten,
                               outcome, status, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text[], $10::text[], $11, $12, $13)`,
      [
        r.service,
        r.requestId,
        r.sub,
        r.role,
        r.organisation,
        r.action,
        r.route,
        r.subject,
        r.pseudonyms,
        r.gemeenten,
        r.outcome,
        r.status,
        r.reason,
      ],
    );
  }

  /**
   * The rows about one child that belong to a gemeente: its data was concerned (gemeenten) or one of its own workers
   * made the call; newest first, keyset on id (`before`: the `next` of the previous page).
   */
  async forChild(pseudonym: string, gemeente: string, limit: number, before: string | null): Promise<AccessLogEntry[]> {
    return this.manager.query(
      `SELECT id::text, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, service, request_id AS "requestId",
              sub, role, organisation, action, route, subject, pseudonyms, gemeenten, outcome, status, reason
         FROM access_log
        WHERE pseudonyms @> ARRAY[$1::text]
          AND ($2::text = ANY(gemeenten) OR organisation = 'gemeente:' || $2::text)
          AND ($4::bigint IS NULL OR access_log.id < $4::bigint)
        ORDER BY access_log.id DESC
        LIMIT $3`,
      [pseudonym, gemeente, limit, before],
    );
  }
}
