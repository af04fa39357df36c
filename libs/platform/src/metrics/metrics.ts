import type { Admin, Kafka } from 'kafkajs';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { consumerGroupsOf } from '../batch-consumer';

/** A source of gauge values read at scrape time (a repository query, the broker's offsets). */
export type ScrapeSource = () => Promise<void>;

const SCRAPE_DEADLINE_MS = 2000;

function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_r, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * The Prometheus metrics of one service (one registry per application, so several services in one process — the
 * tests — keep theirs apart). Every metric is defined here, once, with the same names on every service; a service
 * fills the ones that concern it (docs/operations.md lists them). Gauges that need a query are filled at scrape time
 * by the ScrapeSources a service registers; each has a deadline, and a failing one is counted, not fatal.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'trajectwacht_http_request_duration_seconds',
    help: 'HTTP request latency by method, route template and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly consumerLag = new Gauge({
    name: 'trajectwacht_kafka_consumer_lag',
    help: 'Records on the partition not yet committed by the consumer group (high watermark minus committed offset)',
    labelNames: ['group', 'topic', 'partition'] as const,
    registers: [this.registry],
  });

  readonly berichtenReceived = new Counter({
    name: 'trajectwacht_berichten_received_total',
    help: 'iJw berichten received, by source (http, kafka)',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });
  readonly berichtenAccepted = new Counter({
    name: 'trajectwacht_berichten_accepted_total',
    help: 'iJw berichten accepted (geaccepteerd), by berichtcode',
    labelNames: ['berichtcode'] as const,
    registers: [this.registry],
  });
  readonly berichtenRefused = new Counter({
    name: 'trajectwacht_berichten_refused_total',
    help:
      'iJw berichten refused (afgewezen), by retourcode ' +
      '(a bericht with several retourcodes counts once under each; a foutmelding under its code)',
    labelNames: ['retourcode'] as const,
    registers: [this.registry],
  });
  readonly berichtenHeld = new Counter({
    name: 'trajectwacht_berichten_held_total',
    help: 'iJw berichten held (wachtend) for a toewijzing not yet known',
    registers: [this.registry],
  });

  readonly outboxBacklog = new Gauge({
    name: 'trajectwacht_outbox_backlog',
    help: 'Outbox rows not yet published to Kafka',
    registers: [this.registry],
  });
  readonly outboxOldestAge = new Gauge({
    name: 'trajectwacht_outbox_oldest_age_seconds',
    help: 'Age of the oldest outbox row not yet published (0 when empty)',
    registers: [this.registry],
  });

  readonly alertsRaised = new Counter({
    name: 'trajectwacht_alerts_raised_total',
    help: 'Alerts raised, by rule',
    labelNames: ['rule'] as const,
    registers: [this.registry],
  });
  readonly alertsOpen = new Gauge({
    name: 'trajectwacht_alerts_open',
    help: 'Alerts open (not closed), by rule',
    labelNames: ['rule'] as const,
    registers: [this.registry],
  });

  readonly webhookDeliveries = new Counter({
    name: 'trajectwacht_webhook_deliveries_total',
    help: 'Webhook delivery attempts by outcome (delivered, failed, refused by the address policy)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly webhookDeadLetters = new Counter({
    name: 'trajectwacht_webhook_dead_letters_total',
    help: 'Webhook notifications dead-lettered after their last attempt',
    registers: [this.registry],
  });
  readonly timerSweepBehind = new Gauge({
    name: 'trajectwacht_timer_sweep_behind_seconds',
    help: 'How far the last timer sweep stayed behind the wall clock (0: caught up; -1: held back entirely while the pipeline catches up)',
    registers: [this.registry],
  });
  readonly webhookDeadLettersPending = new Gauge({
    name: 'trajectwacht_webhook_dead_letters_pending',
    help: 'Dead-lettered webhook notifications not yet replayed',
    registers: [this.registry],
  });

  readonly scrapeErrors = new Counter({
    name: 'trajectwacht_metrics_scrape_errors_total',
    help: 'Scrape-time sources that failed or timed out',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });

  private readonly sources = new Map<string, ScrapeSource>();
  private admin?: Admin;

  constructor(
    service: string,
    private readonly kafka?: Kafka,
  ) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry, prefix: 'trajectwacht_' });
    if (kafka) this.addSource('kafka_consumer_lag', () => this.readConsumerLag());
  }

  /** Registers (or replaces) a source of gauge values read at every scrape. */
  addSource(name: string, source: ScrapeSource): void {
    this.sources.set(name, source);
  }

  /** The exposition text (runs every source first, each within its deadline). */
  async render(): Promise<{ contentType: string; body: string }> {
    await Promise.all(
      [...this.sources].map(async ([name, source]) => {
        try {
          await within(source(), SCRAPE_DEADLINE_MS);
        } catch {
          this.scrapeErrors.inc({ source: name });
        }
      }),
    );
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private async readConsumerLag(): Promise<void> {
    const groups = consumerGroupsOf(this.kafka!);
    this.consumerLag.reset();
    if (groups.length === 0) return;
    if (!this.admin) {
      this.admin = this.kafka!.admin({ retry: { retries: 0 } });
      await this.admin.connect();
    }
    const admin = this.admin;
    try {
      const topics = [...new Set(groups.flatMap((g) => g.topics))];
      const ends = new Map<string, Map<number, { high: bigint; low: bigint }>>();
      await Promise.all(
        topics.map(async (topic) => {
          const offsets = await admin.fetchTopicOffsets(topic);
          ends.set(topic, new Map(offsets.map((o) => [o.partition, { high: BigInt(o.high), low: BigInt(o.low) }])));
        }),
      );
      for (const group of groups) {
        const committed = await admin.fetchOffsets({ groupId: group.groupId, topics: group.topics });
        for (const t of committed) {
          for (const p of t.partitions) {
            const end = ends.get(t.topic)?.get(p.partition);
            if (!end) continue;
            const at = BigInt(p.offset);
            const lag = at < 0n ? end.high - end.low : end.high - at;
            this.consumerLag.set({ group: group.groupId, topic: t.topic, partition: String(p.partition) }, Number(lag > 0n ? lag : 0n));
          }
        }
      }
    } catch (error) {
      // A broken admin connection is rebuilt at the next scrape.
      const stale = this.admin;
      this.admin = undefined;
      void stale?.disconnect().catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.disconnect().catch(() => undefined);
  }
}
