import 'reflect-metadata';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { addDays, dutchDate } from '@trajectwacht/ijw';
import { TOPICS, createKafka, issueToken, loadConfig } from '@trajectwacht/platform';
import { createIngestApp } from '../apps/ingest/src/app';
import { IngestConsumer } from '../apps/ingest/src/ingest.consumer';
import { createSignalsApp } from '../apps/signals/src/app';
import { SignalConsumer } from '../apps/signals/src/signal.consumer';
import { createTrajectoryApp } from '../apps/trajectory/src/app';
import { TrajectoryConsumer } from '../apps/trajectory/src/trajectory.consumer';
import { testBsn } from '../test/support/bsn';
import { writeSection } from './report';
import { log, uniqueName } from './support';

/**
 * Alert latency: from producing a message that triggers a rule (a JW301 whose ingangsdatum is 40 days ago, so
 * WACHTTIJD_GEEN_START holds at once) to the AlertRaised record on alerts.v1, through ingest → trajectory → signals.
 * Measured idle (the baseline) and under a steady background load of valid messages, in one process run.
 */
const START = '<!-- alert-latency-bench:start -->';
const END = '<!-- alert-latency-bench:end -->';
const GEMEENTE = '0034';
const AANBIEDER = '12345678';

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

async function main(): Promise<void> {
  const triggersIdle = Number(process.env.BENCH_ALERT_IDLE ?? 30);
  const triggersLoaded = Number(process.env.BENCH_ALERT_TRIGGERS ?? 100);
  const backgroundRate = Number(process.env.BENCH_ALERT_BACKGROUND_RATE ?? 200); // messages per second
  const config = loadConfig();
  const schema = uniqueName('benchalert');
  Object.assign(process.env, {
    INGEST_GROUP_ID: uniqueName('bi'), INGEST_FROM_BEGINNING: 'false', TRAJECTORY_GROUP_ID: uniqueName('bt'), TRAJECTORY_FROM_BEGINNING: 'false',
    SIGNAL_GROUP_ID: uniqueName('bs'), SIGNAL_FROM_BEGINNING: 'false', NOTIFY_GROUP_ID: uniqueName('bn'), NOTIFY_FROM_BEGINNING: 'false', BULLMQ_PREFIX: uniqueName('bb'),
  });
  const kafka = createKafka(config, 'bench-alerts');
  const producer = kafka.producer();
  await producer.connect();
  const apps: INestApplication[] = [];
  const collector = kafka.consumer({ groupId: uniqueName('bc'), maxWaitTimeInMs: 20 });
  const seen = new Map<string, bigint>();
  const joined = new Promise<void>((r) => collector.on(collector.events.GROUP_JOIN, () => r()));
  await collector.connect();
  await collector.subscribe({ topic: TOPICS.alerts, fromBeginning: false });
  await collector.run({
    eachMessage: async ({ message }) => {
      const at = process.hrtime.bigint();
      const body = JSON.parse(message.value!.toString()) as { type: string; alert: { ruleId: string; trajectoryIds: string[] } };
      if (body.type === 'AlertRaised' && body.alert.ruleId === 'WACHTTIJD_GEEN_START') for (const id of body.alert.trajectoryIds) if (!seen.has(id)) seen.set(id, at);
    },
  });
  await joined;
  const gemeenteToken = issueToken({ role: 'toegang', gemeente: GEMEENTE, sub: 'bench' }, config.authSecret);
  const aanbiederToken = issueToken({ role: 'aanbieder', agb: AANBIEDER, sub: 'bench' }, config.authSecret);
  const today = dutchDate(new Date());
  let counter = Math.floor(Math.random() * 1e6);
  const nextNummer = () => String(50_000_000 + (counter++ % 40_000_000));
  const message = (nummer: string, ingangsdatum: string, code: 'JW301' | 'JW305') => ({
    berichtcode: code, berichtId: `b-${nummer}-${code}`, gemeente: GEMEENTE, aanbieder: AANBIEDER,
    client: { bsn: testBsn(Number(nummer)), geboortedatum: '2012-05-05' }, toewijzingNummer: nummer, product: { categorie: '45', code: '45A01' },
    ...(code === 'JW301' ? { ingangsdatum, einddatum: addDays(today, 300) } : { begindatum: ingangsdatum }),
  });
  const send = (items: { m: object; token: string }[]) =>
    producer.send({ topic: TOPICS.berichten, acks: -1, messages: items.map(({ m, token }) => ({ key: 'bench', value: JSON.stringify(m), headers: { authorization: `Bearer ${token}` } })) });

  try {
    for (const create of [createIngestApp, createTrajectoryApp, createSignalsApp]) {
      const app = await create({ config, schema });
      await app.init();
      apps.push(app);
    }
    await Promise.all([apps[0]!.get(IngestConsumer).consumer!.joined, apps[1]!.get(TrajectoryConsumer).consumer!.joined, apps[2]!.get(SignalConsumer).consumer!.joined]);

    async function measure(n: number): Promise<number[]> {
      const latencies: number[] = [];
      for (let i = 0; i < n; i++) {
        const nummer = nextNummer();
        const id = `${GEMEENTE}-${nummer}`;
        const sentAt = process.hrtime.bigint();
        await send([{ m: message(nummer, addDays(today, -40), 'JW301'), token: gemeenteToken }]);
        const deadline = Date.now() + 30_000;
        while (!seen.has(id) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
        if (seen.has(id)) latencies.push(Number(seen.get(id)! - sentAt) / 1e6);
        await new Promise((r) => setTimeout(r, 100));
      }
      return latencies.sort((a, b) => a - b);
    }

    log('alert latency: idle');
    const idle = await measure(triggersIdle);
    log(`alert latency: under ${backgroundRate} msg/s background load`);
    let background = 0;
    let running = true;
    const loader = (async () => {
      const started = Date.now();
      while (running) {
        const due = Math.floor(((Date.now() - started) / 1000) * backgroundRate);
        const batch: { m: object; token: string }[] = [];
        while (background < due && batch.length < 200) {
          const nummer = nextNummer();
          const ingang = addDays(today, -3);
          batch.push({ m: message(nummer, ingang, 'JW301'), token: gemeenteToken }, { m: message(nummer, addDays(today, -1), 'JW305'), token: aanbiederToken });
          background += 2;
        }
        if (batch.length > 0) await send(batch);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const loadStart = Date.now();
    let rssPeak = 0;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 250);
    const loaded = await measure(triggersLoaded);
    running = false;
    await loader;
    clearInterval(sampler);
    const achieved = background / ((Date.now() - loadStart) / 1000);

    const row = (name: string, l: number[], n: number) =>
      `| ${name} | ${l.length}/${n} | ${percentile(l, 50).toFixed(0)} | ${percentile(l, 95).toFixed(0)} | ${percentile(l, 99).toFixed(0)} | ${(l[l.length - 1] ?? NaN).toFixed(0)} |`;
    const block = [
      START,
      '## Alert latency (message that triggers a rule → AlertRaised on alerts.v1)',
      '',
      `Command: \`npm run bench\` (bench/alerts.bench.ts). Run ${new Date().toISOString()} on ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB.`,
      'Ingest, trajectory and signal services run in the benchmark process (one event loop for all three) against the local',
      'Kafka, PostgreSQL and Redis. Each trigger is a JW301 whose ingangsdatum lies 40 days back, so WACHTTIJD_GEEN_START holds',
      `at once; the latency is from the produce call to the AlertRaised record read back from alerts.v1. Background load: valid`,
      `JW301 + JW305 pairs at a target of ${backgroundRate} msg/s (achieved ${achieved.toFixed(0)} msg/s).`,
      '',
      '| phase | alerts seen | p50 ms | p95 ms | p99 ms | max ms |',
      '|---|---:|---:|---:|---:|---:|',
      row('idle (baseline)', idle, triggersIdle),
      row(`under load (${achieved.toFixed(0)} msg/s)`, loaded, triggersLoaded),
      '',
      `Ratio p50 under load / idle: ${(percentile(loaded, 50) / percentile(idle, 50)).toFixed(2)}×; p99: ${(percentile(loaded, 99) / percentile(idle, 99)).toFixed(2)}×. Peak RSS of the process under load: ${(rssPeak / 2 ** 20).toFixed(0)} MiB.`,
      END,
    ].join('\n');
    process.stdout.write(block + '\n');
    const file = process.env.BENCH_REPORT_FILE ?? join(__dirname, '..', '..', 'docs', 'benchmarks.md');
    writeSection(file, START, END, block);
  } finally {
    await collector.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    for (const app of apps.reverse()) await app.close().catch(() => undefined);
    const { DataSource } = await import('typeorm');
    const { dataSourceOptions } = await import('@trajectwacht/platform');
    const ds = new DataSource(dataSourceOptions(config, { schema }));
    await ds.initialize();
    await ds.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await ds.destroy();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`alert latency benchmark failed: ${(error as Error).stack}\n`);
    process.exit(1);
  },
);
