import { parseEmptyPayload, setting, type JobProcessor, type ScheduleSpec } from '@trajectwacht/platform';
import type { SignalEngine } from '../signal.engine';
import { SIGNAL_QUEUE } from './queues';

export type EscalationSweepPayload = Record<string, never>;

/**
 * Escalates open alerts nobody acknowledged in time (hours per severity from the signal config); a scheduler with the
 * stable id `escalation-sweep` runs it every ESCALATION_SWEEP_INTERVAL_MS (default 5 minutes). Returns the alerts escalated.
 */
export class EscalationSweepJob implements JobProcessor<EscalationSweepPayload, number> {
  readonly queue = SIGNAL_QUEUE;
  readonly name = 'escalation-sweep';

  constructor(private readonly engine: Pick<SignalEngine, 'escalateOverdue'>) {}

  parse(data: unknown): EscalationSweepPayload {
    return parseEmptyPayload(data);
  }

  schedule(source?: NodeJS.ProcessEnv): ScheduleSpec<EscalationSweepPayload> {
    return {
      id: 'escalation-sweep',
      repeat: { every: setting('ESCALATION_SWEEP_INTERVAL_MS', source) },
      payload: {},
      opts: { removeOnComplete: 50, removeOnFail: 50 },
    };
  }

  process(): Promise<number> {
    return this.engine.escalateOverdue();
  }
}
