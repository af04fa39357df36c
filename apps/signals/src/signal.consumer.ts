import { Inject, Injectable } from '@nestjs/common';
import type { Kafka, Producer } from 'kafkajs';
import {
  BatchConsumerService,
  CONFIG,
  KAFKA,
  OUTBOX_RELAY,
  PRODUCER,
  RedactingLogger,
  TOPICS,
  type ConsumedRecord,
  type OutboxRelay,
  type PlatformConfig,
} from '@trajectwacht/platform';
import { decodeTrajectoryTopicRecord } from '@trajectwacht/contracts';
import { SignalEngine } from './signal.engine';

/** Consumes trajectory.events.v1 in batches into the signal engine, then relays alert events to alerts.v1. */
@Injectable()
export class SignalConsumer extends BatchConsumerService {
  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(PRODUCER) producer: Producer,
    @Inject(CONFIG) config: PlatformConfig,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    private readonly engine: SignalEngine,
    logger: RedactingLogger,
  ) {
    super(kafka, producer, config, logger, { envPrefix: 'SIGNAL', groupId: 'trajectwacht-signals', topic: TOPICS.trajectoryEvents });
  }

  protected async handle(records: ConsumedRecord[]): Promise<void> {
    // A record that does not fit trajectory.events.v1 throws here: retried, then dead-lettered with the field named.
    // Trajectory events and the verzoek events of the request side (issue 17) alike.
    const events = records.map((r) => decodeTrajectoryTopicRecord(r.value));
    if ((await this.engine.processEvents(events)) > 0) this.relay.flushSoon();
  }
}
