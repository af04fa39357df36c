import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE, KAFKA } from './tokens';

/** GET /health: 200 when PostgreSQL and Kafka answer, 503 "degraded" with the failing parts otherwise. */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(KAFKA) private readonly kafka: Kafka,
  ) {}

  @Get()
  async health(@Res() res: Response): Promise<void> {
    const checks: Record<string, string> = {};
    await Promise.all([
      this.dataSource.query('SELECT 1').then(() => (checks.postgres = 'up'), (e: Error) => (checks.postgres = `down: ${e.message}`)),
      (async () => {
        const admin = this.kafka.admin({ retry: { retries: 0 } });
        try {
          await admin.connect();
          await admin.describeCluster();
          checks.kafka = 'up';
        } catch (e) {
          checks.kafka = `down: ${(e as Error).message}`;
        } finally {
          await admin.disconnect().catch(() => undefined);
        }
      })(),
    ]);
    const ok = Object.values(checks).every((v) => v === 'up');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', checks });
  }
}
