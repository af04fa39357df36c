import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import {
  TOPIC_DEFINITIONS,
  TOPIC_PREFIX,
  createKafka,
  dataSourceOptions,
  issueToken,
  loadConfig,
  type PlatformConfig,
  type Principal,
} from '@trajectwacht/platform';
import { senderKey, simulateBerichten } from '@trajectwacht/simulator';
import { publishSection, table } from './report';
import { fmtInt, fmtPercent, fmtSeconds, log, now, processCpuSeconds, secondsSince, uniqueName } from './support';

/**
 * The whole pipeline at national scale (issue 16, point 2): a national year of raw iJw 3.2 XML berichten from the
 * simulator (JW301/JW305/JW307 and whatever else it writes, in arrival order, initial load included) produced to
 * ijw.berichten.v1, then ingest, trajectory and signals as separate compiled processes (as in production) until every
 * consumer group's lag is 0 and the outbox is empty. Per size: its own topic prefix (a running platform never sees the
 * traffic), its own consumer groups, its own PostgreSQL schema and BullMQ prefix, all removed at the end.
 *
 *   npm run bench         10⁴, 10⁵ and 10⁶ berichten
 *   npm run bench:quick   10⁴ and 10⁵
 *   BENCH_PIPELINE_SIZES=100000 BENCH_PIPELINE_LABEL=before … only these sizes, their blocks kept under "<size>-<label>"
 *   BENCH_PIPELINE_CPU_PROF=<dir>   the service processes run with node --cpu-prof into <dir>
 */
const START = '<!-- pipeline-bench:start -->';
const END = '<!-- pipeline-bench:end -->';
const runStart = (k: string) => `<!-- pipeline-bench:run:${k}:start -->`;
const runEnd = (k: string) => `<!-- pipeline-bench:run:${k}:end -->`;
const ROOT = join(__dirname, '..', '..');
const SERVICES = ['ingest', 'trajectory', 'signals'] as const;
type Service = (typeof SERVICES)[number];
/** Berichten of one national simulated year at scale 1, initial load at 1 January included (seed 1, 2025). */
const NATIONAL_YEAR = 1_473_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Args {
  sizes: number[];
  national: boolean;
  label: string;
  cpuProfDir?: string;
  /** BENCH_PIPELINE_LOG_DIR: the services' output goes to <dir>/<service>-<size>.log. */
  logDir?: string;
  /** BENCH_PIPELINE_TIMEOUT_S: stop a size that has not drained by then and report how far it got. */
  timeoutS: number;
  /** BENCH_PIPELINE_DEADLINE (an ISO time): the same, at a moment on the clock. */
  deadline: number;
}

function parseArgs(argv: string[]): Args {
  const national = argv.includes('--national');
  const sizes = (process.env.BENCH_PIPELINE_SIZES ?? (national ? '10000,100000,1000000' : '10000,100000'))
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  const label = (process.env.BENCH_PIPELINE_LABEL ?? '').replace(/[^\w-]/g, '');
  const cpuProfDir = process.env.BENCH_PIPELINE_CPU_PROF;
  const logDir = process.env.BENCH_PIPELINE_LOG_DIR;
  const timeoutS = Number(process.env.BENCH_PIPELINE_TIMEOUT_S ?? 4 * 3600);
  const deadline = process.env.BENCH_PIPELINE_DEADLINE ? Date.parse(process.env.BENCH_PIPELINE_DEADLINE) : Infinity;
  return { sizes, national, label, timeoutS, deadline, ...(cpuProfDir ? { cpuProfDir } : {}), ...(logDir ? { logDir } : {}) };
}

// ---- the berichten -------------------------------------------------------------------------------------------------

interface Corpus {
  values: Buffer[];
  keys: string[];
  /** Index into `tokens` per bericht. */
  token: Uint16Array;
  tokens: string[];
  timestamps: Float64Array;
  bytes: number;
  soorten: Map<string, number>;
  initieel: number;
  products: number;
  scale: number;
  seconds: number;
  first: string;
  last: string;
}

