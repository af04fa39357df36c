import { Queue, UnrecoverableError, Worker, type Job, type JobsOptions } from 'bullmq';
import IORedis from 'ioredis';

/**
 * One kind of BullMQ job: the queue it runs on, its job name there, how its payload is checked when it is read back
 * from Redis, and what it does. Each job of a service is one such processor in the service's `jobs/` folder.
 */
export interface JobProcessor<P, R = unknown> {
  readonly queue: string;
  readonly name: string;
  /** Other job names it processes too (names of earlier releases, for jobs still waiting in Redis). */
  readonly aliases?: readonly string[];
  /** The payload as the processor expects it; throws with a clear message when `data` is not one (the job then fails without retries). */
  parse(data: unknown): P;
  process(payload: P, job: Job<P>): Promise<R>;
}

/** How a queue's worker runs. */
export interface QueueSettings {
  /** Jobs of this queue processed at once by one instance. */
  concurrency: number;
  /** Delay in ms before the next attempt of a job added with `backoff: { type: 'custom' }`, given the attempts made. */
  backoffStrategy?: (attemptsMade: number) => number;
  /** Log every failed attempt (a sweep); off where failures are expected and handled (webhook retries). */
  logFailures?: boolean;
}

/** A repeating job: one BullMQ job scheduler under a stable id, however many instances declare it. */
export interface ScheduleSpec<P> {
  /** Stable id (e.g. `timer-sweep`, `digest-0034`): declaring it again replaces it, it never adds a second one. */
  id: string;
  repeat: { every: number } | { pattern: string; tz?: string };
  payload: P;
  opts?: Pick<JobsOptions, 'removeOnComplete' | 'removeOnFail'>;
}

export interface JobLogger {
  warn(message: string, context?: string): void;
}

export interface JobSchedulerOptions {
  redisUrl: string;
  /** BullMQ key prefix (BULLMQ_PREFIX, default `trajectwacht`): test runs and platforms sharing a Redis keep apart. */
  prefix?: string;
  logger: JobLogger;
  /** Logger context of the messages (the service's component). */
  context: string;
}

const key = (queue: string, id: string) => `${queue}\u0000${id}`;

/**
 * The one place where a service creates its BullMQ queues, workers and job schedulers: one Redis connection with the
 * BULLMQ_PREFIX, one worker per queue that hands each job to the processor of its name (payload checked first), job
 * schedulers upserted under stable ids, and — because a Redis that restarted without persistence has lost them — every
 * scheduler declared again when the connection is ready again (`refresh` sources included, e.g. schedules read from the
 * database). Framework-free: a NestJS provider starts it in onApplicationBootstrap and closes it on shutdown.
 */
export class JobScheduler {
  readonly prefix: string;
  private connection?: IORedis;
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Worker[] = [];
  private readonly settings = new Map<string, QueueSettings>();
  private readonly processors = new Map<string, Map<string, JobProcessor<unknown>>>();
  private readonly schedules = new Map<string, { processor: JobProcessor<unknown>; spec: ScheduleSpec<unknown> }>();
  private readonly sources: (() => Promise<void>)[] = [];
  private started = false;
  private closing = false;

  constructor(private readonly options: JobSchedulerOptions) {
    this.prefix = options.prefix ?? 'trajectwacht';
  }

  /** Registers the processors of one queue with its worker settings (before start). */
  register(queue: string, settings: QueueSettings, processors: JobProcessor<unknown>[]): this {
    if (this.started) throw new Error(`JobScheduler: register queue ${queue} before start()`);
    if (this.settings.has(queue)) throw new Error(`JobScheduler: queue ${queue} is registered twice`);
    const byName = new Map<string, JobProcessor<unknown>>();
    for (const p of processors) {
      if (p.queue !== queue) throw new Error(`JobScheduler: processor ${p.name} belongs to queue ${p.queue}, not ${queue}`);
      for (const name of [p.name, ...(p.aliases ?? [])]) {
        if (byName.has(name)) throw new Error(`JobScheduler: two processors named ${name} on queue ${queue}`);
        byName.set(name, p);
      }
    }
    this.settings.set(queue, settings);
    this.processors.set(queue, byName);
    return this;
  }

  /**
   * Declares a job scheduler under its stable id (upserted now when started, else at start) and keeps it: it is
   * declared again at every reconnect.
   */
  async schedule<P>(processor: JobProcessor<P>, spec: ScheduleSpec<P>): Promise<void> {
    this.schedules.set(key(processor.queue, spec.id), { processor: processor as JobProcessor<unknown>, spec });
    if (this.started) await this.upsert(processor as JobProcessor<unknown>, spec);
  }

