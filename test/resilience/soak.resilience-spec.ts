import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import IORedis from 'ioredis';
import type { Admin, Producer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { addDays, dutchDate } from '@trajectwacht/ijw';
import { TOPICS, createKafka, issueToken, type Principal } from '@trajectwacht/platform';
import { NATIONAL, senderKey, simulateBerichten, type SimSender, type SimulatedIjwBericht } from '@trajectwacht/simulator';
import { hashPassword } from '../../apps/monitor/src/users';
import { dropSchema, freshDatabase, testConfig, uniqueName, waitFor } from '../support/infra';
import { freePort, ROOT, ServiceProcess } from '../support/processes';
import { decodeGeaccepteerd, decodeRetour } from '@trajectwacht/contracts';

/**
 * Load soak (issue 8): the four compiled services as separate processes, a sustained stream of realistic valid
 * messages at ten times the national rate, the dashboard open (logged-in users with the live stream connected,
 * reloading the inbox, the regional indicators and the CSV export like the web UI does), webhooks subscribed.
 * Sampled every SOAK_SAMPLE_MS: the RSS of every service (/proc/<pid>/status) and the lag of every consumer group
 * (committed offsets vs the topics' end offsets). Asserted: memory does not grow, lag stays bounded and returns to 0,
 * every bericht sent is accounted for (each has its decision on ijw.retour.v1; the products of every accepted one, and
 * only those, are on ijw.geaccepteerd.v1), nothing the dashboard, the webhooks or the logs show
 * carries a BSN of the traffic.
 *
 * The rate, derived from the domain material (/work/shared/domain/README.md, docs/simulator.md):
 *  - about 13.2% of the ~3.36 million youths under 18 get jeugdhulp in a year (CBS 2022; 370–380 thousand per
 *    half-year), ≈ 444 000 children;
 *  - the simulator, calibrated on those figures, produces 1 008 896 JW301/JW305/JW307 messages for the national
 *    year 2024 (seed 1, without the one-off initial load): ≈ 2.3 per child in care;
 *  - averaged over the year: 1 008 896 / 31 622 400 s = 0.032 msg/s, ten times that 0.32 msg/s (tiny);
 *  - the messages are sent in business hours (07:00–16:00 UTC): the 3 305 hours with traffic average 0.085 msg/s,
 *    and the busiest hour of the year carried 434 messages = 0.121 msg/s.
 * So the default is ten times the busiest hour: 4 340 messages an hour = 1.21 msg/s (14× the business-hours
 * average, 38× the yearly average), sustained for SOAK_SECONDS (default 300). Before it, the history window
 * (the initial load of running toewijzingen and two weeks of history, ~10 000 messages at SOAK_SCALE 0.02) is
 * published as fast as the broker takes it, like the demo stream does: a burst the platform must absorb first.
 * The traffic is the simulator's iJw 3.2 berichten in XML (simulateBerichten: a JW301 may carry several products);
 * the rate counts berichten. Every SOAK_HTTP_EVERY-th bericht (default 10) goes through POST /api/v1/berichten, the
 * others to ijw.berichten.v1. Every SOAK_INVALID_EVERY-th paced bericht (default 50, i.e. 2%) is spoiled, half of them
 * over HTTP, in turn with an unknown productcategorie (not a code of LDT_ProductCategorie: refused by the structure,
 * a foutmelding) and with a Dagtekening in the future (TR135, retourcode 8848 on the header): real traffic has
 * rejections, and what depended on them (a start for a refused toewijzing) is held and refused in turn (9019), so the
 * accounting is not a count of accepted berichten only.
 *
 * Environment: SOAK_SECONDS, SOAK_RATE (msg/s), SOAK_WARMUP_SECONDS (120, at the soak rate after the burst, not
 * measured: the heaps the burst grew settle first), SOAK_SCALE (0.02), SOAK_SEED (random), SOAK_HTTP_EVERY, SOAK_POLL_SECONDS (10),
 * SOAK_SAMPLE_MS (2000),
 * SOAK_RSS_TOLERANCE (0.15, plus 16 MiB). Figures are printed and written to .data/soak/.
 */
const MiB = 2 ** 20;
const num = (name: string, fallback: number): number => {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
};

const NATIONAL_MESSAGES_2024 = 1_008_896;
const BUSIEST_HOUR_2024 = 434;
const SOAK_SECONDS = num('SOAK_SECONDS', 300);
const RATE = num('SOAK_RATE', (10 * BUSIEST_HOUR_2024) / 3600);
const WARMUP_SECONDS = num('SOAK_WARMUP_SECONDS', 120);
const SCALE = num('SOAK_SCALE', 0.02);
const SEED = num('SOAK_SEED', 1000 + Math.floor(Math.random() * 1e6));
const HTTP_EVERY = num('SOAK_HTTP_EVERY', 10);
const INVALID_EVERY = num('SOAK_INVALID_EVERY', 50);
const POLL_SECONDS = num('SOAK_POLL_SECONDS', 10);
const SAMPLE_MS = num('SOAK_SAMPLE_MS', 2000);
const RSS_TOLERANCE = num('SOAK_RSS_TOLERANCE', 0.15);
const RSS_SLACK = 16 * MiB;
/** A consumer group may fall behind by at most a minute of traffic (×5: one message gives several events), never less than 500 records. */
const LAG_BOUND = Math.max(500, Math.ceil(60 * RATE * 5));

const SERVICES = ['ingest', 'trajectory', 'signals', 'monitor'] as const;
type ServiceName = (typeof SERVICES)[number];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function rssOf(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return kb ? Number(kb) * 1024 : 0;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]! : NaN;
}

