import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka, Producer } from 'kafkajs';
import { BatchConsumer, CONFIG, KAFKA, OUTBOX_RELAY, PRODUCER, RedactingLogger, TOPICS, type OutboxRelay, type PlatformConfig } from '@trajectwacht/platform';
import { TrajectoryProjection } from './trajectory.projection';

export const TRAJECTORY_GROUP_ID = 'trajectwacht-trajectory';

/** Consumes ijw.geaccepteerd.v1 in batches (kafkajs eachBatch) into the projection, then relays the outbox. */
@Injectable()
export class TrajectoryConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  consumer?: BatchConsumer;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(PRODUCER) private readonly producer: Producer,
    @Inject(CONFIG) private readonly config: PlatformConfig,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    private readonly projection: TrajectoryProjection,
    private readonly logger: RedactingLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = new BatchConsumer(this.kafka, this.producer, {
      groupId: process.env.TRAJECTORY_GROUP_ID ?? TRAJECTORY_GROUP_ID,
      topics: [process.env.TRAJECTORY_SOURCE_TOPIC ?? TOPICS.geaccepteerd],
      fromBeginning: process.env.TRAJECTORY_FROM_BEGINNING !== 'false',
      retryBudget: this.config.consumerRetryBudget,
      chunkSize: Number(process.env.TRAJECTORY_CHUNK_SIZE ?? 2000),
      logger: this.logger,
      handler: async (records) => {
        const events = await this.projection.applyRecords(records);
        if (events > 0) await this.relay.flush();
      },
    });
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}
