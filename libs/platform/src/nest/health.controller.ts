import { Controller, Get, Inject, Injectable, Optional, Res, type OnModuleDestroy } from '@nestjs/common';
import type { Response } from 'express';
import IORedis from 'ioredis';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import type { PlatformConfig } from '../config';
import { CONFIG, DATA_SOURCE, KAFKA } from './tokens';

/** Deadline of each dependency check (HEALTH_TIMEOUT_MS, default 2 s): /health answers even when a dependency hangs. */
const timeoutMs = () => Number(process.env.HEALTH_TIMEOUT_MS ?? 2000);

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
        connectTimeout: 1000, commandTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: (times) => Math.min(times * 200, 1000), lazyConnect: true,
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
 * GET /health: 200 when PostgreSQL and Kafka (and Redis, for a service that provides RedisHealth) answer, 503
 * "degraded" with the failing parts otherwise. Every check has a short deadline.
 */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Optional() private readonly redis?: RedisHealth,
  ) {}

  @Get()
  async health(@Res() res: Response): Promise<void> {
    const ms = timeoutMs();
    const checks: Record<string, string> = {};
    const run = async (name: string, check: () => Promise<unknown>) => {
      try {
        await within(check(), ms);
        checks[name] = 'up';
      } catch (e) {
        checks[name] = `down: ${(e as Error).message}`;
      }
    };
    await Promise.all([
      run('postgres', () => this.dataSource.query('SELECT 1')),
      run('kafka', async () => {
        const admin = this.kafka.admin({ retry: { retries: 0 } });
        try {
          await admin.connect();
          await admin.describeCluster();
        } finally {
          void admin.disconnect().catch(() => undefined);
        }
      }),
      ...(this.redis ? [run('redis', () => this.redis!.check())] : []),
    ]);
    const ok = Object.values(checks).every((v) => v === 'up');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', checks });
  }
}
