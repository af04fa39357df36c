import { hostname } from 'node:os';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Consumer, Kafka } from 'kafkajs';
import { Subject } from 'rxjs';
import { KAFKA, RedactingLogger, TOPICS, mayReceive, type Principal } from '@trajectwacht/platform';
import {
  decodeAlertEvent,
  decodeTrajectoryTopicRecord,
  isVerzoekEventRecord,
  livePathwayEvent,
  type LiveAlertEvent,
  type LivePathwayEvent,
} from '@trajectwacht/contracts';

/** Used for scoping, never sent. */
interface StreamScope {
  gemeente: string;
  aanbieder: string | null;
  recipients: string[];
}

/** What the stream sends (`data`, typed by the contracts the dashboard imports too) and how it is scoped. */
export type StreamEvent =
  { event: 'alert'; data: LiveAlertEvent; scope: StreamScope } | { event: 'pathway'; data: LivePathwayEvent; scope: StreamScope };

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
          // A record that does not fit its topic's contract is skipped with the field named (a live feed has no
          // retry: the services that own the topics dead-letter it).
          if (topic === TOPICS.alerts) {
            const body = decodeAlertEvent(message.value);
            this.events.next({
              event: 'alert',
              data: body,
              scope: { gemeente: body.alert.gemeente, aanbieder: body.alert.aanbieder, recipients: body.alert.recipients },
            });
          } else {
            const body = decodeTrajectoryTopicRecord(message.value);
            // the verzoek events of the request side (issue 17) are no pathway events: the dashboard reads them from the API
            if (isVerzoekEventRecord(body)) return;
            this.events.next({
              event: 'pathway',
              data: livePathwayEvent(body),
              scope: { gemeente: body.gemeente, aanbieder: body.aanbieder, recipients: [] },
            });
          }
        } catch (error) {
          this.logger.warn(`live stream skipped a record of ${topic}: ${(error as Error).message}`, 'LiveStream');
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
