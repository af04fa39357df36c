import { APP_FILTER } from '@nestjs/core';
import {
  Global,
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Kafka, Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { loadConfig, setting, type PlatformConfig } from '../config';
import { dataSourceOptions, runMigrationsWithLock, type DatabaseOptions } from '../database/data-source';
import { createKafka } from '../kafka';
import { RedactingLogger } from '../logger';
import { NAMES, namesFromSettings } from '../names';
import { OutboxRelay } from '../outbox';
import { RedactingNotFoundFilter } from './not-found.filter';
import { TerminusModule } from '@nestjs/terminus';
import { Metrics } from '../metrics/metrics';
import { OutboxMetricsRepository } from '../metrics/outbox-metrics.repository';
import { ApiDocs, ApiDocsController } from './api-docs';
import { MetricsController, MetricsServer } from './metrics.controller';
import { CONFIG, DATA_SOURCE, KAFKA, OUTBOX_RELAY, PRODUCER, SERVICE_NAME } from './tokens';

export interface PlatformModuleOptions {
  service: string;
  /** The one ordered list of every migration (apps/migrations.ts), run at start under the advisory lock. */
  migrations: NonNullable<DatabaseOptions['migrations']>;
  entities?: DatabaseOptions['entities'];
  /** Overrides for tests (a fresh schema, a config built in the test). */
  config?: PlatformConfig;
  schema?: string;
}

@Injectable()
class PlatformShutdown implements OnApplicationShutdown {
  constructor(
    @Inject(PRODUCER) private readonly producer: Producer,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}
  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect().catch(() => undefined);
    if (this.dataSource.isInitialized) await this.dataSource.destroy().catch(() => undefined);
  }
}

/**
 * Relays the outbox on a short interval as well (OUTBOX_RELAY_INTERVAL_MS, default 1 s), not only right after a
 * consumer's transaction: rows written while Kafka was down, or left by a crash between commit and relay, are
 * published as soon as the broker is back, even when no new record arrives.
 */
@Injectable()
class OutboxPump implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private failing = false;

  constructor(
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    private readonly logger: RedactingLogger,
  ) {}

  onApplicationBootstrap(): void {
    const everyMs = setting('OUTBOX_RELAY_INTERVAL_MS');
    this.timer = setInterval(() => void this.pump(), everyMs);
    this.timer.unref();
  }

  private async pump(): Promise<void> {
    try {
      const n = await this.relay.flush();
      if (this.failing) this.logger.warn(`outbox relay recovered (${n} messages published)`, 'OutboxRelay');
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.logger.warn(`outbox relay failing, retrying: ${(error as Error).message}`, 'OutboxRelay');
      this.failing = true;
    }
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }
}

/**
 * Shared wiring of every service: validated config, one kafkajs client and producer, a TypeORM
 * DataSource whose migrations ran under the advisory lock, and the outbox relay.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformModuleOptions): DynamicModule {
    return {
      module: PlatformModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [MetricsController, ApiDocsController],
      providers: [
        { provide: SERVICE_NAME, useValue: options.service },
        { provide: CONFIG, useFactory: () => options.config ?? loadConfig() },
        {
          provide: KAFKA,
          inject: [CONFIG],
          useFactory: (config: PlatformConfig) => createKafka(config, `trajectwacht-${options.service}`),
        },
        {
          provide: PRODUCER,
          inject: [KAFKA],
          useFactory: async (kafka: Kafka) => {
            // Not the idempotent producer: that one needs unlimited retries, which would hang an HTTP request during a
            // broker outage. Every consumer is idempotent instead, so a retried send that duplicates a record is harmless.
            const producer = kafka.producer({
              allowAutoTopicCreation: false,
              retry: { retries: 8, initialRetryTime: 200, maxRetryTime: 3000 },
            });
            await producer.connect();
            return producer;
          },
        },
        {
          provide: DATA_SOURCE,
          inject: [CONFIG],
          useFactory: async (config: PlatformConfig) => {
            const dataSource = new DataSource(
              // DATABASE_SCHEMA lets a whole deployment (or a test) live in its own PostgreSQL schema.
              dataSourceOptions(config, {
                entities: options.entities ?? [],
                migrations: options.migrations,
                schema: options.schema ?? setting('DATABASE_SCHEMA'),
                applicationName: `trajectwacht-${options.service}`,
              }),
            );
            await dataSource.initialize();
            await runMigrationsWithLock(dataSource);
            return dataSource;
          },
        },
        {
          provide: OUTBOX_RELAY,
          inject: [DATA_SOURCE, PRODUCER],
          useFactory: (ds: DataSource, producer: Producer) => new OutboxRelay(ds, producer),
        },
        {
          provide: RedactingLogger,
          inject: [CONFIG],
          useFactory: (config: PlatformConfig) => new RedactingLogger(options.service, config.logLevel),
        },
        PlatformShutdown,
        OutboxPump,
        { provide: APP_FILTER, useClass: RedactingNotFoundFilter },
        {
          // Prometheus metrics (docs/operations.md): one registry per application; the outbox gauges on every service.
          provide: Metrics,
          inject: [KAFKA, DATA_SOURCE],
          useFactory: (kafka: Kafka, dataSource: DataSource) => {
            const metrics = new Metrics(options.service, kafka);
            const outbox = new OutboxMetricsRepository(dataSource);
            metrics.addSource('outbox', async () => {
              const { rows, oldestAgeSeconds } = await outbox.backlog();
              metrics.outboxBacklog.set(rows);
              metrics.outboxOldestAge.set(oldestAgeSeconds);
            });
            return metrics;
          },
        },
        MetricsServer,
        ApiDocs,
        // names of gemeentecodes and AGB codes (AANBIEDERS_FILE), for the API answers (libs/platform/src/names.ts)
        { provide: NAMES, useFactory: () => namesFromSettings() },
      ],
      exports: [
        SERVICE_NAME,
        CONFIG,
        KAFKA,
        PRODUCER,
        DATA_SOURCE,
        OUTBOX_RELAY,
        RedactingLogger,
        Metrics,
        MetricsServer,
        TerminusModule,
        ApiDocs,
        NAMES,
      ],
    };
  }
}
