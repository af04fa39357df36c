import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Kafka, Producer } from 'kafkajs';
import { BatchConsumer, type ConsumedRecord } from '../batch-consumer';
import type { PlatformConfig } from '../config';
import type { RedactingLogger } from '../logger';

export interface ConsumerSettings {
  /** Environment prefix of the overrides: <PREFIX>_GROUP_ID, <PREFIX>_FROM_BEGINNING, <PREFIX>_SOURCE_TOPIC, <PREFIX>_CHUNK_SIZE. */
  envPrefix: string;
  groupId: string;
  topic: string;
  chunkSize?: number;
}

/**
 * Base of every service's Kafka consumer: starts a BatchConsumer (batches, retry budget, dead-letter topic) when the
 * application boots and stops it on shutdown. Subclasses only say what to consume and how to handle a batch.
 */
export abstract class BatchConsumerService implements OnApplicationBootstrap, OnApplicationShutdown {
  consumer?: BatchConsumer;

  protected constructor(
    protected readonly kafka: Kafka,
    protected readonly producer: Producer,
    protected readonly config: PlatformConfig,
    protected readonly logger: RedactingLogger,
    private readonly settings: ConsumerSettings,
  ) {}

  protected abstract handle(records: ConsumedRecord[]): Promise<void>;

  async onApplicationBootstrap(): Promise<void> {
    const env = (name: string) => process.env[`${this.settings.envPrefix}_${name}`];
    this.consumer = new BatchConsumer(this.kafka, this.producer, {
      groupId: env('GROUP_ID') ?? this.settings.groupId,
      topics: [env('SOURCE_TOPIC') ?? this.settings.topic],
      fromBeginning: env('FROM_BEGINNING') !== 'false',
      retryBudget: this.config.consumerRetryBudget,
      chunkSize: Number(env('CHUNK_SIZE') ?? this.settings.chunkSize ?? 1000),
      logger: this.logger,
      handler: (records) => this.handle(records),
    });
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}
