import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka, Producer } from 'kafkajs';
import {
  BatchConsumer,
  CONFIG,
  KAFKA,
  OUTBOX_RELAY,
  PRODUCER,
  RedactingLogger,
  TOPICS,
  headerString,
  type ConsumedRecord,
  type OutboxRelay,
  type PlatformConfig,
} from '@trajectwacht/platform';
import { IngestPipeline } from './ingest.pipeline';

export const INGEST_GROUP_ID = 'trajectwacht-ingest';

/** Consumes ijw.berichten.v1 in batches and runs every record through the pipeline. */
@Injectable()
export class IngestConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  consumer?: BatchConsumer;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(PRODUCER) private readonly producer: Producer,
    @Inject(CONFIG) private readonly config: PlatformConfig,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    private readonly pipeline: IngestPipeline,
    private readonly logger: RedactingLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (process.env.INGEST_CONSUMER === 'off') return;
    this.consumer = new BatchConsumer(this.kafka, this.producer, {
      groupId: process.env.INGEST_GROUP_ID ?? INGEST_GROUP_ID,
      topics: [TOPICS.berichten],
      fromBeginning: process.env.INGEST_FROM_BEGINNING !== 'false',
      retryBudget: this.config.consumerRetryBudget,
      logger: this.logger,
      handler: (records) => this.handle(records),
    });
    await this.consumer.start();
  }

  async handle(records: ConsumedRecord[]): Promise<void> {
    await this.pipeline.process(
      records.map((r) => ({
        raw: r.value,
        authorization: headerString(r.headers, 'authorization'),
        source: headerString(r.headers, 'bron') === 'http' ? 'http' : headerString(r.headers, 'bron') === 'cli' ? 'cli' : 'kafka',
        reference: `${r.topic}:${r.partition}:${r.offset}`,
        // the record time (business time; the simulator back-dates its history), never later than now
        receivedAt: new Date(Math.min(Number(r.timestamp), Date.now())),
      })),
    );
    await this.relay.flush();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}
