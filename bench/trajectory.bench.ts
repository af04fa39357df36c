import 'reflect-metadata';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import {
  createKafka,
  dataSourceOptions,
  loadConfig,
  replayTopic,
  runMigrationsWithLock,
  type PlatformConfig,
} from '@trajectwacht/platform';
import { MIGRATIONS } from '../apps/migrations';
import type { AcceptedMessage } from '@trajectwacht/trajectory';
import { TrajectoryProjection, trajectoryTableHash } from '../apps/trajectory/src/trajectory.projection';
import { syntheticAccepted } from '../test/support/synthetic';
import { runBaseline } from './baseline';
import { table, writeRunBlock } from './report';
import {
  Cleanup,
  createTopic,
  fmtInt,
  fmtMiB,
  fmtPercent,
  fmtRatio,
  fmtSeconds,
  log,
  measured,
  nodeCpuSecondsSince,
  now,
  postgresServer,
  processCpuSeconds,
  produce,
  secondsSince,
  topicSize,
  uniqueName,
  type MemoryPeak,
} from './support';

/**
 * Trajectory benchmark: ceiling (raw kafkajs) vs. baseline (NestJS Kafka transport + TypeORM, per message) vs. ours
 * (replayTopic → TrajectoryProjection, set-based per batch), on the real local Kafka and PostgreSQL. See
 * docs/benchmarks.md for what each path does. Usage (via bench/run.sh):
 *   npm run bench:quick                BENCH_MESSAGES (100 000), BENCH_BASELINE_MESSAGES (20 000)
 *   npm run bench                      1 000 000 messages (--national, or BENCH_NATIONAL=1), target < 5 minutes
 */

const PARTITIONS = 6;
/**
 * BENCH_KEEP_SCHEMA=1 keeps the schema of the full run of ours (all messages, e.g. 10⁶ at --national) for analysis
 * afterwards (EXPLAIN of the projection's statements on a realistic size); it is logged, and not dropped.
 */
const KEEP_SCHEMA = /^(1|true|yes)$/i.test(process.env.BENCH_KEEP_SCHEMA ?? '');
/** The report file; BENCH_REPORT_FILE redirects it (e.g. for a smoke test that must not touch the docs). */
const DOC = process.env.BENCH_REPORT_FILE
  ? resolve(process.env.BENCH_REPORT_FILE)
  : resolve(__dirname, '..', '..', 'docs', 'benchmarks.md');

interface Args {
  national: boolean;
  messages: number;
  baselineMessages: number;
  seed: number;
  series: number[];
  baselineTimeoutMs: number;
}

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replace(/[_\s]/g, ''));
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

function parseArgs(argv: string[]): Args {
  const unknown = argv.filter((a) => a !== '--national');
  if (unknown.length > 0) throw new Error(`unknown argument(s): ${unknown.join(' ')} (only --national)`);
  const national = argv.includes('--national') || /^(1|true|yes)$/i.test(process.env.BENCH_NATIONAL ?? '');
  const messages = positive('BENCH_MESSAGES', national ? 1_000_000 : 100_000);
  const baselineMessages = Math.min(messages, positive('BENCH_BASELINE_MESSAGES', 20_000));
  const series = [...new Set([10_000, 100_000, ...(national ? [1_000_000] : []), messages].filter((n) => n <= messages))].sort(
    (a, b) => a - b,
  );
  return {
    national,
    messages,
    baselineMessages,
    seed: positive('BENCH_SEED', 1),
    series,
    baselineTimeoutMs: positive('BENCH_BASELINE_TIMEOUT_S', 900) * 1000,
  };
}