/** Least-squares slope of y over x. */
function slope(points: [number, number][]): number {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return sxx === 0 ? 0 : points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0) / sxx;
}

/** Every 9-digit number in a text that is one of the BSNs sent. */
function bsnsIn(text: string, bsns: Set<string>): string[] {
  return [...new Set(text.match(/(?<!\d)\d{9}(?!\d)/g) ?? [])].filter((n) => bsns.has(n));
}

interface Sample {
  t: number;
  phase: 'burst' | 'warmup' | 'soak' | 'drain';
  rss: Record<ServiceName, number>;
  lag: Record<string, number>;
}

interface ConsumerGroup {
  name: string;
  groupId: string;
  topics: string[];
}

/** Lag of each group: end offset minus committed offset, summed over partitions (uncommitted: from the baseline). */
async function lagOf(admin: Admin, groups: ConsumerGroup[], baseline: Map<string, number>): Promise<Record<string, number>> {
  const highs = new Map<string, number>();
  for (const topic of new Set(groups.flatMap((g) => g.topics))) {
    for (const o of await admin.fetchTopicOffsets(topic)) highs.set(`${topic}:${o.partition}`, Number(o.high));
  }
  const lag: Record<string, number> = {};
  for (const g of groups) {
    let total = 0;
    for (const t of await admin.fetchOffsets({ groupId: g.groupId, topics: g.topics })) {
      for (const p of t.partitions) {
        const key = `${t.topic}:${p.partition}`;
        const committed = Number(p.offset);
        total += Math.max(0, (highs.get(key) ?? 0) - (committed >= 0 ? committed : (baseline.get(key) ?? 0)));
      }
    }
    lag[g.name] = total;
  }
  return lag;
}

/** Per-endpoint statistics of the dashboard client. */
class EndpointStats {
  readonly byName = new Map<string, { ms: number[]; errors: string[] }>();
  record(name: string, ms: number, error?: string): void {
    const entry = this.byName.get(name) ?? { ms: [], errors: [] };
    entry.ms.push(ms);
    if (error) entry.errors.push(error);
    this.byName.set(name, entry);
  }
}

interface DashboardUser {
  username: string;
  password: string;
  principal: Principal;
}

/**
 * The dashboard as a browser has it open: logs in, keeps /api/v1/stream connected (reconnecting like EventSource),
 * and reloads what the views load (inbox: alerts via the proxy; regional view: indicators in turn per grouping and
 * the CSV export link; provider view: its messages) every POLL_SECONDS.
 */
class DashboardClient {
  readonly stats = new EndpointStats();
  readonly sse = new Map<string, { connects: number; drops: number; events: Record<string, number> }>();
  readonly bsnHits: string[] = [];
  private readonly abort = new AbortController();
  private tokens = new Map<string, string>();
  private loops: Promise<void>[] = [];
  rounds = 0;

  constructor(
    private readonly base: string,
    private readonly users: DashboardUser[],
    private readonly bsns: Set<string>,
  ) {}