/** The first `n` berichten of a national year (2025, seed 1) at the scale that makes the year about `n` berichten. */
function generate(n: number, config: PlatformConfig): Corpus {
  const started = now();
  const scale = Math.min(1, (n / NATIONAL_YEAR) * 1.03);
  const values: Buffer[] = [];
  const keys: string[] = [];
  const token = new Uint16Array(n);
  const timestamps = new Float64Array(n);
  const tokenIndex = new Map<string, number>();
  const tokens: string[] = [];
  const soorten = new Map<string, number>();
  let bytes = 0;
  let initieel = 0;
  let products = 0;
  let first = '';
  let last = '';
  // long enough for the slowest run; the platform checks expiry against the wall clock
  const ttl = 12 * 3600;
  for (const b of simulateBerichten({ region: 'national', seed: 1, from: '2025-01-01', to: '2025-12-31', scale })) {
    const i = values.length;
    if (i >= n) break;
    const key = senderKey(b.sender);
    let t = tokenIndex.get(key);
    if (t === undefined) {
      const principal: Principal =
        b.sender.role === 'toegang'
          ? { role: 'toegang', gemeente: b.sender.gemeente, sub: 'bench' }
          : { role: 'aanbieder', agb: b.sender.agb, sub: 'bench' };
      t = tokens.push(`Bearer ${issueToken(principal, config.authSecret, ttl)}`) - 1;
      tokenIndex.set(key, t);
    }
    const value = Buffer.from(b.xml);
    values.push(value);
    keys.push(key);
    token[i] = t;
    timestamps[i] = Date.parse(b.at);
    bytes += value.length;
    soorten.set(b.soort, (soorten.get(b.soort) ?? 0) + 1);
    if (b.initieel) initieel++;
    products += b.regels.length;
    if (!first) first = b.at;
    last = b.at;
  }
  if (values.length < n) throw new Error(`the simulator gave ${values.length} berichten at scale ${scale}, fewer than ${n}`);
  return {
    values,
    keys,
    token,
    tokens,
    timestamps,
    bytes,
    soorten,
    initieel,
    products,
    scale,
    seconds: secondsSince(started),
    first,
    last,
  };
}

// ---- CPU of processes ----------------------------------------------------------------------------------------------

/** Local ports of the process's TCP connections to `remotePort` (its sockets matched with /proc/net/tcp{,6}). */
function localPortsTo(pid: number, remotePort: number): number[] {
  const inodes = new Set<string>();
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m) inodes.add(m[1]!);
      } catch {
        // closed meanwhile
      }
    }
  } catch {
    return [];
  }
  const ports: number[] = [];
  for (const file of ['tcp', 'tcp6']) {
    let text = '';
    try {
      text = readFileSync(`/proc/${pid}/net/${file}`, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10 || !inodes.has(f[9]!)) continue;
      const local = parseInt(f[1]!.split(':')[1]!, 16);
      const remote = parseInt(f[2]!.split(':')[1]!, 16);
      if (remote === remotePort) ports.push(local);
    }
  }
  return ports;
}

/** Pids of the local processes whose command name is `comm` (e.g. every PostgreSQL process). */
function pidsNamed(test: (comm: string, cmdline: string) => boolean): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      const cmdline = comm === 'java' ? readFileSync(`/proc/${entry}/cmdline`, 'utf8') : '';
      if (test(comm, cmdline)) pids.push(Number(entry));
    } catch {
      // gone
    }
  }
  return pids;
}

const cpuOf = (pid: number): number | null => processCpuSeconds([pid]);

/** CPU of a changing set of processes: the first value seen per pid is its baseline (0 for pids that appear later). */
class CpuTally {
  private readonly seen = new Map<number, { first: number; last: number }>();
  constructor(private readonly list: () => Promise<number[]> | number[]) {}

  async sample(baseline = false): Promise<void> {
    for (const pid of await this.list()) {
      const cpu = cpuOf(pid);
      if (cpu === null) continue;
      const entry = this.seen.get(pid);
      if (entry) entry.last = cpu;
      else this.seen.set(pid, { first: baseline ? cpu : 0, last: cpu });
    }
  }

  get seconds(): number {
    let sum = 0;
    for (const { first, last } of this.seen.values()) sum += last - first;
    return sum;
  }

  get processes(): number {
    return this.seen.size;
  }
}

// ---- Kafka ---------------------------------------------------------------------------------------------------------

