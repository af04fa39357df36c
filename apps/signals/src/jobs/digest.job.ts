import { dutchDate } from '@trajectwacht/ijw';
import type { JobProcessor, JobScheduler } from '@trajectwacht/platform';
import type { PgAlertRepository } from '../alert.repository';
import type { WebhookRepository } from '../webhook.repository';
import { SIGNAL_QUEUE } from './queues';
import { monitorLink, type WebhookDeliveryJob } from './webhook-delivery.job';

export interface DigestPayload {
  /** The gemeentecode whose toegang team gets the digest. */
  gemeente: string;
}

export function parseDigestPayload(data: unknown): DigestPayload {
  const gemeente = (data as { gemeente?: unknown } | null)?.gemeente;
  if (typeof gemeente !== 'string' || !/^[0-9]{4}$/.test(gemeente))
    throw new Error('a digest needs the 4-digit gemeentecode of its gemeente');
  return { gemeente };
}

/** At most this many alerts in one digest (the rest go in the next one). */
const DIGEST_LIMIT = 1000;

/**
 * The daily digest of a gemeente that chose `mode: digest`: its open alerts for the toegang not notified yet, as one
 * webhook delivery. One job scheduler per such gemeente, stable id `digest-<gemeente>`, at its digest hour
 * (Europe/Amsterdam); `sync` declares them from webhook_subscription (at start, at every Redis reconnect and when a
 * team changes its webhook).
 */
export class DigestJob implements JobProcessor<DigestPayload, number> {
  readonly queue = SIGNAL_QUEUE;
  readonly name = 'digest';

  constructor(
    private readonly jobs: JobScheduler,
    private readonly alerts: Pick<PgAlertRepository, 'notYetNotified' | 'markNotified'>,
    private readonly webhooks: Pick<WebhookRepository, 'subscriptions'>,
    private readonly delivery: WebhookDeliveryJob,
  ) {}

  parse(data: unknown): DigestPayload {
    return parseDigestPayload(data);
  }

  process(payload: DigestPayload): Promise<number> {
    return this.send(payload.gemeente);
  }

  /** One digest job scheduler per gemeente that asked for a digest; removed for a gemeente that changed to direct. */
  async sync(): Promise<void> {
    for (const s of await this.webhooks.subscriptions()) {
      if (s.mode === 'digest') {
        await this.jobs.schedule(this, {
          id: `digest-${s.gemeente}`,
          repeat: { pattern: `0 ${s.digestHour} * * *`, tz: 'Europe/Amsterdam' },
          payload: { gemeente: s.gemeente },
        });
      } else {
        await this.jobs.unschedule(this, `digest-${s.gemeente}`);
      }
    }
  }

  /** Queues the digest of a gemeente (one delivery) and marks its alerts notified; returns the alerts in it. */
  async send(gemeente: string): Promise<number> {
    const rows = await this.alerts.notYetNotified(gemeente, DIGEST_LIMIT);
    if (rows.length === 0) return 0;
    const date = dutchDate(new Date());
    await this.delivery.enqueue(
      {
        kind: 'digest',
        gemeente,
        date,
        count: rows.length,
        link: monitorLink(`/inbox?gemeente=${gemeente}`),
        alerts: rows.map((r) => ({
          alertId: r.id,
          event: 'AlertRaised',
          ruleId: r.ruleId,
          severity: r.severity,
          status: r.status,
          clientReferentie: r.clientPseudonym,
          title: r.title,
          effectiveAt: r.effectiveAt,
          link: monitorLink(`/alerts/${r.id}`),
        })),
      },
      `digest-${gemeente}-${date}-${rows[rows.length - 1]!.id}`,
    );
    await this.alerts.markNotified(rows.map((r) => r.id));
    return rows.length;
  }
}