/** The command that reproduces this run, as it will be written into the report. */
function commandLine(args: Args): string {
  const env = ['BENCH_MESSAGES', 'BENCH_BASELINE_MESSAGES', 'BENCH_SEED', 'BENCH_NATIONAL', 'BENCH_BASELINE_TIMEOUT_S']
    .filter((name) => process.env[name])
    .map((name) => `${name}=${process.env[name]}`);
  // `npm run bench` is the whole suite at national scale; `npm run bench:quick` the default size.
  const script = args.national ? 'npm run bench' : 'npm run bench:quick';
  return [...env, script].join(' ');
}

/**
 * `count` synthetic messages in arrival order (ontvangenOp; the generator's order for equal times), as a real log
 * holds them: a trajectory's toewijzing, start and stop lie weeks or months apart, so they arrive in different
 * batches and the projection has to load and rewrite earlier state, as it does live. (The generator itself emits
 * each child's messages together, which would let nearly every trajectory be derived once, from one batch.)
 */
function generate(count: number, seed: number): AcceptedMessage[] {
  let children = Math.ceil(count / 2.4) + 10;
  for (;;) {
    const all = syntheticAccepted(children, seed);
    if (all.length >= count) {
      const chosen = all.slice(0, count);
      return chosen.sort((a, b) =>
        a.ontvangst.ontvangenOp < b.ontvangst.ontvangenOp ? -1 : a.ontvangst.ontvangenOp > b.ontvangst.ontvangenOp ? 1 : 0,
      );
    }
    children = Math.ceil(children * 1.1);
  }
}

const distinctTrajectories = (messages: readonly AcceptedMessage[]): number =>
  new Set(messages.map((m) => `${m.gemeente}-${m.toewijzingNummer}`)).size;

interface PhaseResult {
  records: number;
  /** First fetched record → last committed write. */
  seconds: number;
  /** Consumer start (connect, join) → last committed write. */
  wallSeconds: number;
  memory: MemoryPeak;
  /** CPU seconds of this Node process from the first fetched record to the last committed write. */
  nodeCpuSeconds?: number;
  /** CPU seconds of the PostgreSQL backends serving the phase (null: not measurable, e.g. a remote server). */
  postgresCpuSeconds?: number | null;
}

interface OursResult extends PhaseResult {
  schema: string;
  batches: number;
  largestBatch: number;
  trajectories: number;
  berichten: number;
  clients: number;
  outbox: number;
  hash: string;
  setupSeconds: number;
  /** The PostgreSQL write floor for the same rows (only when asked for). */
  floor?: WriteFloor;
}

/**
 * The PostgreSQL write floor: the rows ours committed, copied server-side (INSERT … SELECT) into empty tables with the
 * same columns, indexes and constraints, by two transactions at once. No client, no network, no JSON, no logic: a lower bound on
 * what committing these rows costs this PostgreSQL, whoever computes them.
 */
interface WriteFloor {
  seconds: number;
  rows: Record<string, number>;
  /** CPU seconds of the two PostgreSQL backends doing the copy (null when /proc of the server is not readable). */
  postgresCpuSeconds: number | null;
}

const STATE_TABLES = [
  ['trajectory_bericht', 'bericht_key'],
  ['trajectory', 'id'],
  ['client', 'pseudonym'],
  ['outbox', 'id'],
] as const;