  async start(): Promise<void> {
    for (const u of this.users) {
      const res = await fetch(`${this.base}/api/v1/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: u.username, password: u.password }),
      });
      if (res.status !== 201) throw new Error(`login of ${u.username} answered ${res.status}`);
      this.tokens.set(u.username, ((await res.json()) as { token: string }).token);
      this.sse.set(u.username, { connects: 0, drops: 0, events: {} });
      this.loops.push(this.stream(u.username));
    }
    await waitFor(async () => [...this.sse.values()].every((s) => s.connects > 0), 30_000);
    this.loops.push(this.poll());
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.allSettled(this.loops);
  }

  private check(where: string, text: string): void {
    for (const hit of bsnsIn(text, this.bsns)) this.bsnHits.push(`${where}: ${hit.slice(0, 2)}…`);
  }

  private async stream(username: string): Promise<void> {
    const state = this.sse.get(username)!;
    while (!this.abort.signal.aborted) {
      try {
        const res = await fetch(`${this.base}/api/v1/stream`, {
          headers: { accept: 'text/event-stream', authorization: `Bearer ${this.tokens.get(username)}` },
          signal: this.abort.signal,
        });
        if (res.status !== 200 || !res.body) throw new Error(`stream answered ${res.status}`);
        state.connects++;
        const reader = res.body.getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
            const block = buffer.slice(0, i);
            buffer = buffer.slice(i + 2);
            const type = /^event: ?(.*)$/m.exec(block)?.[1] ?? 'message';
            state.events[type] = (state.events[type] ?? 0) + 1;
            this.check(`stream ${type}`, block);
          }
        }
      } catch {
        if (this.abort.signal.aborted) return;
      }
      if (this.abort.signal.aborted) return;
      state.drops++;
      await sleep(2000);
    }
  }

  private async get(name: string, username: string, path: string, csv = false): Promise<void> {
    const started = Date.now();
    const token = this.tokens.get(username)!;
    try {
      // the CSV as the dashboard fetches it (Authorization header, saved from a Blob): no token in any URL
      const res = await fetch(`${this.base}${path}`, {
        headers: { authorization: `Bearer ${token}`, accept: csv ? 'text/csv' : 'application/json' },
        signal: AbortSignal.timeout(60_000),
      });
      const text = await res.text();
      this.check(name, text);
      this.stats.record(name, Date.now() - started, res.status === 200 ? undefined : `HTTP ${res.status}: ${text.slice(0, 200)}`);
    } catch (error) {
      if (this.abort.signal.aborted) return;
      this.stats.record(name, Date.now() - started, (error as Error).message);
    }
  }

  private async poll(): Promise<void> {
    const groupings = ['gemeente', 'aanbieder', 'intensiteit', 'totaal'];
    while (!this.abort.signal.aborted) {
      const began = Date.now();
      for (const u of this.users) {
        await this.get('me', u.username, '/api/v1/me');
        if (u.principal.role === 'regio') {
          await this.get('indicators', u.username, `/api/v1/indicators?groupBy=${groupings[this.rounds % groupings.length]}`);
          if (this.rounds % 3 === 0) await this.get('indicators.csv', u.username, '/api/v1/indicators.csv?groupBy=gemeente', true);
        } else if (u.principal.role === 'toegang') {
          await this.get('alerts (inbox)', u.username, '/api/v1/alerts?status=open%2Cacknowledged&limit=1000');
        } else if (u.principal.role === 'aanbieder') {
          await this.get('aanbieder/berichten', u.username, '/api/v1/aanbieder/berichten?limit=200');
        }
      }
      this.rounds++;
      const wait = POLL_SECONDS * 1000 - (Date.now() - began);
      if (wait > 0)
        await new Promise<void>((r) => {
          const timer = setTimeout(r, wait);
          this.abort.signal.addEventListener('abort', () => (clearTimeout(timer), r()), { once: true });
        });
    }
  }
}

describe('load soak: ten times the national rate with the dashboard open', () => {
  it(
    'keeps memory flat and lag bounded, and accounts for every bericht',
    async () => {
      const config = testConfig();
      const run = uniqueName('soak');
      const schema = run;
      const logDir = mkdtempSync(join(tmpdir(), 'tw-soak-'));
      const ds: DataSource = await freshDatabase(schema);
      const kafka = createKafka(config, 'soak-test');
      const admin = kafka.admin();
      const producer: Producer = kafka.producer({ allowAutoTopicCreation: false });
      const collector = kafka.consumer({ groupId: uniqueName('soakcollect'), maxWaitTimeInMs: 100 });
      const children = new Map<ServiceName, ServiceProcess>();
      const ports = Object.fromEntries(await Promise.all(SERVICES.map(async (s) => [s, await freePort()] as const))) as Record<
        ServiceName,
        number
      >;
      const groups: ConsumerGroup[] = [
        { name: 'ingest', groupId: uniqueName('soak_ingest'), topics: [TOPICS.berichten] },
        { name: 'trajectory', groupId: uniqueName('soak_traj'), topics: [TOPICS.geaccepteerd] },
        { name: 'signals', groupId: uniqueName('soak_signals'), topics: [TOPICS.trajectoryEvents] },
        { name: 'notify', groupId: uniqueName('soak_notify'), topics: [TOPICS.alerts] },
      ];
      const bullPrefix = uniqueName('soakbull');
      const toegangGemeente = NATIONAL.gemeenten[0]!.code;
      const users: DashboardUser[] = [
        {
          username: 'soak-regio',
          password: 'soak-wachtwoord-regio',
          principal: { role: 'regio', regio: 'nederland', gemeenten: NATIONAL.gemeenten.map((g) => g.code), sub: 'soak-regio' },
        },
        {
          username: 'soak-toegang',
          password: 'soak-wachtwoord-toegang',
          principal: { role: 'toegang', gemeente: toegangGemeente, sub: 'soak-toegang' },
        },
        {
          username: 'soak-aanbieder',
          password: 'soak-wachtwoord-aanbieder',
          principal: { role: 'aanbieder', agb: NATIONAL.aanbieders[0]!.agb, sub: 'soak-aanbieder' },
        },
      ];
      const usersFile = join(logDir, 'users.json');
      writeFileSync(
        usersFile,
        JSON.stringify(users.map((u) => ({ username: u.username, passwordHash: hashPassword(u.password), principal: u.principal }))),
      );
      const bsns = new Set<string>();
      const webhookBodies: string[] = [];
      let webhookServer: Server | undefined;
      let dashboard: DashboardClient | undefined;
      let sampler: NodeJS.Timeout | undefined;
      let failed = true;
      // If the test runner itself is terminated, the services must not outlive it.
      const onSignal = (signal: NodeJS.Signals) => {
        for (const child of children.values()) child.kill('SIGKILL');
        process.removeListener('SIGTERM', onSignal);
        process.removeListener('SIGINT', onSignal);
        process.kill(process.pid, signal);
      };
      process.once('SIGTERM', onSignal);
      process.once('SIGINT', onSignal);
      try {
        // --- the services, each its own compiled process --------------------------------------------------------
        const env: NodeJS.ProcessEnv = {
          ...process.env,
          DATABASE_SCHEMA: schema,
          LOG_LEVEL: 'info',
          BULLMQ_PREFIX: bullPrefix,
          INGEST_PORT: String(ports.ingest),
          TRAJECTORY_PORT: String(ports.trajectory),
          SIGNALS_PORT: String(ports.signals),
          MONITOR_PORT: String(ports.monitor),
          MONITOR_URL: `http://127.0.0.1:${ports.monitor}`,
          MONITOR_USERS_FILE: usersFile,
          INGEST_GROUP_ID: groups[0]!.groupId,
          TRAJECTORY_GROUP_ID: groups[1]!.groupId,
          SIGNAL_GROUP_ID: groups[2]!.groupId,
          NOTIFY_GROUP_ID: groups[3]!.groupId,
          INGEST_FROM_BEGINNING: 'false',
          TRAJECTORY_FROM_BEGINNING: 'false',
          SIGNAL_FROM_BEGINNING: 'false',
          NOTIFY_FROM_BEGINNING: 'false',
          // held messages are decided within the run (so that every message is accounted for at the end)
          UNKNOWN_TOEWIJZING_GRACE_SECONDS: '20',
          HELD_SWEEP_INTERVAL_MS: '2000',
          // the test's webhook listens on loopback: allowed explicitly (the address policy refuses it by default)
          WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
        };
        for (const name of SERVICES) children.set(name, new ServiceProcess(name, ports[name], env, join(logDir, `${name}.log`)));
        await Promise.all([...children.values()].map((service) => service.start(120_000)));
        for (const name of SERVICES) {
          await waitFor(
            async () => {
              if (!children.get(name)!.running) throw new Error(`${name} exited: ${children.get(name)!.tail()}`);
              return (await fetch(`http://127.0.0.1:${ports[name]}/health`).catch(() => null))?.status === 200;
            },
            120_000,
            250,
          );
        }
        await admin.connect();
        // the monitor's live stream has its own group per instance: trajectwacht-monitor-<host>-<pid>-<time>
        const monitorGroup = await waitFor(
          async () =>
            (await admin.listGroups()).groups.find((g) =>
              g.groupId.startsWith(`trajectwacht-monitor-${hostname()}-${children.get('monitor')!.pid}-`),
            )?.groupId,
          60_000,
          250,
        );
        groups.push({ name: 'monitor (live stream)', groupId: monitorGroup, topics: [TOPICS.trajectoryEvents, TOPICS.alerts] });
        await waitFor(
          async () => {
            const described = await admin.describeGroups(groups.map((g) => g.groupId));
            return described.groups.every((g) => g.state === 'Stable' && g.members.length > 0);
          },
          120_000,
          250,
        );
        const baseline = new Map<string, number>();
        for (const topic of new Set(groups.flatMap((g) => g.topics)))
          for (const o of await admin.fetchTopicOffsets(topic)) baseline.set(`${topic}:${o.partition}`, Number(o.high));

        // --- what comes out: accepted products by sender + berichtId, decisions by sender + referentie --------
        const accepted = new Set<string>();
        /** sender|referentie (the Identificatie, or ref:… for a payload that was no readable bericht) → status. */
        const decided = new Map<string, string>();
        let decisionRecords = 0;
        const retourCodes: Record<string, number> = {};
        let alertRecords = 0;
        const joined = new Promise<void>((r) => collector.on(collector.events.GROUP_JOIN, () => r()));
        await collector.connect();
        await collector.subscribe({ topics: [TOPICS.geaccepteerd, TOPICS.retour, TOPICS.alerts], fromBeginning: false });
        await collector.run({
          eachMessage: async ({ topic, message }) => {
            if (topic === TOPICS.geaccepteerd) {
              const m = decodeGeaccepteerd(message.value);
              accepted.add(`${m.ontvangst.afzender}|${m.berichtId}`);
            } else if (topic === TOPICS.retour) {
              const body = decodeRetour(message.value);
              decisionRecords++;
              decided.set(`${body.afzender}|${body.referentie}`, body.status);
              const codes = body.type === 'foutmelding' ? [body.foutmelding.code] : body.toelichtingen.map((t) => t.retourcode);
              for (const code of codes) retourCodes[code] = (retourCodes[code] ?? 0) + 1;
            } else alertRecords++;
          },
        });
        await joined;
        await producer.connect();

        // --- the dashboard open, and a webhook for the toegang team --------------------------------------------
        webhookServer = createHttpServer((req, res) => {
          let body = '';
          req.on('data', (c: Buffer) => (body += c.toString('utf8')));
          req.on('end', () => {
            webhookBodies.push(body);
            res.writeHead(204).end();
          });
        });
        await new Promise<void>((r) => webhookServer!.listen(0, '127.0.0.1', r));
        dashboard = new DashboardClient(`http://127.0.0.1:${ports.monitor}`, users, bsns);
        await dashboard.start();
        const toegangToken = issueToken({ ...users[1]!.principal } as Principal, config.authSecret);
        const subscribed = await fetch(`http://127.0.0.1:${ports.monitor}/api/v1/webhooks`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${toegangToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            url: `http://127.0.0.1:${(webhookServer.address() as { port: number }).port}/hook`,
            secret: 'soak-webhook-secret-of-the-toegang-team',
            mode: 'direct',
          }),
        });
        expect(subscribed.status).toBe(200);

