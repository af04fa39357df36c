import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka, Producer } from 'kafkajs';
import {
  BatchConsumer,
  CONFIG,
  JobScheduler,
  KAFKA,
  Metrics,
  PRODUCER,
  RedactingLogger,
  TOPICS,
  consumerOverrides,
  setting,
  type ConsumedRecord,
  type PlatformConfig,
} from '@trajectwacht/platform';
import { assertNever, decodeAlertEvent, type AlertEventType } from '@trajectwacht/contracts';
import { PgAlertRepository } from './alert.repository';
import { DigestJob } from './jobs/digest.job';
import { EscalationSweepJob } from './jobs/escalation-sweep.job';
import { DELIVERY_QUEUE, SIGNAL_QUEUE } from './jobs/queues';
import { TimerSweepJob } from './jobs/timer-sweep.job';
import { TimerHorizonService } from './timer-horizon.service';
import { WebhookDeliveryJob, monitorLink } from './jobs/webhook-delivery.job';
import type { AlertNotification } from './notifications';
import { SignalEngine } from './signal.engine';
import { WebhookRepository } from './webhook.repository';
import { countingDeadLetters, guardedDelivery, webhookAllowList } from './webhook-guard';

export { DELIVERY_QUEUE, SIGNAL_QUEUE } from './jobs/queues';

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

/**
 * The jobs of the signal service on the platform's JobScheduler (each in its own file under jobs/):
 *  - job schedulers with stable ids (one schedule however many instances start): the timer sweep that fires due
 *    rule timers (never ahead of the stream: TimerHorizonService), the escalation of unacknowledged alerts, and the
 *    daily digest per gemeente (signal-schedules queue);
 *  - webhook delivery (webhook-delivery queue): alerts.v1 → one job per (alert event, gemeente) with a stable job id
 *    (so a redelivered Kafka record does not notify twice), exponential backoff, and after the last attempt a row in
 *    webhook_dead_letter from which it can be replayed.
 */
@Injectable()
export class DeliveryService implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly jobs: JobScheduler;
  readonly timerSweep: TimerSweepJob;
  readonly escalationSweep: EscalationSweepJob;
  readonly webhook: WebhookDeliveryJob;
  readonly digest: DigestJob;
  private alertsConsumer?: BatchConsumer;

  constructor(
    @Inject(CONFIG) private readonly config: PlatformConfig,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(PRODUCER) private readonly producer: Producer,
    engine: SignalEngine,
    alerts: PgAlertRepository,
    private readonly webhooks: WebhookRepository,
    private readonly logger: RedactingLogger,
    private readonly metrics: Metrics,
    private readonly timerHorizon: TimerHorizonService,
  ) {
    this.jobs = new JobScheduler({ redisUrl: config.redisUrl, prefix: setting('BULLMQ_PREFIX'), logger, context: 'DeliveryService' });
    this.timerSweep = new TimerSweepJob(engine, () => this.timerHorizon.horizon());
    this.escalationSweep = new EscalationSweepJob(engine);
    // deliveries under the address policy (WEBHOOK_ALLOWED_HOSTS), counted by outcome, dead letters counted
    this.webhook = new WebhookDeliveryJob(
      this.jobs,
      countingDeadLetters(webhooks, metrics),
      alerts,
      logger,
      undefined,
      guardedDelivery(webhookAllowList(config), metrics),
    );
    this.digest = new DigestJob(this.jobs, alerts, webhooks, this.webhook);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.jobs
      .register(SIGNAL_QUEUE, { concurrency: 1 }, [this.timerSweep, this.escalationSweep, this.digest])
      .register(DELIVERY_QUEUE, this.webhook.settings(), [this.webhook])
      .refresh(() => this.digest.sync()); // digest schedules come from webhook_subscription
    await this.jobs.schedule(this.timerSweep, this.timerSweep.schedule());
    await this.jobs.schedule(this.escalationSweep, this.escalationSweep.schedule());
    await this.jobs.start();
    const notify = consumerOverrides('NOTIFY');
    this.alertsConsumer = new BatchConsumer(this.kafka, this.producer, {
      groupId: notify.groupId ?? 'trajectwacht-notify',
      topics: [TOPICS.alerts],
      fromBeginning: notify.fromBeginning,
      retryBudget: this.config.consumerRetryBudget,
      logger: this.logger,
      handler: (records) => this.enqueueNotifications(records),
    });
    await this.alertsConsumer.start();
  }

  get notifyConsumer(): BatchConsumer | undefined {
    return this.alertsConsumer;
  }

  /** The queue of the sweeps and digests (to inspect its job schedulers). */
  get schedules() {
    return this.jobs.queue(SIGNAL_QUEUE);
  }

  /** Declares the digest schedulers again from webhook_subscription (after a team changed its webhook). */
  syncDigestSchedules(): Promise<void> {
    return this.digest.sync();
  }

  /** Queues the digest of a gemeente now (what its digest scheduler does daily). */
  sendDigest(gemeente: string): Promise<number> {
    return this.digest.send(gemeente);
  }

  /** Puts a dead-lettered notification back on the delivery queue. */
  replayDeadLetter(id: string, gemeente: string | null): Promise<boolean> {
    return this.webhook.replay(id, gemeente);
  }

  /** alerts.v1 → a delivery job per raised or escalated alert for a toegang team with a direct webhook. */
  async enqueueNotifications(records: ConsumedRecord[]): Promise<void> {
    const jobs: { notification: AlertNotification; jobId: string }[] = [];
    const modes = new Map<string, string | null>();
    for (const r of records) {
      // A record that does not fit alerts.v1 throws here: retried, then dead-lettered with the field named.
      const { type, alert } = decodeAlertEvent(r.value);
      if (type === 'AlertRaised') this.metrics.alertsRaised.inc({ rule: alert.ruleId }); // every raised alert passes here once (this group)
      if (!alert.recipients.includes('toegang') || !notifiesAtOnce(type)) continue;
      if (!modes.has(alert.gemeente)) modes.set(alert.gemeente, (await this.webhooks.subscription(alert.gemeente))?.mode ?? null);
      if (modes.get(alert.gemeente) !== 'direct') continue; // digest teams get the daily digest; no subscription: nothing to send
      const notification: AlertNotification = {
        kind: 'alert',
        alertId: alert.id,
        event: type,
        ruleId: alert.ruleId,
        severity: alert.severity,
        status: alert.status,
        gemeente: alert.gemeente,
        clientReferentie: alert.clientPseudonym,
        title: alert.title,
        effectiveAt: alert.effectiveAt,
        link: monitorLink(`/alerts/${alert.id}`),
      };
      jobs.push({ notification, jobId: `${alert.id}-${type}-${alert.gemeente}` });
    }
    await this.webhook.enqueueAll(jobs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.alertsConsumer?.stop();
    await this.jobs.close();
    await this.timerHorizon.close();
  }
}
