import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for reading at national scale (issue 16).
 * - trajectory_indicators: the indicators are computed in PostgreSQL (libs/indicators/src/indicators.repository.ts)
 *   from the columns of the trajectories of a scope. This index holds exactly those columns, keyed by gemeente and the
 *   stop (open-ended last), so a request reads only the rows still running at the start of its period or stopped
 *   after it, from the index alone (index-only scan), never the wide rows with their state.
 * - trajectory_stop_before_start: the few rows whose stop lies before their start (faulty data), which an instroom
 *   can still count although they stopped before the period.
 * - trajectory_client_indicators: the earlier trajectories of a child, for herinstroom.
 * - alert_inbox_gemeente / alert_inbox_aanbieder: the inbox order (severity heaviest first, effective_at, detected_at,
 *   id) per gemeente and per aanbieder, with the filter columns included (apps/signals/src/alert-inbox.repository.ts):
 *   a page is found by walking the index from the cursor. alert_inbox_counts: the counts per rule of a gemeente's open
 *   and acknowledged alerts from narrow index entries only (status in the key, so closed alerts are not read).
 * The severity expression must stay identical to SEVERITY_ORDER_SQL in alert-inbox.repository.ts.
 */
export class IndicatorInboxIndexes1700000000006 implements MigrationInterface {
  name = 'IndicatorInboxIndexes1700000000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX trajectory_indicators ON trajectory (gemeente, (coalesce(stopdatum, 'infinity'::date)))
      INCLUDE (begindatum, stopdatum, status, aanbieder, intensiteit, client_pseudonym, id, ingangsdatum, verblijf, volgens_plan,
               wachttijd_dagen)`);
    // covering as well: the planner cannot estimate `stopdatum < begindatum` and would otherwise rather read the whole
    // covering index above than fetch the (estimated many, in fact few) rows of a plain partial index from the table
    await q.query(`CREATE INDEX trajectory_stop_before_start ON trajectory (gemeente, begindatum)
      INCLUDE (stopdatum, status, aanbieder, intensiteit, client_pseudonym, id, ingangsdatum, verblijf, volgens_plan, wachttijd_dagen)
      WHERE stopdatum < begindatum`);
    await q.query(
      `CREATE INDEX trajectory_client_indicators ON trajectory (client_pseudonym) INCLUDE (id, stopdatum, status, gemeente, aanbieder)`,
    );
    const severity = `(CASE severity WHEN 'kritiek' THEN 0 WHEN 'hoog' THEN 1 WHEN 'midden' THEN 2
                                      WHEN 'laag' THEN 3 WHEN 'info' THEN 4 ELSE 5 END)`;
    await q.query(`CREATE INDEX alert_inbox_gemeente ON alert (gemeente, ${severity}, effective_at, detected_at, (id COLLATE "C"))
      INCLUDE (status, rule_id, aanbieder, severity)`);
    await q.query(`CREATE INDEX alert_inbox_aanbieder ON alert (aanbieder, ${severity}, effective_at, detected_at, (id COLLATE "C"))
      INCLUDE (status, rule_id, gemeente, severity, recipients)`);
    await q.query(`CREATE INDEX alert_inbox_counts ON alert (gemeente, status, rule_id) INCLUDE (effective_at, aanbieder)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of [
      'alert_inbox_counts',
      'alert_inbox_aanbieder',
      'alert_inbox_gemeente',
      'trajectory_client_indicators',
      'trajectory_stop_before_start',
      'trajectory_indicators',
    ])
      await q.query(`DROP INDEX ${index}`);
  }
}
