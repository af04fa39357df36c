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
  headerString,
  setting,
  type ConsumedRecord,
  type OutboxRelay,
  type PlatformConfig,
} from '@trajectwacht/platform';
import { IngestPipeline } from './ingest.pipeline';

export const INGEST_GROUP_ID = DEFAULT_GROUP_IDS.ingest;

/** Consumes ijw.berichten.v1 in batches and runs every record through the pipeline. */
@Injectable()
export class IngestConsumer extends BatchConsumerService {
  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(PRODUCER) producer: Producer,
    @Inject(CONFIG) config: PlatformConfig,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    private readonly pipeline: IngestPipeline,
    logger: RedactingLogger,
  ) {
    super(kafka, producer, config, logger, { envPrefix: 'INGEST', groupId: INGEST_GROUP_ID, topic: TOPICS.berichten });
  }

  override async onApplicationBootstrap(): Promise<void> {
    if (!setting('INGEST_CONSUMER')) return;
    await super.onApplicationBootstrap();
  }

  protected async handle(records: ConsumedRecord[]): Promise<void> {
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
    this.relay.flushSoon();
  }
}
