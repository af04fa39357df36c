import type { DataSource } from 'typeorm';
import type { PartitionClock } from '@trajectwacht/signals';

/**
 * signal_stream_clock (migration 1700000000900): per partition of the signal engine's input topic, the latest business
 * time applied there. Written after each batch has committed (so it never runs ahead of what is stored: a crash in
 * between leaves it behind, the safe side), only ever forward (a redelivered or older batch moves nothing).
 */
export class PgSignalStreamClock {
  constructor(private readonly ds: DataSource) {}

  async advance(topic: string, partitions: readonly PartitionClock[]): Promise<void> {
    if (partitions.length === 0) return;
    await this.ds.query(
      `INSERT INTO signal_stream_clock (topic, partition, event_time)
       SELECT $1, p, t FROM unnest($2::integer[], $3::timestamptz[]) AS x(p, t)
       ON CONFLICT (topic, partition) DO UPDATE
         SET event_time = EXCLUDED.event_time, updated_at = now()
       WHERE EXCLUDED.event_time > signal_stream_clock.event_time`,
      [topic, partitions.map((p) => p.partition), partitions.map((p) => p.eventTime)],
    );
  }

  /** The partitions of `topic` with their clocks, in partition order. */
  async partitions(topic: string): Promise<PartitionClock[]> {
    const rows = (await this.ds.query(
      `SELECT partition, to_char(event_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "eventTime"
         FROM signal_stream_clock WHERE topic = $1 ORDER BY partition`,
      [topic],
    )) as { partition: number; eventTime: string }[];
    return rows.map((r) => ({ partition: Number(r.partition), eventTime: r.eventTime }));
  }
}
