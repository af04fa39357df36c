import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { dataSourceOptions, type PlatformConfig } from '@trajectwacht/platform';
import type { AcceptedMessage } from '@trajectwacht/trajectory';

/** Shared helpers of the benchmarks: naming, timing, memory sampling, topic production and clean-up. */

export const uniqueName = (prefix: string): string => `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;

export const now = (): bigint => process.hrtime.bigint();
export const secondsSince = (start: bigint, end: bigint = now()): number => Number(end - start) / 1e9;

export function log(line: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

/** Runs the V8 garbage collector when node was started with --expose-gc (bench/run.sh does), so phases start clean. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
}

export interface MemoryPeak {
  /** Resident set size of the whole process at the start of the phase (after a GC), bytes. */
  rssStart: number;
  rssPeak: number;
  heapUsedStart: number;
  heapUsedPeak: number;
  samples: number;
}

/** Samples process.memoryUsage() every `intervalMs` while a phase runs and keeps the peaks. */
export class MemorySampler {
  private timer?: NodeJS.Timeout;
  private readonly peak: MemoryPeak;

  constructor(private readonly intervalMs = 250) {
    const m = process.memoryUsage();
    this.peak = { rssStart: m.rss, rssPeak: m.rss, heapUsedStart: m.heapUsed, heapUsedPeak: m.heapUsed, samples: 1 };
  }

  start(): this {
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
    return this;
  }

  stop(): MemoryPeak {
    if (this.timer) clearInterval(this.timer);
    this.sample();
    return { ...this.peak };
  }

  private sample(): void {
    const m = process.memoryUsage();
    this.peak.rssPeak = Math.max(this.peak.rssPeak, m.rss);
    this.peak.heapUsedPeak = Math.max(this.peak.heapUsedPeak, m.heapUsed);
    this.peak.samples++;
  }
}

/** Runs one phase with a clean heap and the memory sampler on. */
export async function measured<T>(name: string, phase: () => Promise<T>): Promise<T & { memory: MemoryPeak }> {
  collectGarbage();
  log(`phase: ${name}`);
  const sampler = new MemorySampler(250).start();
  try {
    const result = await phase();
    return { ...result, memory: sampler.stop() };
  } finally {
    sampler.stop();
  }
}

/**
 * Everything the benchmark creates outside the process (topics, schemas, consumer groups), removed at the end — also
 * after a failure or an interrupt.
 */
export class Cleanup {
  readonly topics = new Set<string>();
  readonly schemas = new Set<string>();
  readonly groups = new Set<string>();
  /** Running consumers/apps to stop before their topics and schemas are removed (an interrupt mid-phase). */
  readonly closers = new Set<() => Promise<void>>();
  private done = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly config: PlatformConfig,
  ) {}

  async run(): Promise<void> {
    if (this.done) return;
    this.done = true;
    for (const close of this.closers) await close().catch(() => undefined);
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      for (const group of this.groups) {
        // groups that never committed an offset (replay, ceiling) are already gone once empty: not an error
        await admin.deleteGroups([group]).catch((e: unknown) => {
          const reasons = (e as { groups?: { error?: { type?: string } }[] }).groups?.map((g) => g.error?.type).filter(Boolean) ?? [];
          if (!reasons.every((r) => r === 'GROUP_ID_NOT_FOUND'))
            log(`could not delete consumer group ${group}: ${reasons.join(', ') || String(e)}`);
        });
      }
      if (this.topics.size > 0) await admin.deleteTopics({ topics: [...this.topics] });
      log(`deleted topics: ${[...this.topics].join(', ') || '-'}`);
    } catch (error) {
      log(`could not delete topics ${[...this.topics].join(', ')}: ${String(error)}`);
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    if (this.schemas.size === 0) return;
    const ds = new DataSource(dataSourceOptions(this.config, { poolSize: 1, applicationName: 'trajectwacht-bench-cleanup' }));
    try {
      await ds.initialize();
      for (const schema of this.schemas) await ds.query(`DROP SCHEMA IF EXISTS "${schema.replace(/"/g, '')}" CASCADE`);
      log(`dropped schemas: ${[...this.schemas].join(', ')}`);
    } catch (error) {
      log(`could not drop schemas ${[...this.schemas].join(', ')}: ${String(error)}`);
    } finally {
      if (ds.isInitialized) await ds.destroy();
    }
  }
}

export { createTopic } from '../test/support/infra';

