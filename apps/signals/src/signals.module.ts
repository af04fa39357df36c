import { Module, type DynamicModule } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE, HealthController, PlatformModule, RedisHealth, type PlatformModuleOptions } from '@trajectwacht/platform';
import { AlertsController } from './alerts.controller';
import { DeliveryService } from './delivery.service';
import { SignalConsumer } from './signal.consumer';
import { SignalEngine } from './signal.engine';
import { loadSignalOverrides } from './signal-config';

@Module({})
export class SignalsModule {
  static forRoot(options: Partial<PlatformModuleOptions> = {}): DynamicModule {
    return {
      module: SignalsModule,
      imports: [PlatformModule.forRoot({ service: 'signals', ...options })],
      controllers: [AlertsController, HealthController],
      providers: [{ provide: SignalEngine, inject: [DATA_SOURCE], useFactory: (ds: DataSource) => new SignalEngine(ds, { overrides: loadSignalOverrides() }) }, SignalConsumer, DeliveryService, RedisHealth],
    };
  }
}
