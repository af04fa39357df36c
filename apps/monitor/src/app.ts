import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import express from 'express';
import { RedactingLogger, type PlatformModuleOptions, prepareHttp } from '@trajectwacht/platform';
import { MonitorModule } from './monitor.module';
import type { MonitorSettings } from './settings';
import { WEB_ROOT } from './paths';

export { WEB_ROOT };

/** Builds the monitor: the dashboard (static web app), its API, the live stream and the OpenAPI docs. */
export async function createMonitorApp(
  options: Partial<PlatformModuleOptions> & { settings?: Partial<MonitorSettings> } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(MonitorModule.forRoot(options), { bufferLogs: true });
  prepareHttp(app); // helmet/CSP, CORS, request ids and logs, latency metrics (libs/platform/src/nest/http.ts)
  app.useLogger(app.get(RedactingLogger));
  app.use(express.static(WEB_ROOT, { index: 'index.html', maxAge: 0 }));
  app.enableShutdownHooks();
  return app;
}