        // --- sampling ------------------------------------------------------------------------------------------
        const samples: Sample[] = [];
        let phase: Sample['phase'] = 'burst';
        let t0 = Date.now();
        let sampling = false;
        const sample = async () => {
          if (sampling) return;
          sampling = true;
          try {
            const rss = Object.fromEntries(SERVICES.map((s) => [s, children.get(s)!.running ? rssOf(children.get(s)!.pid!) : 0])) as Record<
              ServiceName,
              number
            >;
            samples.push({ t: (Date.now() - t0) / 1000, phase, rss, lag: await lagOf(admin, groups, baseline) });
          } finally {
            sampling = false;
          }
        };
        sampler = setInterval(() => void sample().catch(() => undefined), SAMPLE_MS);

        // --- the traffic: the calibrated simulator, national mix ----------------------------------------------
        const secret = config.authSecret;
        const tokens = new Map<string, string>();
        const tokenFor = (sender: SimSender) => {
          const key = senderKey(sender);
          if (!tokens.has(key)) {
            const principal: Principal =
              sender.role === 'toegang'
                ? { role: 'toegang', gemeente: sender.gemeente, sub: 'soak' }
                : { role: 'aanbieder', agb: sender.agb, sub: 'soak' };
            tokens.set(key, issueToken(principal, secret, 4 * 3600));
          }
          return tokens.get(key)!;
        };
        const neededLive = RATE * (SOAK_SECONDS + WARMUP_SECONDS) * 1.5;
        const liveDays = Math.ceil(neededLive / (55 * (SCALE / 0.02))) + 2;
        const today = new Date().toISOString().slice(0, 10);
        const liveStartMs = Date.parse(`${today}T00:00:00Z`) - liveDays * 86_400_000;
        const from = new Date(liveStartMs - 14 * 86_400_000).toISOString().slice(0, 10);
        const stream = simulateBerichten({ region: NATIONAL, seed: SEED, from, scale: SCALE })[Symbol.iterator]();
        /** Every bericht sent: sender|referentie of its decision → sender|berichtId of its products. */
        const sent = new Map<string, string[]>();
        const http = { posted: 0, status: {} as Record<string, number> };
        const remember = (m: SimulatedIjwBericht, referentie: string = m.regels[0]!.identificatie!) => {
          sent.set(
            `${senderKey(m.sender)}|${referentie}`,
            m.regels.map((r) => `${senderKey(m.sender)}|${r.berichtId}`),
          );
          bsns.add(m.regels[0]!.client.bsn);
        };
        /** Spoiled berichten: sender|referentie → how (a sender's mistake the platform must refuse). */
        const spoiled = new Map<string, 'productcategorie' | 'dagtekening'>();
        const spoil = (m: SimulatedIjwBericht, how: 'productcategorie' | 'dagtekening'): SimulatedIjwBericht => ({
          ...m,
          xml:
            how === 'productcategorie'
              ? m.xml.replace(/(<(?:[\w.-]+:)?Categorie>)[^<]*/, '$199') // not a code of LDT_ProductCategorie
              : // the header's: tomorrow (TR135)
                m.xml.replace(/(<(?:[\w.-]+:)?Dagtekening>)[^<]*/, `$1${addDays(dutchDate(new Date()), 1)}`),
        });
        const record = (m: SimulatedIjwBericht) => ({
          key: senderKey(m.sender),
          value: m.xml,
          timestamp: String(Math.min(Date.parse(m.at), Date.now())),
          headers: { authorization: `Bearer ${tokenFor(m.sender)}`, bron: 'simulator' },
        });
        const allDecided = () => [...sent.keys()].every((k) => decided.has(k));

