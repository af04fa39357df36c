import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import express from 'express';
import { ApiDocs, RedactingLogger, type PlatformModuleOptions, prepareHttp, setupApiDocs } from '@trajectwacht/platform';
import { upstreamComposer } from './api-docs';
import { MonitorModule } from './monitor.module';
import { MONITOR_SETTINGS, type MonitorSettings } from './settings';
import { WEB_ROOT } from './paths';

export { WEB_ROOT };

/** Builds the monitor: the dashboard (static web app), its API, the live stream and the OpenAPI docs. */
export async function createMonitorApp(
  options: Partial<PlatformModuleOptions> & { settings?: Partial<MonitorSettings> } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(MonitorModule.forRoot(options), { bufferLogs: true });
  prepareHttp(app); // helmet/CSP, CORS, request ids and logs, latency metrics (libs/platform/src/nest/http.ts)
  setupApiDocs(app); // OpenAPI from the controllers at /api/docs-json, Swagger UI at /api/docs (api-docs.ts)
  // the document of the whole public API: the monitor's own with those of the services behind it (./api-docs.ts)
  app.get(ApiDocs).composeWith(upstreamComposer(app.get<MonitorSettings>(MONITOR_SETTINGS)));
  app.useLogger(app.get(RedactingLogger));
  app.use(express.static(WEB_ROOT, { index: 'index.html', maxAge: 0 }));
  app.enableShutdownHooks();
  return app;
}
