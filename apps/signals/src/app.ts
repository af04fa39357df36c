import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { RedactingLogger, type PlatformModuleOptions, prepareHttp } from '@trajectwacht/platform';
import { SignalsModule } from './signals.module';

/** Builds the signal service (used by main.ts and the end-to-end tests). */
export async function createSignalsApp(options: Partial<PlatformModuleOptions> = {}): Promise<INestApplication> {
  const app = await NestFactory.create(SignalsModule.forRoot(options), { bufferLogs: true });
  prepareHttp(app); // helmet/CSP, CORS, request ids and logs, latency metrics (libs/platform/src/nest/http.ts)
  app.useLogger(app.get(RedactingLogger));
  app.enableShutdownHooks();
  return app;
}