        // 1. burst: the history window as fast as the broker takes it, then wait until every group has caught up
        const burstStarted = Date.now();
        let pending: SimulatedIjwBericht | undefined;
        let batch: SimulatedIjwBericht[] = [];
        for (let next = stream.next(); !next.done; next = stream.next()) {
          if (Date.parse(next.value.at) >= liveStartMs) {
            pending = next.value;
            break;
          }
          batch.push(next.value);
          if (batch.length === 500) {
            await producer.send({ topic: TOPICS.berichten, acks: -1, messages: batch.map(record) });
            batch.forEach((m) => remember(m));
            batch = [];
          }
        }
        await producer.send({ topic: TOPICS.berichten, acks: -1, messages: batch.map(record) });
        batch.forEach((m) => remember(m));
        const burstMessages = sent.size;
        const burstSentSeconds = (Date.now() - burstStarted) / 1000;
        await waitFor(
          async () => {
            const lag = await lagOf(admin, groups, baseline);
            return Object.values(lag).every((l) => l === 0) && allDecided();
          },
          900_000,
          500,
        );
        const burstCaughtUpSeconds = (Date.now() - burstStarted) / 1000;

        // 2. paced: warm-up, then the measured soak, at RATE; every HTTP_EVERY-th message over HTTP
        phase = 'warmup';
        t0 = Date.now() + WARMUP_SECONDS * 1000;
        const pacedStart = Date.now();
        const pacedEnd = t0 + SOAK_SECONDS * 1000;
        let paced = 0;
        let invalid = 0;
        let exhausted = false;
        while (Date.now() < pacedEnd && !exhausted) {
          if (phase === 'warmup' && Date.now() >= t0) phase = 'soak';
          const due = Math.floor(((Date.now() - pacedStart) / 1000) * RATE);
          while (paced < due) {
            const next = pending ?? stream.next().value;
            pending = undefined;
            if (!next || Date.parse(next.at) > Date.now()) {
              exhausted = true; // never send a message dated in the future
              break;
            }
            paced++;
            const isSpoiled = paced % INVALID_EVERY === 0;
            // a bericht without any Categorie (a start or stop without Product) gets the other mistake
            const how = isSpoiled ? (invalid % 4 < 2 && /Categorie>/.test(next.xml) ? 'productcategorie' : 'dagtekening') : undefined;
            const m = how ? spoil(next, how) : next;
            if (how) invalid++;
            let referentie: string | undefined = m.regels[0]!.identificatie!;
            if (how ? invalid % 2 === 0 : paced % HTTP_EVERY === 0) {
              const res = await fetch(`http://127.0.0.1:${ports.ingest}/api/v1/berichten`, {
                method: 'POST',
                headers: { authorization: `Bearer ${tokenFor(m.sender)}`, 'content-type': 'application/xml', accept: 'application/json' },
                body: m.xml,
              });
              const answer = (await res.json().catch(() => ({}))) as { referentie?: string };
              http.posted++;
              http.status[res.status] = (http.status[res.status] ?? 0) + 1;
              referentie = [200, 202, 422].includes(res.status) ? answer.referentie : undefined;
            } else {
              const [meta] = await producer.send({ topic: TOPICS.berichten, acks: -1, messages: [record(m)] });
              // a payload that is no readable bericht is decided under the reference of its Kafka record
              if (how === 'productcategorie') referentie = `ref:${TOPICS.berichten}:${meta!.partition}:${meta!.baseOffset}`;
            }
            if (referentie !== undefined) {
              remember(m, referentie);
              if (how) spoiled.set(`${senderKey(m.sender)}|${referentie}`, how);
            }
          }
          await sleep(50);
        }
        const soakSeconds = (Date.now() - t0) / 1000;
        const pacedRate = paced / ((Date.now() - pacedStart) / 1000);

