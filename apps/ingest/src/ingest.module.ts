import { Module, type DynamicModule } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  CONFIG,
  DATA_SOURCE,
  HealthController,
  Metrics,
  PlatformModule,
  RedisHealth,
  type PlatformConfig,
  type PlatformModuleOptions,
} from '@trajectwacht/platform';
import { MIGRATIONS } from '../../migrations';
import { BerichtenController } from './berichten.controller';
import { IngestConsumer } from './ingest.consumer';
import { IngestPipeline } from './ingest.pipeline';
import { countOutcomes } from './ingest-metrics';
import { IngestJobs } from './jobs/ingest-jobs.service';

@Module({})
export class IngestModule {
  static forRoot(options: Partial<PlatformModuleOptions> = {}): DynamicModule {
    return {
      module: IngestModule,
      imports: [PlatformModule.forRoot({ service: 'ingest', migrations: MIGRATIONS, ...options })],
      controllers: [BerichtenController, HealthController],
      providers: [
        {
          provide: IngestPipeline,
          inject: [DATA_SOURCE, CONFIG, Metrics],
          useFactory: (ds: DataSource, config: PlatformConfig, metrics: Metrics) => {
            const pipeline = new IngestPipeline(ds, config);
            pipeline.observe = (payloads, outcomes) => countOutcomes(metrics, payloads, outcomes);
            return pipeline;
          },
        },
        IngestConsumer,
        IngestJobs, // the held-message sweep (jobs/held-sweep.job.ts)
        RedisHealth, // the held-message sweep runs on BullMQ: /health reports Redis too
      ],
    };
  }
}
