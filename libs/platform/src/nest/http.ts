import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { DEFAULT_HTTP_SETTINGS, type PlatformConfig } from '../config';
import { RedactingLogger, requestLogging } from '../logger';
import { Metrics } from '../metrics/metrics';
import { CONFIG } from './tokens';

/**
 * The Content-Security-Policy of every answer (the dashboard passes it: one module script, one stylesheet, no inline
 * script or style, no eval; styles set from script go through the CSSOM). frame-ancestors 'none' forbids framing.
 */
export function contentSecurityPolicy(tls: boolean, connectSrc: readonly string[] = []): Record<string, string[] | null> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    // the OpenID provider's origin when the dashboard signs in there (discovery and token endpoint: CSP_CONNECT_SRC)
    'connect-src': ["'self'", ...connectSrc],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'script-src-attr': ["'none'"],
    'upgrade-insecure-requests': tls ? [] : null,
  };
}

/** The route template of a handled request (/api/v1/alerts/:id), never the concrete path (bounded label values). */
function routeOf(req: Request): string {
  const route = (req as Request & { route?: { path?: unknown } }).route;
  if (route && typeof route.path === 'string') return `${req.baseUrl ?? ''}${route.path}`;
  return req.method === 'GET' || req.method === 'HEAD' ? 'static-or-unmatched' : 'unmatched';
}

/**
 * The HTTP side every service shares, applied right after NestFactory.create (before any other middleware, so the
 * dashboard's static files get it too): request ids and JSON request logs, the latency histogram, helmet (CSP,
 * nosniff, frame-ancestors/X-Frame-Options DENY, Referrer-Policy no-referrer, HSTS when HSTS_MAX_AGE_SECONDS is set),
 * no X-Powered-By, and CORS only for the origins in CORS_ORIGINS (closed by default).
 */
export function prepareHttp(app: INestApplication): void {
  const config = app.get<PlatformConfig>(CONFIG);
  const settings = config.http ?? DEFAULT_HTTP_SETTINGS;
  const metrics = app.get(Metrics);
  const express = app.getHttpAdapter().getInstance() as { disable(setting: string): void };
  express.disable('x-powered-by');

  app.use(requestLogging(app.get(RedactingLogger)));

  app.use((req: Request, res: Response, next: NextFunction) => {
    const end = metrics.httpDuration.startTimer();
    res.on('finish', () => end({ method: req.method, route: routeOf(req), status: String(res.statusCode) }));
    next();
  });

  const tls = settings.hstsMaxAgeSeconds > 0;
  app.use(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(tls, config.auth?.connectSrc) },
      strictTransportSecurity: tls ? { maxAge: settings.hstsMaxAgeSeconds, includeSubDomains: true } : false,
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
      crossOriginResourcePolicy: { policy: 'same-origin' },
      crossOriginOpenerPolicy: { policy: 'same-origin' },
      xContentTypeOptions: true,
    }),
  );

  if (settings.corsOrigins.length > 0) {
    const allowed = new Set(settings.corsOrigins);
    app.enableCors({
      origin: (origin: string | undefined, callback: (error: Error | null, allow?: boolean) => void) =>
        callback(null, origin !== undefined && allowed.has(origin)),
      methods: ['GET', 'POST', 'PUT'],
      allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
      exposedHeaders: ['X-Request-Id', 'Content-Disposition'],
      credentials: false,
      maxAge: 600,
    });
  }
}