        // 3. drain: lag back to 0 and every message decided
        phase = 'drain';
        const drainStarted = Date.now();
        let finalLag: Record<string, number> = {};
        await waitFor(
          async () => {
            finalLag = await lagOf(admin, groups, baseline);
            return allDecided() && Object.values(finalLag).every((l) => l === 0);
          },
          300_000,
          500,
        ).catch(() => undefined);
        const drainSeconds = (Date.now() - drainStarted) / 1000;
        clearInterval(sampler);
        sampler = undefined;
        await sample();
        await dashboard.stop();

        // --- figures -------------------------------------------------------------------------------------------
        const status: { status: string; n: string }[] = await ds.query(
          `SELECT status, count(*) AS n FROM ijw_heenbericht GROUP BY status ORDER BY status`,
        );
        const db = Object.fromEntries(status.map((r) => [r.status, Number(r.n)]));
        const trajectoryMessages = Number((await ds.query(`SELECT count(*) AS n FROM trajectory_bericht`))[0].n);
        const trajectories = Number((await ds.query(`SELECT count(*) AS n FROM trajectory`))[0].n);
        const alerts = Number((await ds.query(`SELECT count(*) AS n FROM alert`))[0].n);
        const acceptedProducts = Number((await ds.query(`SELECT count(*) AS n FROM ijw_bericht`))[0].n);
        const sentAccepted = [...sent.keys()].filter((k) => decided.get(k) === 'geaccepteerd').length;
        const sentRefused = [...sent.keys()].filter((k) => decided.get(k) === 'afgewezen').length;
        const missing = [...sent.keys()].filter((k) => !decided.has(k));
        // the products of an accepted bericht are all on ijw.geaccepteerd.v1, those of a refused one none
        const productsMissing = [...sent]
          .filter(([k]) => decided.get(k) === 'geaccepteerd')
          .flatMap(([, ps]) => ps.filter((p) => !accepted.has(p)));
        const productsOfRefused = [...sent]
          .filter(([k]) => decided.get(k) === 'afgewezen')
          .flatMap(([, ps]) => ps.filter((p) => accepted.has(p)));
        const spoiledAccepted = [...spoiled.keys()].filter((k) => decided.get(k) !== 'afgewezen');

