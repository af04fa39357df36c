import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';
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
import { addDays, dutchDate, type IsoDate } from '@trajectwacht/ijw';
import { senderKey } from '@trajectwacht/simulator';
import { dropExplainRole, readExplain, startExplain, type ExplainSession, type StatementStat } from './pipeline-statements';
import { corpus as corpusSource, records, scaleFor, type CorpusSummary, type Sender, type SimulatedYear } from './pipeline-corpus';
import { publishSection, table } from './report';
import {
  fmtInt,
  fmtPercent,
  fmtSeconds,
  freePorts,
  log,
  now,
  postgresServer,
  processCpuSeconds,
  secondsSince,
  uniqueName,
} from './support';

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
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Set by SIGINT/SIGTERM: the running size stops and cleans up (services, schema, topics, groups, BullMQ keys). */
let interrupted = false;
/** The service processes alive: killed when this process exits whatever way (a crash skips runSize's cleanup). */
const liveChildren = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of liveChildren) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

interface Args {
  sizes: number[];
  national: boolean;
  label: string;
  cpuProfDir?: string;
  /** BENCH_PIPELINE_LOG_DIR: the services' output goes to <dir>/<service>-<size>.log. */
  logDir?: string;
  /**
   * BENCH_PIPELINE_TIMEOUT_S: stop a size that has not drained by then (seconds after the services listen) and report
   * how far it got. Default 300 s + 2 ms per bericht (10⁴: 5 min 20 s, 10⁵: 8 min 20 s, 10⁶: 38 min 20 s).
   */
  timeoutS: (size: number) => number;
  /** BENCH_PIPELINE_CORPUS_DIR (default tmp/bench-corpus, gitignored): the generated berichten kept for the next run; "off": none. */
  corpusDir: string | null;
  /** BENCH_PIPELINE_PRODUCERS (default 3): producers at once, each owning some partitions (one send in flight each). */
  producers: number;
  /**
   * BENCH_PIPELINE_EXPLAIN_SAMPLES (default 20 000; 0: off): about this many statements of the services are sampled by
   * auto_explain per size (pipeline-statements.ts), for the time per statement.
   */
  explainSamples: number;
  /** BENCH_PIPELINE_VACUUM_S (default 60, autovacuum's naptime; 0: none): the stand-in for autovacuum when it is off. */
  vacuumS: number;
  /** BENCH_PIPELINE_PRODUCE_ONLY=1: generate, produce and read the ceiling only (a check of the first minutes). */
  produceOnly: boolean;
  /** BENCH_PIPELINE_STARTUP_S (default 600): the services must listen by then (migrations wait on a server-wide lock). */
  startupS: number;
  /** BENCH_PIPELINE_DEADLINE (an ISO time): the same, at a moment on the clock. */
  deadline: number;
  /** BENCH_PIPELINE_YEAR (default "last": the 365 days up to yesterday; or a calendar year): what is simulated. */
  year: SimulatedYear;
}

/**
 * The year the benchmark simulates (BENCH_PIPELINE_YEAR): by default the 365 days up to yesterday (Amsterdam), so that the
 * services' wall clock, which the signal service's timer sweep runs on, is the end of the data as it is live; a calendar
 * year (`2025`) on request. With a past year a timer the sweep fires judges a state of months ago at today's date and
 * can raise alerts no live platform would (resolved at the child's next event); at 10⁴ berichten the two gave about the
 * same alerts (docs/benchmarks.md).
 */
