import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { RedactingLogger, type PlatformModuleOptions, prepareHttp, setupApiDocs } from '@trajectwacht/platform';
import { TRAJECT_SCHEMAS } from './trajecten.controller';
import { TrajectoryModule } from './trajectory.module';

/** Builds the trajectory service (used by main.ts and the end-to-end tests). */
export async function createTrajectoryApp(options: Partial<PlatformModuleOptions> = {}): Promise<INestApplication> {
  const app = await NestFactory.create(TrajectoryModule.forRoot(options), { bufferLogs: true });
  prepareHttp(app); // helmet/CSP, CORS, request ids and logs, latency metrics (libs/platform/src/nest/http.ts)
  setupApiDocs(app, { schemas: TRAJECT_SCHEMAS }); // OpenAPI from the controllers at /api/docs-json, Swagger UI at /api/docs (api-docs.ts)
  app.useLogger(app.get(RedactingLogger));
  app.enableShutdownHooks();
  return app;
}
