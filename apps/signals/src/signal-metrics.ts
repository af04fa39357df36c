import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE, Metrics } from '@trajectwacht/platform';
import { RULE_IDS } from '@trajectwacht/signals';
import { SignalMetricsRepository } from './signal-metrics.repository';

/** Fills the signal service's gauges at scrape time: open alerts by rule (every rule, 0 included), pending dead letters. */
@Injectable()
export class SignalMetrics implements OnModuleInit {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    const repository = new SignalMetricsRepository(this.dataSource);
    this.metrics.addSource('alerts_open', async () => {
      const rows = await repository.openAlertsByRule();
      this.metrics.alertsOpen.reset();
      for (const rule of RULE_IDS) this.metrics.alertsOpen.set({ rule }, 0);
      for (const r of rows) this.metrics.alertsOpen.set({ rule: r.rule }, r.open);
    });
    this.metrics.addSource('webhook_dead_letters', async () =>
      this.metrics.webhookDeadLettersPending.set(await repository.pendingDeadLetters()),
    );
  }
}
