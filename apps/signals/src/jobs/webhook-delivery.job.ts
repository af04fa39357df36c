import type { Job, JobsOptions } from 'bullmq';
import { setting, type JobLogger, type JobProcessor, type JobScheduler, type QueueSettings } from '@trajectwacht/platform';
import type { PgAlertRepository } from '../alert.repository';
import { deliver, type Notification, type Subscription } from '../notifications';
import type { WebhookRepository } from '../webhook.repository';
import { DELIVERY_QUEUE } from './queues';

/** A link into the dashboard (MONITOR_URL); notifications carry links, never personal data. */
export const monitorLink = (path: string, source?: NodeJS.ProcessEnv): string => `${setting('MONITOR_URL', source)}${path}`;

const text = (o: Record<string, unknown>, key: string): string => {
  if (typeof o[key] !== 'string') throw new Error(`${key} must be text`);
  return o[key] as string;
};

/** The payload of a delivery job, checked: an alert notification or a digest, of a 4-digit gemeente. */
export function parseNotification(data: unknown): Notification {
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error('a notification must be an object');
  const o = data as Record<string, unknown>;
  if (!/^[0-9]{4}$/.test(String(o.gemeente))) throw new Error('gemeente must be a 4-digit gemeentecode');
  if (o.kind === 'alert') {
    for (const key of ['alertId', 'event', 'ruleId', 'severity', 'status', 'clientReferentie', 'title', 'effectiveAt', 'link'])
      text(o, key);
  } else if (o.kind === 'digest') {
    for (const key of ['date', 'link']) text(o, key);
    if (!Array.isArray(o.alerts) || o.count !== o.alerts.length) throw new Error('a digest must list its alerts and their count');
  } else {
    throw new Error('kind must be alert or digest');
  }
  return data as Notification;
}

/**
 * Delivers one notification to the gemeente's webhook (HMAC-signed, see notifications.ts). Each job has a stable id
 * (a redelivered Kafka record or a repeated digest does not notify twice), up to WEBHOOK_ATTEMPTS attempts (default
 * 6) with exponential backoff from WEBHOOK_BACKOFF_MS (default 2 s, at most an hour), four at a time; after the last
 * failed attempt a row in webhook_dead_letter, from which `replay` puts it back.
 */
export class WebhookDeliveryJob implements JobProcessor<Notification, number> {
  readonly queue = DELIVERY_QUEUE;
  readonly name = 'deliver';
  /** The job names of the notifications queued before this job had a file of its own. */
  readonly aliases = ['alert', 'digest', 'replay'];
  readonly attempts: number;

  constructor(
    private readonly jobs: JobScheduler,
    private readonly webhooks: Pick<WebhookRepository, 'subscription' | 'addDeadLetter' | 'takeForReplay'>,
    private readonly alerts: Pick<PgAlertRepository, 'markNotifiedOnce'>,
    private readonly logger: JobLogger,
    private readonly source?: NodeJS.ProcessEnv,
    private readonly send: (subscription: Subscription, notification: Notification) => Promise<number> = deliver,
  ) {
    this.attempts = setting('WEBHOOK_ATTEMPTS', source);
  }

  /** Worker settings of the delivery queue. */
  settings(): QueueSettings {
    const base = setting('WEBHOOK_BACKOFF_MS', this.source);
    return { concurrency: 4, backoffStrategy: (attempts: number) => Math.min(base * 2 ** (attempts - 1), 3_600_000) };
  }

  parse(data: unknown): Notification {
    return parseNotification(data);
  }

  private options(jobId: string): JobsOptions {
    return { jobId, attempts: this.attempts, backoff: { type: 'custom' }, removeOnComplete: 1000, removeOnFail: false };
  }

  async enqueue(notification: Notification, jobId: string): Promise<void> {
    await this.jobs.add(this, notification, this.options(jobId));
  }

  async enqueueAll(notifications: { notification: Notification; jobId: string }[]): Promise<void> {
    await this.jobs.addBulk(
      this,
      notifications.map((n) => ({ payload: n.notification, opts: this.options(n.jobId) })),
    );
  }

  /** Puts a dead-lettered notification (of this gemeente, or any when null) back on the queue; false when there is none. */
  async replay(id: string, gemeente: string | null): Promise<boolean> {
    const dead = await this.webhooks.takeForReplay(id, gemeente);
    if (!dead) return false;
    await this.enqueue(dead.payload, `replay-${dead.id}`);
    return true;
  }

  async process(notification: Notification, job: Job<Notification>): Promise<number> {
    const subscription = await this.webhooks.subscription(notification.gemeente);
    if (!subscription) return 0;
    try {
      const status = await this.send(subscription, notification);
      if (notification.kind === 'alert') await this.alerts.markNotifiedOnce(notification.alertId);
      return status;
    } catch (error) {
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        await this.webhooks.addDeadLetter(notification.gemeente, notification, (error as Error).message, job.attemptsMade + 1);
        this.logger.warn(
          `webhook for gemeente ${notification.gemeente} dead-lettered after ${job.attemptsMade + 1} attempts: ${(error as Error).message}`,
          'DeliveryService',
        );
      }
      throw error;
    }
  }
}