function simulatedYear(setting: string | undefined, today: IsoDate): SimulatedYear {
  if (setting === undefined || setting === '' || setting === 'last') return { from: addDays(today, -365), to: addDays(today, -1) };
  if (!/^20[0-9]{2}$/.test(setting)) throw new Error(`BENCH_PIPELINE_YEAR must be "last" or a year such as 2025 (got "${setting}")`);
  return { from: `${setting}-01-01`, to: `${setting}-12-31` };
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
  const fixedTimeout = process.env.BENCH_PIPELINE_TIMEOUT_S ? Number(process.env.BENCH_PIPELINE_TIMEOUT_S) : null;
  const timeoutS = (size: number) => fixedTimeout ?? 300 + size * 0.002;
  const corpusEnv = process.env.BENCH_PIPELINE_CORPUS_DIR;
  const corpusDir = corpusEnv === 'off' ? null : (corpusEnv ?? join(ROOT, 'tmp', 'bench-corpus'));
  const producers = Number(process.env.BENCH_PIPELINE_PRODUCERS ?? 3);
  const produceOnly = process.env.BENCH_PIPELINE_PRODUCE_ONLY === '1';
  const vacuumS = Number(process.env.BENCH_PIPELINE_VACUUM_S ?? 60);
  const explainSamples = Number(process.env.BENCH_PIPELINE_EXPLAIN_SAMPLES ?? 20_000);
  const startupS = Number(process.env.BENCH_PIPELINE_STARTUP_S ?? 600);
  const deadline = process.env.BENCH_PIPELINE_DEADLINE ? Date.parse(process.env.BENCH_PIPELINE_DEADLINE) : Infinity;
  const year = simulatedYear(process.env.BENCH_PIPELINE_YEAR, dutchDate(new Date()));
  return {
    sizes,
    national,
    label,
    year,
    timeoutS,
    deadline,
    corpusDir,
    producers,
    produceOnly,
    startupS,
    vacuumS,
    explainSamples,
    ...(cpuProfDir ? { cpuProfDir } : {}),
    ...(logDir ? { logDir } : {}),
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

interface Produced {
  seconds: number;
  cpu: number;
  producers: number;
  summary: CorpusSummary;
  cached: boolean;
}

/**
 * Makes (or reads from the cache) the berichten and produces them as they come: the simulator runs in a worker thread
 * (pipeline-corpus.ts) while this thread produces. Each bericht goes to its sender's partition (the default
 * partitioner's, murmur2 of the key, set explicitly) and every partition is owned by one of `producers` idempotent
 * producers, each with one send in flight: a sender's berichten stay in their sending order in the log (TR056 and
 * the held sweep depend on it), while several senders' batches (other partitions) are on their way at once.
 */
async function produce(
  kafka: Kafka,
  topic: string,
  source: ReturnType<typeof corpusSource>,
  partitions: number,
  tokenOf: (sender: Sender) => string,
  producerCount: number,
  stopped: () => boolean,
): Promise<Produced> {
  const BATCH = 500;
  const n = Math.max(1, Math.min(producerCount, partitions));
  const producers: Producer[] = [];
  const cpuStart = process.cpuUsage();
  const started = now();
  try {
    for (let k = 0; k < n; k++) {
      const producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1 });
      await producer.connect();
      producers.push(producer);
    }
    const partitioner = Partitioners.DefaultPartitioner();
    const partitionMetadata = Array.from({ length: partitions }, (_, i) => ({
      partitionId: i,
      leader: 0,
      replicas: [0],
      isr: [0],
      partitionErrorCode: 0,
    }));
    const queues: Message[][] = producers.map(() => []);
    const inFlight: (Promise<void> | null)[] = producers.map(() => null);
    let failure: unknown = null;
    let finished = false;
    const keyOf: string[] = [];
    const partitionOf: number[] = [];
    const headerOf: { authorization: string }[] = [];
    const kick = (k: number): void => {
      if (inFlight[k] || failure || queues[k]!.length === 0 || (!finished && queues[k]!.length < BATCH)) return;
      const messages = queues[k]!.splice(0, BATCH);
      inFlight[k] = producers[k]!.send({ topic, acks: -1, messages }).then(
        () => {
          inFlight[k] = null;
          kick(k);
        },
        (error: unknown) => {
          inFlight[k] = null;
          failure ??= error;
        },
      );
    };
    const queued = () => queues.reduce((sum, q) => sum + q.length, 0);
    for await (const batch of source.batches) {
      if (failure) throw failure;
      if (stopped()) throw new Error('interrupted');
      for (const r of records(batch.buf)) {
        if (keyOf[r.sender] === undefined) {
          const sender = batch.senders[r.sender]!;
          keyOf[r.sender] = senderKey(sender);
          headerOf[r.sender] = { authorization: tokenOf(sender) };
          partitionOf[r.sender] = partitioner({ topic, partitionMetadata, message: { key: keyOf[r.sender]!, value: null } });
        }
        const partition = partitionOf[r.sender]!;
        queues[partition % n]!.push({
          key: keyOf[r.sender]!,
          value: r.xml,
          partition,
          timestamp: String(r.at),
          headers: headerOf[r.sender]!,
        });
      }
      for (let k = 0; k < n; k++) kick(k);
      // do not run ahead of the broker by more than a few batches per producer
      while (queued() > 8 * BATCH * n && !failure) await Promise.race(inFlight.filter((p) => p !== null));
    }
    finished = true;
    while ((queued() > 0 || inFlight.some((p) => p !== null)) && !failure) {
      for (let k = 0; k < n; k++) kick(k);
      const pending = inFlight.filter((p) => p !== null);
      if (pending.length > 0) await Promise.race(pending);
    }
    if (failure) throw failure;
    const summary = await source.summary;
    const used = process.cpuUsage(cpuStart);
    return { seconds: secondsSince(started), cpu: (used.user + used.system) / 1e6, producers: n, summary, cached: source.cached };
  } finally {
    await Promise.all(producers.map((p) => p.disconnect().catch(() => undefined)));
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
  corpus: CorpusSummary;
  year: SimulatedYear;
  produce: Produced;
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
  /** pg_stat_user_tables + pg_statio_user_tables of the run's schema, read after the services stopped. */
  tables: TableStats[];
  /** The sampled statements (auto_explain), null when off or not possible. */
  statements: { rate: number; list: StatementStat[] } | null;
  /** The bench's stand-in for autovacuum (off on this server): rounds, tables vacuumed, its backend's CPU. */
  vacuum: { rounds: number; vacuums: number; cpu: number; seconds: number } | null;
}

async function autovacuumOn(db: DataSource): Promise<boolean> {
  const rows: { on: string }[] = await db.query(`SELECT current_setting('autovacuum') AS on`);
  return rows[0]!.on === 'on';
}

/**
 * Every `intervalS`, VACUUM (ANALYZE) the schema's tables past autovacuum's default thresholds (vacuum: 50 + 20 % of
 * the rows dead; analyze: 50 + 10 % changed since the last analyse), as autovacuum would.
 */
async function startVacuum(
  config: PlatformConfig,
  schema: string,
  intervalS: number,
): Promise<{ stop: () => Promise<{ rounds: number; vacuums: number; cpu: number; seconds: number }> }> {
  const vdb = new DataSource(dataSourceOptions(config, { poolSize: 1, applicationName: 'trajectwacht-bench-vacuum' }));
  await vdb.initialize();
  const pid = Number(((await vdb.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[])[0]!.pid);
  const cpuStart = cpuOf(pid) ?? 0;
  let stopped = false;
  let rounds = 0;
  let vacuums = 0;
  let busy = 0;
  const loop = (async () => {
    while (!stopped) {
      for (let waited = 0; waited < intervalS * 1000 && !stopped; waited += 250) await sleep(250);
      if (stopped) break;
      const started = now();
      try {
        await vacuumRound();
      } catch (error) {
        // a failed round (a table dropped meanwhile, a lock) must not end the benchmark: the next round tries again
        log(`vacuum round failed: ${String(error)}`);
      }
      rounds++;
      busy += secondsSince(started);
    }
  })();
  async function vacuumRound(): Promise<void> {
    const due: { t: string }[] = await vdb.query(
      `SELECT s.relname AS t FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
          WHERE s.schemaname = $1
            AND (s.n_dead_tup > 50 + 0.2 * greatest(c.reltuples, 0) OR s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0))`,
      [schema],
    );
    for (const { t } of due) {
      if (stopped) break;
      await vdb.query(`VACUUM (ANALYZE) "${schema}"."${t.replace(/"/g, '')}"`).catch(() => undefined);
      vacuums++;
    }
  }
  return {
    stop: async () => {
      stopped = true;
      await loop.catch(() => undefined);
      const cpu = (cpuOf(pid) ?? cpuStart) - cpuStart;
      await vdb.destroy();
      return { rounds, vacuums, cpu, seconds: busy };
    },
  };
}

interface TableStats {
  table: string;
  rows: number;
  seqScan: number;
  seqTupRead: number;
  idxScan: number;
  idxTupFetch: number;
  ins: number;
  upd: number;
  hotUpd: number;
  del: number;
  heapRead: number;
  heapHit: number;
  idxRead: number;
  idxHit: number;
  bytes: number;
}

/** Per table of the schema: scans, rows read and written, blocks (the server's counters; flushed when a backend ends). */
async function tableStats(db: DataSource, schema: string): Promise<TableStats[]> {
  const rows: Record<string, string | null>[] = await db.query(
    `SELECT s.relname AS table, s.n_live_tup AS rows, s.seq_scan AS "seqScan", s.seq_tup_read AS "seqTupRead",
            coalesce(s.idx_scan, 0) AS "idxScan", coalesce(s.idx_tup_fetch, 0) AS "idxTupFetch", s.n_tup_ins AS ins,
            s.n_tup_upd AS upd, s.n_tup_hot_upd AS "hotUpd", s.n_tup_del AS del,
            coalesce(io.heap_blks_read, 0) AS "heapRead", coalesce(io.heap_blks_hit, 0) AS "heapHit",
            coalesce(io.idx_blks_read, 0) AS "idxRead", coalesce(io.idx_blks_hit, 0) AS "idxHit",
            pg_total_relation_size(s.relid) AS bytes
       FROM pg_stat_user_tables s JOIN pg_statio_user_tables io USING (relid)
      WHERE s.schemaname = $1`,
    [schema],
  );
  return rows
    .map((r) => {
      const out: Record<string, string | number> = { table: r.table! };
      for (const [k, v] of Object.entries(r)) if (k !== 'table') out[k] = Number(v ?? 0);
      return out as unknown as TableStats;
    })
    .sort((a, b) => b.seqTupRead - a.seqTupRead || b.heapHit + b.idxHit - (a.heapHit + a.idxHit));
}

async function runSize(size: number, args: Args, config: PlatformConfig): Promise<RunResult | null> {
  const startedAt = new Date();
  const loadStart = loadavg();
  const run = uniqueName(`p${size}`).replace(/_/g, '-');
  const prefix = `${TOPIC_PREFIX || 'bench.'}${run}.`;
  const schema = uniqueName(`bench_pipe_${size}`);
  const bullmq = uniqueName('bench-pipe');
  const explainRole = uniqueName('bench_pipe_explain');
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
    const source = corpusSource(size, ROOT, args.corpusDir, args.year);
    log(
      `pipeline ${fmtInt(size)}: ` +
        (source.cached
          ? `reading the berichten from ${source.file}`
          : `generating the berichten (national, seed 1, ${args.year.from} … ${args.year.to}, a worker thread)`) +
        ` at scale ${scaleFor(size).toFixed(4)} and producing them to ${topic('ijw.berichten.v1')}`,
    );
    // long enough for the slowest run; the platform checks expiry against the wall clock
    const ttl = 12 * 3600;
    const tokenOf = (sender: Sender): string =>
      `Bearer ${issueToken(
        sender.role === 'toegang'
          ? ({ role: 'toegang', gemeente: sender.gemeente, sub: 'bench' } satisfies Principal)
          : ({ role: 'aanbieder', agb: sender.agb, sub: 'bench' } satisfies Principal),
        config.authSecret,
        ttl,
      )}`;
    const inputPartitions = topics.find((t) => t.name === topic('ijw.berichten.v1'))!.partitions;
    const produced = await produce(kafka, topic('ijw.berichten.v1'), source, inputPartitions, tokenOf, args.producers, () => interrupted);
    const summary = produced.summary;
    log(
      `pipeline ${fmtInt(size)}: ${fmtInt(summary.count)} berichten ` +
        (produced.cached ? 'read from the cache' : `generated in ${fmtSeconds(summary.seconds)} s`) +
        ` and produced in ${fmtSeconds(produced.seconds)} s (${produced.producers} producers); ceiling: raw consume`,
    );
    const ceiling = await rawConsume(kafka, topic('ijw.berichten.v1'), size);
    if (args.produceOnly) {
      log(
        `pipeline ${fmtInt(size)}: BENCH_PIPELINE_PRODUCE_ONLY: generation and production ${fmtSeconds(produced.seconds)} s ` +
          `(${fmtInt(size / produced.seconds)} berichten/s, ${produced.cpu.toFixed(1)} s CPU of this process), ceiling read ` +
          `${fmtSeconds(ceiling.seconds)} s; the services are not started, nothing is written`,
      );
      return null;
    }

    const basePort = await freePorts(SERVICES.length);
    // per-statement time: the services connect as a role of this run whose sessions load auto_explain
    let explain: ExplainSession | null = null;
    if (args.explainSamples > 0) {
      // about 40 statements per bericht over the three services (10⁴, 2026-12-02)
      const rate = Math.min(1, args.explainSamples / (40 * size));
      const started = await startExplain(db, explainRole, Number(rate.toPrecision(2)));
      if (typeof started === 'string') log(`pipeline ${fmtInt(size)}: no statement sample: ${started}`);
      else explain = started;
    }
    const databaseUrl = new URL(config.databaseUrl);
    if (explain) databaseUrl.username = explain.role;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl.toString(),
      TRAJECTWACHT_TOPIC_PREFIX: prefix,
      DATABASE_SCHEMA: schema,
      BULLMQ_PREFIX: bullmq,
      LOG_LEVEL: 'warn',
      // the timer sweep every second (default 30 s): once the pipeline has caught up, the timers it held back fire at
      // its next round, and the wait for that round is latency of the sweep, not work of the pipeline
      TIMER_SWEEP_INTERVAL_MS: process.env.BENCH_PIPELINE_SWEEP_MS ?? '1000',
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
      liveChildren.add(child);
      child.once('exit', () => liveChildren.delete(child));
    }
    const deadline = Date.now() + args.startupS * 1000;
    for (let i = 0; i < SERVICES.length; i++) await listening(basePort + i, children.get(SERVICES[i]!)!, SERVICES[i]!, deadline);
    const startup = secondsSince(spawned);

    // CPU: each service process; the PostgreSQL backends serving them (their connections matched by port); the
    // whole PostgreSQL server and the broker (shared with whatever else runs on this machine)
    const servicePids = new Map(SERVICES.map((s) => [s, children.get(s)!.pid!]));
    const serviceStart = new Map(SERVICES.map((s) => [s, cpuOf(servicePids.get(s)!) ?? 0]));
    const backendService = new Map<number, Service>();
    const backends = new CpuTally(async () => {
      const portService = new Map<number, Service>();
      for (const s of SERVICES) for (const port of localPortsTo(servicePids.get(s)!, 5432)) portService.set(port, s);
      if (portService.size === 0) return [];
      const rows: { pid: number; port: number }[] = await db.query(
        `SELECT pid, client_port AS port FROM pg_stat_activity WHERE client_port = ANY($1::int[])`,
        [[...portService.keys()]],
      );
      for (const r of rows) backendService.set(r.pid, portService.get(r.port)!);
      return rows.map((r) => r.pid);
    });
    const server = new CpuTally(() => pidsNamed((comm) => comm === 'postgres'));
    const broker = new CpuTally(() => pidsNamed((comm, cmd) => comm === 'java' && cmd.includes('kafka.Kafka')));
    await Promise.all([backends.sample(true), server.sample(true), broker.sample(true)]);
    // autovacuum is off on this server (the benchmark may not change that): without it no table of the run is ever
    // analysed (the planner guesses: sequential scans) and the outbox's deleted rows are never vacuumed (each poll walks
    // them all). What autovacuum would do, with its default thresholds, on a connection of its own, counted apart.
    const vacuum = args.vacuumS > 0 && !(await autovacuumOn(db)) ? await startVacuum(config, schema, args.vacuumS) : null;
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
      // Empty outbox: its lowest id through the primary key (min(id) reads one end of the index). A count(*) here, every
      // 0.5 s, read the whole heap of deleted rows each time (a 10⁵ run: about 500 scans of 360 MB on the two cores the
      // services share, from this process's connection, so not in the services' CPU but in their wall time).
      const outboxEmpty =
        ((await db.query(`SELECT min(id) IS NULL AS empty FROM "${schema}".outbox`)) as { empty: boolean }[])[0]!.empty === true;
      // No timer left that the sweep would fire now: while the pipeline lags the sweep fires only up to the stream's
      // clock (docs/architecture.md, "Clocks"), so the timers due between that and today fire once it has caught up.
      // That is work of the run as much as the berichten are (through the index signal_timer_due).
      const timersDone =
        (
          (await db.query(`SELECT NOT EXISTS (SELECT 1 FROM "${schema}".signal_timer WHERE due_at <= now()) AS done`)) as {
            done: boolean;
          }[]
        )[0]!.done === true;
      const highs = current.map((l) => l.high).join(',');
      const idle = current.every((l) => l.lag === 0) && outboxEmpty && timersDone && current[0]!.high >= size;
      quiet = idle && highs === lastHighs ? quiet + 1 : idle ? 1 : 0;
      ingested = current[0]!.high - current[0]!.lag;
      lastHighs = highs;
      if (Date.now() - lastLog > 15_000 || quiet >= 2) {
        lastLog = Date.now();
        log(
          `pipeline ${fmtInt(size)} at ${fmtSeconds(secondsSince(drainStart))} s: ` +
            current.map((l) => `${l.topic.slice(prefix.length)} lag ${l.lag}/${l.high}`).join(', ') +
            `; outbox ${outboxEmpty ? 'empty' : 'not empty'}; ${timersDone ? 'no timer due' : 'timers due'}`,
        );
      }
      for (const [name, child] of children)
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} stopped during the run`);
      if (quiet >= 2) break;
      if (interrupted) throw new Error('interrupted (SIGINT/SIGTERM)');
      if (secondsSince(drainStart) > args.timeoutS(size) || Date.now() > args.deadline) {
        drained = false;
        log(`pipeline ${fmtInt(size)}: not drained by BENCH_PIPELINE_TIMEOUT_S or _DEADLINE; stopping`);
        break;
      }
    }
    // the moment the last check found everything drained (one check interval before the confirming one)
    const drain = secondsSince(drainStart) - (drained ? 0.5 : 0);
    const wall = secondsSince(spawned) - (drained ? 0.5 : 0);
    const vacuumed = vacuum ? await vacuum.stop() : null;
    const serviceCpu = Object.fromEntries(SERVICES.map((s) => [s, (cpuOf(servicePids.get(s)!) ?? 0) - serviceStart.get(s)!])) as Record<
      Service,
      number
    >;
    await Promise.all([backends.sample(), server.sample(), broker.sample()]);

    const outcomeRows: { status: string; n: number }[] = await db.query(
      `SELECT status, count(*)::int AS n FROM "${schema}".ijw_heenbericht GROUP BY status ORDER BY status`,
    );
    // ingest commits its offsets per fetched batch (thousands of records), so a run stopped early counts what it stored
    if (!drained)
      ingested = Math.max(
        ingested,
        outcomeRows.reduce((sum, r) => sum + Number(r.n), 0),
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
    // the table counters: a backend reports its counts when it ends (or at most once a second when idle)
    await stopChildren(children);
    await sleep(1500);
    const tables = await tableStats(db, schema);
    const statements = explain ? { rate: explain.rate, list: readExplain(explain, (pid) => backendService.get(pid)) } : null;
    return {
      size,
      drained,
      ingested,
      corpus: summary,
      year: args.year,
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
      tables,
      statements,
      vacuum: vacuumed,
    };
  } finally {
    await stopChildren(children);
    await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch((e: unknown) => log(`could not drop ${schema}: ${String(e)}`));
    await dropExplainRole(db, explainRole).catch((e: unknown) => log(`could not drop the role ${explainRole}: ${String(e)}`));
    await db.destroy();
    await admin.deleteGroups(Object.values(groups).map((g) => g.group)).catch(() => undefined);
    await admin.deleteTopics({ topics: topics.map((t) => t.name) }).catch((e: unknown) => log(`could not delete ${prefix}*: ${String(e)}`));
    await admin.disconnect();
    await deleteRedisKeys(config, bullmq);
  }
}

async function stopChildren(children: Map<Service, ChildProcess>): Promise<void> {
  await Promise.all(
    [...children].map(async ([name, child]) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
      log(`${name} stopped`);
    }),
  );
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
  const n = Math.max(1, r.drained ? r.size : r.ingested);
  const svcTotal = SERVICES.reduce((sum, s) => sum + r.serviceCpu[s], 0);
  const total = svcTotal + r.postgresOurs;
  const soorten = Object.entries(r.corpus.soorten)
    .sort()
    .map(([s, c]) => `${s} ${fmtInt(c)}`)
    .join(', ');
  const rows: string[][] = [
    [
      `${r.produce.cached ? 'Production from the cached berichten' : 'Generation (simulator in a worker thread) and production at once'} ` +
        `(not compared): ${r.produce.producers} kafkajs producers, each owning ${r.produce.producers > 1 ? 'some' : 'all'} partitions, ` +
        'batches of 500, acks=all, one send in flight per producer (each sender keeps its order); CPU of this process',
      fmtSeconds(r.produce.seconds),
      fmtInt(r.size / r.produce.seconds),
      r.produce.cpu.toFixed(1),
      us(r.produce.cpu, r.size),
    ],
    [
      'Ceiling: raw kafkajs eachBatch of the same records (count the bytes)',
      fmtSeconds(r.ceiling.seconds),
      fmtInt(r.size / r.ceiling.seconds),
      r.ceiling.cpu.toFixed(1),
      us(r.ceiling.cpu, r.size),
    ],
    [
      r.drained
        ? `**Pipeline**: ingest → trajectory → signals, three processes, until every group's lag is 0, the outbox empty and no timer due`
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
    ...(r.vacuum
      ? [
          [
            `not in the sum: the bench's VACUUM (ANALYZE) in place of autovacuum (off on this server; ${r.vacuum.rounds} rounds, ` +
              `${r.vacuum.vacuums} tables vacuumed, ${fmtSeconds(r.vacuum.seconds)} s)`,
            r.vacuum.cpu.toFixed(1),
            us(r.vacuum.cpu, n),
            '–',
          ],
        ]
      : []),
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
    `- Data: ${fmtInt(r.size)} iJw 3.2 XML berichten of the national simulation ` +
      `(seed 1, ${r.year.from} … ${r.year.to}, scale ${r.corpus.scale.toFixed(4)}, ` +
      `the first ${fmtInt(r.size)} in sending order ${r.corpus.first.slice(0, 10)} … ${r.corpus.last.slice(0, 10)}; ${soorten}; ` +
      `${fmtInt(r.corpus.initieel)} of them the initial load at ${r.year.from}; ${fmtInt(r.corpus.products)} products; ` +
      `${fmtInt(r.corpus.bytes / r.size)} bytes per bericht), ` +
      (r.produce.cached
        ? `read from the cache (generated earlier in ${fmtSeconds(r.corpus.seconds)} s)`
        : `generated in ${fmtSeconds(r.corpus.seconds)} s`),
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
    '',
    ...tablesReport(r, n),
    '',
    ...statementsReport(r),
  ].join('\n');
}

