import { parseEmptyPayload, setting, type JobProcessor, type OutboxRelay, type ScheduleSpec } from '@trajectwacht/platform';
import type { IngestPipeline } from '../ingest.pipeline';

/** The queue and the stable scheduler id of the held-message sweep (names kept: the scheduler in Redis carries them). */
export const HELD_QUEUE = 'ingest-held-berichten';
export const HELD_SCHEDULER_ID = 'sweep-held-berichten';

/** The sweep has no payload: it decides whatever is held. */
export type HeldSweepPayload = Record<string, never>;

/**
 * Decides held JW305/JW307 messages (their toewijzing arrived, or the grace period is over: 9019) and held JW319s
 * (their JW315/JW317 arrived, or the grace period is over: 9355), then relays what that
 * wrote to the outbox. One job scheduler with a stable id runs it every HELD_SWEEP_INTERVAL_MS (default 15 s):
 * however many ingest instances start, there is one schedule, and one worker runs each tick.
 */
export class HeldSweepJob implements JobProcessor<HeldSweepPayload, number> {
  readonly queue = HELD_QUEUE;
  readonly name = 'sweep';

  constructor(
    private readonly pipeline: Pick<IngestPipeline, 'sweepHeld'>,
    private readonly relay: Pick<OutboxRelay, 'flush'>,
  ) {}

  parse(data: unknown): HeldSweepPayload {
    return parseEmptyPayload(data);
  }

  schedule(source?: NodeJS.ProcessEnv): ScheduleSpec<HeldSweepPayload> {
    return {
      id: HELD_SCHEDULER_ID,
      repeat: { every: setting('HELD_SWEEP_INTERVAL_MS', source) },
      payload: {},
      opts: { removeOnComplete: 100, removeOnFail: 100 },
    };
  }

  async process(): Promise<number> {
    const decided = await this.pipeline.sweepHeld();
    if (decided > 0) await this.relay.flush();
    return decided;
  }
}
