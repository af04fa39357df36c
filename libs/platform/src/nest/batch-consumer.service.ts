import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Kafka, Producer } from 'kafkajs';
import { BatchConsumer, type ConsumedRecord } from '../batch-consumer';
import { consumerOverrides, type CONSUMER_PREFIXES, type PlatformConfig } from '../config';
import type { RedactingLogger } from '../logger';

export interface ConsumerSettings {
  /**
   * Environment prefix of the overrides (consumerOverrides in config.ts): <PREFIX>_GROUP_ID, _FROM_BEGINNING, _SOURCE_TOPIC, _CHUNK_SIZE.
   */
  envPrefix: (typeof CONSUMER_PREFIXES)[number];
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
    const overrides = consumerOverrides(this.settings.envPrefix);
    this.consumer = new BatchConsumer(this.kafka, this.producer, {
      groupId: overrides.groupId ?? this.settings.groupId,
      topics: [overrides.topic ?? this.settings.topic],
      fromBeginning: overrides.fromBeginning,
      retryBudget: this.config.consumerRetryBudget,
      chunkSize: overrides.chunkSize ?? this.settings.chunkSize ?? 1000,
      logger: this.logger,
      handler: (records) => this.handle(records),
    });
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}
