import type { DataSource } from 'typeorm';

/** The outbox gauges' one query: rows not yet relayed to Kafka, and how long the oldest has waited. */
export class OutboxMetricsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async backlog(): Promise<{ rows: number; oldestAgeSeconds: number }> {
    const [row] = await this.dataSource.query<{ rows: string; age: number | null }[]>(
      `SELECT count(*) AS rows, extract(epoch FROM now() - min(created_at))::float8 AS age FROM outbox`,
    );
    return { rows: Number(row?.rows ?? 0), oldestAgeSeconds: Math.max(0, Number(row?.age ?? 0)) };
  }
}
