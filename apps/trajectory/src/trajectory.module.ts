import { Module, type DynamicModule } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE, HealthController, PlatformModule, type PlatformModuleOptions } from '@trajectwacht/platform';
import { MIGRATIONS } from '../../migrations';
import { TrajectenController } from './trajecten.controller';
import { TrajectoryConsumer } from './trajectory.consumer';
import { TrajectoryProjection } from './trajectory.projection';
import { ToegangController } from './toegang.controller';
import { VervolgController } from './vervolg.controller';
import { VerzoekenController } from './verzoeken.controller';
import { WachtlijstController } from './wachtlijst.controller';

@Module({})
export class TrajectoryModule {
  static forRoot(options: Partial<PlatformModuleOptions> = {}): DynamicModule {
    return {
      module: TrajectoryModule,
      imports: [PlatformModule.forRoot({ service: 'trajectory', migrations: MIGRATIONS, ...options })],
      controllers: [TrajectenController, VervolgController, VerzoekenController, ToegangController, WachtlijstController, HealthController],
      providers: [
        { provide: TrajectoryProjection, inject: [DATA_SOURCE], useFactory: (ds: DataSource) => new TrajectoryProjection(ds) },
        TrajectoryConsumer,
      ],
    };
  }
}
