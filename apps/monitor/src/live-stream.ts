import { hostname } from 'node:os';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Consumer, Kafka } from 'kafkajs';
import { Subject } from 'rxjs';
import { KAFKA, RedactingLogger, TOPICS, mayReceive, type Principal } from '@trajectwacht/platform';

export interface StreamEvent {
  event: 'alert' | 'pathway';
  data: Record<string, unknown>;
  /** Used for scoping, never sent. */
  scope: { gemeente: string; aanbieder: string | null; recipients: string[] };
}

/**
 * Live feed for the dashboard: this instance reads trajectory.events.v1 and alerts.v1 from "now" (its own consumer
 * group) and fans them out to the connected browsers. Pathway events are reduced to aggregate fields (no pseudonym).
 */
@Injectable()
export class LiveStream implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly events = new Subject<StreamEvent>();
  private consumer?: Consumer;
  /** One group per process start (every monitor instance sees every event); removed again on shutdown. */
  readonly groupId = `trajectwacht-monitor-${hostname()}-${process.pid}-${Date.now()}`;
  private markJoined!: () => void;
  readonly joined = new Promise<void>((r) => (this.markJoined = r));

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly logger: RedactingLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = this.kafka.consumer({ groupId: this.groupId, maxWaitTimeInMs: 100 });
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => this.markJoined());
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [TOPICS.trajectoryEvents, TOPICS.alerts], fromBeginning: false });
    await this.consumer.run({
      eachMessage: async ({ topic, message }) => {
        try {
          const body = JSON.parse(message.value?.toString('utf8') ?? 'null');
          if (topic === TOPICS.alerts) {
            this.events.next({ event: 'alert', data: body, scope: { gemeente: body.alert.gemeente, aanbieder: body.alert.aanbieder, recipients: body.alert.recipients } });
          } else {
            const t = body.trajectory ?? {};
            this.events.next({
              event: 'pathway',
              data: { type: body.type, gemeente: body.gemeente, aanbieder: body.aanbieder, intensiteit: t.intensiteit ?? null, crisis: Boolean(t.crisis), verblijf: Boolean(t.verblijf), effectiveDate: body.effectiveDate, at: body.occurredAt },
              scope: { gemeente: body.gemeente, aanbieder: body.aanbieder, recipients: [] },
            });
          }
        } catch (error) {
          this.logger.warn(`live stream skipped an unreadable record: ${(error as Error).message}`, 'LiveStream');
        }
      },
    });
  }

  /** May this principal see this event? The access policy's mayReceive: alerts like the alerts API, pathway events like the aggregates. */
  static visible(principal: Principal, e: StreamEvent): boolean {
    return mayReceive(principal, e);
  }

  async onApplicationShutdown(): Promise<void> {
    this.events.complete();
    if (!this.consumer) return;
    await this.consumer.disconnect().catch(() => undefined);
    // The group is empty now: delete it rather than leave it on the broker until its offsets expire.
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      await admin.deleteGroups([this.groupId]);
    } catch (error) {
      this.logger.warn(`could not delete the live stream's consumer group ${this.groupId}: ${(error as Error).message}`, 'LiveStream');
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}