async function measureWriteFloor(ds: DataSource, sourceSchema: string, cleanup: Cleanup): Promise<WriteFloor> {
  const schema = uniqueName('bench_floor');
  cleanup.schemas.add(schema);
  try {
    await ds.query(`CREATE SCHEMA "${schema}"`);
    for (const [t] of STATE_TABLES) await ds.query(`CREATE TABLE "${schema}".${t} (LIKE "${sourceSchema}".${t} INCLUDING ALL)`);
    const rows: Record<string, number> = {};
    const backends: { pid: number; cpuBefore: number | null }[] = [];
    const started = now();
    // Two transactions at once, each half of every table: both cores on PostgreSQL, as ours runs two partitions at once.
    await Promise.all(
      [0, 1].map((half) =>
        ds.transaction(async (m) => {
          const [{ pid }] = (await m.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[];
          backends.push({ pid, cpuBefore: processCpuSeconds([pid]) });
          for (const [t, key] of STATE_TABLES) {
            const result = (await m.query(
              `WITH copied AS (INSERT INTO "${schema}".${t} SELECT * FROM "${sourceSchema}".${t} WHERE (hashtext(${key}::text) & ` +
                `1) = $1 RETURNING 1) SELECT count(*) AS n FROM copied`,
              [half],
            )) as { n: string }[];
            rows[t] = (rows[t] ?? 0) + Number(result[0]?.n ?? 0);
          }
        }),
      ),
    );
    const seconds = secondsSince(started);
    const cpuAfter = processCpuSeconds(backends.map((b) => b.pid));
    const cpuBefore = backends.reduce<number | null>((sum, b) => (sum === null || b.cpuBefore === null ? null : sum + b.cpuBefore), 0);
    return { seconds, rows, postgresCpuSeconds: cpuAfter === null || cpuBefore === null ? null : cpuAfter - cpuBefore };
  } finally {
    await ds.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch((e: unknown) => log(`could not drop ${schema}: ${String(e)}`));
    cleanup.schemas.delete(schema);
  }
}

async function runCeiling(kafka: Kafka, cleanup: Cleanup, topic: string): Promise<Omit<PhaseResult, 'memory'> & { bytes: number }> {
  const total = await topicSize(kafka, topic);
  const groupId = uniqueName('bench-ceiling');
  cleanup.groups.add(groupId);
  const consumer = kafka.consumer({ groupId, maxBytesPerPartition: 8 * 1024 * 1024, maxWaitTimeInMs: 50, sessionTimeout: 60_000 });
  let records = 0;
  let bytes = 0;
  let parsedObjects = 0;
  let firstAt: bigint | undefined;
  let lastAt: bigint | undefined;
  let cpuAtFirst: NodeJS.CpuUsage | undefined;
  let nodeCpuSeconds = 0;
  let finish!: () => void;
  const finished = new Promise<void>((r) => (finish = r));
  const started = now();
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: 2,
      eachBatch: async ({ batch }) => {
        const cpuFromFirst = (cpuAtFirst ??= process.cpuUsage());
        firstAt ??= now();
        for (const m of batch.messages) {
          if (m.value) {
            const parsed: unknown = JSON.parse(m.value.toString('utf8'));
            if (parsed !== null && typeof parsed === 'object') parsedObjects++;
            bytes += m.value.length;
          }
          records++;
        }
        if (records >= total && lastAt === undefined) {
          lastAt = now();
          nodeCpuSeconds = nodeCpuSecondsSince(cpuFromFirst);
          finish();
        }
      },
    });
    await finished;
  } finally {
    await consumer.disconnect();
  }
  if (parsedObjects !== records) throw new Error(`ceiling parsed ${parsedObjects} objects out of ${records} records`);
  const end = lastAt ?? now();
  return { records, bytes, seconds: secondsSince(firstAt ?? started, end), wallSeconds: secondsSince(started, end), nodeCpuSeconds };
}

