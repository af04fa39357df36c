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
import { TrajectoryProjection } from './trajectory.projection';

export const TRAJECTORY_GROUP_ID = DEFAULT_GROUP_IDS.trajectory;

/** Consumes ijw.geaccepteerd.v1 in batches (kafkajs eachBatch) into the projection, then relays the outbox. */
@Injectable()
export class TrajectoryConsumer extends BatchConsumerService {
  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(PRODUCER) producer: Producer,
    @Inject(CONFIG) config: PlatformConfig,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    private readonly projection: TrajectoryProjection,
    logger: RedactingLogger,
  ) {
    super(kafka, producer, config, logger, {
      envPrefix: 'TRAJECTORY',
      groupId: TRAJECTORY_GROUP_ID,
      topic: TOPICS.geaccepteerd,
      chunkSize: 2000,
    });
  }

  protected async handle(records: ConsumedRecord[]): Promise<void> {
    if ((await this.projection.applyRecords(records)) > 0) this.relay.flushSoon();
  }
}
