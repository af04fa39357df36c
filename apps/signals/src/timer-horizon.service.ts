import type { LoggerService } from '@nestjs/common';
import type { PipelineLag } from '@trajectwacht/platform';
import { timerHorizon } from '@trajectwacht/signals';
import type { PgSignalStreamClock } from './signal-stream-clock.repository';

/**
 * The timer sweep's horizon (timerHorizon of libs/signals): the wall clock once the chain ingest → trajectory →
 * signals has caught up; while it lags, the stream's own clock from signal_stream_clock if that is at most
 * TIMER_STREAM_TOLERANCE_MS behind the wall clock, else nothing. Logs when the sweep is first held back and when it is
 * released, not at every round.
 */
export class TimerHorizonService {
  private heldBack = false;

  constructor(
    private readonly lag: Pick<PipelineLag, 'remaining' | 'close'>,
    private readonly clock: Pick<PgSignalStreamClock, 'partitions'>,
    private readonly topic: string,
    private readonly toleranceMs: number,
    private readonly logger: LoggerService,
    private readonly wallClock: () => Date = () => new Date(),
    /** Told after each decision how far behind the wall clock the horizon is, in seconds (-1: nothing fires). */
    private readonly report: (behindSeconds: number) => void = () => undefined,
  ) {}

  async horizon(): Promise<Date | null> {
    const now = this.wallClock();
    let remaining: number | null;
    try {
      remaining = await this.lag.remaining();
    } catch (error) {
      remaining = null;
      const reason = (error as Error).message;
      this.logger.warn(
        `timer sweep: the pipeline's lag is unknown, so timers fire only up to the stream's clock: ${reason}`,
        'TimerHorizon',
      );
    }
    const caughtUp = remaining === null ? null : remaining === 0;
    const horizon = timerHorizon(now, caughtUp, caughtUp ? [] : await this.clock.partitions(this.topic), this.toleranceMs);
    // Within the tolerance the sweep follows the stream a few seconds behind (live, under load): not worth a log line.
    const held = horizon === null;
    if (held && !this.heldBack)
      this.logger.log(
        `timer sweep held back: the pipeline catches up from far behind (${remaining ?? 'unknown'} records to read), ` +
          'so no timer fires until it has caught up',
        'TimerHorizon',
      );
    if (!held && this.heldBack) this.logger.log('timer sweep: the pipeline has caught up, timers fire again', 'TimerHorizon');
    this.heldBack = held;
    this.report(horizon === null ? -1 : (now.getTime() - horizon.getTime()) / 1000);
    return horizon;
  }

  close(): Promise<void> {
    return this.lag.close();
  }
}