async function runOurs(
  kafka: Kafka,
  config: PlatformConfig,
  cleanup: Cleanup,
  topic: string,
  label: string,
  withFloor = false,
): Promise<Omit<OursResult, 'memory'>> {
  const schema = uniqueName(`bench_ours_${label}`);
  cleanup.schemas.add(schema);
  // Its own application name, so that its PostgreSQL backends (and their CPU time) can be found, and connections that
  // are never closed for idleness, so that those backends live from the first batch to the last.
  const options = dataSourceOptions(config, { schema, migrations: MIGRATIONS, applicationName: schema, poolSize: 4 });
  const ds = new DataSource({ ...options, extra: { ...(options.extra as object), idleTimeoutMillis: 0 } } as typeof options);
  await ds.initialize();
  try {
    const setupStarted = now();
    await runMigrationsWithLock(ds);
    const setupSeconds = secondsSince(setupStarted);
    const projection = new TrajectoryProjection(ds, { publishEvents: true });
    const groupId = uniqueName('bench-ours');
    cleanup.groups.add(groupId);
    let firstAt: bigint | undefined;
    let cpuAtFirst: NodeJS.CpuUsage | undefined;
    let postgresCpuAtFirst: number | null = null;
    let batches = 0;
    let largestBatch = 0;
    // The pool's backends: its connections stay open for the whole run (no idle time), so their CPU counters cover it.
    const backendPids = async (): Promise<number[]> =>
      ((await ds.query('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [schema])) as { pid: number }[]).map((r) => r.pid);
    await Promise.all([0, 1, 2, 3].map(() => ds.query('SELECT pg_backend_pid()'))); // open the whole pool now
    const pidsAtStart = await backendPids();
    const started = now();
    const { records } = await replayTopic(
      kafka,
      topic,
      async (batch) => {
        if (cpuAtFirst === undefined) {
          cpuAtFirst = process.cpuUsage();
          postgresCpuAtFirst = processCpuSeconds(pidsAtStart);
        }
        firstAt ??= now();
        batches++;
        largestBatch = Math.max(largestBatch, batch.length);
        await projection.applyRecords(batch);
      },
      { groupId },
    );
    const end = now();
    const nodeCpuSeconds = cpuAtFirst ? nodeCpuSecondsSince(cpuAtFirst) : 0;
    const pidsAtEnd = await backendPids();
    const postgresCpuAtEnd = processCpuSeconds(pidsAtEnd);
    // every backend must have existed at the start, or part of its CPU would be missing from the difference
    const sameBackends = pidsAtEnd.length === pidsAtStart.length && pidsAtEnd.every((pid) => pidsAtStart.includes(pid));
    const postgresCpuSeconds =
      sameBackends && postgresCpuAtEnd !== null && postgresCpuAtFirst !== null ? postgresCpuAtEnd - postgresCpuAtFirst : null;
    const [counts] = (await ds.query(
      `SELECT (SELECT count(*) FROM trajectory_bericht) AS berichten, (SELECT count(*) FROM client) AS clients, (SELECT count(*) ` +
        `FROM outbox) AS outbox`,
    )) as { berichten: string; clients: string; outbox: string }[];
    const { hash, trajectories } = await trajectoryTableHash(ds);
    const floor = withFloor ? await measureWriteFloor(ds, schema, cleanup) : undefined;
    return {
      floor,
      schema,
      records,
      seconds: secondsSince(firstAt ?? started, end),
      wallSeconds: secondsSince(started, end),
      nodeCpuSeconds,
      postgresCpuSeconds,
      setupSeconds,
      batches,
      largestBatch,
      trajectories,
      berichten: Number(counts?.berichten ?? 0),
      clients: Number(counts?.clients ?? 0),
      outbox: Number(counts?.outbox ?? 0),
      hash,
    };
  } finally {
    if (withFloor && KEEP_SCHEMA) log(`kept ${schema} (BENCH_KEEP_SCHEMA): drop it yourself when done`);
    else await ds.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch((e: unknown) => log(`could not drop ${schema}: ${String(e)}`));
    cleanup.schemas.delete(schema);
    await ds.destroy();
  }
}

const rate = (records: number, seconds: number): number => (seconds > 0 ? records / seconds : 0);

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  const kafka = createKafka(config, 'trajectwacht-bench');
  const cleanup = new Cleanup(kafka, config);
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      interrupted = true;
      log(`${signal}: cleaning up`);
      void cleanup.run().finally(() => process.exit(130));
    });
  }
  const startedAt = new Date();
  const mode = args.national ? 'national' : args.messages === 100_000 ? 'default' : `n${args.messages}`;
  log(
    `mode ${mode}: ${fmtInt(args.messages)} messages, baseline on the first ${fmtInt(args.baselineMessages)}, scaling series ` +
      `${args.series.join(', ')}`,
  );

  try {
    // ---- 1. generate and produce --------------------------------------------------------------------------------
    const genStarted = now();
    let messages: AcceptedMessage[] = generate(args.messages, args.seed);
    const generateSeconds = secondsSince(genStarted);
    log(`generated ${fmtInt(messages.length)} messages in ${fmtSeconds(generateSeconds)} s`);
    const topics = new Map<number, string>();
    const expectedTrajectories = new Map<number, number>();
    const sizes = [...new Set([args.messages, args.baselineMessages, ...args.series])];
    for (const size of sizes) {
      const topic = uniqueName(`bench.accepted.${size}`);
      cleanup.topics.add(topic);
      await createTopic(kafka, topic, PARTITIONS);
      topics.set(size, topic);
      expectedTrajectories.set(size, distinctTrajectories(messages.slice(0, size)));
    }
    const production = await measured('production', async () => produce(kafka, topics.get(args.messages)!, messages));
    log(`produced ${fmtInt(production.records)} records (${fmtMiB(production.bytes)}) in ${fmtSeconds(production.seconds)} s`);
    for (const size of sizes) {
      if (size === args.messages) continue;
      const extra = await produce(kafka, topics.get(size)!, messages.slice(0, size));
      log(`produced ${fmtInt(extra.records)} records to the ${fmtInt(size)} topic in ${fmtSeconds(extra.seconds)} s`);
    }
    const averageBytes = production.bytes / production.records;
    messages = []; // only the topics hold the data from here on

    // ---- 2. (a) ceiling -----------------------------------------------------------------------------------------
    const ceiling = await measured('ceiling', () => runCeiling(kafka, cleanup, topics.get(args.messages)!));
    log(`ceiling: ${fmtInt(ceiling.records)} in ${fmtSeconds(ceiling.seconds)} s = ${fmtInt(rate(ceiling.records, ceiling.seconds))}/s`);

    // ---- 3. (b) baseline ----------------------------------------------------------------------------------------
    const baselineSchema = uniqueName('bench_baseline');
    const baselineGroup = uniqueName('bench-baseline');
    cleanup.schemas.add(baselineSchema);
    cleanup.groups.add(`${baselineGroup}-server`); // the NestJS transport appends "-server"
    {
      const ds = new DataSource(dataSourceOptions(config, { poolSize: 1 }));
      await ds.initialize();
      await ds.query(`CREATE SCHEMA "${baselineSchema}"`);
      await ds.destroy();
    }
    const baseline = await measured('baseline', () =>
      runBaseline(config, {
        topic: topics.get(args.baselineMessages)!,
        groupId: baselineGroup,
        schema: baselineSchema,
        expected: args.baselineMessages,
        timeoutMs: args.baselineTimeoutMs,
        closers: cleanup.closers,
      }),
    );
    log(
      `baseline: ${fmtInt(baseline.records)} in ${fmtSeconds(baseline.seconds)} s = ${fmtInt(rate(baseline.records, baseline.seconds))}/s`,
    );

    // ---- 4. (c) ours, on the baseline's subset (state check) and on everything -----------------------------------
    const oursSubset = await measured('ours (baseline subset)', () =>
      runOurs(kafka, config, cleanup, topics.get(args.baselineMessages)!, 'subset'),
    );
    log(
      `ours on the subset: ${fmtInt(oursSubset.records)} in ${fmtSeconds(oursSubset.seconds)} s = ` +
        `${fmtInt(rate(oursSubset.records, oursSubset.seconds))}/s`,
    );
    const ours = await measured('ours', () => runOurs(kafka, config, cleanup, topics.get(args.messages)!, 'full', true));
    log(`ours: ${fmtInt(ours.records)} in ${fmtSeconds(ours.seconds)} s = ${fmtInt(rate(ours.records, ours.seconds))}/s`);

    // ---- 5. scaling series ----------------------------------------------------------------------------------------
    const scaling = new Map<number, OursResult>([[args.messages, ours]]);
    if (args.baselineMessages !== args.messages) scaling.set(args.baselineMessages, oursSubset);
    for (const size of args.series) {
      if (scaling.has(size)) continue;
      const result = await measured(`ours (${size})`, () => runOurs(kafka, config, cleanup, topics.get(size)!, String(size)));
      log(`ours at ${fmtInt(size)}: ${fmtSeconds(result.seconds)} s`);
      scaling.set(size, result);
    }

    // ---- checks -----------------------------------------------------------------------------------------------------
    const problems: string[] = [];
    for (const [size, r] of scaling) {
      if (r.records !== size || r.berichten !== size)
        problems.push(`ours at ${size}: replayed ${r.records}, stored ${r.berichten} messages`);
      if (r.trajectories !== expectedTrajectories.get(size))
        problems.push(`ours at ${size}: ${r.trajectories} trajectories, expected ${expectedTrajectories.get(size)}`);
      if (r.outbox === 0) problems.push(`ours at ${size}: no outbox rows although publishEvents is on`);
    }
    if (ours.floor && ours.floor.rows.trajectory_bericht !== ours.berichten)
      problems.push(`write floor copied ${ours.floor.rows.trajectory_bericht} messages, ours stored ${ours.berichten}`);
    if (ceiling.records !== args.messages) problems.push(`ceiling read ${ceiling.records} of ${args.messages}`);
    if (baseline.records !== args.baselineMessages)
      problems.push(`baseline handled ${baseline.records} of ${args.baselineMessages} (redeliveries?)`);
    const sameState = baseline.hash === oursSubset.hash && baseline.trajectories === oursSubset.trajectories;
    if (!sameState)
      problems.push(
        `baseline state (${baseline.trajectories} trajectories, ${baseline.hash}) differs from ours on the same messages ` +
          `(${oursSubset.trajectories}, ${oursSubset.hash})`,
      );

    // ---- report -------------------------------------------------------------------------------------------------------
    const rCeiling = rate(ceiling.records, ceiling.seconds);
    const rBaseline = rate(baseline.records, baseline.seconds);
    const rOurs = rate(ours.records, ours.seconds);
    const rOursSubset = rate(oursSubset.records, oursSubset.seconds);
    const floor = ours.floor!;
    const rFloor = rate(ours.records, floor.seconds);
    const mem = (m: MemoryPeak) => [fmtMiB(m.rssPeak), fmtMiB(m.heapUsedPeak)];
    const cpuSeconds = (s: number | null | undefined) => (s === null || s === undefined ? '–' : fmtSeconds(s));
    const nproc = availableParallelism();
    // CPU bound: what reading the records (the ceiling's Node CPU) plus committing the rows (the floor's PostgreSQL
    // CPU) cost together, spread perfectly over every core, and never faster than the floor's own wall time. No
    // implementation that reads these records with kafkajs and commits these rows can be faster on this machine.
    const boundSeconds =
      floor.postgresCpuSeconds === null
        ? null
        : Math.max(floor.seconds, ((ceiling.nodeCpuSeconds ?? 0) + floor.postgresCpuSeconds) / nproc);
    const rBound = boundSeconds === null ? null : rate(ours.records, boundSeconds);
    const yes = (ok: boolean) => (ok ? '**met**' : '**not met**');

    const throughput = table(
      ['Path', 'Messages', 'Seconds', 'Events/s', 'Seconds incl. join', 'Node CPU s', 'PostgreSQL CPU s', 'Peak RSS', 'Peak heap used'],
      [
        [
          'Production (not compared): kafkajs producer, batches of 2 000, 3 in flight, acks=all',
          fmtInt(production.records),
          fmtSeconds(production.seconds),
          fmtInt(rate(production.records, production.seconds)),
          '–',
          '–',
          '–',
          ...mem(production.memory),
        ],
        [
          '(a) Ceiling: raw kafkajs eachBatch, count + JSON.parse',
          fmtInt(ceiling.records),
          fmtSeconds(ceiling.seconds),
          fmtInt(rCeiling),
          fmtSeconds(ceiling.wallSeconds),
          cpuSeconds(ceiling.nodeCpuSeconds),
          '–',
          ...mem(ceiling.memory),
        ],
        [
          `(b) Baseline: NestJS Kafka transport + TypeORM repositories, per message (first ${fmtInt(args.baselineMessages)} only)`,
          fmtInt(baseline.records),
          fmtSeconds(baseline.seconds),
          fmtInt(rBaseline),
          fmtSeconds(baseline.wallSeconds),
          '–',
          '–',
          ...mem(baseline.memory),
        ],
        [
          `(c) Ours on the same ${fmtInt(args.baselineMessages)} messages`,
          fmtInt(oursSubset.records),
          fmtSeconds(oursSubset.seconds),
          fmtInt(rOursSubset),
          fmtSeconds(oursSubset.wallSeconds),
          cpuSeconds(oursSubset.nodeCpuSeconds),
          cpuSeconds(oursSubset.postgresCpuSeconds),
          ...mem(oursSubset.memory),
        ],
        [
          '(c) Ours: replayTopic → TrajectoryProjection (publishEvents: true)',
          fmtInt(ours.records),
          fmtSeconds(ours.seconds),
          fmtInt(rOurs),
          fmtSeconds(ours.wallSeconds),
          cpuSeconds(ours.nodeCpuSeconds),
          cpuSeconds(ours.postgresCpuSeconds),
          ...mem(ours.memory),
        ],
        [
          `(d) PostgreSQL write floor: the rows (c) committed, INSERT … SELECT server-side into empty tables with the same ` +
            `indexes (${STATE_TABLES.map(([t]) => `${fmtInt(floor.rows[t] ?? 0)} ${t}`).join(', ')})`,
          fmtInt(ours.records),
          fmtSeconds(floor.seconds),
          fmtInt(rFloor),
          '–',
          '–',
          cpuSeconds(floor.postgresCpuSeconds),
          '–',
          '–',
        ],
      ],
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    );
    const ratioRows: string[][] = [
      ['ours / baseline', fmtRatio(rOurs / rBaseline), '≥ 10×', yes(rOurs / rBaseline >= 10)],
      // retired (issue 16): the write floor alone stays below 30 % of the ceiling here, so no implementation can meet it
      ['ours / ceiling', fmtPercent(rOurs / rCeiling), 'retired (was ≥ 30 %: out of reach, see the write floor)', '–'],
      [`ours / baseline on the same ${fmtInt(args.baselineMessages)} messages`, fmtRatio(rOursSubset / rBaseline), '(for reference)', '–'],
      [
        'PostgreSQL write floor / ceiling: about the most any implementation committing these rows could reach here',
        fmtPercent(rFloor / rCeiling),
        '(bound)',
        '–',
      ],
      ['ours / PostgreSQL write floor', fmtPercent(rOurs / rFloor), '≥ 50 %', yes(rOurs / rFloor >= 0.5)],
      [
        `CPU bound / ceiling: ((a) Node CPU + (d) PostgreSQL CPU) over ${nproc} cores, at least (d)'s wall time — reading these ` +
          `records and committing these rows, with nothing else and no waiting`,
        rBound === null ? '– (PostgreSQL CPU not measurable)' : `${fmtPercent(rBound / rCeiling)} (${fmtInt(rBound)}/s)`,
        '(bound)',
        '–',
      ],
      [
        `CPU use of ours: (Node + PostgreSQL CPU) / (${nproc} cores × seconds)`,
        ours.postgresCpuSeconds === null || ours.postgresCpuSeconds === undefined
          ? '–'
          : fmtPercent(((ours.nodeCpuSeconds ?? 0) + ours.postgresCpuSeconds) / (nproc * ours.seconds)),
        '(for reference)',
        '–',
      ],
    ];
    if (args.national) {
      const secs = ours.wallSeconds;
      ratioRows.push([
        `wall time to replay ${fmtInt(ours.records)} messages into fresh tables (incl. join)`,
        `${fmtSeconds(secs)} s (${Math.floor(secs / 60)} min ${Math.round(secs % 60)} s)`,
        '< 5 min',
        yes(secs < 300),
      ]);
    }
    const ratios = table(['Ratio', 'Measured', 'Target', 'Result'], ratioRows, ['l', 'r', 'l', 'l']);
    const scalingTable = table(
      ['Messages', 'Seconds', 'µs / message', 'Events/s', 'Trajectories', 'Outbox events', 'Batches (largest)', 'Peak heap used'],
      [...scaling.entries()]
        .sort(([a], [b]) => a - b)
        .map(([size, r]) => [
          fmtInt(size),
          fmtSeconds(r.seconds),
          ((r.seconds * 1e6) / r.records).toFixed(1),
          fmtInt(rate(r.records, r.seconds)),
          fmtInt(r.trajectories),
          fmtInt(r.outbox),
          `${fmtInt(r.batches)} (${fmtInt(r.largestBatch)})`,
          fmtMiB(r.memory.heapUsedPeak),
        ]),
      ['r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    );
    const command = commandLine(args);
    const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
    const title = args.national
      ? 'National run (1 000 000 messages)'
      : mode === 'default'
        ? 'Default run (100 000 messages)'
        : `Run with ${fmtInt(args.messages)} messages`;
    const block = [
      `### ${title}`,
      '',
      `- Command: \`${command}\` (all tables below come from this one process run)`,
      `- Date: ${startedAt.toISOString().replace(/\.\d+Z$/, 'Z')}, whole run ${fmtSeconds(secondsSince(genStarted))} s`,
      `- Machine: nproc ${availableParallelism()}, ${(totalmem() / 1024 ** 3).toFixed(1)} GiB memory, ${cpu}; Node ` +
        `${process.version}; ${await postgresServer(config)}; Kafka single local broker, topics with ${PARTITIONS} partitions`,
      `- Data: ${fmtInt(args.messages)} synthetic accepted messages (seed ${args.seed}) in arrival order, ` +
        `${fmtInt(expectedTrajectories.get(args.messages) ?? 0)} trajectories, ${Math.round(averageBytes)} bytes per message on ` +
        `average; generated in ${fmtSeconds(generateSeconds)} s`,
      '',
      `Throughput, topic → committed state:`,
      '',
      throughput,
      '',
      ratios,
      '',
      `Scaling of ours (each size replayed from its own topic into a fresh schema; the ${fmtInt(args.baselineMessages)} row is ` +
        `the baseline-subset run):`,
      '',
      scalingTable,
      '',
      `Checks: baseline handled each message exactly once with at most ${baseline.maxConcurrency} message in progress at a time; ` +
        `its ${fmtInt(baseline.trajectories)} persisted trajectory states are ` +
        `${sameState ? '**identical**' : '**NOT identical**'} to ours on the same messages (content hash ` +
        `\`${baseline.hash.slice(0, 12)}\`).` +
        (problems.length
          ? `\n\n**Problems:**\n${problems.map((p) => `- ${p}`).join('\n')}`
          : ' Row counts of every run of ours match the input (messages, trajectories; outbox non-empty).'),
    ].join('\n');

    process.stdout.write(`\n${block}\n\n`);
    writeRunBlock(DOC, mode, block);
    log(`wrote ${DOC}`);
    if (problems.length) {
      process.exitCode = 1;
      log(`problems:\n - ${problems.join('\n - ')}`);
    }
  } finally {
    if (!interrupted) await cleanup.run();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    process.stderr.write(`benchmark failed: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);