async function produce(kafka: Kafka, topic: string, corpus: Corpus): Promise<{ seconds: number; cpu: number }> {
  const producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const cpuStart = process.cpuUsage();
  const started = now();
  try {
    const pending = new Set<Promise<unknown>>();
    const batch = 500;
    for (let i = 0; i < corpus.values.length; i += batch) {
      const messages = [];
      for (let j = i; j < Math.min(i + batch, corpus.values.length); j++)
        messages.push({
          key: corpus.keys[j]!,
          value: corpus.values[j]!,
          timestamp: String(corpus.timestamps[j]),
          headers: { authorization: corpus.tokens[corpus.token[j]!]! },
        });
      // sends are serialised per sender key by the partitioner only within one send: keep one in flight so the log
      // holds every sender's berichten in their sending order (TR056 and the held sweep depend on it)
      const send: Promise<unknown> = producer.send({ topic, acks: -1, messages }).finally(() => pending.delete(send));
      pending.add(send);
      if (pending.size >= 1) await Promise.race(pending);
    }
    await Promise.all(pending);
    const used = process.cpuUsage(cpuStart);
    return { seconds: secondsSince(started), cpu: (used.user + used.system) / 1e6 };
  } finally {
    await producer.disconnect();
  }
}

/** The ceiling: a raw kafkajs consumer (fresh group, eachBatch) that only counts the records and their bytes. */
async function rawConsume(kafka: Kafka, topic: string, expected: number): Promise<{ seconds: number; cpu: number; bytes: number }> {
  const consumer = kafka.consumer({
    groupId: uniqueName('bench-pipe-ceiling'),
    maxBytesPerPartition: 4 * 1024 * 1024,
    maxWaitTimeInMs: 100,
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let count = 0;
  let bytes = 0;
  let started: bigint | undefined;
  let cpuStart: NodeJS.CpuUsage | undefined;
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  let end = now();
  let cpu = 0;
  await consumer.run({
    partitionsConsumedConcurrently: 2,
    eachBatch: async ({ batch }) => {
      if (!started) {
        started = now();
        cpuStart = process.cpuUsage();
      }
      for (const m of batch.messages) bytes += m.value?.length ?? 0;
      count += batch.messages.length;
      if (count >= expected) {
        end = now();
        const used = process.cpuUsage(cpuStart);
        cpu = (used.user + used.system) / 1e6;
        done();
      }
    },
  });
  await finished;
  await consumer.disconnect();
  return { seconds: secondsSince(started!, end), cpu, bytes };
}

interface GroupLag {
  group: string;
  topic: string;
  lag: number;
  high: number;
}

async function lags(kafka: Kafka, groups: { group: string; topic: string }[]): Promise<GroupLag[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const out: GroupLag[] = [];
    for (const { group, topic } of groups) {
      const offsets = await admin.fetchTopicOffsets(topic);
      const committed = await admin.fetchOffsets({ groupId: group, topics: [topic] });
      const byPartition = new Map(committed[0]?.partitions.map((p) => [p.partition, BigInt(p.offset)]) ?? []);
      let lag = 0n;
      let high = 0n;
      for (const o of offsets) {
        const c = byPartition.get(o.partition) ?? -1n;
        const from = c < 0n ? BigInt(o.low) : c;
        lag += BigInt(o.high) - from;
        high += BigInt(o.high) - BigInt(o.low);
      }
      out.push({ group, topic, lag: Number(lag), high: Number(high) });
    }
    return out;
  } finally {
    await admin.disconnect();
  }
}

// ---- the services --------------------------------------------------------------------------------------------------

async function listening(port: number, child: ChildProcess, name: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited during start-up`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).status > 0) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${name} did not listen on ${port}`);
}

interface RunResult {
  size: number;
  /** False when BENCH_PIPELINE_TIMEOUT_S stopped it first. */
  drained: boolean;
  /** Berichten ingest had committed when it ended (all of them when drained). */
  ingested: number;
  corpus: Omit<Corpus, 'values' | 'keys' | 'token' | 'tokens' | 'timestamps'>;
  produce: { seconds: number; cpu: number };
  ceiling: { seconds: number; cpu: number; bytes: number };
  startup: number;
  drain: number;
  wall: number;
  serviceCpu: Record<Service, number>;
  postgresOurs: number;
  postgresBackends: number;
  postgresServer: number | null;
  broker: number | null;
  outcome: string;
  topics: Record<string, number>;
  rows: Record<string, number>;
  loadStart: number[];
  loadEnd: number[];
  startedAt: Date;
}

