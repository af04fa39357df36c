import { Controller, Get, Inject, Injectable, Optional, Res, ServiceUnavailableException, type OnModuleDestroy } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService, type HealthCheckResult, type HealthIndicatorResult } from '@nestjs/terminus';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import IORedis from 'ioredis';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { setting, type PlatformConfig } from '../config';
import { pingDatabase } from '../database/health.repository';
import { ApiPublic } from './api-docs';
import { CONFIG, DATA_SOURCE, KAFKA } from './tokens';

/** Deadline of each dependency check (HEALTH_TIMEOUT_MS, default 2 s): /health answers even when a dependency hangs. */
const timeoutMs = () => setting('HEALTH_TIMEOUT_MS');

function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * The Redis check of a service that uses Redis (BullMQ): its own small connection with short timeouts and no
 * reconnect backlog, separate from the BullMQ connections (which wait for Redis forever by design). Provide it in a
 * service's module to have /health report Redis.
 */
@Injectable()
export class RedisHealth implements OnModuleDestroy {
  private client?: IORedis;

  constructor(@Inject(CONFIG) private readonly config: PlatformConfig) {}

  async check(): Promise<void> {
    if (!this.client) {
      this.client = new IORedis(this.config.redisUrl, {
        connectTimeout: 1000,
        commandTimeout: 1000,
        maxRetriesPerRequest: 0,
        retryStrategy: (times) => Math.min(times * 200, 1000),
        lazyConnect: true,
      });
      this.client.on('error', () => undefined); // reported by check(), not as an unhandled error event
      await this.client.connect();
    }
    await this.client.ping();
  }

  onModuleDestroy(): void {
    this.client?.disconnect();
  }
}

/**
 * GET /health (@nestjs/terminus): 200 when PostgreSQL and Kafka (and Redis, for a service that provides RedisHealth)
 * answer, 503 "degraded" with the failing parts otherwise. Every check has a short deadline. The answer keeps its
 * shape ({status, checks: {postgres: "up" | "down: <reason>", …}}) and adds terminus' details.
 */
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly terminus: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Optional() private readonly redis?: RedisHealth,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Health of the service: every dependency up (200) or the failing ones named (503)' })
  @ApiPublic()
  @ApiResponse({ status: 200, description: 'ok: every dependency answers', schema: { $ref: '#/components/schemas/Health' } })
  @ApiResponse({ status: 503, description: 'degraded: the failing dependencies named', schema: { $ref: '#/components/schemas/Health' } })
  async health(@Res() res: Response): Promise<void> {
    const ms = timeoutMs();
    const probe = (name: string, check: () => Promise<unknown>) => async (): Promise<HealthIndicatorResult> => {
      const indicator = this.indicators.check(name);
      try {
        await within(check(), ms);
        return indicator.up();
      } catch (e) {
        return indicator.down({ message: (e as Error).message });
      }
    };
    let result: HealthCheckResult;
    let ok = true;
    try {
      result = await this.terminus.check([
        probe('postgres', () => pingDatabase(this.dataSource)),
        probe('kafka', async () => {
          const admin = this.kafka.admin({ retry: { retries: 0 } });
          try {
            await admin.connect();
            await admin.describeCluster();
          } finally {
            void admin.disconnect().catch(() => undefined);
          }
        }),
        ...(this.redis ? [probe('redis', () => this.redis!.check())] : []),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      result = error.getResponse() as HealthCheckResult;
      ok = false;
    }
    const checks = Object.fromEntries(
      Object.entries(result.details).map(([name, d]) => [name, d.status === 'up' ? 'up' : `down: ${String(d.message ?? 'no answer')}`]),
    );
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', checks, details: result.details });
  }
}
