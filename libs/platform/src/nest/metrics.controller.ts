import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  Controller,
  ForbiddenException,
  Get,
  Inject,
  Injectable,
  Req,
  Res,
  UnauthorizedException,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DEFAULT_HTTP_SETTINGS, type PlatformConfig } from '../config';
import { Metrics } from '../metrics/metrics';
import { RedactingLogger } from '../logger';
import { ApiErrors, METRICS_SCHEME } from './api-docs';
import { CONFIG } from './tokens';

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * GET /metrics on the service port: only with `Authorization: Bearer <METRICS_TOKEN>`. Without METRICS_TOKEN it is
 * closed (403) — then metrics are served on METRICS_PORT alone, or not at all (docs/operations.md).
 */
@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(CONFIG) private readonly config: PlatformConfig,
    private readonly metrics: Metrics,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Prometheus metrics of this service (needs METRICS_TOKEN; or on METRICS_PORT alone)' })
  @ApiBearerAuth(METRICS_SCHEME)
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'the Prometheus text format', schema: { type: 'string' } })
  @ApiErrors([401, 'no or a wrong METRICS_TOKEN'], [403, 'metrics are not exposed on this port (METRICS_TOKEN unset)'])
  async scrape(@Req() req: Request, @Res() res: Response): Promise<void> {
    const http = this.config.http ?? DEFAULT_HTTP_SETTINGS;
    if (!http.metricsToken) {
      throw new ForbiddenException(
        http.metricsPort !== undefined
          ? `metrics are served on the metrics port (METRICS_PORT ${http.metricsPort}), not here`
          : 'metrics are not exposed: set METRICS_TOKEN (bearer token) or METRICS_PORT (separate port); see docs/operations.md',
      );
    }
    const header = req.headers.authorization ?? '';
    const match = /^Bearer (.+)$/.exec(header);
    if (!match || !sameToken(match[1]!, http.metricsToken))
      throw new UnauthorizedException('GET /metrics needs Authorization: Bearer <METRICS_TOKEN>');
    const { contentType, body } = await this.metrics.render();
    res.status(200).setHeader('cache-control', 'no-store');
    res.type(contentType).send(body);
  }
}

/** METRICS_PORT: a plain HTTP listener of its own that serves GET /metrics only (meant for an internal network). */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;

  constructor(
    @Inject(CONFIG) private readonly config: PlatformConfig,
    private readonly metrics: Metrics,
    private readonly logger: RedactingLogger,
  ) {}

  /** The port it listens on (after bootstrap), when METRICS_PORT is set. */
  get port(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  async onApplicationBootstrap(): Promise<void> {
    const http = this.config.http ?? DEFAULT_HTTP_SETTINGS;
    if (http.metricsPort === undefined) return;
    const server = createServer((req, res) => {
      if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('only GET /metrics is served here\n');
        return;
      }
      this.metrics.render().then(
        ({ contentType, body }) =>
          res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' }).end(body),
        (error: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${error.message}\n`),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(http.metricsPort, http.metricsHost, () => resolve());
    });
    this.server = server;
    this.logger.log(`metrics on http://${http.metricsHost}:${this.port}/metrics`, 'MetricsServer');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.metrics.close();
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}
