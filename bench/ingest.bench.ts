import 'reflect-metadata';
import { cpus, totalmem } from 'node:os';
import { DataSource } from 'typeorm';
import { dataSourceOptions, loadConfig, runMigrationsWithLock } from '@trajectwacht/platform';
import { MIGRATIONS } from '../apps/migrations';
import { simulateBerichten, type SimulatedIjwBericht } from '@trajectwacht/simulator';
import { IngestPipeline, type IncomingPayload } from '../apps/ingest/src/ingest.pipeline';
import { simulatedPayloads } from '../test/support/simulated-payloads';
import { publishSection } from './report';
import { MemorySampler, collectGarbage, log, uniqueName } from './support';

/**
 * Ingestion throughput: simulated Flevoland iJw 3.2 berichten (XML as the senders publish them, with their
 * organisation tokens) through the one path (read + XSD structure → rules within the bericht → authenticate →
 * pseudonymise → rules against the history → decide the whole bericht → record + retour bericht + outbox) into
 * PostgreSQL. Baseline in the same run: the same pipeline called once per bericht (one transaction each), as a
 * one-at-a-time consumer would. Ours: batches of 1000, as the ingest consumer hands them over.
 */
const START = '<!-- ingest-bench:start -->';
const END = '<!-- ingest-bench:end -->';

async function freshSchema(config: ReturnType<typeof loadConfig>, name: string): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(config, { schema: name, migrations: MIGRATIONS, applicationName: 'bench-ingest' }));
  await ds.initialize();
  await runMigrationsWithLock(ds);
  return ds;
}

async function main(): Promise<void> {
  const total = Number(process.env.BENCH_INGEST_MESSAGES ?? 40_000);
  const baselineCount = Number(process.env.BENCH_INGEST_BASELINE_MESSAGES ?? 2_000);
  const config = loadConfig();
  log('ingest: simulating berichten');
  const simulated: SimulatedIjwBericht[] = [];
  for (const b of simulateBerichten({ region: 'flevoland', seed: 42, from: '2025-01-01', to: '2025-12-31' })) {
    simulated.push(b);
    if (simulated.length >= total) break;
  }
  const products = simulated.reduce((n, b) => n + b.regels.length, 0);
  const payload = simulatedPayloads(config.authSecret, { reference: 'bench:0', sub: 'bench' });
  const payloads: IncomingPayload[] = simulated.map((m) => payload(m));
  const schemas: DataSource[] = [];
  try {
    const run = async (name: string, batch: number, list: IncomingPayload[]) => {
      const ds = await freshSchema(config, uniqueName(`bi_${name}`));
      schemas.push(ds);
      const pipeline = new IngestPipeline(ds, config);
      collectGarbage();
      const sampler = new MemorySampler();
      sampler.start();
      const started = process.hrtime.bigint();
      for (let i = 0; i < list.length; i += batch) await pipeline.process(list.slice(i, i + batch));
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const memory = sampler.stop();
      const counts: { status: string; n: string }[] = await ds.query(
        `SELECT status, count(*) AS n FROM ijw_heenbericht GROUP BY status ORDER BY status`,
      );
      return { seconds, rate: list.length / seconds, memory, counts: counts.map((c) => `${c.status} ${c.n}`).join(', ') };
    };
    log(`ingest: baseline, one bericht per call (${baselineCount})`);
    const baseline = await run('one', 1, payloads.slice(0, baselineCount));
    log(`ingest: batches of 1000 (${payloads.length})`);
    const ours = await run('batch', 1000, payloads);
    const half = await run('half', 1000, payloads.slice(0, Math.floor(payloads.length / 2)));
    const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
    const block = [
      START,
      '## Ingestion throughput (validation path into PostgreSQL)',
      '',
      `Command: \`npm run bench\` (bench/ingest.bench.ts). Run ${new Date().toISOString()} on ${cpus().length} cores, ` +
        `${(totalmem() / 2 ** 30).toFixed(0)} GiB.`,
      `Simulated Flevoland iJw 3.2 berichten (seed 42, XML with organisation tokens; ${payloads.length} berichten with ` +
        `${products} products) through \`IngestPipeline.process\`:`,
      'read and check the XSD structure, the rules within the bericht, authenticate, pseudonymise, the rules against the history, ' +
        'decide the whole bericht,',
      'record in `ijw_heenbericht` (with its sealed retour bericht) + `ijw_bericht` per accepted product + outbox, one ' +
        'transaction per call.',
      'The baseline calls it once per bericht (what a one-at-a-time consumer does); ours hands over batches of 1000 like the ' +
        'ingest consumer.',
      '',
      '| run | berichten | seconds | berichten/s | peak RSS | peak heap | outcome (berichten) |',
      '|---|---:|---:|---:|---:|---:|---|',
      `| baseline: one per call | ${baselineCount} | ${baseline.seconds.toFixed(1)} | ${baseline.rate.toFixed(0)} | ` +
        `${mib(baseline.memory.rssPeak)} | ${mib(baseline.memory.heapUsedPeak)} | ${baseline.counts} |`,
      `| ours: batches of 1000, half | ${Math.floor(payloads.length / 2)} | ${half.seconds.toFixed(1)} | ${half.rate.toFixed(0)} ` +
        `| ${mib(half.memory.rssPeak)} | ${mib(half.memory.heapUsedPeak)} | ${half.counts} |`,
      `| ours: batches of 1000 | ${payloads.length} | ${ours.seconds.toFixed(1)} | ${ours.rate.toFixed(0)} | ` +
        `${mib(ours.memory.rssPeak)} | ${mib(ours.memory.heapUsedPeak)} | ${ours.counts} |`,
      '',
      `Ratio ours / baseline: ${(ours.rate / baseline.rate).toFixed(1)}×. Cost per bericht: ` +
        `${((half.seconds / (payloads.length / 2)) * 1e6).toFixed(0)} µs at ${Math.floor(payloads.length / 2)}, ` +
        `${((ours.seconds / payloads.length) * 1e6).toFixed(0)} µs at ${payloads.length} (linear growth keeps these equal).`,
      END,
    ].join('\n');
    publishSection(START, END, block);
  } finally {
    for (const ds of schemas) {
      await ds.query(`DROP SCHEMA IF EXISTS "${(ds.options as { schema: string }).schema}" CASCADE`).catch(() => undefined);
      await ds.destroy();
    }
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`ingest benchmark failed: ${(error as Error).stack}\n`);
    process.exit(1);
  },
);
