import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { DataSource } from 'typeorm';
import { addDays } from '@trajectwacht/ijw';
import {
  DEFAULT_DURATION_BUCKETS,
  IndicatorRepository,
  computeIndicators,
  durationHistogram,
  flowsBetweenLevels,
  toCsv,
  trendSeries,
  type IndicatorScope,
  type Norms,
  type SqlSession,
} from '@trajectwacht/indicators';
import { RULE_IDS } from '@trajectwacht/signals';
import { dataSourceOptions, loadConfig, runMigrationsWithLock, type PlatformConfig } from '@trajectwacht/platform';
import { MIGRATIONS } from '../apps/migrations';
import type { TrajectoryState } from '@trajectwacht/trajectory';
import { AlertInboxRepository, decodeCursor, encodeCursor, SEVERITY_ORDER_SQL } from '../apps/signals/src/alert-inbox.repository';
import { AlertsController } from '../apps/signals/src/alerts.controller';
import { ALERT_JSON, PgAlertRepository } from '../apps/signals/src/alert.repository';
import { DEFAULT_NORMS } from '../apps/monitor/src/settings';
import { insertStates } from '@trajectwacht/indicators/testing';
import { END, GEMEENTEN, IndicatorPopulation, LARGEST, REGION } from './indicator-data';
import { publishSection, table } from './report';
import { collectGarbage, fmtInt, log, now, postgresServer, secondsSince, uniqueName } from './support';

/**
 * Indicators at national scale, and the alert inbox with 10⁵ open alerts for one gemeente: today's method (load every
 * state into Node, computeIndicators; the inbox's newest 1000) and ours (IndicatorRepository: set-based SQL; the
 * keyset inbox with counts per rule), side by side in one process, on the same data in a schema of the bench's own
 * (bench_ind_…, bench_inbox_…: a running platform is never read or written). PostgreSQL only: no Kafka.
 *
 *   node -r ./tools/register-paths.js dist/bench/indicators.bench.js [--national] [--sizes 10000,100000]
 */
const START = '<!-- indicators-bench:start -->';
const END_MARK = '<!-- indicators-bench:end -->';
const runStart = (size: string) => `<!-- indicators-bench:run:${size}:start -->`;
const runEnd = (size: string) => `<!-- indicators-bench:run:${size}:end -->`;

const TO = END;
const FROM = addDays(TO, -182);
const MIN_COUNT = 5;
const NORMS: Norms = DEFAULT_NORMS;

interface Scope {
  name: string;
  ours: IndicatorScope;
  /** Today's condition on trajectory / alert. */
  sql: string;
  params: unknown[];
}

const SCOPES: Scope[] = [
  { name: 'national (all 342 gemeenten)', ours: { alle: true }, sql: 'true', params: [] },
  { name: 'region (6 gemeenten)', ours: { gemeenten: REGION }, sql: 'gemeente = ANY($1)', params: [REGION] },
  { name: `one gemeente (the largest, ${LARGEST})`, ours: { gemeenten: [LARGEST] }, sql: 'gemeente = ANY($1)', params: [[LARGEST]] },
];

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Timing {
  samples: number[];
  p50: number;
  p95: number;
}

