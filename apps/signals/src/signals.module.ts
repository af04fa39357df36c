import { Module, type DynamicModule } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Kafka } from 'kafkajs';
import {
  DATA_SOURCE,
  HealthController,
  KAFKA,
  Metrics,
  PipelineLag,
  PlatformModule,
  RedactingLogger,
  RedisHealth,
  pipelineStages,
  setting,
  type PlatformModuleOptions,
} from '@trajectwacht/platform';
import { MIGRATIONS } from '../../migrations';
import { AlertInboxRepository } from './alert-inbox.repository';
import { PgAlertRepository } from './alert.repository';
import { AlertsController } from './alerts.controller';
import { DeliveryService } from './delivery.service';
import { SignalConsumer } from './signal.consumer';
import { SignalEngine } from './signal.engine';
import { loadSignalOverrides } from './signal-config';
import { PgSignalStore } from './signal-store.repository';
import { PgSignalStreamClock } from './signal-stream-clock.repository';
import { TimerHorizonService } from './timer-horizon.service';
import { VervolgConsumer } from './vervolg.consumer';
import { WebhookRepository } from './webhook.repository';
import { SignalMetrics } from './signal-metrics';

@Module({})
export class SignalsModule {
  static forRoot(options: Partial<PlatformModuleOptions> = {}): DynamicModule {
    return {
      module: SignalsModule,
      imports: [PlatformModule.forRoot({ service: 'signals', migrations: MIGRATIONS, ...options })],
      controllers: [AlertsController, HealthController],
      providers: [
        {
          provide: SignalEngine,
          inject: [DATA_SOURCE],
          useFactory: (ds: DataSource) => new SignalEngine(new PgSignalStore(ds), { overrides: loadSignalOverrides() }),
        },
        { provide: PgAlertRepository, inject: [DATA_SOURCE], useFactory: (ds: DataSource) => new PgAlertRepository(ds.manager) },
        { provide: AlertInboxRepository, inject: [DATA_SOURCE], useFactory: (ds: DataSource) => new AlertInboxRepository(ds) },
        { provide: PgSignalStreamClock, inject: [DATA_SOURCE], useFactory: (ds: DataSource) => new PgSignalStreamClock(ds) },
        {
          provide: TimerHorizonService,
          inject: [KAFKA, PgSignalStreamClock, RedactingLogger, Metrics],
          useFactory: (kafka: Kafka, clock: PgSignalStreamClock, logger: RedactingLogger, metrics: Metrics) => {
            const stages = pipelineStages();
            const input = stages.find((s) => s.service === 'signals')!.topic;
            const lag = new PipelineLag(kafka, stages);
            const tolerance = setting('TIMER_STREAM_TOLERANCE_MS');
            return new TimerHorizonService(lag, clock, input, tolerance, logger, undefined, (behind) =>
              metrics.timerSweepBehind.set(behind),
            );
          },
        },
        { provide: WebhookRepository, inject: [DATA_SOURCE], useFactory: (ds: DataSource) => new WebhookRepository(ds.manager) },
        SignalConsumer,
        VervolgConsumer,
        DeliveryService,
        RedisHealth,
        SignalMetrics,
      ],
    };
  }
}
