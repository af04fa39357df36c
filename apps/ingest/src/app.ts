import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { RETOUR } from '@trajectwacht/ijw';
import { CONFIG, RedactingLogger, type PlatformConfig, type PlatformModuleOptions } from '@trajectwacht/platform';
import { IngestModule } from './ingest.module';

/** Builds the ingest application (used by main.ts and by the end-to-end tests). */
export async function createIngestApp(options: Partial<PlatformModuleOptions> = {}): Promise<INestApplication> {
  const app = await NestFactory.create(IngestModule.forRoot(options), { bodyParser: false, bufferLogs: true });
  app.useLogger(app.get(RedactingLogger));
  const config = app.get<PlatformConfig>(CONFIG);
  // The body is taken as raw bytes: the pipeline itself parses JSON and iJw XML, with its own limits and errors.
  app.use('/api/v1/berichten', express.raw({ type: () => true, limit: config.maxMessageBytes }));
  app.use((error: { type?: string; status?: number }, _req: Request, res: Response, next: NextFunction) => {
    if (error?.type === 'entity.too.large') {
      res.status(413).json({ status: 'afgewezen', retourcodes: [{ code: RETOUR.TOO_LARGE, message: `the payload is larger than ${config.maxMessageBytes} bytes` }] });
      return;
    }
    next(error);
  });
  app.enableShutdownHooks();
  return app;
}
