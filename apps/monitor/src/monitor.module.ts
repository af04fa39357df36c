import { Module, type DynamicModule } from '@nestjs/common';
import { DeliveredAccessLog, HealthController, PlatformModule, type PlatformModuleOptions } from '@trajectwacht/platform';
import { MIGRATIONS } from '../../migrations';
import { BerichtenRepository } from './berichten.repository';
import { INDICATOR_REPOSITORY, OVERGANG18_REPOSITORY, WACHTTIJD_REPOSITORY } from './indicators.provider';
import { LiveStream } from './live-stream';
import { LoginLockout, loginSettings, loginThrottler } from './login-protection';
import { AuthConfigController } from './auth-config.controller';
import { MonitorController, ProxyController } from './monitor.controller';
import { MONITOR_SETTINGS, loadMonitorSettings, type MonitorSettings } from './settings';
import { WachttijdenController } from './wachttijden.controller';

@Module({})
export class MonitorModule {
  static forRoot(options: Partial<PlatformModuleOptions> & { settings?: Partial<MonitorSettings> } = {}): DynamicModule {
    const { settings, ...platform } = options;
    const login = settings?.login ?? loginSettings();
    return {
      module: MonitorModule,
      imports: [PlatformModule.forRoot({ service: 'monitor', migrations: MIGRATIONS, ...platform }), loginThrottler(login)],
      controllers: [MonitorController, ProxyController, HealthController, AuthConfigController, WachttijdenController],
      providers: [
        { provide: MONITOR_SETTINGS, useFactory: () => ({ ...loadMonitorSettings(), ...settings }) },
        LiveStream,
        DeliveredAccessLog,
        { provide: LoginLockout, useValue: new LoginLockout(login) },
        INDICATOR_REPOSITORY,
        OVERGANG18_REPOSITORY,
        WACHTTIJD_REPOSITORY,
        BerichtenRepository,
      ],
    };
  }
}