        const measured = samples.filter((s) => s.phase === 'soak');
        const third = Math.max(1, Math.floor(measured.length / 3));
        const memory = SERVICES.map((name) => {
          const points = measured.map((s) => [s.t, s.rss[name]] as [number, number]);
          const first = median(points.slice(0, third).map(([, y]) => y));
          const last = median(points.slice(-third).map(([, y]) => y));
          const perSecond = slope(points);
          const span = points.length ? points[points.length - 1]![0] - points[0]![0] : 0;
          const peak = Math.max(...samples.map((s) => s.rss[name]));
          // the floors (lowest RSS of each third, i.e. after a major GC) rise with a leak; a heap that only grows until
          // its next major GC moves the medians, not the floors
          const floors = [
            Math.min(...points.slice(0, third).map(([, y]) => y)),
            Math.min(...points.slice(-third).map(([, y]) => y)),
          ] as const;
          return {
            name,
            first,
            last,
            floors,
            growth: last / first - 1,
            slopeMiBPerHour: (perSecond * 3600) / MiB,
            projected: perSecond * span,
            peak,
            allowed: first * RSS_TOLERANCE + RSS_SLACK,
          };
        });
        const lagFigures = groups.map((g) => ({
          name: g.name,
          burstMax: Math.max(0, ...samples.filter((s) => s.phase === 'burst').map((s) => s.lag[g.name] ?? 0)),
          soakMax: Math.max(0, ...samples.filter((s) => s.phase === 'warmup' || s.phase === 'soak').map((s) => s.lag[g.name] ?? 0)),
          soakMedian: median(measured.map((s) => s.lag[g.name] ?? 0)),
          final: finalLag[g.name] ?? NaN,
        }));
        const logBsns: string[] = [];
        for (const name of SERVICES)
          for (const hit of bsnsIn(readFileSync(join(logDir, `${name}.log`), 'utf8'), bsns)) logBsns.push(`${name}: ${hit.slice(0, 2)}…`);
        const webhookBsns = webhookBodies.flatMap((b) => bsnsIn(b, bsns));
        const errorLines = SERVICES.flatMap((name) =>
          readFileSync(join(logDir, `${name}.log`), 'utf8')
            .split('\n')
            .filter((l) => /"level":"error"|\bERROR\b/.test(l))
            .map((l) => `${name}: ${l.slice(0, 300)}`),
        );

        const mib = (b: number) => `${(b / MiB).toFixed(0)} MiB`;
        const lines = [
          `load soak ${new Date().toISOString()}: seed ${SEED}, scale ${SCALE}, national mix (${NATIONAL.gemeenten.length} ` +
            `gemeenten, ${NATIONAL.aanbieders.length} aanbieders)`,
          `rate: national ${NATIONAL_MESSAGES_2024} msg/year = ${(NATIONAL_MESSAGES_2024 / 31_622_400).toFixed(3)} msg/s; busiest ` +
            `hour ${BUSIEST_HOUR_2024} msg = ${(BUSIEST_HOUR_2024 / 3600).toFixed(3)} msg/s; soak target ${RATE.toFixed(2)} msg/s, ` +
            `achieved ${pacedRate.toFixed(2)} msg/s`,
          `burst: ${burstMessages} berichten sent in ${burstSentSeconds.toFixed(1)} s, every group caught up after ` +
            `${burstCaughtUpSeconds.toFixed(1)} s`,
          `paced: ${paced} berichten (${WARMUP_SECONDS} s warm-up + ${soakSeconds.toFixed(0)} s ` +
            `measured${exhausted ? ', BACKLOG EXHAUSTED' : ''}), ${http.posted} over HTTP (${JSON.stringify(http.status)}), ` +
            `${invalid} invalid; drain ${drainSeconds.toFixed(1)} s`,
          `accounting: berichten sent ${sent.size} = accepted ${sentAccepted} + refused ${sentRefused} (undecided: ` +
            `${missing.length}; ${decisionRecords} records on ijw.retour.v1); ` +
            `products of accepted berichten missing on ijw.geaccepteerd.v1 ${productsMissing.length}, of refused ones present ` +
            `${productsOfRefused.length}; spoiled ${spoiled.size}, accepted ${spoiledAccepted.length}; retour codes and ` +
            `foutmeldingen ${JSON.stringify(retourCodes)}`,
          `database: ijw_heenbericht ${JSON.stringify(db)}; ijw_bericht (accepted products) ${acceptedProducts}; ` +
            `trajectory_bericht ${trajectoryMessages}; trajectories ${trajectories}; alerts ${alerts} (alerts.v1 records ` +
            `${alertRecords}); webhook deliveries ${webhookBodies.length}`,
          `dashboard: ${dashboard.rounds} rounds every ${POLL_SECONDS} s; stream ${JSON.stringify(Object.fromEntries(dashboard.sse))}`,
          ...[...dashboard.stats.byName].map(
            ([name, s]) =>
              `  ${name}: ${s.ms.length} requests, p50 ${percentile(s.ms, 50)} ms, p95 ${percentile(s.ms, 95)} ms, max ` +
              `${Math.max(...s.ms)} ms, errors ${s.errors.length}`,
          ),
          `memory (RSS, ${measured.length} samples every ${SAMPLE_MS} ms over the measured ${soakSeconds.toFixed(0)} s; first ` +
            `third → last third median; slope; peak incl. burst):`,
          ...memory.map(
            (m) =>
              `  ${m.name}: ${mib(m.first)} → ${mib(m.last)} (${(m.growth * 100).toFixed(1)}%; floors ${mib(m.floors[0])} → ` +
              `${mib(m.floors[1])}), slope ${m.slopeMiBPerHour.toFixed(1)} MiB/h, peak ${mib(m.peak)}; allowed growth ${mib(m.allowed)}`,
          ),
          `consumer lag (records; bound ${LAG_BOUND}): ` +
            lagFigures
              .map((l) => `${l.name} burst max ${l.burstMax}, soak max ${l.soakMax}, soak median ${l.soakMedian}, final ${l.final}`)
              .join('; '),
          `privacy: BSNs of the traffic (${bsns.size}) found in logs ${logBsns.length}, webhooks ${webhookBsns.length}, dashboard ` +
            `${dashboard.bsnHits.length}; error log lines ${errorLines.length}`,
          ...errorLines.slice(0, 5).map((l) => `  ${l}`),
          `logs: ${logDir}`,
        ];
        process.stdout.write(`\n${lines.join('\n')}\n\n`);
        mkdirSync(join(ROOT, '.data', 'soak'), { recursive: true });
        writeFileSync(
          join(ROOT, '.data', 'soak', `soak-${Date.now()}.json`),
          JSON.stringify(
            {
              lines,
              seed: SEED,
              rate: RATE,
              pacedRate,
              soakSeconds,
              burstMessages,
              paced,
              sent: sent.size,
              sentAccepted,
              sentRefused,
              db,
              acceptedProducts,
              memory,
              lag: lagFigures,
              samples,
            },
            null,
            1,
          ),
        );

