import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * signal_stream_clock: per partition of the signal engine's input, the latest business time (eventTime) applied there,
 * written after each batch. The timer sweep fires no timer beyond the earliest of them while the pipeline lags
 * (timerHorizon in libs/signals, apps/signals/src/timer-horizon.service.ts). Keyed by topic as well, so that a
 * changed SIGNAL_SOURCE_TOPIC does not keep the clock of a topic no longer read.
 */
export class SignalStreamClock1700000000900 implements MigrationInterface {
  name = 'SignalStreamClock1700000000900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE signal_stream_clock (
      topic text NOT NULL,
      partition integer NOT NULL,
      event_time timestamptz NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (topic, partition)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE signal_stream_clock`);
  }
}
