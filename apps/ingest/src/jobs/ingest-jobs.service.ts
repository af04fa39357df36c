import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import {
  CONFIG,
  JobScheduler,
  OUTBOX_RELAY,
  RedactingLogger,
  setting,
  type OutboxRelay,
  type PlatformConfig,
} from '@trajectwacht/platform';
import { IngestPipeline } from '../ingest.pipeline';
import { HELD_QUEUE, HeldSweepJob } from './held-sweep.job';

/** The ingest service's jobs on the platform's JobScheduler: the held-message sweep. */
@Injectable()
export class IngestJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly jobs: JobScheduler;
  readonly heldSweep: HeldSweepJob;

  constructor(
    @Inject(CONFIG) config: PlatformConfig,
    @Inject(OUTBOX_RELAY) relay: OutboxRelay,
    pipeline: IngestPipeline,
    logger: RedactingLogger,
  ) {
    this.jobs = new JobScheduler({ redisUrl: config.redisUrl, prefix: setting('BULLMQ_PREFIX'), logger, context: 'HeldSweeper' });
    this.heldSweep = new HeldSweepJob(pipeline, relay);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.jobs.register(HELD_QUEUE, { concurrency: 1, logFailures: true }, [this.heldSweep]);
    await this.jobs.schedule(this.heldSweep, this.heldSweep.schedule());
    await this.jobs.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.jobs.close();
  }
}