        // --- assertions ----------------------------------------------------------------------------------------
        for (const name of SERVICES) expect([name, children.get(name)!.running]).toEqual([name, true]);
        expect(exhausted).toBe(false);
        expect(pacedRate).toBeGreaterThan(RATE * 0.9);
        expect(measured.length).toBeGreaterThanOrEqual(9);
        // nothing lost: every bericht sent is decided, the products of the accepted ones (and only those) go downstream
        expect(missing).toEqual([]);
        expect(sentAccepted + sentRefused).toBe(sent.size);
        expect(productsMissing).toEqual([]);
        expect(productsOfRefused).toEqual([]);
        expect(spoiled.size).toBe(invalid);
        expect(spoiledAccepted).toEqual([]);
        expect(sentRefused).toBeGreaterThanOrEqual(invalid);
        expect(retourCodes['8848'] ?? 0).toBeGreaterThanOrEqual([...spoiled.values()].filter((h) => h === 'dagtekening').length);
        expect(retourCodes.STRUCTUUR ?? 0).toBeGreaterThanOrEqual([...spoiled.values()].filter((h) => h === 'productcategorie').length);
        expect((db.geaccepteerd ?? 0) + (db.afgewezen ?? 0)).toBe(sent.size);
        expect(db.wachtend ?? 0).toBe(0);
        expect(trajectoryMessages).toBe(acceptedProducts);
        expect(Object.keys(http.status).filter((s) => !['200', '202', '422'].includes(s))).toEqual([]);
        // lag bounded under load and back to 0
        for (const l of lagFigures) {
          expect([l.name, l.soakMax <= LAG_BOUND]).toEqual([l.name, true]);
          expect([l.name, l.final]).toEqual([l.name, 0]);
        }
        // memory does not grow
        for (const m of memory) {
          expect([m.name, m.last - m.first <= m.allowed]).toEqual([m.name, true]);
          expect([m.name, m.projected <= m.allowed]).toEqual([m.name, true]);
        }
        // the dashboard stayed usable and connected
        for (const [name, s] of dashboard.stats.byName) expect([name, s.errors.slice(0, 3)]).toEqual([name, []]);
        for (const [user, s] of dashboard.sse) expect([user, s.connects, s.drops]).toEqual([user, 1, 0]);
        expect(dashboard.sse.get('soak-regio')!.events.pathway ?? 0).toBeGreaterThan(0);
        expect(dashboard.rounds).toBeGreaterThanOrEqual(Math.floor(SOAK_SECONDS / POLL_SECONDS / 2));
        // and showed no BSN, nor did the webhooks or the logs
        expect(dashboard.bsnHits).toEqual([]);
        expect(webhookBsns).toEqual([]);
        expect(logBsns).toEqual([]);
        failed = false;
      } finally {
        if (sampler) clearInterval(sampler);
        await dashboard?.stop();
        webhookServer?.close();
        await collector.disconnect().catch(() => undefined);
        await producer.disconnect().catch(() => undefined);
        await admin.disconnect().catch(() => undefined);
        for (const child of children.values()) await child.stop('SIGTERM', 20_000);
        await dropSchema(ds);
        const redis = new IORedis(config.redisUrl, { maxRetriesPerRequest: 3 });
        try {
          let cursor = '0';
          do {
            const [next, keys] = await redis.scan(cursor, 'MATCH', `${bullPrefix}:*`, 'COUNT', 1000);
            if (keys.length) await redis.del(...keys);
            cursor = next;
          } while (cursor !== '0');
        } finally {
          redis.disconnect();
        }
        process.removeListener('SIGTERM', onSignal);
        process.removeListener('SIGINT', onSignal);
        if (!failed) rmSync(logDir, { recursive: true, force: true });
        else process.stderr.write(`soak: service logs kept in ${logDir}\n`);
      }
    },
    (SOAK_SECONDS + WARMUP_SECONDS + 1800) * 1000,
  );
});
