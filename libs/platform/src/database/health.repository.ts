import type { DataSource } from 'typeorm';

/** The health check's one statement: PostgreSQL answers a query on this data source's pool. */
export async function pingDatabase(dataSource: DataSource): Promise<void> {
  await dataSource.query('SELECT 1');
}
