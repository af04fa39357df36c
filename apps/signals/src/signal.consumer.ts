import { Inject, Injectable } from '@nestjs/common';
import type { Kafka, Producer } from 'kafkajs';
import {
  BatchConsumerService,
  CONFIG,
  DEFAULT_GROUP_IDS,
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
import { latestPerPartition } from '@trajectwacht/signals';
import { SignalEngine } from './signal.engine';
import { PgSignalStreamClock } from './signal-stream-clock.repository';

/**
 * Consumes trajectory.events.v1 in batches into the signal engine, then relays alert events to alerts.v1, and records
 * per partition the latest business time applied (signal_stream_clock: the timer sweep's clock while the pipeline lags).
 */
@Injectable()
export class SignalConsumer extends BatchConsumerService {
  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(PRODUCER) producer: Producer,
    @Inject(CONFIG) config: PlatformConfig,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    private readonly engine: SignalEngine,
    private readonly streamClock: PgSignalStreamClock,
    logger: RedactingLogger,
  ) {
    super(kafka, producer, config, logger, { envPrefix: 'SIGNAL', groupId: DEFAULT_GROUP_IDS.signals, topic: TOPICS.trajectoryEvents });
  }

  protected async handle(records: ConsumedRecord[]): Promise<void> {
    // A record that does not fit trajectory.events.v1 throws here: retried, then dead-lettered with the field named.
    // Trajectory events and the verzoek events of the request side (issue 17) alike.
    const events = records.map((r) => decodeTrajectoryTopicRecord(r.value));
    if ((await this.engine.processEvents(events)) > 0) this.relay.flushSoon();
    // The stream's clock moves only after the batch committed: it never runs ahead of what the engine stored.
    const applied = records.map((r, i) => ({ partition: r.partition, eventTime: events[i]!.eventTime || events[i]!.occurredAt }));
    if (records.length > 0) await this.streamClock.advance(records[0]!.topic, latestPerPartition(applied));
  }
}