async function runSize(size: number, args: Args, config: PlatformConfig): Promise<RunResult> {
  const startedAt = new Date();
  const loadStart = loadavg();
  log(`pipeline ${fmtInt(size)}: generating the berichten (national, seed 1, 2025)`);
  const corpus = generate(size, config);
  log(
    `pipeline ${fmtInt(size)}: ${fmtInt(corpus.values.length)} berichten at scale ${corpus.scale.toFixed(4)} ` +
      `in ${fmtSeconds(corpus.seconds)} s`,
  );
  const run = uniqueName(`p${size}`).replace(/_/g, '-');
  const prefix = `${TOPIC_PREFIX || 'bench.'}${run}.`;
  const schema = uniqueName(`bench_pipe_${size}`);
  const bullmq = uniqueName('bench-pipe');
  const base = (name: string) => name.slice(TOPIC_PREFIX.length);
  const topic = (name: string) => `${prefix}${name}`;
  const topics = TOPIC_DEFINITIONS.map((t) => ({ name: topic(base(t.name)), partitions: t.partitions }));
  const groups = {
    INGEST_GROUP_ID: { group: uniqueName('bench-pipe-ingest'), topic: topic('ijw.berichten.v1') },
    TRAJECTORY_GROUP_ID: { group: uniqueName('bench-pipe-trajectory'), topic: topic('ijw.geaccepteerd.v1') },
    SIGNAL_GROUP_ID: { group: uniqueName('bench-pipe-signals'), topic: topic('trajectory.events.v1') },
    NOTIFY_GROUP_ID: { group: uniqueName('bench-pipe-notify'), topic: topic('alerts.v1') },
    VERVOLG_GROUP_ID: { group: uniqueName('bench-pipe-vervolg'), topic: topic('vervolg.v1') },
  };
  const kafka = createKafka(config, 'bench-pipeline');
  const admin = kafka.admin();
  await admin.connect();
  const children = new Map<Service, ChildProcess>();
  const db = new DataSource(dataSourceOptions(config, { poolSize: 1, applicationName: 'trajectwacht-bench-pipeline' }));
  await db.initialize();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: topics.map((t) => ({ topic: t.name, numPartitions: t.partitions, replicationFactor: 1 })),
    });
    log(`pipeline ${fmtInt(size)}: producing to ${topic('ijw.berichten.v1')}`);
    const produced = await produce(kafka, topic('ijw.berichten.v1'), corpus);
    log(`pipeline ${fmtInt(size)}: produced in ${fmtSeconds(produced.seconds)} s; ceiling: raw consume`);
    const ceiling = await rawConsume(kafka, topic('ijw.berichten.v1'), size);
    const { values, keys, token, tokens, timestamps, ...summary } = corpus;
    void [keys, token, tokens, timestamps];
    values.length = 0; // free the berichten before the services run

    const basePort = 42_000 + Math.floor(Math.random() * 8_000);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      TRAJECTWACHT_TOPIC_PREFIX: prefix,
      DATABASE_SCHEMA: schema,
      BULLMQ_PREFIX: bullmq,
      LOG_LEVEL: 'warn',
      INGEST_PORT: String(basePort),
      TRAJECTORY_PORT: String(basePort + 1),
      SIGNALS_PORT: String(basePort + 2),
      ...Object.fromEntries(Object.entries(groups).map(([k, v]) => [k, v.group])),
    };
    const nodeArgs = ['-r', './tools/register-paths.js'];
    if (args.cpuProfDir) {
      mkdirSync(args.cpuProfDir, { recursive: true });
      nodeArgs.unshift('--cpu-prof', `--cpu-prof-dir=${args.cpuProfDir}`);
    }
    const spawned = now();
    log(`pipeline ${fmtInt(size)}: starting ${SERVICES.join(', ')} (schema ${schema}, topics ${prefix}*)`);
    for (const name of SERVICES) {
      const child = spawn('node', [...nodeArgs, `dist/apps/${name}/src/main.js`], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let tail = '';
      const keep = (c: Buffer) => (tail = (tail + c.toString('utf8')).slice(-4000));
      child.stdout!.on('data', keep);
      child.stderr!.on('data', keep);
      if (args.logDir) {
        mkdirSync(args.logDir, { recursive: true });
        const file = createWriteStream(join(args.logDir, `${name}-${size}.log`));
        child.stdout!.pipe(file, { end: false });
        child.stderr!.pipe(file, { end: false });
        child.once('close', () => file.end());
      }
      child.once('exit', (code, signal) => {
        if (code !== 0 && signal !== 'SIGTERM') log(`${name} exited (${code ?? signal}): ${tail}`);
      });
      children.set(name, child);
    }
    const deadline = Date.now() + 180_000;
    for (let i = 0; i < SERVICES.length; i++) await listening(basePort + i, children.get(SERVICES[i]!)!, SERVICES[i]!, deadline);
    const startup = secondsSince(spawned);

    // CPU: each service process; the PostgreSQL backends serving them (their connections matched by port); the
    // whole PostgreSQL server and the broker (shared with whatever else runs on this machine)
    const servicePids = new Map(SERVICES.map((s) => [s, children.get(s)!.pid!]));
    const serviceStart = new Map(SERVICES.map((s) => [s, cpuOf(servicePids.get(s)!) ?? 0]));
    const backends = new CpuTally(async () => {
      const ports = SERVICES.flatMap((s) => localPortsTo(servicePids.get(s)!, 5432));
      if (ports.length === 0) return [];
      const rows: { pid: number }[] = await db.query(`SELECT pid FROM pg_stat_activity WHERE client_port = ANY($1::int[])`, [ports]);
      return rows.map((r) => r.pid);
    });
    const server = new CpuTally(() => pidsNamed((comm) => comm === 'postgres'));
    const broker = new CpuTally(() => pidsNamed((comm, cmd) => comm === 'java' && cmd.includes('kafka.Kafka')));
    await Promise.all([backends.sample(true), server.sample(true), broker.sample(true)]);
    const drainStart = now();
    const watched = Object.values(groups);
    let quiet = 0;
    let lastLog = Date.now();
    let lastHighs = '';
    let drained = true;
    let ingested = size;
    for (;;) {
      await sleep(500);
      await backends.sample();
      const current = await lags(kafka, watched);
      const outbox = Number(((await db.query(`SELECT count(*)::int AS n FROM "${schema}".outbox`)) as { n: number }[])[0]!.n);
      const highs = current.map((l) => l.high).join(',');
      const idle = current.every((l) => l.lag === 0) && outbox === 0 && current[0]!.high >= size;
      quiet = idle && highs === lastHighs ? quiet + 1 : idle ? 1 : 0;
      ingested = current[0]!.high - current[0]!.lag;
      lastHighs = highs;
      if (Date.now() - lastLog > 15_000 || quiet >= 2) {
        lastLog = Date.now();
        log(
          `pipeline ${fmtInt(size)} at ${fmtSeconds(secondsSince(drainStart))} s: ` +
            current.map((l) => `${l.topic.slice(prefix.length)} lag ${l.lag}/${l.high}`).join(', ') +
            `; outbox ${outbox}`,
        );
      }
      for (const [name, child] of children)
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} stopped during the run`);
      if (quiet >= 2) break;
      if (secondsSince(drainStart) > args.timeoutS || Date.now() > args.deadline) {
        drained = false;
        log(`pipeline ${fmtInt(size)}: not drained by BENCH_PIPELINE_TIMEOUT_S or _DEADLINE; stopping`);
        break;
      }
    }
    // the moment the last check found everything drained (one check interval before the confirming one)
    const drain = secondsSince(drainStart) - (drained ? 0.5 : 0);
    const wall = secondsSince(spawned) - (drained ? 0.5 : 0);
    const serviceCpu = Object.fromEntries(SERVICES.map((s) => [s, (cpuOf(servicePids.get(s)!) ?? 0) - serviceStart.get(s)!])) as Record<
      Service,
      number
    >;
    await Promise.all([backends.sample(), server.sample(), broker.sample()]);

    const outcomeRows: { status: string; n: number }[] = await db.query(
      `SELECT status, count(*)::int AS n FROM "${schema}".ijw_heenbericht GROUP BY status ORDER BY status`,
    );
    const count = async (t: string) =>
      Number(((await db.query(`SELECT count(*)::int AS n FROM "${schema}".${t}`)) as { n: number }[])[0]!.n);
    const rows = {
      ijw_bericht: await count('ijw_bericht'),
      trajectory: await count('trajectory'),
      client: await count('client'),
      alert: await count('alert'),
    };
    const topicSizes: Record<string, number> = {};
    const everyTopic = [...watched, ...['ijw.retour.v1', 'deadletter.v1'].map((t) => ({ group: watched[0]!.group, topic: topic(t) }))];
    for (const l of await lags(kafka, everyTopic)) topicSizes[l.topic.slice(prefix.length)] = l.high;
    return {
      size,
      drained,
      ingested,
      corpus: summary,
      produce: produced,
      ceiling,
      startup,
      drain,
      wall,
      serviceCpu,
      postgresOurs: backends.seconds,
      postgresBackends: backends.processes,
      postgresServer: server.processes > 0 ? server.seconds : null,
      broker: broker.processes > 0 ? broker.seconds : null,
      outcome: outcomeRows.map((r) => `${r.status} ${fmtInt(r.n)}`).join(', '),
      topics: topicSizes,
      rows,
      loadStart,
      loadEnd: loadavg(),
      startedAt,
    };
  } finally {
    for (const [name, child] of children) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        await exited;
        clearTimeout(timer);
        log(`${name} stopped`);
      }
    }
    await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch((e: unknown) => log(`could not drop ${schema}: ${String(e)}`));
    await db.destroy();
    await admin.deleteGroups(Object.values(groups).map((g) => g.group)).catch(() => undefined);
    await admin.deleteTopics({ topics: topics.map((t) => t.name) }).catch((e: unknown) => log(`could not delete ${prefix}*: ${String(e)}`));
    await admin.disconnect();
    await deleteRedisKeys(config, bullmq);
  }
}

async function deleteRedisKeys(config: PlatformConfig, prefix: string): Promise<void> {
  const { default: Redis } = await import('ioredis');
  const redis = new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } catch (error) {
    log(`could not delete the BullMQ keys ${prefix}:*: ${String(error)}`);
  } finally {
    redis.disconnect();
  }
}

// ---- report --------------------------------------------------------------------------------------------------------

const us = (seconds: number, n: number) => ((seconds / n) * 1e6).toFixed(0);
const load = (l: number[]) => l.map((v) => v.toFixed(1)).join(' ');
const minutes = (s: number) => `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;

function block(r: RunResult, command: string, machine: string): string {
  // a run stopped by the timeout is measured over what ingest had committed by then
  const n = r.drained ? r.size : r.ingested;
  const svcTotal = SERVICES.reduce((sum, s) => sum + r.serviceCpu[s], 0);
  const total = svcTotal + r.postgresOurs;
  const soorten = [...r.corpus.soorten.entries()]
    .sort()
    .map(([s, c]) => `${s} ${fmtInt(c)}`)
    .join(', ');
  const rows: string[][] = [
    [
      'Production (not compared): kafkajs producer, batches of 500, acks=all, one send in flight (sender order kept)',
      fmtSeconds(r.produce.seconds),
      fmtInt(n / r.produce.seconds),
      r.produce.cpu.toFixed(1),
      us(r.produce.cpu, n),
    ],
    [
      'Ceiling: raw kafkajs eachBatch of the same records (count the bytes)',
      fmtSeconds(r.ceiling.seconds),
      fmtInt(n / r.ceiling.seconds),
      r.ceiling.cpu.toFixed(1),
      us(r.ceiling.cpu, n),
    ],
    [
      r.drained
        ? `**Pipeline**: ingest → trajectory → signals, three processes, until every group's lag is 0 and the outbox empty`
        : `**Pipeline, NOT drained**: stopped after ${fmtSeconds(r.drain)} s (BENCH_PIPELINE_TIMEOUT_S or _DEADLINE) ` +
          `with ${fmtInt(n)} of ` +
          `${fmtInt(r.size)} berichten ingested; rates and CPU over those ${fmtInt(n)}`,
      `**${fmtSeconds(r.drain)}**`,
      `**${fmtInt(n / r.drain)}**`,
      total.toFixed(0),
      us(total, n),
    ],
  ];
  const cpuRows: string[][] = [
    ...SERVICES.map((s) => [
      `${s} (node process)`,
      r.serviceCpu[s].toFixed(1),
      us(r.serviceCpu[s], n),
      fmtPercent(r.serviceCpu[s] / total),
    ]),
    [
      `PostgreSQL backends of the three services (${r.postgresBackends} connections)`,
      r.postgresOurs.toFixed(1),
      us(r.postgresOurs, n),
      fmtPercent(r.postgresOurs / total),
    ],
    ['**sum**', `**${total.toFixed(1)}**`, `**${us(total, n)}**`, '100 %'],
    [
      'for reference: the whole PostgreSQL server (all its processes, shared with the other sessions on this machine)',
      r.postgresServer === null ? '–' : r.postgresServer.toFixed(1),
      r.postgresServer === null ? '–' : us(r.postgresServer, n),
      '–',
    ],
    [
      'for reference: the Kafka broker (shared)',
      r.broker === null ? '–' : r.broker.toFixed(1),
      r.broker === null ? '–' : us(r.broker, n),
      '–',
    ],
  ];
  const topics = Object.entries(r.topics)
    .map(([t, c]) => `${t} ${fmtInt(c)}`)
    .join(', ');
  const target = !r.drained
    ? `Target 10⁶ in ≤ 8 minutes: **not met** (not drained; at this rate ${fmtInt(r.size)} would take about ` +
      `${minutes((r.drain / n) * r.size)}).`
    : n >= 1_000_000
      ? `Target 10⁶ in ≤ 8 minutes: ${minutes(r.drain)} drained, ${minutes(r.wall)} incl. start-up: ` +
        `**${r.wall <= 480 ? 'met' : 'not met'}**.`
      : `At this rate 10⁶ would take about ${minutes((r.drain / n) * 1e6)} (target ≤ 8 minutes; linear extrapolation).`;
  return [
    `### ${fmtInt(r.size)} berichten`,
    '',
    `- Command: \`${command}\` (this table from one process run; ${r.startedAt.toISOString().slice(0, 19)}Z)`,
    `- Machine: ${machine}; load average at the start ${load(r.loadStart)}, at the end ${load(r.loadEnd)}`,
    `- Data: ${fmtInt(r.size)} iJw 3.2 XML berichten of the national simulation (seed 1, 2025, scale ${r.corpus.scale.toFixed(4)}, ` +
      `the first ${fmtInt(r.size)} in sending order ${r.corpus.first.slice(0, 10)} … ${r.corpus.last.slice(0, 10)}; ${soorten}; ` +
      `${fmtInt(r.corpus.initieel)} of them the initial load at 1 January; ${fmtInt(r.corpus.products)} products; ` +
      `${fmtInt(r.corpus.bytes / r.size)} bytes per bericht), generated in ${fmtSeconds(r.corpus.seconds)} s`,
    '',
    table(['Path', 'Seconds', 'Berichten/s', 'CPU s', 'CPU µs / bericht'], rows, ['l', 'r', 'r', 'r', 'r']),
    '',
    `Start-up of the three services (spawn → listening, migrations included) ${fmtSeconds(r.startup)} s, not in the pipeline's ` +
      `seconds; wall time from spawn to drained ${fmtSeconds(r.wall)} s. Pipeline / ceiling: ${fmtPercent(r.ceiling.seconds / r.drain)}. ` +
      `CPU use: ${fmtPercent(total / (cpus().length * r.drain))} of ${cpus().length} cores (services + their backends).`,
    '',
    'Where the time goes (CPU from /proc/<pid>/stat, user + system, from all three listening to drained):',
    '',
    table(['Process', 'CPU s', 'µs / bericht', 'Share'], cpuRows, ['l', 'r', 'r', 'r']),
    '',
    `Outcome (ijw_heenbericht): ${r.outcome}. Rows: ${Object.entries(r.rows)
      .map(([k, v]) => `${k} ${fmtInt(v)}`)
      .join(', ')}. Topics: ${topics}.`,
    '',
    target,
  ].join('\n');
}

function scaling(results: RunResult[], command: string): string {
  const base = results[0]!;
  const per = (r: RunResult) => r.drain / r.size;
  const cpu = (r: RunResult) => SERVICES.reduce((s, k) => s + r.serviceCpu[k], 0) + r.postgresOurs;
  return [
    `### Cost per bericht by size (${results[0]!.startedAt.toISOString().slice(0, 19)}Z, \`${command}\`)`,
    '',
    table(
      ['Berichten', 'Seconds', 'µs / bericht (wall)', 'CPU µs / bericht', 'ingest', 'trajectory', 'signals', 'PostgreSQL', 'vs smallest'],
      results.map((r) => [
        fmtInt(r.size),
        fmtSeconds(r.drain),
        us(r.drain, r.size),
        us(cpu(r), r.size),
        us(r.serviceCpu.ingest, r.size),
        us(r.serviceCpu.trajectory, r.size),
        us(r.serviceCpu.signals, r.size),
        us(r.postgresOurs, r.size),
        `${(per(r) / per(base)).toFixed(2)}×`,
      ]),
      ['r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
    'Linear cost keeps "vs smallest" at 1.00×; the smallest run carries more fixed cost (group joins, the first batches).',
  ].join('\n');
}

const INTRO = `## The whole pipeline: a national year of raw berichten (issue 16)

Produced by \`bench/pipeline.bench.ts\` (\`npm run bench\` with 10⁴, 10⁵ and 10⁶ berichten, \`npm run bench:quick\` with 10⁴ and
10⁵; one size alone: \`BENCH_ONLY=pipeline BENCH_PIPELINE_SIZES=100000 npm run bench:quick\`).

- **Data**: the national simulation of \`libs/simulator\` (\`simulateBerichten\`, seed 1, 2025) at the scale that makes a year
  about the wanted size, its first n berichten in sending order: raw iJw 3.2 XML as senders publish them (JW301/JW305/JW307 and
  whatever other berichten the simulator writes), the initial load of running toewijzingen at 1 January included; each with its
  sender's organisation token (header \`authorization\`), keyed by sender, the record time the sending time.
- **Isolation**: per size a topic prefix of its own (\`TRAJECTWACHT_TOPIC_PREFIX\`, every topic of infra/kafka/topics.json created
  under it), consumer groups, a PostgreSQL schema (\`DATABASE_SCHEMA\`) and a BullMQ prefix of its own, all removed at the end:
  a running platform neither sees this traffic nor is disturbed by it.
- **Production** to \`ijw.berichten.v1\` first (reported, not compared), then the **ceiling**: a raw kafkajs consumer reading the
  same records (the fastest this broker and client hand them to Node).
- **Pipeline**: the compiled ingest, trajectory and signal services (\`dist/apps/<service>/src/main.js\`, as in production, each a
  process of its own, LOG_LEVEL warn) start on the filled topic. Timed from all three listening until every consumer group
  (ingest, trajectory, signals, notify, vervolg) has lag 0 against its topic's end offsets (kafkajs admin \`fetchOffsets\` vs
  \`fetchTopicOffsets\`, polled every 0.5 s) and the outbox is empty, twice in a row with no topic growing.
- **CPU** per process from \`/proc/<pid>/stat\` (user + system) over the same interval; the PostgreSQL backends are those whose
  client port belongs to a service process's connection (matched through /proc/<pid>/net/tcp and \`pg_stat_activity\`), so other
  sessions on the same server are not counted. The broker and the server as a whole are shown for reference only.
`;

function writeBlocks(blocks: Map<string, string>): void {
  const file = process.env.BENCH_REPORT_FILE ?? join(__dirname, '..', '..', 'docs', 'benchmarks.md');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  const kept = new Map<string, string>();
  if (a >= 0 && b > a)
    for (const m of text.slice(a, b).matchAll(/<!-- pipeline-bench:run:([\w-]+):start -->([\s\S]*?)<!-- pipeline-bench:run:\1:end -->/g))
      kept.set(m[1]!, m[2]!.trim());
  for (const [k, v] of blocks) kept.set(k, v.trim());
  const order = [...kept.keys()].sort((x, y) => {
    const nx = parseInt(x, 10);
    const ny = parseInt(y, 10);
    if (Number.isNaN(nx) !== Number.isNaN(ny)) return Number.isNaN(nx) ? 1 : -1;
    return nx !== ny ? nx - ny : x.localeCompare(y);
  });
  const body = order.map((k) => `${runStart(k)}\n${kept.get(k)}\n${runEnd(k)}`).join('\n\n');
  publishSection(START, END, `${START}\n${INTRO}\n${body}\n${END}`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  const machine =
    `nproc ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${cpus()[0]?.model.trim() ?? '?'}; ` + `Node ${process.version}`;
  const command =
    (args.national ? 'npm run bench' : 'npm run bench:quick') +
    (process.env.BENCH_PIPELINE_SIZES ? ` with BENCH_ONLY=pipeline BENCH_PIPELINE_SIZES=${args.sizes.join(',')}` : '') +
    (args.label ? ` BENCH_PIPELINE_LABEL=${args.label}` : '');
  const results: RunResult[] = [];
  const blocks = new Map<string, string>();
  const suffix = args.label ? `-${args.label}` : '';
  for (const size of args.sizes) {
    const result = await runSize(size, args, config);
    results.push(result);
    blocks.set(`${size}${suffix}`, block(result, command, machine));
    writeBlocks(blocks);
  }
  if (results.length > 1) {
    blocks.set(`scaling${suffix}`, scaling(results, command));
    writeBlocks(blocks);
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`pipeline benchmark failed: ${(error as Error).stack}\n`);
    process.exit(1);
  },
);