export async function topicSize(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, o) => sum + Number(BigInt(o.high) - BigInt(o.low)), 0);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Produces messages keyed by client pseudonym, without compression (lz4 is not available), in batches of
 * `batchSize` with up to `inFlight` sends outstanding. Serialises per batch so the whole topic is never in memory as
 * JSON. Per-key order is not guaranteed with several sends in flight; the projection is order-independent.
 */
export async function produce(
  kafka: Kafka,
  topic: string,
  messages: readonly AcceptedMessage[],
  options: { batchSize?: number; inFlight?: number } = {},
): Promise<{ records: number; seconds: number; bytes: number }> {
  const batchSize = options.batchSize ?? 2000;
  const inFlight = options.inFlight ?? 3;
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const started = now();
  let bytes = 0;
  try {
    const pending = new Set<Promise<unknown>>();
    for (let i = 0; i < messages.length; i += batchSize) {
      const batch = messages.slice(i, i + batchSize).map((m) => {
        const value = JSON.stringify(m);
        bytes += Buffer.byteLength(value);
        return { key: m.client.pseudonym, value };
      });
      const send: Promise<unknown> = producer.send({ topic, acks: -1, messages: batch }).finally(() => pending.delete(send));
      pending.add(send);
      if (pending.size >= inFlight) await Promise.race(pending);
    }
    await Promise.all(pending);
    return { records: messages.length, seconds: secondsSince(started), bytes };
  } finally {
    await producer.disconnect();
  }
}

export const fmtInt = (n: number): string => Math.round(n).toLocaleString('en-US').replace(/,/g, '\u202f');
export const fmtSeconds = (s: number): string => (s >= 100 ? s.toFixed(0) : s >= 10 ? s.toFixed(1) : s.toFixed(2));
export const fmtMiB = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
export const fmtRatio = (r: number): string => (r >= 10 ? `${r.toFixed(0)}×` : `${r.toFixed(1)}×`);
export const fmtPercent = (r: number): string => `${(r * 100).toFixed(0)} %`;

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ); 100 on every Linux we run on, read from getconf when possible. */
const CLOCK_TICKS = (() => {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isInteger(ticks) && ticks > 0 ? ticks : 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU seconds (user + system) the given local processes have used so far, from /proc/<pid>/stat; null when one cannot
 * be read (PostgreSQL on another machine, or no /proc). Used for the PostgreSQL backends of a phase: the benchmark runs
 * against the local server, so its backends are processes of this machine.
 */
export function processCpuSeconds(pids: readonly number[]): number | null {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // fields after the parenthesised command name (which may contain spaces): state is field 3, utime 14, stime 15
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      return null;
    }
  }
  return ticks / CLOCK_TICKS;
}

/** Node CPU seconds (user + system) since `since` (a process.cpuUsage() value). */
export const nodeCpuSecondsSince = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

/** Whether a TCP port can be listened on at 127.0.0.1 now. */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * The first of `n` consecutive free ports for the services' HTTP servers, below Linux's ephemeral range (32768 and up),
 * where the outgoing connections of this machine take their local ports: a port drawn from that range could be taken by
 * one of them between this check and the service's listen (a 10⁵ run failed so, EADDRINUSE).
 */
export async function freePorts(n: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 12_000);
    let free = true;
    for (let i = 0; i < n && free; i++) free = await portFree(base + i);
    if (free) return base;
  }
  throw new Error(`no ${n} consecutive free ports between 20000 and 32767`);
}

/**
 * The PostgreSQL server the benchmarks run against, for the reports' machine line: its version and the settings that
 * move the results most (docs/benchmarks.md, "PostgreSQL's own settings"), e.g. `PostgreSQL 15.20 (Debian …);
 * shared_buffers 128MB, max_wal_size 1GB, autovacuum off`.
 */
export async function postgresServer(config: PlatformConfig): Promise<string> {
  const ds = new DataSource(dataSourceOptions(config, { poolSize: 1, applicationName: 'trajectwacht-bench' }));
  await ds.initialize();
  try {
    const [row] = (await ds.query(
      `SELECT current_setting('server_version') AS version, current_setting('shared_buffers') AS shared_buffers,
              current_setting('max_wal_size') AS max_wal_size, current_setting('autovacuum') AS autovacuum`,
    )) as { version: string; shared_buffers: string; max_wal_size: string; autovacuum: string }[];
    return (
      `PostgreSQL ${row!.version}; shared_buffers ${row!.shared_buffers}, max_wal_size ${row!.max_wal_size}, ` +
      `autovacuum ${row!.autovacuum}`
    );
  } finally {
    await ds.destroy();
  }
}