/** Runs `work` after one warm-up (skipped when the warm-up alone exceeds `budgetMs`) until `max` samples or the time budget. */
async function time(work: () => Promise<unknown>, max: number, budgetMs: number): Promise<Timing> {
  const samples: number[] = [];
  collectGarbage();
  const warm = now();
  await work();
  const warmMs = secondsSince(warm) * 1000;
  if (warmMs > budgetMs / 4) samples.push(warmMs); // a request this slow is not faster the second time: count it
  let spent = warmMs;
  while (samples.length < max && (spent < budgetMs || samples.length < 3)) {
    const t = now();
    await work();
    const ms = secondsSince(t) * 1000;
    samples.push(ms);
    spent += ms;
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return { samples, p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

function sessionOf(ds: DataSource): SqlSession {
  return (work) => ds.transaction((manager) => work((sql, params) => manager.query(sql, params as unknown[] | undefined)));
}

async function openSchema(config: PlatformConfig, schema: string): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(config, { schema, migrations: MIGRATIONS, applicationName: schema, poolSize: 4 }));
  await ds.initialize();
  await runMigrationsWithLock(ds);
  return ds;
}

// ---- indicators ------------------------------------------------------------------------------------------------

/** Today's method, as the monitor computed it before (every state of the scope into Node). */
async function todayDashboard(ds: DataSource, scope: Scope, csv: boolean): Promise<string> {
  const rows: { state: TrajectoryState }[] = await ds.query(`SELECT state FROM trajectory WHERE ${scope.sql}`, scope.params);
  const alerts: { ruleId: string; gemeente: string; aanbieder: string | null; detectedAt: string }[] = await ds.query(
    `SELECT rule_id AS "ruleId", gemeente, aanbieder, to_char(detected_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD') AS "detectedAt"
       FROM alert WHERE status IN ('open', 'acknowledged') AND ${scope.sql}`,
    scope.params,
  );
  const states = rows.map((r) => r.state);
  const p = { from: FROM, to: TO, groupBy: 'gemeente' as const };
  const result = computeIndicators(states, {
    ...p,
    minCount: MIN_COUNT,
    norms: NORMS,
    openAlerts: alerts.map((a) => ({ ...a, aanbieder: a.aanbieder ?? undefined })),
  });
  const body = {
    result,
    trend: trendSeries(states, FROM, TO, 'month', { minCount: MIN_COUNT }),
    flows: flowsBetweenLevels(states, FROM, TO, { minCount: MIN_COUNT }),
    durations: durationHistogram(states, FROM, TO, [30, 91, 182, 365, 730], { minCount: MIN_COUNT }),
    norms: NORMS,
  };
  return csv ? toCsv(result, { bom: true }) : JSON.stringify(body);
}

async function oursDashboard(repo: IndicatorRepository, scope: Scope, csv: boolean): Promise<string> {
  const p = { from: FROM, to: TO, groupBy: 'gemeente' as const, minCount: MIN_COUNT, norms: NORMS };
  if (csv) return toCsv(await repo.indicators(scope.ours, p), { bom: true });
  const dashboard = await repo.dashboard(scope.ours, { ...p, interval: 'month', bucketsInDays: DEFAULT_DURATION_BUCKETS });
  return JSON.stringify({ ...dashboard, norms: NORMS });
}

async function loadPopulation(
  ds: DataSource,
  size: number,
): Promise<{ trajectories: number; alerts: number; perScope: number[]; seconds: number }> {
  const started = now();
  const population = new IndicatorPopulation(16);
  let stored = 0;
  const query = (sql: string, params?: readonly unknown[]) => ds.query(sql, params as unknown[]);
  while (stored < size) {
    const batch = population.next(Math.min(20_000, size - stored)).slice(0, size - stored);
    await insertStates(query, batch, 5_000);
    stored += batch.length;
    if (stored % 200_000 < 20_000) log(`stored ${fmtInt(stored)} / ${fmtInt(size)} trajectories`);
  }
  // open alerts: one per 20 trajectories, on trajectories of the data (their gemeente and aanbieder), detected in the 90 days before `to`
  await ds.query(
    `INSERT INTO alert (id, dedup_key, rule_id, severity, status, gemeente, aanbieder, client_pseudonym, trajectory_ids, recipients,
                        title, facts, effective_at, detected_at, lifecycle)
     SELECT 'A' || id, 'A' || id, ($1::text[])[1 + abs(hashtext(id)) % cardinality($1::text[])], 'midden',
            CASE WHEN abs(hashtext(id || 's')) % 10 < 8 THEN 'open'
                 WHEN abs(hashtext(id || 's')) % 10 = 8 THEN 'acknowledged' ELSE 'resolved' END,
            gemeente, aanbieder, client_pseudonym, ARRAY[id], ARRAY['gemeente'], 't', '{}', $2::date - abs(hashtext(id || 'e')) % 90,
            ($2::date - abs(hashtext(id || 'e')) % 90)::timestamp AT TIME ZONE 'Europe/Amsterdam' + interval '9 hours', '{}'
       FROM trajectory WHERE abs(hashtext(id || 'a')) % 20 = 0`,
    [RULE_IDS, TO],
  );
  await ds.query('VACUUM (ANALYZE) trajectory');
  await ds.query('VACUUM (ANALYZE) alert');
  const [{ n: alerts }] = (await ds.query(`SELECT count(*)::int AS n FROM alert`)) as { n: number }[];
  const perScope: number[] = [];
  for (const s of SCOPES)
    perScope.push(((await ds.query(`SELECT count(*)::int AS n FROM trajectory WHERE ${s.sql}`, s.params)) as { n: number }[])[0]!.n);
  return { trajectories: stored, alerts, perScope, seconds: secondsSince(started) };
}

interface IndicatorRow {
  scope: string;
  trajectories: number;
  endpoint: string;
  today: Timing;
  ours: Timing;
  identical: boolean;
}

async function benchIndicators(
  config: PlatformConfig,
  size: number,
  schemas: Set<string>,
): Promise<{ rows: IndicatorRow[]; load: Awaited<ReturnType<typeof loadPopulation>>; indexOnly: boolean }> {
  const schema = uniqueName(`bench_ind_${size}`);
  schemas.add(schema);
  const ds = await openSchema(config, schema);
  try {
    log(`indicators ${fmtInt(size)}: loading into ${schema}`);
    const load = await loadPopulation(ds, size);
    log(`loaded ${fmtInt(load.trajectories)} trajectories and ${fmtInt(load.alerts)} alerts in ${load.seconds.toFixed(0)} s`);
    const repo = new IndicatorRepository(sessionOf(ds));
    const rows: IndicatorRow[] = [];
    const big = size >= 1_000_000;
    for (const [i, scope] of SCOPES.entries()) {
      for (const csv of [false, true]) {
        const endpoint = csv ? 'GET /indicators.csv' : 'GET /indicators';
        log(`${fmtInt(size)} · ${scope.name} · ${endpoint}`);
        // identical output first (and a warm cache for both)
        const expected = await todayDashboard(ds, scope, csv);
        const got = await oursDashboard(repo, scope, csv);
        const identical = csv ? got === expected : isDeepStrictEqual(JSON.parse(got), JSON.parse(expected));
        if (!identical) log(`DIFFERENT results for ${scope.name} ${endpoint}`);
        const today = await time(() => todayDashboard(ds, scope, csv), big ? 3 : 15, big ? 90_000 : 30_000);
        const ours = await time(() => oursDashboard(repo, scope, csv), 30, 30_000);
        log(
          `  today p50 ${ms(today.p50)} ms (n=${today.samples.length}), ours p50 ${ms(ours.p50)} ms p95 ${ms(ours.p95)} ms ` +
            `(n=${ours.samples.length})`,
        );
        rows.push({ scope: scope.name, trajectories: load.perScope[i]!, endpoint, today, ours, identical });
      }
    }
    // does the national statement read the index alone?
    const plan = (await ds.query(`EXPLAIN SELECT gemeente, begindatum, stopdatum FROM trajectory WHERE status <> 'ingetrokken'`)) as {
      'QUERY PLAN': string;
    }[];
    const indexOnly = plan.some((r) => r['QUERY PLAN'].includes('Index Only Scan'));
    return { rows, load, indexOnly };
  } finally {
    await ds.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    schemas.delete(schema);
    await ds.destroy();
  }
}

// ---- inbox -------------------------------------------------------------------------------------------------------

const INBOX_GEMEENTE = GEMEENTEN[0]!;

async function loadAlerts(ds: DataSource, open: number): Promise<{ seconds: number; total: number }> {
  const started = now();
  // `open` open/acknowledged alerts for one gemeente, a fifth as many closed ones there, and as many again elsewhere;
  // rules and aanbieders skewed (a few common, many rare), situations over two years
  await ds.query(
    `INSERT INTO alert (id, dedup_key, rule_id, severity, status, gemeente, aanbieder, client_pseudonym, trajectory_ids, recipients,
                        title, facts, effective_at, detected_at, lifecycle)
     SELECT id, id, rule, (ARRAY['info', 'laag', 'midden', 'hoog', 'kritiek'])[1 + abs(hashtext(rule)) % 5], status, gemeente,
            CASE WHEN k % 10 = 0 THEN NULL
                 ELSE (10000000 + 13 * floor(300 * power(((abs(hashtext(id || 'a')) % 100000) / 100000.0), 3)))::text END,
            md5(id), ARRAY[id], ARRAY['gemeente', 'aanbieder'], 'titel', '{"feit": 1}', eff,
            eff::timestamp AT TIME ZONE 'Europe/Amsterdam' + (k % 86400) * interval '1 second', '{"history": []}'
       FROM (SELECT k, 'A' || lpad(k::text, 9, '0') AS id,
                    ($1::text[])[1 + floor(cardinality($1::text[]) * power(((abs(hashtext(k::text)) % 100000) / 100000.0), 2))::int]
                      AS rule,
                    CASE WHEN k <= $2 THEN (CASE WHEN k % 7 = 0 THEN 'acknowledged' ELSE 'open' END)
                         WHEN k <= $2 * 1.2 THEN (CASE WHEN k % 2 = 0 THEN 'resolved' ELSE 'dismissed' END) ELSE 'open' END AS status,
                    CASE WHEN k <= $2 * 1.2 THEN $3 ELSE ($4::text[])[1 + k % cardinality($4::text[])] END AS gemeente,
                    current_date - (abs(hashtext(k::text || 'e')) % 730) AS eff
               FROM generate_series(1, ($2 * 2.2)::int) AS k) x`,
    [RULE_IDS, open, INBOX_GEMEENTE, GEMEENTEN.slice(1, 50)],
  );
  await ds.query('VACUUM (ANALYZE) alert');
  const [{ n }] = (await ds.query('SELECT count(*)::int AS n FROM alert')) as { n: number }[];
  return { seconds: secondsSince(started), total: n };
}

interface InboxRow {
  name: string;
  matching: number;
  timing: Timing;
}

async function benchInbox(
  config: PlatformConfig,
  open: number,
  schemas: Set<string>,
): Promise<{ rows: InboxRow[]; today: Timing; total: number; openInGemeente: number }> {
  const schema = uniqueName('bench_inbox');
  schemas.add(schema);
  const ds = await openSchema(config, schema);
  try {
    log(`inbox: ${fmtInt(open)} open alerts for gemeente ${INBOX_GEMEENTE} in ${schema}`);
    const { total } = await loadAlerts(ds, open);
    const [{ n: openInGemeente }] = (await ds.query(
      `SELECT count(*)::int AS n FROM alert WHERE gemeente = $1 AND status IN ('open', 'acknowledged')`,
      [INBOX_GEMEENTE],
    )) as { n: number }[];
    const repo = new AlertInboxRepository(ds);
    const controller = new AlertsController(
      {} as never,
      {} as never,
      {} as never,
      new PgAlertRepository(ds.manager),
      repo,
      {} as never,
      ds,
    );
    const principal = { role: 'toegang' as const, gemeente: INBOX_GEMEENTE, sub: 'bench' };

    // cursors deep in the inbox: the key of the row at a random position (what the next of the page before it holds)
    const key = `${SEVERITY_ORDER_SQL}, effective_at, detected_at, (id COLLATE "C")`;
    const positions = [1_000, 10_000, 50_000, Math.max(1, openInGemeente - 100)];
    const cursors: string[] = [];
    for (const offset of positions) {
      const [r] = (await ds.query(
        `SELECT ${SEVERITY_ORDER_SQL} AS rank, to_char(effective_at, 'YYYY-MM-DD') AS e,
                to_char(detected_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS d, id
           FROM alert WHERE gemeente = $1 AND status IN ('open', 'acknowledged') ORDER BY ${key} OFFSET $2 LIMIT 1`,
        [INBOX_GEMEENTE, Math.min(offset, openInGemeente - 1)],
      )) as { rank: number; e: string; d: string; id: string }[];
      if (r) cursors.push(encodeCursor({ rank: r.rank, effectiveAt: r.e, detectedAt: r.d, id: r.id }));
    }
    const [common] = (await ds.query(
      `SELECT rule_id AS r, aanbieder AS a FROM alert WHERE gemeente = $1 GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1`,
      [INBOX_GEMEENTE],
    )) as { r: string; a: string }[];
    const [rareRule] = (await ds.query(`SELECT rule_id AS r FROM alert WHERE gemeente = $1 GROUP BY 1 ORDER BY count(*) LIMIT 1`, [
      INBOX_GEMEENTE,
    ])) as { r: string }[];
    const [rareAanbieder] = (await ds.query(
      `SELECT aanbieder AS a FROM alert WHERE gemeente = $1 AND aanbieder IS NOT NULL GROUP BY 1 ORDER BY count(*) LIMIT 1`,
      [INBOX_GEMEENTE],
    )) as { a: string }[];

    type Args = Parameters<AlertsController['inbox']>;
    const cases: { name: string; args: (i: number) => Args }[] = [
      { name: 'first page (50), default filters (open + acknowledged)', args: () => [principal] },
      {
        name: 'a page deep in the inbox (after a cursor at 1 000 … 99 900)',
        args: (i) => [principal, undefined, undefined, undefined, undefined, undefined, undefined, cursors[i % cursors.length]],
      },
      { name: `filter rule (the most common, ${common!.r})`, args: () => [principal, common!.r] },
      { name: `filter rule (the rarest, ${rareRule!.r})`, args: () => [principal, rareRule!.r] },
      { name: 'filter aanbieder (the most common)', args: () => [principal, undefined, common!.a] },
      { name: 'filter aanbieder (a rare one)', args: () => [principal, undefined, rareAanbieder!.a] },
      { name: 'filter age: older than 30 days', args: () => [principal, undefined, undefined, undefined, '31'] },
      { name: 'filter age: 7 days or younger', args: () => [principal, undefined, undefined, undefined, undefined, '7'] },
      { name: 'filter status: acknowledged only', args: () => [principal, undefined, undefined, 'acknowledged'] },
      { name: 'rule + aanbieder + age together', args: () => [principal, common!.r, common!.a, undefined, '30'] },
      { name: 'page of 500 (the largest)', args: () => [principal, undefined, undefined, undefined, undefined, undefined, '500'] },
    ];
    const rows: InboxRow[] = [];
    for (const c of cases) {
      let i = 0;
      const first = (await controller.inbox(...c.args(0))) as { counts: { total: number } };
      const timing = await time(async () => JSON.stringify(await controller.inbox(...c.args(i++))), 40, 20_000);
      rows.push({ name: c.name, matching: first.counts.total, timing });
      log(`  inbox ${c.name}: p50 ${ms(timing.p50)} ms, p95 ${ms(timing.p95)} ms`);
    }
    // paging on: the next page from the cursor of a page, 20 pages in a row (what scrolling does)
    let cursor: string | null = null;
    const chain: number[] = [];
    for (let k = 0; k < 40; k++) {
      const t = now();
      const page = await repo.page(
        { sql: 'gemeente = $1', value: INBOX_GEMEENTE },
        { statuses: ['open', 'acknowledged'] },
        50,
        cursor === null ? null : decodeCursor(cursor),
      );
      chain.push(secondsSince(t) * 1000);
      cursor = page.next;
    }
    const sortedChain = [...chain].sort((a, b) => a - b);
    rows.push({
      name: 'scrolling: 40 consecutive pages from each next cursor',
      matching: openInGemeente,
      timing: { samples: chain, p50: percentile(sortedChain, 50), p95: percentile(sortedChain, 95) },
    });

    // today: the dashboard fetched the newest 1000 of the list API and sorted them itself (no counts, no paging)
    const today = await time(
      async () =>
        JSON.stringify(
          await ds.query(
            `SELECT ${ALERT_JSON} AS row FROM alert WHERE gemeente = $1 AND status = ANY($2) ORDER BY detected_at DESC LIMIT 1000`,
            [INBOX_GEMEENTE, ['open', 'acknowledged']],
          ),
        ),
      40,
      20_000,
    );
    return { rows, today, total, openInGemeente };
  } finally {
    await ds.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    schemas.delete(schema);
    await ds.destroy();
  }
}

// ---- report -----------------------------------------------------------------------------------------------------

function parseArgs(argv: string[]): { sizes: number[]; inbox: number; national: boolean } {
  const national = argv.includes('--national');
  const at = argv.indexOf('--sizes');
  const sizes = (at >= 0 ? argv[at + 1]! : (process.env.BENCH_INDICATOR_SIZES ?? (national ? '10000,100000,1000000' : '10000,100000')))
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  const inbox = Number(process.env.BENCH_INBOX_ALERTS ?? 100_000);
  return { sizes, inbox, national };
}

function writeBlocks(blocks: Map<string, string>): void {
  // keep the blocks of sizes not run this time
  const file = process.env.BENCH_REPORT_FILE ?? join(__dirname, '..', '..', 'docs', 'benchmarks.md');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const a = text.indexOf(START);
  const b = text.indexOf(END_MARK);
  const kept = new Map<string, string>();
  if (a >= 0 && b > a) {
    for (const m of text
      .slice(a, b)
      .matchAll(/<!-- indicators-bench:run:([\w-]+):start -->([\s\S]*?)<!-- indicators-bench:run:\1:end -->/g))
      kept.set(m[1]!, m[2]!.trim());
  }
  for (const [k, v] of blocks) kept.set(k, v.trim());
  const order = [...kept.keys()].sort((x, y) => (x === 'inbox' ? 1 : y === 'inbox' ? -1 : Number(x) - Number(y)));
  const intro =
    `## Indicators and the alert inbox at national scale (issue 16)

Produced by \`bench/indicators.bench.ts\` (\`npm run bench\` runs it with 10⁴, 10⁵ and 10⁶ trajectories, \`npm run bench:quick\`
with 10⁴ and 10⁵; alone: ` +
    `\`npx tsc -p tsconfig.bench.json && node -r ./tools/register-paths.js dist/bench/indicators.bench.js --sizes 10000,100000\`).
PostgreSQL only, in schemas of its own (\`bench_ind_…\`, \`bench_inbox_…\`, dropped at the end): a running platform is neither
read nor written.

- **Data**: \`bench/indicator-data.ts\`, a national population of trajectory states (342 gemeenten of Zipf-like size, the
  largest about 6 %; 3 000 aanbieders; children with one to four trajectories in sequence; three years up to ${END}), stored
  column for column as the projection writes them, with one open alert per 20 trajectories; \`VACUUM (ANALYZE)\` after loading.
- **Request**: the API's default period (${FROM} … ${TO}), groupBy gemeente, minCount ${MIN_COUNT}, the default norms. \`/indicators\`
  is the whole regional view (table, monthly trend, flows, duration histogram) as JSON; \`/indicators.csv\` the table as CSV.
- **Today**: what the monitor did before: \`SELECT state FROM trajectory WHERE <scope>\`, the open alerts, then
  computeIndicators, trendSeries, flowsBetweenLevels and durationHistogram in Node (the CSV computed all of them too).
- **Ours**: \`IndicatorRepository\` (libs/indicators/src/indicators.repository.ts): two set-based statements per request over
  the trajectory columns (covering index \`trajectory_indicators\`; herinstroom from the column \`herinstroom_na\` that
  the projection writes), side by side on two connections sharing one exported snapshot (read only), exact percentiles.
- Both are timed in this process, at the repository/controller level including serialisation (no HTTP), after one warm-up;
  p50/p95 by nearest rank over n samples. "identical" compares the two outputs: the JSON deeply, the CSV byte for byte.
- **Inbox**: ${fmtInt(100_000)} open (and acknowledged) alerts for one gemeente, a fifth as many closed ones there and as many
  again in 49 other gemeenten; \`AlertsController.inbox\` (keyset page of 50 + counts per rule, one snapshot) per filter.
  Today: the dashboard loaded the newest 1 000 of \`GET /alerts\` and sorted them itself: no paging, no counts, and the other
  99 000 alerts unreachable.
`;
  const body = order.map((k) => `${runStart(k)}\n${kept.get(k)}\n${runEnd(k)}`).join('\n\n');
  publishSection(START, END_MARK, `${START}\n${intro}\n${body}\n${END_MARK}`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  const schemas = new Set<string>();
  const cleanup = async () => {
    if (schemas.size === 0) return;
    const ds = new DataSource(dataSourceOptions(config, { poolSize: 1, applicationName: 'trajectwacht-bench-cleanup' }));
    await ds.initialize();
    for (const s of schemas) await ds.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`).catch(() => undefined);
    await ds.destroy();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanup().finally(() => process.exit(130)));
  const machine =
    `nproc ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${cpus()[0]?.model.trim() ?? '?'}; ` +
    `Node ${process.version}; ${await postgresServer(config)}`;
  const command = `node -r ./tools/register-paths.js dist/bench/indicators.bench.js --sizes ${args.sizes.join(',')}`;
  const blocks = new Map<string, string>();
  try {
    for (const size of args.sizes) {
      const started = new Date();
      const { rows, load, indexOnly } = await benchIndicators(config, size, schemas);
      const target = (r: IndicatorRow) =>
        size < 1_000_000
          ? '–'
          : r.scope.startsWith('national')
            ? r.ours.p95 <= 300
              ? '≤ 300 ms: **met**'
              : '≤ 300 ms: **not met**'
            : r.scope.startsWith('region')
              ? r.ours.p95 <= 100
                ? '≤ 100 ms: **met**'
                : '≤ 100 ms: **not met**'
              : '–';
      const block = [
        `### ${fmtInt(size)} trajectories`,
        '',
        `- Command: \`${command}\` (this table from one process run; ${started.toISOString().slice(0, 19)}Z)`,
        `- Machine: ${machine}; load average at the start ${loadavg()
          .map((x) => x.toFixed(1))
          .join(' ')}`,
        `- Data: ${fmtInt(load.trajectories)} trajectories, ${fmtInt(load.alerts)} alerts, loaded in ${load.seconds.toFixed(0)} ` +
          `s; the national statement reads ${indexOnly ? 'the covering index (index-only scan)' : 'the table (no index-only scan)'}`,
        '',
        table(
          [
            'Scope (trajectories)',
            'Endpoint',
            'Today p50 ms',
            'Today p95 ms (n)',
            'Ours p50 ms',
            'Ours p95 ms (n)',
            'Today / ours (p50)',
            'Identical',
            'Target (p95 at 10⁶)',
          ],
          rows.map((r) => [
            `${r.scope} (${fmtInt(r.trajectories)})`,
            r.endpoint,
            ms(r.today.p50),
            `${ms(r.today.p95)} (${r.today.samples.length})`,
            ms(r.ours.p50),
            `${ms(r.ours.p95)} (${r.ours.samples.length})`,
            `${(r.today.p50 / r.ours.p50).toFixed(r.today.p50 / r.ours.p50 >= 10 ? 0 : 1)}×`,
            r.identical ? 'yes' : '**no**',
            target(r),
          ]),
          ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'l', 'l'],
        ),
      ].join('\n');
      blocks.set(String(size), block);
      writeBlocks(blocks);
    }
    if (args.inbox > 0) {
      const started = new Date();
      const inbox = await benchInbox(config, args.inbox, schemas);
      const block = [
        `### Alert inbox: ${fmtInt(inbox.openInGemeente)} open alerts for one gemeente`,
        '',
        `- Command: \`${command}\` (${started.toISOString().slice(0, 19)}Z); ${fmtInt(inbox.total)} alerts in the table; machine as above`,
        '',
        table(
          ['Request (GET /alerts/inbox …)', 'Matching', 'p50 ms', 'p95 ms (n)', 'Target p95 ≤ 200 ms'],
          inbox.rows.map((r) => [
            r.name,
            fmtInt(r.matching),
            ms(r.timing.p50),
            `${ms(r.timing.p95)} (${r.timing.samples.length})`,
            r.timing.p95 <= 200 ? '**met**' : '**not met**',
          ]),
          ['l', 'r', 'r', 'r', 'l'],
        ),
        '',
        `Today (the newest 1 000 of GET /alerts, sorted in the browser; no counts): p50 ${ms(inbox.today.p50)} ms, p95 ` +
          `${ms(inbox.today.p95)} ms (n=${inbox.today.samples.length}). ` +
          `Ours, first page with counts, p50 against it: ${(inbox.today.p50 / inbox.rows[0]!.timing.p50).toFixed(1)}×.`,
      ].join('\n');
      blocks.set('inbox', block);
      writeBlocks(blocks);
    }
  } finally {
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`indicator benchmark failed: ${(error as Error).stack}\n`);
    process.exit(1);
  },
);
