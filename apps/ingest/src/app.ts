import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Foutmelding } from '@trajectwacht/ijw';
import {
  AuthError,
  AuthUnavailableError,
  CONFIG,
  OUTBOX_RELAY,
  RedactingLogger,
  tokenVerifier,
  type OutboxRelay,
  type PlatformConfig,
  type PlatformModuleOptions,
  type Principal,
  prepareHttp,
  setupApiDocs,
} from '@trajectwacht/platform';
import { BERICHT_SCHEMAS } from './berichten.controller';
import { IngestModule } from './ingest.module';
import { IngestPipeline, mayNotPublish, newReference, publishingAfzender } from './ingest.pipeline';

/** Builds the ingest application (used by main.ts and by the end-to-end tests). */
export async function createIngestApp(options: Partial<PlatformModuleOptions> = {}): Promise<INestApplication> {
  const app = await NestFactory.create(IngestModule.forRoot(options), { bodyParser: false, bufferLogs: true });
  prepareHttp(app); // helmet/CSP, CORS, request ids and logs, latency metrics (libs/platform/src/nest/http.ts)
  setupApiDocs(app, { schemas: BERICHT_SCHEMAS }); // OpenAPI from the controllers at /api/docs-json, Swagger UI at /api/docs (api-docs.ts)
  const logger = app.get(RedactingLogger);
  app.useLogger(logger);
  const config = app.get<PlatformConfig>(CONFIG);
  const pipeline = app.get(IngestPipeline);
  const relay = app.get<OutboxRelay>(OUTBOX_RELAY);
  // The body is taken as raw bytes: the pipeline itself parses JSON and iJw XML, with its own limits and errors.
  app.use('/api/v1/berichten', express.raw({ type: () => true, limit: config.maxMessageBytes }));
  app.use((error: { type?: string; status?: number; length?: number }, req: Request, res: Response, next: NextFunction) => {
    if (error?.type !== 'entity.too.large') {
      next(error);
      return;
    }
    // The body reader stopped at the limit (or refused at once on Content-Length), so none of the payload is kept.
    // The refusal is recorded like every other one (ijw_bericht, ijw.retour.v1) for a sender that may publish; as
    // everywhere on HTTP, a request without a valid token or from a role that may not publish is answered and not
    // recorded (401/403, as TokenGuard and the controller would have answered).
    tokenVerifier(config)
      .verify(req.headers.authorization)
      .then(
        ({ principal }) => refuseOversized(error, req, res, principal),
        (authError: unknown) => {
          if (authError instanceof AuthError) res.status(401).json({ statusCode: 401, message: authError.message, error: 'Unauthorized' });
          else if (authError instanceof AuthUnavailableError)
            res.status(503).json({ statusCode: 503, message: authError.message, error: 'Service Unavailable' });
          else next(authError);
        },
      );
  });

  function refuseOversized(error: { length?: number }, req: Request, res: Response, principal: Principal): void {
    if (!publishingAfzender(principal)) {
      res.status(403).json({ statusCode: 403, message: mayNotPublish(principal), error: 'Forbidden' });
      return;
    }
    // The declared Content-Length when there was one (a number, never content); chunked bodies are cut at the limit.
    const size =
      Number.isSafeInteger(error.length) && error.length! > config.maxMessageBytes
        ? `${error.length} bytes`
        : `larger than ${config.maxMessageBytes} bytes`;
    const problem: Foutmelding = {
      code: 'TE_GROOT',
      toelichting:
        `Het bericht is ${size === `${error.length} bytes` ? size : `groter dan ${config.maxMessageBytes} bytes`}; ` +
        `de grens is ${config.maxMessageBytes} bytes.`,
      message: `the payload is ${size}; the limit is ${config.maxMessageBytes} bytes`,
    };
    const reference = newReference();
    pipeline
      .refuse({ authorization: req.headers.authorization, source: 'http', reference, receivedAt: new Date() }, problem)
      .then(() => relay.flush())
      .then(
        () => res.status(413).json({ status: 'afgewezen', referentie: `ref:${reference}`, foutmelding: problem }),
        (recordError: Error) => {
          // Like a 202 only after Kafka's acknowledgement: no 413 unless the refusal is recorded.
          logger.error(`could not record the refusal of an oversized payload: ${recordError.message}`, undefined, 'BerichtenController');
          res
            .status(503)
            .json({ statusCode: 503, message: 'the refusal could not be recorded; try again later', error: 'Service Unavailable' });
        },
      );
  }
  app.enableShutdownHooks();
  return app;
}
