import type { DataSource } from 'typeorm';

/** The signal service's gauges: open alerts per rule and dead-lettered webhook notifications not yet replayed. */
export class SignalMetricsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async openAlertsByRule(): Promise<{ rule: string; open: number }[]> {
    const rows = await this.dataSource.query<{ rule_id: string; n: string }[]>(
      `SELECT rule_id, count(*) AS n FROM alert WHERE status NOT IN ('resolved', 'dismissed') GROUP BY rule_id`,
    );
    return rows.map((r) => ({ rule: r.rule_id, open: Number(r.n) }));
  }

  async pendingDeadLetters(): Promise<number> {
    const [row] = await this.dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM webhook_dead_letter WHERE replayed_at IS NULL`);
    return Number(row?.n ?? 0);
  }
}
