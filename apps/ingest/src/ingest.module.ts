import { Module, type DynamicModule } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { CONFIG, DATA_SOURCE, HealthController, PlatformModule, RedisHealth, type PlatformConfig, type PlatformModuleOptions } from '@trajectwacht/platform';
import { BerichtenController } from './berichten.controller';

import { HeldSweeper } from './held-sweeper';
import { IngestConsumer } from './ingest.consumer';
import { IngestPipeline } from './ingest.pipeline';

@Module({})
export class IngestModule {
  static forRoot(options: Partial<PlatformModuleOptions> = {}): DynamicModule {
    return {
      module: IngestModule,
      imports: [PlatformModule.forRoot({ service: 'ingest', ...options })],
      controllers: [BerichtenController, HealthController],
      providers: [
        { provide: IngestPipeline, inject: [DATA_SOURCE, CONFIG], useFactory: (ds: DataSource, config: PlatformConfig) => new IngestPipeline(ds, config) },
        IngestConsumer,
        HeldSweeper,
        RedisHealth, // the held-message sweeper runs on BullMQ: /health reports Redis too
      ],
    };
  }
}
