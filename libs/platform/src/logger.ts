import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { redact } from './redact';

type Level = 'debug' | 'info' | 'warn' | 'error';

/**
 * Where every log line goes: stdout (looked up at each write, so a test that captures process.stdout sees it), after
 * the BSN redactor. Used by the service logger and by the request logger (pino-http) alike.
 */
const redactingStdout = { write: (line: string): void => void process.stdout.write(redact(line)) };

/** The JSON-lines logger of a service: {"level":"info","time":"…","service":"…","context":"…","msg":"…","reqId":"…"}. */
export function createJsonLogger(service: string, level: Level = 'info'): Logger {
  return pino(
    {
      level,
      base: { service },
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Credentials never reach a log line, whatever a serializer puts in it.
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'req.query', 'res.headers["set-cookie"]'],
        censor: '[redacted]',
      },
    },
    redactingStdout,
  );
}

/** The logger of the HTTP request being handled (its lines carry the request id). */
const requestContext = new AsyncLocalStorage<Logger>();

/** An incoming X-Request-Id is kept when it looks like one (a proxy's or the caller's); otherwise a fresh UUID. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,100}$/;

/**
 * Request logging of one application (pino-http on the service's logger): a request id per request (X-Request-Id,
 * echoed in the answer), one "request completed" line per request (method, path without query, status, time), and
 * the request's logger in context for every line logged while handling it. Query strings and headers are not logged.
 */
export function requestLogging(logger: RedactingLogger): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const http = pinoHttp({
    logger: logger.pino,
    quietReqLogger: true,
    genReqId: (req, res) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    serializers: {
      req: (req: { id?: unknown; method?: string; url?: string }) => ({
        id: req.id,
        method: req.method,
        path: (req.url ?? '').split('?')[0],
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
    autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/metrics') },
  });
  return (req, res, next) => {
    http(req, res);
    requestContext.run((req as IncomingMessage & { log: Logger }).log, next);
  };
}

/**
 * JSON-lines logger for all services (pino); every line passes through the BSN redactor. Inside an HTTP request it
 * logs through that request's logger (requestLogging below), so the line carries the request id.
 */
export class RedactingLogger implements LoggerService {
  readonly pino: Logger;

  constructor(
    private readonly service: string,
    minLevel: Level = 'info',
  ) {
    this.pino = createJsonLogger(service, minLevel);
  }

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.write('error', message, context, trace);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }

  private write(level: Level, message: unknown, context?: string, trace?: string): void {
    const text = message instanceof Error ? message.message : typeof message === 'string' ? message : JSON.stringify(message);
    const requestLogger = requestContext.getStore();
    // Inside a request of this service, its request logger (a child of this.pino carrying the request id).
    const logger = requestLogger && requestLogger.bindings().service === this.service ? requestLogger : this.pino;
    logger[level]({ context, ...(trace ? { trace } : {}) }, text);
  }
}
