import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * Process and infrastructure helpers for tests that run the compiled services as separate processes and that stop
 * and restart their own PostgreSQL, Redis or Kafka (on spare ports, in temporary directories: never the shared ones).
 */
export const ROOT = join(__dirname, '..', '..');
const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A TCP port nobody listens on right now (the kernel's choice). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Two consecutive free ports (Kafka's broker and controller listeners). */
export async function freePortPair(): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (port < 65_000 && !(await tcpOpen(port + 1)) && (await bindable(port + 1))) return port;
  }
}

async function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export function tcpOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(1000, () => (socket.destroy(), resolve(false)));
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

async function waitPort(port: number, open: boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await tcpOpen(port)) !== open) {
    if (Date.now() > deadline) throw new Error(`${what} did not ${open ? 'open' : 'close'} port ${port} within ${timeoutMs} ms`);
    await sleep(100);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The compiled services

export type ServiceName = 'ingest' | 'trajectory' | 'signals' | 'monitor';
const PORT_VARIABLE: Record<ServiceName, string> = {
  ingest: 'INGEST_PORT',
  trajectory: 'TRAJECTORY_PORT',
  signals: 'SIGNALS_PORT',
  monitor: 'MONITOR_PORT',
};

export interface HealthAnswer {
  status: number;
  body: { status?: string; checks?: Record<string, string> } | null;
  ms: number;
}

/** One compiled service (`node -r ./tools/register-paths.js dist/apps/<name>/src/main.js`) as a child process. */
export class ServiceProcess {
  private child?: ChildProcess;
  /** The last lines the process wrote (stdout and stderr), for the failure message of a test. */
  readonly output: string[] = [];
  starts = 0;

  constructor(
    readonly name: ServiceName,
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
    /** Where the whole output goes as well (appended), for tests that scan all of it afterwards. */
    private readonly logFile?: string,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the process; resolves once it listens (its HTTP port answers). */
  async start(timeoutMs = 90_000): Promise<void> {
    const child = spawn('node', ['-r', './tools/register-paths.js', `dist/apps/${this.name}/src/main.js`], {
      cwd: ROOT,
      env: { ...this.env, [PORT_VARIABLE[this.name]]: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.starts++;
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) this.output.push(line.slice(0, 2000));
      if (this.output.length > 400) this.output.splice(0, this.output.length - 400);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    if (this.logFile) {
      const log = createWriteStream(this.logFile, { flags: 'a' });
      child.stdout!.pipe(log, { end: false });
      child.stderr!.pipe(log, { end: false });
      child.once('close', () => log.end()); // after both streams delivered everything
    }
    const deadline = Date.now() + timeoutMs;
    while (!(await tcpOpen(this.port))) {
      if (!this.running) throw new Error(`${this.name} exited during start-up (${child.exitCode ?? child.signalCode}):\n${this.tail()}`);
      if (Date.now() > deadline) throw new Error(`${this.name} did not listen on ${this.port} within ${timeoutMs} ms:\n${this.tail()}`);
      await sleep(100);
    }
  }

  /** Sends a signal without waiting (e.g. from a signal handler of the test runner itself). */
  kill(signal: NodeJS.Signals): void {
    if (this.running) this.child!.kill(signal);
  }

  /** SIGKILL (a crash) or SIGTERM (an orderly stop); resolves when the process has exited. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 30_000): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
  }

  /** GET /health with a deadline of its own (a hanging answer counts as a failure, status 0). */
  async health(timeoutMs = 5000): Promise<HealthAnswer> {
    const started = Date.now();
    try {
      const res = await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(timeoutMs) });
      const body = (await res.json().catch(() => null)) as HealthAnswer['body'];
      return { status: res.status, body, ms: Date.now() - started };
    } catch {
      return { status: 0, body: null, ms: Date.now() - started };
    }
  }

  tail(lines = 40): string {
    return this.output.slice(-lines).join('\n');
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Own infrastructure on spare ports

/** Where the PostgreSQL server binaries are (Debian: /usr/lib/postgresql/<version>/bin). */
async function postgresBin(): Promise<string> {
  const { stdout } = await run('bash', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1']);
  const bin = stdout.trim();
  if (!bin) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql (apt-get install postgresql)');
  return bin;
}

/**
 * A throwaway PostgreSQL cluster (initdb in a temporary directory, trust authentication, fsync off) on its own port.
 * initdb refuses to run as root, so as root the cluster belongs to the `postgres` user and runs under runuser.
 */
export class PostgresInstance {
  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly bin: string,
  ) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  static async create(port?: number): Promise<PostgresInstance> {
    const dir = mkdtempSync(join(tmpdir(), 'tw-pg-'));
    const pg = new PostgresInstance(port ?? (await freePort()), dir, await postgresBin());
    if (process.getuid?.() === 0)
      chownSync(
        dir,
        Number((await run('id', ['-u', 'postgres'])).stdout.trim()),
        Number((await run('id', ['-g', 'postgres'])).stdout.trim()),
      );
    await pg.asOwner(`${pg.bin}/initdb`, ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync']);
    await pg.start();
    return pg;
  }

  private asOwner(command: string, args: string[]) {
    return process.getuid?.() === 0 ? run('runuser', ['-u', 'postgres', '--', command, ...args]) : run(command, args);
  }

  async start(): Promise<void> {
    const options =
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off ` +
      `-c full_page_writes=off -c max_connections=200`;
    await this.asOwner(`${this.bin}/pg_ctl`, [
      '-D',
      join(this.dir, 'data'),
      '-o',
      options,
      '-l',
      join(this.dir, 'server.log'),
      '-w',
      '-t',
      '60',
      'start',
    ]);
    await waitPort(this.port, true, 30_000, 'PostgreSQL');
  }

  /** Fast shutdown: open connections are terminated (the services see "terminating connection due to administrator command"). */
  async stop(): Promise<void> {
    await this.asOwner(`${this.bin}/pg_ctl`, ['-D', join(this.dir, 'data'), '-m', 'fast', '-w', '-t', '60', 'stop']);
    await waitPort(this.port, false, 30_000, 'PostgreSQL');
  }

  async destroy(): Promise<void> {
    await this.stop().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** An own redis-server (no persistence) on its own port. */
export class RedisInstance {
  private process?: ChildProcess;
  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async create(port?: number): Promise<RedisInstance> {
    const redis = new RedisInstance(port ?? (await freePort()), mkdtempSync(join(tmpdir(), 'tw-redis-')));
    await redis.start();
    return redis;
  }

  /**
   * Starts redis-server without persistence, as infra/scripts/infra.sh runs it: a restart loses every key (BullMQ's
   * job schedulers included), the harder case for the services, which must put their schedules back by themselves.
   */
  async start(): Promise<void> {
    this.process = spawn(
      'redis-server',
      ['--bind', '127.0.0.1', '--port', String(this.port), '--save', '', '--appendonly', 'no', '--dir', this.dir],
      { stdio: 'ignore' },
    );
    await waitPort(this.port, true, 30_000, 'Redis');
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    await waitPort(this.port, false, 30_000, 'Redis');
  }

  async destroy(): Promise<void> {
    await this.stop().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * An own single-node Kafka (KRaft) started by the project's infra/scripts/kafka.sh on a spare port pair (broker,
 * controller) with its own data directory; stop/start keep the data (topics, offsets), as a broker restart does.
 */
export class KafkaInstance {
  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  static async create(port?: number): Promise<KafkaInstance> {
    const kafka = new KafkaInstance(port ?? (await freePortPair()), mkdtempSync(join(tmpdir(), 'tw-kafka-')));
    await kafka.start();
    return kafka;
  }

  private script(command: 'start' | 'stop') {
    return run('bash', [join(ROOT, 'infra/scripts/kafka.sh'), command], {
      env: {
        ...process.env,
        TRAJECTWACHT_DATA_DIR: this.dir,
        KAFKA_BROKERS: this.brokers,
        KAFKA_CONTROLLER_PORT: String(this.port + 1),
        KAFKA_HEAP_OPTS: process.env.TEST_KAFKA_HEAP_OPTS ?? '-Xms128m -Xmx512m',
      },
      maxBuffer: 16 * 1024 * 1024,
    });
  }

  async start(): Promise<void> {
    await this.script('start');
  }

  async stop(): Promise<void> {
    await this.script('stop');
    await waitPort(this.port, false, 60_000, 'Kafka');
  }

  async destroy(): Promise<void> {
    await this.stop().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
