import { parseEmptyPayload, setting, type JobProcessor, type ScheduleSpec } from '@trajectwacht/platform';
import type { SignalEngine } from '../signal.engine';
import { SIGNAL_QUEUE } from './queues';

/** The timer sweep has no payload: it fires whatever is due by its horizon. */
export type TimerSweepPayload = Record<string, never>;

/**
 * Fires every durable rule timer due by its horizon, round after round until none is left; a scheduler with the stable
 * id `timer-sweep` runs it every TIMER_SWEEP_INTERVAL_MS (default 30 s). Returns the children handled.
 *
 * The horizon (TimerHorizonService, timerHorizon of libs/signals) is the wall clock once the pipeline has caught up,
 * the stream's own clock while it lags a little, and null (nothing fires) while it catches up from far behind: a timer
 * never fires ahead of the events still on their way.
 */
export class TimerSweepJob implements JobProcessor<TimerSweepPayload, number> {
  readonly queue = SIGNAL_QUEUE;
  readonly name = 'timer-sweep';

  constructor(
    private readonly engine: Pick<SignalEngine, 'fireDueTimers'>,
    private readonly horizon: () => Promise<Date | null>,
  ) {}

  parse(data: unknown): TimerSweepPayload {
    return parseEmptyPayload(data);
  }

  schedule(source?: NodeJS.ProcessEnv): ScheduleSpec<TimerSweepPayload> {
    return {
      id: 'timer-sweep',
      repeat: { every: setting('TIMER_SWEEP_INTERVAL_MS', source) },
      payload: {},
      opts: { removeOnComplete: 50, removeOnFail: 50 },
    };
  }

  async process(): Promise<number> {
    const upTo = await this.horizon();
    if (upTo === null) return 0;
    let total = 0;
    for (let n = await this.engine.fireDueTimers(upTo); n > 0; n = await this.engine.fireDueTimers(upTo)) total += n;
    return total;
  }
}
