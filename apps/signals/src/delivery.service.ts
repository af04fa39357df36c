import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Queue, Worker, type Job } from 'bullmq';
import IORedis from 'ioredis';
import type { Kafka, Producer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { dutchDate } from '@trajectwacht/ijw';
import { BatchConsumer, CONFIG, DATA_SOURCE, KAFKA, PRODUCER, RedactingLogger, TOPICS, type ConsumedRecord, type PlatformConfig } from '@trajectwacht/platform';
import { assertNever, decodeAlertEvent, type AlertEventType } from '@trajectwacht/contracts';
import { SignalEngine } from './signal.engine';
import { deliver, loadSubscription, type AlertNotification, type Notification } from './notifications';

/** The alert events a gemeente with a direct webhook subscription hears of at once (the others reach it through the API). */
export function notifiesAtOnce(type: AlertEventType): boolean {
  switch (type) {
    case 'AlertRaised':
    case 'AlertEscalated':
      return true;
    case 'AlertUpdated':
    case 'AlertAcknowledged':
    case 'AlertResolved':
    case 'AlertDismissed':
      return false;
    default:
      return assertNever(type, 'alert event type');
  }
}

export const DELIVERY_QUEUE = 'webhook-delivery';
export const SIGNAL_QUEUE = 'signal-schedules';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

/**
 * BullMQ side of the signal service:
 *  - job schedulers with stable ids (one schedule however many instances start): the timer sweep that fires due
 *    rule timers, the escalation of unacknowledged alerts, and the daily digest per gemeente;
 *  - webhook delivery: alerts.v1 → one job per (alert event, gemeente) with a stable job id (so a redelivered Kafka
 *    record does not notify twice), exponential backoff, and after the last attempt a row in webhook_dead_letter
 *    from which it can be replayed.
 */
@Injectable()
export class DeliveryService implements OnApplicationBootstrap, OnApplicationShutdown {
  private connection!: IORedis;
  delivery!: Queue;
  schedules!: Queue;
  private workers: Worker[] = [];
  private alertsConsumer?: BatchConsumer;
  readonly prefix = process.env.BULLMQ_PREFIX ?? 'trajectwacht';
  readonly attempts = env('WEBHOOK_ATTEMPTS', 6);

  constructor(
    @Inject(CONFIG) private readonly config: PlatformConfig,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(PRODUCER) private readonly producer: Producer,
    private readonly engine: SignalEngine,
    private readonly logger: RedactingLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.connection = new IORedis(this.config.redisUrl, { maxRetriesPerRequest: null });
    const opts = { connection: this.connection, prefix: this.prefix };
    this.delivery = new Queue(DELIVERY_QUEUE, opts);
    this.schedules = new Queue(SIGNAL_QUEUE, opts);
    await this.upsertSchedules();
    this.workers.push(
      new Worker(SIGNAL_QUEUE, (job) => this.runSchedule(job), { ...opts, concurrency: 1 }),
      new Worker(DELIVERY_QUEUE, (job) => this.runDelivery(job), { ...opts, concurrency: 4, settings: { backoffStrategy: (attempts: number) => Math.min(env('WEBHOOK_BACKOFF_MS', 2000) * 2 ** (attempts - 1), 3_600_000) } }),
    );
    for (const w of this.workers) w.on('error', (e) => this.logger.warn(`worker error: ${e.message}`, 'DeliveryService'));
    for (const q of [this.delivery, this.schedules]) q.on('error', (e) => this.logger.warn(`queue error: ${e.message}`, 'DeliveryService'));
    // A Redis that restarted without persistence has lost the job schedulers: put them back at every reconnect.
    this.connection.on('ready', () => void this.upsertSchedules().catch((e: Error) => this.logger.warn(`re-scheduling failed: ${e.message}`, 'DeliveryService')));
    this.alertsConsumer = new BatchConsumer(this.kafka, this.producer, {
      groupId: process.env.NOTIFY_GROUP_ID ?? 'trajectwacht-notify',
      topics: [TOPICS.alerts],
      fromBeginning: process.env.NOTIFY_FROM_BEGINNING !== 'false',
      retryBudget: this.config.consumerRetryBudget,
      logger: this.logger,
      handler: (records) => this.enqueueNotifications(records),
    });
    await this.alertsConsumer.start();
  }

  /** The job schedulers, by stable id (idempotent: however often and by however many instances). */
  private async upsertSchedules(): Promise<void> {
    await this.schedules.upsertJobScheduler('timer-sweep', { every: env('TIMER_SWEEP_INTERVAL_MS', 30_000) }, { name: 'timer-sweep', opts: { removeOnComplete: 50, removeOnFail: 50 } });
    await this.schedules.upsertJobScheduler('escalation-sweep', { every: env('ESCALATION_SWEEP_INTERVAL_MS', 300_000) }, { name: 'escalation-sweep', opts: { removeOnComplete: 50, removeOnFail: 50 } });
    await this.syncDigestSchedules();
  }

  get notifyConsumer(): BatchConsumer | undefined {
    return this.alertsConsumer;
  }

  /** One digest job scheduler per gemeente that asked for a digest (stable id digest-<gemeente>). */
  async syncDigestSchedules(): Promise<void> {
    const subs: { gemeente: string; digest_hour: number; mode: string }[] = await this.dataSource.query(`SELECT gemeente, digest_hour, mode FROM webhook_subscription`);
    for (const s of subs) {
      if (s.mode === 'digest') {
        await this.schedules.upsertJobScheduler(`digest-${s.gemeente}`, { pattern: `0 ${s.digest_hour} * * *`, tz: 'Europe/Amsterdam' }, { name: 'digest', data: { gemeente: s.gemeente } });
      } else {
        await this.schedules.removeJobScheduler(`digest-${s.gemeente}`);
      }
    }
  }

  private async runSchedule(job: Job): Promise<unknown> {
    if (job.name === 'timer-sweep') {
      let total = 0;
      for (let n = await this.engine.fireDueTimers(new Date()); n > 0; n = await this.engine.fireDueTimers(new Date())) total += n;
      return total;
    }
    if (job.name === 'escalation-sweep') return this.engine.escalateOverdue();
    if (job.name === 'digest') return this.sendDigest((job.data as { gemeente: string }).gemeente);
    return null;
  }

  async enqueueNotifications(records: ConsumedRecord[]): Promise<void> {
    const jobs: { name: string; data: Notification & { attempt?: number }; opts: { jobId: string; attempts: number; backoff: { type: 'custom' }; removeOnComplete: number; removeOnFail: boolean } }[] = [];
    const modes = new Map<string, string | null>();
    for (const r of records) {
      // A record that does not fit alerts.v1 throws here: retried, then dead-lettered with the field named.
      const { type, alert } = decodeAlertEvent(r.value);
      if (!alert.recipients.includes('toegang') || !notifiesAtOnce(type)) continue;
      if (!modes.has(alert.gemeente)) modes.set(alert.gemeente, (await loadSubscription(this.dataSource, alert.gemeente))?.mode ?? null);
      if (modes.get(alert.gemeente) !== 'direct') continue; // digest teams get the daily digest; no subscription: nothing to send
      const notification: AlertNotification = {
        kind: 'alert', alertId: alert.id, event: type, ruleId: alert.ruleId, severity: alert.severity, status: alert.status, gemeente: alert.gemeente,
        clientReferentie: alert.clientPseudonym, title: alert.title, effectiveAt: alert.effectiveAt, link: this.link(`/alerts/${alert.id}`),
      };
      jobs.push({ name: 'alert', data: notification, opts: { jobId: `${alert.id}-${type}-${alert.gemeente}`, attempts: this.attempts, backoff: { type: 'custom' }, removeOnComplete: 1000, removeOnFail: false } });
    }
    if (jobs.length > 0) await this.delivery.addBulk(jobs);
  }

  private link(path: string): string {
    return `${process.env.MONITOR_URL ?? 'http://127.0.0.1:3000'}${path}`;
  }

  async sendDigest(gemeente: string): Promise<number> {
    const rows: { id: string; rule_id: string; severity: string; status: string; client_pseudonym: string; title: string; effective_at: string }[] = await this.dataSource.query(
      `SELECT id, rule_id, severity, status, client_pseudonym, title, to_char(effective_at, 'YYYY-MM-DD') AS effective_at FROM alert
        WHERE gemeente = $1 AND status = 'open' AND notified_at IS NULL AND 'toegang' = ANY(recipients) ORDER BY detected_at LIMIT 1000`,
      [gemeente],
    );
    if (rows.length === 0) return 0;
    const date = dutchDate(new Date());
    await this.delivery.add(
      'digest',
      {
        kind: 'digest', gemeente, date, count: rows.length, link: this.link(`/inbox?gemeente=${gemeente}`),
        alerts: rows.map((r) => ({ alertId: r.id, event: 'AlertRaised', ruleId: r.rule_id, severity: r.severity, status: r.status, clientReferentie: r.client_pseudonym, title: r.title, effectiveAt: r.effective_at, link: this.link(`/alerts/${r.id}`) })),
      },
      { jobId: `digest-${gemeente}-${date}-${rows[rows.length - 1]!.id}`, attempts: this.attempts, backoff: { type: 'custom' }, removeOnComplete: 1000, removeOnFail: false },
    );
    await this.dataSource.query(`UPDATE alert SET notified_at = now() WHERE id = ANY($1)`, [rows.map((r) => r.id)]);
    return rows.length;
  }

  private async runDelivery(job: Job<Notification>): Promise<number> {
    const subscription = await loadSubscription(this.dataSource, job.data.gemeente);
    if (!subscription) return 0;
    try {
      const status = await deliver(subscription, job.data);
      if (job.data.kind === 'alert') await this.dataSource.query(`UPDATE alert SET notified_at = coalesce(notified_at, now()) WHERE id = $1`, [job.data.alertId]);
      return status;
    } catch (error) {
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        await this.dataSource.query(`INSERT INTO webhook_dead_letter (gemeente, payload, error, attempts) VALUES ($1, $2, $3, $4)`, [
          job.data.gemeente, JSON.stringify(job.data), (error as Error).message, job.attemptsMade + 1,
        ]);
        this.logger.warn(`webhook for gemeente ${job.data.gemeente} dead-lettered after ${job.attemptsMade + 1} attempts: ${(error as Error).message}`, 'DeliveryService');
      }
      throw error;
    }
  }

  /** Puts a dead-lettered notification back on the delivery queue. */
  async replayDeadLetter(id: string, gemeente: string | null): Promise<boolean> {
    // TypeORM returns [rows, affectedCount] for an UPDATE … RETURNING on PostgreSQL.
    const [rows]: [{ id: string; payload: Notification; gemeente: string }[], number] = await this.dataSource.query(
      `UPDATE webhook_dead_letter SET replayed_at = now() WHERE id = $1 AND ($2::text IS NULL OR gemeente = $2) AND replayed_at IS NULL RETURNING id, payload, gemeente`,
      [id, gemeente],
    );
    if (rows.length === 0) return false;
    await this.delivery.add('replay', rows[0]!.payload, { jobId: `replay-${rows[0]!.id}`, attempts: this.attempts, backoff: { type: 'custom' }, removeOnComplete: 1000, removeOnFail: false });
    return true;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.alertsConsumer?.stop();
    for (const w of this.workers) await w.close().catch(() => undefined);
    await this.delivery?.close().catch(() => undefined);
    await this.schedules?.close().catch(() => undefined);
    this.connection?.disconnect();
  }
}
