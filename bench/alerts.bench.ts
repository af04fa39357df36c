import 'reflect-metadata';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { addDays, dutchDate } from '@trajectwacht/ijw';
import { TOPICS, TOPIC_PREFIX, createKafka, issueToken, loadConfig } from '@trajectwacht/platform';
import { testBsn } from '../test/support/bsn';
import { ijwPayload, type FlatBericht } from '../test/support/ijw';
import { publishSection } from './report';
import { freePorts, log, uniqueName } from './support';
import { decodeAlertEvent } from '@trajectwacht/contracts';

const ROOT = join(__dirname, '..', '..');
const SERVICES = ['ingest', 'trajectory', 'signals'] as const;

/** Resident memory of a process (Linux /proc), in bytes. */
function rssOf(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

async function healthy(port: number, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`service on port ${port} did not become healthy`);
}

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
  // On the platform's own topics a running platform would consume the triggers and the load (bench/run.sh sets one).
  if (TOPIC_PREFIX === '')
    throw new Error("TRAJECTWACHT_TOPIC_PREFIX is empty: run through bench/run.sh, or set a prefix of the benchmark's own");
  const triggersIdle = Number(process.env.BENCH_ALERT_IDLE ?? 30);
  const triggersLoaded = Number(process.env.BENCH_ALERT_TRIGGERS ?? 100);
  const backgroundRate = Number(process.env.BENCH_ALERT_BACKGROUND_RATE ?? 200); // messages per second
  const config = loadConfig();
  const schema = uniqueName('benchalert');
  Object.assign(process.env, {
    INGEST_GROUP_ID: uniqueName('bi'),
    INGEST_FROM_BEGINNING: 'false',
    TRAJECTORY_GROUP_ID: uniqueName('bt'),
    TRAJECTORY_FROM_BEGINNING: 'false',
    SIGNAL_GROUP_ID: uniqueName('bs'),
    SIGNAL_FROM_BEGINNING: 'false',
    NOTIFY_GROUP_ID: uniqueName('bn'),
    NOTIFY_FROM_BEGINNING: 'false',
    BULLMQ_PREFIX: uniqueName('bb'),
  });
  const kafka = createKafka(config, 'bench-alerts');
  const producer = kafka.producer();
  await producer.connect();
  const children = new Map<(typeof SERVICES)[number], ChildProcess>();
  const collector = kafka.consumer({ groupId: uniqueName('bc'), maxWaitTimeInMs: 20 });
  const seen = new Map<string, bigint>();
  const joined = new Promise<void>((r) => collector.on(collector.events.GROUP_JOIN, () => r()));
  await collector.connect();
  await collector.subscribe({ topic: TOPICS.alerts, fromBeginning: false });
  await collector.run({
    eachMessage: async ({ message }) => {
      const at = process.hrtime.bigint();
      const body = decodeAlertEvent(message.value);
      if (body.type === 'AlertRaised' && body.alert.ruleId === 'WACHTTIJD_GEEN_START')
        for (const id of body.alert.trajectoryIds) if (!seen.has(id)) seen.set(id, at);
    },
  });
  await joined;
  const gemeenteToken = issueToken({ role: 'toegang', gemeente: GEMEENTE, sub: 'bench' }, config.authSecret);
  const aanbiederToken = issueToken({ role: 'aanbieder', agb: AANBIEDER, sub: 'bench' }, config.authSecret);
  const today = dutchDate(new Date());
  let counter = Math.floor(Math.random() * 1e6);
  const nextNummer = () => String(50_000_000 + (counter++ % 40_000_000));
  /** One product as a flat message; published as one iJw 3.2 bericht in XML (test/support/ijw.ts). */
  const message = (nummer: string, ingangsdatum: string, code: 'JW301' | 'JW305'): FlatBericht => ({
    berichtcode: code,
    berichtId: `b-${nummer}-${code}`,
    gemeente: GEMEENTE,
    aanbieder: AANBIEDER,
    client: { bsn: testBsn(Number(nummer)), geboortedatum: '2012-05-05' },
    toewijzingNummer: nummer,
    product: { categorie: '45', code: '45A01' },
    ...(code === 'JW301' ? { ingangsdatum, einddatum: addDays(today, 300) } : { begindatum: ingangsdatum }),
  });
  const send = (items: { m: FlatBericht; token: string }[]) =>
    producer.send({
      topic: TOPICS.berichten,
      acks: -1,
      messages: items.map(({ m, token }) => ({ key: 'bench', value: ijwPayload(m), headers: { authorization: `Bearer ${token}` } })),
    });

  try {
    // The three services as separate processes (the compiled mains), as they run in production: latency crosses
    // process boundaries and memory is measured per service.
    const basePort = await freePorts(3);
    const env = {
      ...process.env,
      DATABASE_SCHEMA: schema,
      LOG_LEVEL: 'warn',
      INGEST_PORT: String(basePort),
      TRAJECTORY_PORT: String(basePort + 1),
      SIGNALS_PORT: String(basePort + 2),
    };
    for (const name of SERVICES)
      children.set(
        name,
        spawn('node', ['-r', './tools/register-paths.js', `dist/apps/${name}/src/main.js`], { cwd: ROOT, env, stdio: 'ignore' }),
      );
    const deadline = Date.now() + 120_000;
    for (let i = 0; i < SERVICES.length; i++) await healthy(basePort + i, deadline);
    // warm-up: the first alert proves every consumer has joined its group (not measured)
    await measure(1, 60_000);

    async function measure(n: number, timeoutMs = 30_000): Promise<number[]> {
      const latencies: number[] = [];
      for (let i = 0; i < n; i++) {
        const nummer = nextNummer();
        const id = `${GEMEENTE}-${nummer}`;
        const sentAt = process.hrtime.bigint();
        await send([{ m: message(nummer, addDays(today, -40), 'JW301'), token: gemeenteToken }]);
        const waitUntil = Date.now() + timeoutMs;
        while (!seen.has(id) && Date.now() < waitUntil) await new Promise((r) => setTimeout(r, 2));
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
        const batch: { m: FlatBericht; token: string }[] = [];
        while (background < due && batch.length < 200) {
          const nummer = nextNummer();
          const ingang = addDays(today, -3);
          batch.push(
            { m: message(nummer, ingang, 'JW301'), token: gemeenteToken },
            { m: message(nummer, addDays(today, -1), 'JW305'), token: aanbiederToken },
          );
          background += 2;
        }
        if (batch.length > 0) await send(batch);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const loadStart = Date.now();
    const rssPeak = new Map<string, number>(SERVICES.map((s) => [s, 0]));
    const sampler = setInterval(() => {
      for (const [name, child] of children) if (child.pid) rssPeak.set(name, Math.max(rssPeak.get(name)!, rssOf(child.pid)));
    }, 250);
    const loaded = await measure(triggersLoaded);
    running = false;
    await loader;
    clearInterval(sampler);
    const achieved = background / ((Date.now() - loadStart) / 1000);

    const row = (name: string, l: number[], n: number) =>
      `| ${name} | ${l.length}/${n} | ${percentile(l, 50).toFixed(0)} | ${percentile(l, 95).toFixed(0)} | ` +
      `${percentile(l, 99).toFixed(0)} | ${(l[l.length - 1] ?? NaN).toFixed(0)} |`;
    const block = [
      START,
      '## Alert latency (message that triggers a rule → AlertRaised on alerts.v1)',
      '',
      `Command: \`npm run bench\` (bench/alerts.bench.ts). Run ${new Date().toISOString()} on ${cpus().length} cores, ` +
        `${(totalmem() / 2 ** 30).toFixed(0)} GiB.`,
      'Ingest, trajectory and signal services run as separate processes (their compiled mains) against the local',
      'Kafka, PostgreSQL and Redis. Each trigger is a JW301 whose ingangsdatum lies 40 days back, so WACHTTIJD_GEEN_START holds',
      `at once; the latency is from the produce call to the AlertRaised record read back from alerts.v1. Background load: valid`,
      `JW301 + JW305 pairs at a target of ${backgroundRate} msg/s (achieved ${achieved.toFixed(0)} msg/s).`,
      '',
      '| phase | alerts seen | p50 ms | p95 ms | p99 ms | max ms |',
      '|---|---:|---:|---:|---:|---:|',
      row('idle (baseline)', idle, triggersIdle),
      row(`under load (${achieved.toFixed(0)} msg/s)`, loaded, triggersLoaded),
      '',
      `Ratio p50 under load / idle: ${(percentile(loaded, 50) / percentile(idle, 50)).toFixed(2)}×; p99: ` +
        `${(percentile(loaded, 99) / percentile(idle, 99)).toFixed(2)}×.`,
      '',
      '| service | peak RSS under load |',
      '|---|---:|',
      ...SERVICES.map((name) => `| ${name} | ${(rssPeak.get(name)! / 2 ** 20).toFixed(0)} MiB |`),
      END,
    ].join('\n');
    publishSection(START, END, block);
  } finally {
    await collector.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    for (const child of children.values()) {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
    }
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