/** Where PostgreSQL's time goes, per statement: the auto_explain sample scaled up by its rate. */
function statementsReport(r: RunResult): string[] {
  if (!r.statements || r.statements.list.length === 0) return [];
  const { rate, list } = r.statements;
  const totalMs = list.reduce((sum, s) => sum + s.sampledMs, 0);
  const sampled = list.reduce((sum, s) => sum + s.sampled, 0);
  const top = [...list].sort((a, b) => b.sampledMs - a.sampledMs).slice(0, 15);
  const code = (q: string) => `\`${(q.length > 160 ? `${q.slice(0, 157)}…` : q).replace(/\|/g, '\\|').replace(/`/g, "'")}\``;
  return [
    `Where PostgreSQL's time goes, per statement: auto_explain in the services' sessions only (a role of this run), a random ` +
      `${fmtPercent(rate)} of their statements logged with their duration (${fmtInt(sampled)} sampled, ` +
      `${(totalMs / 1000).toFixed(1)} s of statement time in the sample, about ${fmtSeconds(totalMs / rate / 1000)} s over the run); ` +
      'executions and seconds estimated as sample / rate. Statement time is wall time inside the server (waits for locks and ' +
      'I/O included), ' +
      'not CPU. The 15 with the most time:',
    '',
    table(
      ['Statement (literals and $n folded)', 'Service', 'Est. executions', 'Est. s', 'Mean ms', 'Share', 'Scans in its plans'],
      top.map((s) => [
        code(s.query),
        [...s.services].join(', ') || '?',
        fmtInt(s.sampled / rate),
        fmtSeconds(s.sampledMs / rate / 1000),
        (s.sampledMs / s.sampled).toFixed(2),
        fmtPercent(s.sampledMs / totalMs),
        [...s.scans.entries()]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 3)
          .map(([scan, c]) => `${scan} (${fmtPercent(c / s.sampled)})`)
          .join('; ') || '–',
      ]),
      ['l', 'l', 'r', 'r', 'r', 'r', 'l'],
    ),
  ];
}