  /** Removes a job scheduler by its id (and forgets it). */
  async unschedule(processor: JobProcessor<unknown>, id: string): Promise<void> {
    this.schedules.delete(key(processor.queue, id));
    if (this.started) await this.queue(processor.queue).removeJobScheduler(id);
  }

  /** A function that declares schedules from elsewhere (the database): run at start and at every reconnect. */
  refresh(source: () => Promise<void>): this {
    this.sources.push(source);
    return this;
  }

  /** Adds one job for a processor (typed payload). */
  async add<P>(processor: JobProcessor<P>, payload: P, opts?: JobsOptions): Promise<Job<P>> {
    return (await this.queue(processor.queue).add(processor.name, payload, opts)) as Job<P>;
  }

  /** Adds jobs for a processor in one round trip. */
  async addBulk<P>(processor: JobProcessor<P>, jobs: { payload: P; opts?: JobsOptions }[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue(processor.queue).addBulk(
      jobs.map((j) => ({ name: processor.name, data: j.payload, ...(j.opts ? { opts: j.opts } : {}) })),
    );
  }

  /** The BullMQ queue of a registered queue name (e.g. to inspect its schedulers). */
  queue(name: string): Queue {
    const queue = this.queues.get(name);
    if (!queue)
      throw new Error(this.started ? `JobScheduler: queue ${name} is not registered` : `JobScheduler: not started (queue ${name})`);
    return queue;
  }

  /** Connects, creates the queues, declares every schedule, then starts one worker per queue. */
  async start(): Promise<void> {
    if (this.started) return;
    const connection = new IORedis(this.options.redisUrl, { maxRetriesPerRequest: null });
    this.connection = connection;
    const opts = { connection, prefix: this.prefix };
    for (const name of this.settings.keys()) {
      const queue = new Queue(name, opts);
      queue.on('error', (e) => this.warn(`BullMQ queue ${name}: ${e.message}`));
      this.queues.set(name, queue);
    }
    this.started = true;
    await this.declareAll();
    for (const [name, settings] of this.settings) {
      const worker = new Worker(name, (job) => this.run(name, job), {
        ...opts,
        concurrency: settings.concurrency,
        ...(settings.backoffStrategy ? { settings: { backoffStrategy: settings.backoffStrategy } } : {}),
      });
      worker.on('error', (e) => this.warn(`BullMQ worker ${name}: ${e.message}`));
      if (settings.logFailures) worker.on('failed', (job, e) => this.warn(`job ${job?.name ?? '?'} on ${name} failed: ${e.message}`));
      this.workers.push(worker);
    }
    // A Redis that restarted without persistence has lost the job schedulers: declare them again at every reconnect.
    connection.on('ready', () => {
      if (!this.closing) void this.declareAll().catch((e: Error) => this.warn(`re-scheduling failed: ${e.message}`));
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const w of this.workers) await w.close().catch(() => undefined);
    for (const q of this.queues.values()) await q.close().catch(() => undefined);
    this.connection?.disconnect();
  }

  /** Every kept schedule upserted, then every refresh source run (idempotent: stable ids). */
  private async declareAll(): Promise<void> {
    for (const { processor, spec } of [...this.schedules.values()]) await this.upsert(processor, spec);
    for (const source of this.sources) await source();
  }

  private async upsert(processor: JobProcessor<unknown>, spec: ScheduleSpec<unknown>): Promise<void> {
    await this.queue(processor.queue).upsertJobScheduler(spec.id, spec.repeat, {
      name: processor.name,
      data: spec.payload,
      ...(spec.opts ? { opts: spec.opts } : {}),
    });
  }

  private async run(queue: string, job: Job): Promise<unknown> {
    const processor = this.processors.get(queue)?.get(job.name);
    if (!processor) return null; // a job of a name this version no longer knows (e.g. left from an older release)
    let payload: unknown;
    try {
      payload = processor.parse(job.data);
    } catch (error) {
      throw new UnrecoverableError(`job ${job.name} (${job.id}) has an invalid payload: ${(error as Error).message}`);
    }
    return processor.process(payload, job);
  }

  private warn(message: string): void {
    this.options.logger.warn(message, this.options.context);
  }
}

/** For processors without a payload (sweeps): accepts nothing but an empty object (or none). */
export function parseEmptyPayload(data: unknown): Record<string, never> {
  if (data === undefined || data === null) return {};
  if (typeof data !== 'object' || Array.isArray(data) || Object.keys(data).length > 0) throw new Error('expected no payload');
  return {};
}
