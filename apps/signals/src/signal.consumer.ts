import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka, Producer } from 'kafkajs';
import { BatchConsumer, CONFIG, KAFKA, OUTBOX_RELAY, PRODUCER, RedactingLogger, TOPICS, type OutboxRelay, type PlatformConfig } from '@trajectwacht/platform';
import { SignalEngine, type TrajectoryEventMessage } from './signal.engine';

/** Consumes trajectory.events.v1 in batches into the signal engine, then relays alert events to alerts.v1. */
@Injectable()
export class SignalConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  consumer?: BatchConsumer;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(PRODUCER) private readonly producer: Producer,
    @Inject(CONFIG) private readonly config: PlatformConfig,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    private readonly engine: SignalEngine,
    private readonly logger: RedactingLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = new BatchConsumer(this.kafka, this.producer, {
      groupId: process.env.SIGNAL_GROUP_ID ?? 'trajectwacht-signals',
      topics: [process.env.SIGNAL_SOURCE_TOPIC ?? TOPICS.trajectoryEvents],
      fromBeginning: process.env.SIGNAL_FROM_BEGINNING !== 'false',
      retryBudget: this.config.consumerRetryBudget,
      chunkSize: 1000,
      logger: this.logger,
      handler: async (records) => {
        const events = records.map((r) => JSON.parse(r.value!.toString('utf8')) as TrajectoryEventMessage);
        if ((await this.engine.processEvents(events)) > 0) await this.relay.flush();
      },
    });
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}
