import { parseEmptyPayload, setting, type JobProcessor, type ScheduleSpec } from '@trajectwacht/platform';
import type { SignalEngine } from '../signal.engine';
import { SIGNAL_QUEUE } from './queues';

/** The timer sweep has no payload: it fires whatever is due by the wall clock. */
export type TimerSweepPayload = Record<string, never>;

/**
 * Fires every durable rule timer due by now (wall clock), round after round until none is left; a scheduler with
 * the stable id `timer-sweep` runs it every TIMER_SWEEP_INTERVAL_MS (default 30 s). Returns the children handled.
 */
export class TimerSweepJob implements JobProcessor<TimerSweepPayload, number> {
  readonly queue = SIGNAL_QUEUE;
  readonly name = 'timer-sweep';

  constructor(
    private readonly engine: Pick<SignalEngine, 'fireDueTimers'>,
    private readonly clock: () => Date = () => new Date(),
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
    let total = 0;
    for (let n = await this.engine.fireDueTimers(this.clock()); n > 0; n = await this.engine.fireDueTimers(this.clock())) total += n;
    return total;
  }
}
