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
import { decodeVervolgEvent } from '@trajectwacht/contracts';
import { SignalEngine } from './signal.engine';

/**
 * Consumes vervolg.v1 (follow-ups for 18+ recorded by toegang) into the signal engine, then relays the alert events
 * (the OVERGANG_18 alerts they answer are resolved). Its own consumer group (VERVOLG_GROUP_ID, default
 * trajectwacht-signals-vervolg).
 */
@Injectable()
export class VervolgConsumer extends BatchConsumerService {
  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(PRODUCER) producer: Producer,
    @Inject(CONFIG) config: PlatformConfig,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    private readonly engine: SignalEngine,
    logger: RedactingLogger,
  ) {
    super(kafka, producer, config, logger, { envPrefix: 'VERVOLG', groupId: 'trajectwacht-signals-vervolg', topic: TOPICS.vervolg });
  }

  protected async handle(records: ConsumedRecord[]): Promise<void> {
    // A record that does not fit vervolg.v1 throws here: retried, then dead-lettered with the field named.
    const events = records.map((r) => decodeVervolgEvent(r.value));
    if ((await this.engine.processVervolg(events)) > 0) this.relay.flushSoon();
  }
}