/** Where PostgreSQL's time goes, per table: the counters of the run's schema (the statements' footprint). */
function tablesReport(r: RunResult, n: number): string[] {
  const used = r.tables.filter((t) => t.seqScan + t.idxScan + t.ins + t.upd + t.del > 0);
  if (used.length === 0) return [];
  const per = (v: number) => (v / n).toFixed(v / n >= 10 ? 0 : 2);
  return [
    `Where PostgreSQL's time goes, per table (pg_stat_user_tables and pg_statio_user_tables of the run's schema, read after ` +
      'the services stopped; migrations included; "per bericht" over the berichten ingested). A sequential scan of a table ' +
      'that grows with the run reads more rows per bericht the larger the run: compare "seq rows / bericht" across sizes.',
    '',
    table(
      [
        'Table',
        'Rows',
        'MB',
        'Seq scans',
        'Seq rows read',
        'Seq rows / bericht',
        'Index scans / bericht',
        'Ins / upd / del per bericht',
        'Blocks hit / bericht',
        'Blocks read',
      ],
      used.map((t) => [
        t.table,
        fmtInt(t.rows),
        (t.bytes / 2 ** 20).toFixed(1),
        fmtInt(t.seqScan),
        fmtInt(t.seqTupRead),
        per(t.seqTupRead),
        per(t.idxScan),
        `${per(t.ins)} / ${per(t.upd)} / ${per(t.del)}`,
        per(t.heapHit + t.idxHit),
        fmtInt(t.heapRead + t.idxRead),
      ]),
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
  ];
}

function scaling(results: RunResult[], command: string): string {
  const base = results[0]!;
  // a run stopped by its timeout counts the berichten ingest had committed
  const size = (r: RunResult) => Math.max(1, r.drained ? r.size : r.ingested);
  const per = (r: RunResult) => r.drain / size(r);
  const cpu = (r: RunResult) => SERVICES.reduce((s, k) => s + r.serviceCpu[k], 0) + r.postgresOurs;
  return [
    `### Cost per bericht by size (${results[0]!.startedAt.toISOString().slice(0, 19)}Z, \`${command}\`)`,
    '',
    table(
      ['Berichten', 'Seconds', 'µs / bericht (wall)', 'CPU µs / bericht', 'ingest', 'trajectory', 'signals', 'PostgreSQL', 'vs smallest'],
      results.map((r) => [
        r.drained ? fmtInt(r.size) : `${fmtInt(r.ingested)} of ${fmtInt(r.size)} (not drained)`,
        fmtSeconds(r.drain),
        us(r.drain, size(r)),
        us(cpu(r), size(r)),
        us(r.serviceCpu.ingest, size(r)),
        us(r.serviceCpu.trajectory, size(r)),
        us(r.serviceCpu.signals, size(r)),
        us(r.postgresOurs, size(r)),
        `${(per(r) / per(base)).toFixed(2)}×`,
      ]),
      ['r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
    'Linear cost keeps "vs smallest" at 1.00×; the smallest run carries more fixed cost (group joins, the first batches).',
    '',
    ...scalingTables(results),
  ].join('\n');
}

/** Sequential rows read and blocks touched per bericht, per table and size: a column that grows with the size is not linear. */
function scalingTables(results: RunResult[]): string[] {
  const n = (r: RunResult) => Math.max(1, r.drained ? r.size : r.ingested);
  const names = [
    ...new Set(results.flatMap((r) => r.tables.filter((t) => t.seqTupRead > 0 || t.heapHit + t.idxHit > 0).map((t) => t.table))),
  ];
  const at = (r: RunResult, name: string) => r.tables.find((t) => t.table === name);
  const rows = names
    .map((name) => {
      const last = at(results[results.length - 1]!, name);
      return { name, weight: last ? last.seqTupRead + last.heapHit + last.idxHit : 0 };
    })
    .sort((a, b) => b.weight - a.weight)
    .slice(0, 15)
    .map(({ name }) => [
      name,
      ...results.flatMap((r) => {
        const t = at(r, name);
        return t ? [(t.seqTupRead / n(r)).toFixed(1), ((t.heapHit + t.idxHit + t.heapRead + t.idxRead) / n(r)).toFixed(1)] : ['–', '–'];
      }),
    ]);
  if (rows.length === 0) return [];
  return [
    'Per table (the 15 with the most rows and blocks touched at the largest size): sequential rows read and blocks touched per bericht.',
    '',
    table(['Table', ...results.flatMap((r) => [`${fmtInt(r.size)}: seq rows / bericht`, 'blocks / bericht'])], rows, [
      'l',
      ...results.flatMap(() => ['r' as const, 'r' as const]),
    ]),
  ];
}

const INTRO = `## The whole pipeline: a national year of raw berichten (issue 16)

Produced by \`bench/pipeline.bench.ts\` (\`npm run bench\` with 10⁴, 10⁵ and 10⁶ berichten, \`npm run bench:quick\` with 10⁴ and
10⁵). Commands:

- the national sizes: \`BENCH_ONLY=pipeline BENCH_PIPELINE_SIZES=10000,100000,1000000 npm run bench\` (builds dist/ first);
  one size alone: \`BENCH_ONLY=pipeline BENCH_PIPELINE_SIZES=100000 npm run bench:quick\`.
- without touching the shared dist/ (several sessions at work): \`npx tsc -p tsconfig.bench.json --outDir /tmp/x/dist
  --tsBuildInfoFile /tmp/x/tsbuildinfo\`, copy \`tools/register-paths.js\` to \`/tmp/x/tools/\`, link \`/tmp/x/node_modules\` to
  the repository's, then from /tmp/x: \`BENCH_REPORT_FILE=<repo>/docs/benchmarks.md TRAJECTWACHT_TOPIC_PREFIX=bench.x.
  BENCH_PIPELINE_SIZES=… node --expose-gc -r ./tools/register-paths.js dist/bench/pipeline.bench.js\` (sourcing
  scripts/secrets.sh as bench/run.sh does).
- settings: \`BENCH_PIPELINE_TIMEOUT_S\` (default 300 s + 2 ms per bericht after the services listen: 38 min at 10⁶; a size not
  drained by then is reported as such and the next size runs), \`BENCH_PIPELINE_DEADLINE\` (an ISO time), \`BENCH_PIPELINE_CORPUS_DIR\`
  (default \`tmp/bench-corpus\`, gitignored; \`off\`: no cache), \`BENCH_PIPELINE_PRODUCERS\` (default 3),
  \`BENCH_PIPELINE_PRODUCE_ONLY=1\` (generation, production and the ceiling only), \`BENCH_PIPELINE_STARTUP_S\` (default 600),
  \`BENCH_PIPELINE_CPU_PROF=<dir>\`, \`BENCH_PIPELINE_LOG_DIR=<dir>\`. SIGINT/SIGTERM stops the running size and removes its
  services, schema, topics, groups and BullMQ keys (a second signal exits at once); so does a failure.

- **Data**: the national simulation of \`libs/simulator\` (\`simulateBerichten\`, seed 1) of the 365 days up to yesterday
  (\`BENCH_PIPELINE_YEAR\`, default \`last\`; \`2025\` for a calendar year), so that the services' wall clock, which the
  signal service's timer sweep runs on, is the end of the data as it is live (with a past year every timer the sweep fires
  judges a state of months ago at today's date and can raise alerts no live platform would), at the scale that makes a year
  about the wanted size, its first n berichten in sending order (\`validateXml: false\`: the same berichten without
  re-checking each against the XSD model, libs/simulator/src/output-hash.spec.ts): raw iJw 3.2 XML as senders publish
  them (JW301/JW305/JW307 and whatever other berichten the simulator writes), the initial load of running toewijzingen
  at the first day included; each with its sender's organisation token (header \`authorization\`), keyed by sender, the record
  time the sending time.
- **Isolation**: per size a topic prefix of its own (\`TRAJECTWACHT_TOPIC_PREFIX\`, every topic of infra/kafka/topics.json created
  under it), consumer groups, a PostgreSQL schema (\`DATABASE_SCHEMA\`) and a BullMQ prefix of its own, all removed at the end:
  a running platform neither sees this traffic nor is disturbed by it.
- **Generation and production** to \`ijw.berichten.v1\` first (reported, not compared): the simulator runs in a worker thread
  while the main thread produces what it has made; each bericht goes to its sender's partition (murmur2 of the key, as the
  default partitioner), every partition is owned by one of the producers and each producer keeps one send in flight, so
  each sender's berichten stay in sending order while several senders' batches are under way. The berichten are kept in
  \`tmp/bench-corpus\` (keyed by size, scale and a hash of the compiled simulator, iJw and dates libraries) and read from
  there by the next run. Then the **ceiling**: a raw kafkajs consumer reading the
  same records (the fastest this broker and client hand them to Node).
- **Pipeline**: the compiled ingest, trajectory and signal services (\`dist/apps/<service>/src/main.js\`, as in production, each a
  process of its own, LOG_LEVEL warn, the timer sweep every second: \`BENCH_PIPELINE_SWEEP_MS\`, default 1000) start on the
  filled topic. Timed from all three listening until every consumer group (ingest, trajectory, signals, notify, vervolg) has
  lag 0 against its topic's end offsets (kafkajs admin \`fetchOffsets\` vs \`fetchTopicOffsets\`, polled every 0.5 s), the
  outbox is empty and no signal timer is due by the wall clock (while the pipeline lags the sweep fires only up to the
  stream's clock, so the rest fires once it has caught up: that work counts too), twice in a row with no topic growing.
- **CPU** per process from \`/proc/<pid>/stat\` (user + system) over the same interval; the PostgreSQL backends are those whose
  client port belongs to a service process's connection (matched through /proc/<pid>/net/tcp and \`pg_stat_activity\`), so other
  sessions on the same server are not counted. The broker and the server as a whole are shown for reference only.
- **Autovacuum is off on this server** (\`autovacuum = off\`; not the benchmark's to change). Without it no table of the run
  is ever analysed (the planner guesses, mostly sequential scans) and the outbox's deleted rows are never vacuumed (every
  poll walks all rows ever deleted). So that the run measures the code and not a server no deployment has, the benchmark
  does what autovacuum would with its default thresholds (every \`BENCH_PIPELINE_VACUUM_S\` = 60 s, \`VACUUM (ANALYZE)\` of each
  table of the run's schema past 50 + 20 % dead or 50 + 10 % changed rows) on a connection of its own; its CPU is shown
  apart, not in the sum. \`BENCH_PIPELINE_VACUUM_S=0\` measures without it.
- **Per table** after each run: \`pg_stat_user_tables\` and \`pg_statio_user_tables\` of the run's schema (scans, rows read,
  rows written, blocks); a sequential rows-read count per bericht that grows with the size is cost that is not linear.
- **Per statement** (pg_stat_statements is not preloaded here): the services connect as a role of the run whose sessions
  load auto_explain (\`session_preload_libraries\`, a role setting, nothing server-wide) and log a random sample of their
  statements with duration and plan (\`BENCH_PIPELINE_EXPLAIN_SAMPLES\`, default about 20 000 per size; 0: off); the bench
  reads them back from the server log (\`BENCH_PIPELINE_PG_LOG\` if not found) and scales them up by the rate.
`;

/**
 * Writes the section: an unlabelled run's blocks replace every block (sizes not run this time, and labelled blocks of
 * earlier comparisons, go); a labelled run (BENCH_PIPELINE_LABEL) keeps the other blocks and replaces its own.
 */
function writeBlocks(blocks: Map<string, string>, labelled: boolean): void {
  const file = process.env.BENCH_REPORT_FILE ?? join(__dirname, '..', '..', 'docs', 'benchmarks.md');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  const kept = new Map<string, string>();
  if (labelled && a >= 0 && b > a)
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
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      if (interrupted) process.exit(130);
      interrupted = true;
      log(`${signal}: stopping this size and cleaning up (again to exit at once)`);
    });
  const config = loadConfig();
  const machine =
    `nproc ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${cpus()[0]?.model.trim() ?? '?'}; ` +
    `Node ${process.version}; ${await postgresServer(config)}`;
  const command =
    (args.national ? 'npm run bench' : 'npm run bench:quick') +
    (process.env.BENCH_PIPELINE_SIZES ? ` with BENCH_ONLY=pipeline BENCH_PIPELINE_SIZES=${args.sizes.join(',')}` : '') +
    (args.label ? ` BENCH_PIPELINE_LABEL=${args.label}` : '');
  const results: RunResult[] = [];
  const blocks = new Map<string, string>();
  const suffix = args.label ? `-${args.label}` : '';
  for (const size of args.sizes) {
    const result = await runSize(size, args, config);
    if (!result) continue;
    results.push(result);
    blocks.set(`${size}${suffix}`, block(result, command, machine));
    writeBlocks(blocks, args.label !== '');
  }
  if (results.length > 1) {
    blocks.set(`scaling${suffix}`, scaling(results, command));
    writeBlocks(blocks, args.label !== '');
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`pipeline benchmark failed: ${(error as Error).stack}\n`);
    process.exit(1);
  },
);
