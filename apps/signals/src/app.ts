import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { RedactingLogger, type PlatformModuleOptions, prepareHttp, setupApiDocs } from '@trajectwacht/platform';
import { ALERT_SCHEMAS } from './alerts.controller';
import { SignalsModule } from './signals.module';

/** Builds the signal service (used by main.ts and the end-to-end tests). */
export async function createSignalsApp(options: Partial<PlatformModuleOptions> = {}): Promise<INestApplication> {
  const app = await NestFactory.create(SignalsModule.forRoot(options), { bufferLogs: true });
  prepareHttp(app); // helmet/CSP, CORS, request ids and logs, latency metrics (libs/platform/src/nest/http.ts)
  setupApiDocs(app, { schemas: ALERT_SCHEMAS }); // OpenAPI from the controllers at /api/docs-json, Swagger UI at /api/docs (api-docs.ts)
  app.useLogger(app.get(RedactingLogger));
  app.enableShutdownHooks();
  return app;
}
