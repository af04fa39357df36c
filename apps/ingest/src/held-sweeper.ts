import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { CONFIG, OUTBOX_RELAY, RedactingLogger, type OutboxRelay, type PlatformConfig } from '@trajectwacht/platform';
import { IngestPipeline } from './ingest.pipeline';

export const HELD_QUEUE = 'ingest-held-berichten';
export const HELD_SCHEDULER_ID = 'sweep-held-berichten';

/**
 * Decides held JW305/JW307 messages (toewijzing arrived, or grace period over) on a BullMQ job scheduler with a
 * stable id: however many ingest instances start, there is one schedule, and one worker runs each tick.
 */
@Injectable()
export class HeldSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private connection?: IORedis;
  private queue?: Queue;
  private worker?: Worker;

  constructor(
    @Inject(CONFIG) private readonly config: PlatformConfig,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    private readonly pipeline: IngestPipeline,
    private readonly logger: RedactingLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const everyMs = Number(process.env.HELD_SWEEP_INTERVAL_MS ?? 15_000);
    this.connection = new IORedis(this.config.redisUrl, { maxRetriesPerRequest: null });
    const prefix = process.env.BULLMQ_PREFIX ?? 'trajectwacht';
    this.queue = new Queue(HELD_QUEUE, { connection: this.connection, prefix });
    const schedule = () => this.queue!.upsertJobScheduler(HELD_SCHEDULER_ID, { every: everyMs }, { name: 'sweep', opts: { removeOnComplete: 100, removeOnFail: 100 } });
    await schedule();
    this.worker = new Worker(HELD_QUEUE, async () => this.sweep(), { connection: this.connection, prefix, concurrency: 1 });
    this.worker.on('failed', (_job, error) => this.logger.warn(`held sweep failed: ${error.message}`, 'HeldSweeper'));
    this.worker.on('error', (e) => this.logger.warn(`BullMQ worker: ${e.message}`, 'HeldSweeper'));
    this.queue.on('error', (e) => this.logger.warn(`BullMQ queue: ${e.message}`, 'HeldSweeper'));
    // A Redis that restarted without persistence has lost the schedule: put it back at every reconnect (idempotent).
    this.connection.on('ready', () => void schedule().catch((e: Error) => this.logger.warn(`re-scheduling the held sweep failed: ${e.message}`, 'HeldSweeper')));
  }

  async sweep(): Promise<number> {
    const decided = await this.pipeline.sweepHeld();
    if (decided > 0) await this.relay.flush();
    return decided;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close().catch(() => undefined);
    await this.queue?.close().catch(() => undefined);
    this.connection?.disconnect();
  }
}
