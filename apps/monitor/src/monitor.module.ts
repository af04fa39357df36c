import { Module, type DynamicModule } from '@nestjs/common';
import { HealthController, PlatformModule, type PlatformModuleOptions } from '@trajectwacht/platform';
import { MIGRATIONS } from '../../migrations';
import { BerichtenRepository } from './berichten.repository';
import { DocsController } from './docs.controller';
import { INDICATOR_REPOSITORY, OVERGANG18_REPOSITORY } from './indicators.provider';
import { LiveStream } from './live-stream';
import { MonitorController, ProxyController } from './monitor.controller';
import { MONITOR_SETTINGS, loadMonitorSettings, type MonitorSettings } from './settings';

@Module({})
export class MonitorModule {
  static forRoot(options: Partial<PlatformModuleOptions> & { settings?: Partial<MonitorSettings> } = {}): DynamicModule {
    const { settings, ...platform } = options;
    return {
      module: MonitorModule,
      imports: [PlatformModule.forRoot({ service: 'monitor', migrations: MIGRATIONS, ...platform })],
      controllers: [MonitorController, ProxyController, DocsController, HealthController],
      providers: [
        { provide: MONITOR_SETTINGS, useFactory: () => ({ ...loadMonitorSettings(), ...settings }) },
        LiveStream,
        INDICATOR_REPOSITORY,
        OVERGANG18_REPOSITORY,
        BerichtenRepository,
      ],
    };
  }
}
