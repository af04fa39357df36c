import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { dataSourceOptions, issueToken, type Principal } from '@trajectwacht/platform';
import { trajectoryTableHash } from '../../apps/trajectory/src/trajectory.projection';
import { testBsn } from '../support/bsn';
import { testConfig, uniqueName, waitFor } from '../support/infra';
import { ijwPayload } from '../support/ijw';
import {
  freePort,
  KafkaInstance,
  PostgresInstance,
  RedisInstance,
  ROOT,
  ServiceProcess,
  type HealthAnswer,
  type ServiceName,
} from '../support/processes';
import { syntheticAccepted } from '../support/synthetic';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const DOWNTIME_MS = Number(process.env.OUTAGE_DOWNTIME_MS ?? 15_000);
const CHILDREN = Number(process.env.OUTAGE_CHILDREN ?? 2500);

interface SenderRecord {
  key: string;
  value: string;
  headers: Record<string, string>;
}

/**
 * The iJw 3.2 berichten (XML, one product each, with BSNs, as the senders publish them) of a synthetic region, signed
 * by their sender, plus one JW301 in 25 sent again by the wrong gemeente (refused with a foutmelding: not authorised
 * for its Afzender). Record n has the record time start + n ms in both runs, so both see the same business time (and
 * one trajectory's states stay ordered).
 */
function rawMessages(children: number, secret: string): SenderRecord[] {
  const tokens = new Map<string, string>();
  const tokenFor = (afzender: string) => {
    if (!tokens.has(afzender)) {
      const [role, id] = afzender.split(':') as [string, string];
      const principal: Principal =
        role === 'gemeente' ? { role: 'toegang', gemeente: id, sub: 'outage-test' } : { role: 'aanbieder', agb: id, sub: 'outage-test' };
      tokens.set(afzender, issueToken(principal, secret, 4 * 3600));
    }
    return tokens.get(afzender)!;
  };
  const bsns = new Map<string, string>();
  const out: SenderRecord[] = [];
  for (const m of syntheticAccepted(children, 77)) {
    if (!bsns.has(m.client.pseudonym)) bsns.set(m.client.pseudonym, testBsn(40_000_000 + bsns.size * 13));
    const { ontvangst, client, ...rest } = m;
    // the synthetic dagtekening (a JW301 is decided and sent on it: its Toewijzingsdatum), else the day it was received
    const bericht = {
      ...rest,
      dagtekening: rest.dagtekening ?? ontvangst.ontvangenOp.slice(0, 10),
      client: { bsn: bsns.get(client.pseudonym)!, geboortedatum: client.geboortedatum },
    };
    out.push({ key: ontvangst.afzender, value: ijwPayload(bericht), headers: { authorization: `Bearer ${tokenFor(ontvangst.afzender)}` } });
    if (m.berichtcode === 'JW301' && out.length % 25 === 0) {
      const wrong = ontvangst.afzender === 'gemeente:0034' ? 'gemeente:0995' : 'gemeente:0034';
      out.push({
        key: wrong,
        value: ijwPayload({ ...bericht, berichtId: `${m.berichtId}-x` }),
        headers: { authorization: `Bearer ${tokenFor(wrong)}` },
      });
    }
  }
  return out;
}

/** Publishes records at a steady rate and, like a real sender, retries a batch until the broker took it. */
class Publisher {
  sent = 0;
  failedSends = 0;
  private stopped = false;
  private done?: Promise<void>;
  private rate: number;

  constructor(
    private readonly producer: Producer,
    private readonly topic: string,
    private readonly records: SenderRecord[],
    private readonly timestamp: number,
    rate: number,
  ) {
    this.rate = rate;
  }

  start(): void {
    this.done = (async () => {
      const batch = 50;
      while (this.sent < this.records.length && !this.stopped) {
        const slice = this.records.slice(this.sent, this.sent + batch);
        const began = Date.now();
        for (;;) {
          try {
            await this.producer.send({
              topic: this.topic,
              acks: -1,
              messages: slice.map((r, i) => ({ ...r, timestamp: String(this.timestamp + this.sent + i) })),
            });
            break;
          } catch {
            this.failedSends++;
            await sleep(500);
          }
        }
        this.sent += slice.length;
        const wait = (slice.length / this.rate) * 1000 - (Date.now() - began);
        if (wait > 0) await sleep(wait);
      }
    })();
  }

  /** Sends the rest as fast as the broker takes it. */
  finish(): Promise<void> {
    this.rate = 1e9;
    return this.done!;
  }

  stop(): Promise<void> {
    this.stopped = true;
    return this.done ?? Promise.resolve();
  }
}

interface Stack {
  pg: PostgresInstance;
  redis: RedisInstance;
  kafka: KafkaInstance;
}

interface EndState {
  /** Berichten per decision (ijw_heenbericht). */
  berichten: Record<string, number>;
  trajectoryMessages: number;
  trajectoryHash: string;
  trajectories: number;
  alerts: string[];
  openAlerts: string[];
  timers: string[];
  /** Hash of the trajectory states the signal engine holds (what it last applied per trajectory). */
  signalStateHash: string;
  /** Per trajectory what the signal engine holds: id, event time, number of messages, status, hash of the state. */
  signalStates: string[];
}

/** One deployment of ingest, trajectory and signals on the own stack, in its own schema, topics and queues. */
class Deployment {
  readonly services: ServiceProcess[] = [];
  readonly prefix: string;
  readonly schema: string;
  private ds?: DataSource;
  private connecting?: Promise<DataSource>;

  constructor(
    private readonly stack: Stack,
    readonly name: string,
  ) {
    this.prefix = `${name}.`;
    this.schema = name;
  }

  async start(): Promise<void> {
    await run('node', [`${ROOT}/tools/create-topics.js`], {
      env: { ...process.env, KAFKA_BROKERS: this.stack.kafka.brokers, TRAJECTWACHT_TOPIC_PREFIX: this.prefix },
    });
    const env = {
      ...process.env,
      DATABASE_URL: this.stack.pg.url,
      DATABASE_SCHEMA: this.schema,
      REDIS_URL: this.stack.redis.url,
      KAFKA_BROKERS: this.stack.kafka.brokers,
      TRAJECTWACHT_TOPIC_PREFIX: this.prefix,
      BULLMQ_PREFIX: `bull-${this.name}`,
      LOG_LEVEL: 'warn',
      HELD_SWEEP_INTERVAL_MS: '1000',
      HEALTH_TIMEOUT_MS: '1500',
      INGEST_GROUP_ID: `${this.name}-ingest`,
      TRAJECTORY_GROUP_ID: `${this.name}-trajectory`,
      SIGNAL_GROUP_ID: `${this.name}-signals`,
      NOTIFY_GROUP_ID: `${this.name}-notify`,
    };
    for (const name of ['ingest', 'trajectory', 'signals'] as ServiceName[]) {
      const service = new ServiceProcess(name, await freePort(), env);
      await service.start();
      this.services.push(service);
    }
    await waitFor(async () => (await Promise.all(this.services.map((s) => s.health()))).every((h) => h.status === 200), 60_000, 250);
  }

  async stop(): Promise<void> {
    for (const s of this.services) await s.stop('SIGTERM');
    await this.ds?.destroy().catch(() => undefined);
    this.ds = undefined;
    this.connecting = undefined;
  }

  /** The test's own connection, opened once however many callers ask at the same time. */
  private db(): Promise<DataSource> {
    this.connecting ??= (async () => {
      const ds = new DataSource(dataSourceOptions({ databaseUrl: this.stack.pg.url }, { schema: this.schema, poolSize: 2 }));
      try {
        await ds.initialize();
      } catch (error) {
        this.connecting = undefined; // the next call tries again
        throw error;
      }
      this.ds = ds;
      return ds;
    })();
    return this.connecting;
  }

  /**
   * Trajectory events the signal engine's consumer group has not committed yet, over all partitions; undefined while
   * Kafka cannot tell (down, or the group has committed nothing yet).
   */
  async signalsLag(): Promise<number | undefined> {
    const admin = new Kafka({
      clientId: uniqueName('outage-lag'),
      brokers: [this.stack.kafka.brokers],
      logLevel: logLevel.NOTHING,
      retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 500 },
    }).admin();
    try {
      await admin.connect();
      const topic = `${this.prefix}trajectory.events.v1`;
      const [high, [committed]] = await Promise.all([
        admin.fetchTopicOffsets(topic),
        admin.fetchOffsets({ groupId: `${this.name}-signals`, topics: [topic] }),
      ]);
      let lag = 0;
      for (const { partition, high: end, low } of high) {
        const at = committed?.partitions.find((p) => p.partition === partition)?.offset ?? '-1';
        lag += Number(BigInt(end) - (at === '-1' ? BigInt(low) : BigInt(at)));
      }
      return lag;
    } catch (error) {
      this.lastProbeError = (error as Error).message;
      return undefined;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  /** The last error a count or the lag probe met (for the message when a wait times out). */
  lastProbeError = '';

  /** A count, or undefined while the database is unreachable (the connection is then opened anew). */
  async count(sql: string): Promise<number | undefined> {
    let ds: DataSource | undefined;
    try {
      ds = await this.db();
      return Number((await ds.query(sql))[0].n);
    } catch (error) {
      this.lastProbeError = (error as Error).message;
      if (ds && this.ds === ds) {
        // only the caller that finds the current connection broken closes it; the others just report undefined
        this.ds = undefined;
        this.connecting = undefined;
        await ds.destroy().catch(() => undefined);
      }
      return undefined;
    }
  }

  async progress(): Promise<number> {
    return (await this.count('SELECT count(*) AS n FROM ijw_heenbericht')) ?? -1;
  }

  /** Waits until every record is decided and every stage has caught up and stays so. */
  async quiescent(records: number, timeoutMs: number): Promise<void> {
    let stableSince = 0;
    let last = '';
    await waitFor(
      async () => {
        const [decided, accepted, projected, trajectories, signalled, lag, outbox] = await Promise.all([
          // every record is one bericht (one row of ijw_heenbericht once decided); its one product, when accepted, one row of ijw_bericht
          this.count(`SELECT count(*) AS n FROM ijw_heenbericht WHERE status <> 'wachtend'`),
          this.count(`SELECT count(*) AS n FROM ijw_bericht WHERE status = 'geaccepteerd'`),
          this.count(`SELECT count(*) AS n FROM trajectory_bericht`),
          this.count(`SELECT count(*) AS n FROM trajectory`),
          this.count(`SELECT count(*) AS n FROM signal_trajectory`),
          // the signal engine has consumed every trajectory event (a row count alone says nothing of that: after an
          // outage its consumer may still be rejoining the group while every row already exists)
          this.signalsLag(),
          this.count(`SELECT count(*) AS n FROM outbox`),
        ]);
        const now = [decided, accepted, projected, trajectories, signalled, lag, outbox].join('/');
        const caughtUp = decided === records && accepted === projected && trajectories === signalled && lag === 0 && outbox === 0;
        if (!caughtUp || now !== last) {
          last = now;
          stableSince = Date.now();
          return false;
        }
        return Date.now() - stableSince > 4000;
      },
      timeoutMs,
      500,
    ).catch((error: unknown) => {
      // say where it stopped: the stage counts and what each service said last
      const tails = this.services.map((service) => `--- ${service.name} (last lines) ---\n${service.tail(15)}`).join('\n');
      throw new Error(
        `${(error as Error).message}; decided/accepted/projected/trajectories/signalled/signals-lag/outbox = ${last} (expected ` +
          `${records} decided); last database error: ${this.lastProbeError || 'none'}\n${tails}`,
      );
    });
  }

  async endState(): Promise<EndState> {
    const ds = await this.db();
    const lines = async (sql: string) => ((await ds.query(sql)) as { line: string }[]).map((r) => r.line);
    const berichten = Object.fromEntries(
      (
        (await ds.query(`SELECT status, count(*)::int AS n FROM ijw_heenbericht GROUP BY status ORDER BY status`)) as {
          status: string;
          n: number;
        }[]
      ).map((r) => [r.status, r.n]),
    );
    const hash = await trajectoryTableHash(ds);
    return {
      berichten,
      trajectoryMessages: Number((await ds.query(`SELECT count(*) AS n FROM trajectory_bericht`))[0].n),
      trajectoryHash: hash.hash,
      trajectories: hash.trajectories,
      alerts: await lines(
        `SELECT concat_ws('|', id, rule_id, status, severity, to_char(effective_at, 'YYYY-MM-DD'), facts::text) AS line FROM ` +
          `alert ORDER BY id`,
      ),
      openAlerts: await lines(
        `SELECT concat_ws('|', id, rule_id, severity, facts::text) AS line FROM alert WHERE status = 'open' ORDER BY id`,
      ),
      timers: await lines(`SELECT client_pseudonym || '|' || to_char(due_date, 'YYYY-MM-DD') AS line FROM signal_timer ORDER BY 1`),
      signalStateHash: (
        await ds.query(`SELECT md5(coalesce(string_agg(id || '|' || state::text, ',' ORDER BY id), '')) AS h FROM signal_trajectory`)
      )[0].h as string,
      signalStates: await lines(
        `SELECT concat_ws('|', id, event_time, jsonb_array_length(state->'berichtIds'), state->>'status', md5(state::text)) AS ` +
          `line FROM signal_trajectory ORDER BY id`,
      ),
    };
  }
}

type Part = 'kafka' | 'postgres' | 'redis';
/** Which services depend on which part (and so must report it in /health). */
const USERS: Record<Part, ServiceName[]> = {
  kafka: ['ingest', 'trajectory', 'signals'],
  postgres: ['ingest', 'trajectory', 'signals'],
  redis: ['ingest', 'signals'],
};

interface FaultFigures {
  part: Part;
  downMs: number;
  degradedAfterMs: Record<string, number>;
  healthyAfterRestartMs: number;
  progressAfterRestartMs: number;
  slowestHealthMs: number;
  otherServicesHealthy: boolean;
}

/**
 * Outages on the real stack: the compiled ingest, trajectory and signal services run against their own PostgreSQL,
 * Redis and Kafka (started here on spare ports, never the shared ones) while a sender publishes messages steadily.
 * Kafka, PostgreSQL and Redis are stopped in turn for a while and started again. While a part is down, every service
 * that uses it answers /health with 503 "degraded" naming it (within the health deadline); afterwards the services
 * carry on by themselves, without a restart, and the end state equals a clean run of the same messages on the same
 * stack: the berichten per status, the trajectory content hash, the alerts and the timers.
 */
describe('outages: Kafka, PostgreSQL and Redis stopped and restarted under traffic', () => {
  let stack: Stack | undefined;
  const deployments: Deployment[] = [];

  afterAll(async () => {
    for (const d of deployments) await d.stop().catch(() => undefined);
    await stack?.kafka.destroy();
    await stack?.redis.destroy();
    await stack?.pg.destroy();
  });

  it('reports degraded health, reconnects by itself and ends in the state of a clean run', async () => {
    const t0 = Date.now();
    const [pg, redis, kafka] = await Promise.all([PostgresInstance.create(), RedisInstance.create(), KafkaInstance.create()]);
    stack = { pg, redis, kafka };
    const startedStack = Date.now();
    const records = rawMessages(CHILDREN, testConfig().authSecret);
    const timestamp = Date.now() - 60_000;
    const client = new Kafka({
      clientId: uniqueName('outage'),
      brokers: [kafka.brokers],
      logLevel: logLevel.NOTHING,
      retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 1000 },
    });
    const producer = client.producer({ allowAutoTopicCreation: false, retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 1000 } });
    await producer.connect();

    // 1. the clean run: the same messages, no fault
    const clean = new Deployment(stack, 'clean');
    deployments.push(clean);
    await clean.start();
    const cleanStarted = Date.now();
    const cleanPublisher = new Publisher(producer, `${clean.prefix}ijw.berichten.v1`, records, timestamp, 1e9);
    cleanPublisher.start();
    await cleanPublisher.finish();
    await clean.quiescent(records.length, 300_000);
    const expected = await clean.endState();
    const cleanMs = Date.now() - cleanStarted;
    await clean.stop();

    // 2. the same messages with the three outages while they flow
    const faulty = new Deployment(stack, 'fault');
    deployments.push(faulty);
    await faulty.start();
    const faultStarted = Date.now();
    const publisher = new Publisher(
      producer,
      `${faulty.prefix}ijw.berichten.v1`,
      records,
      timestamp,
      Number(process.env.OUTAGE_RATE ?? 60),
    );
    publisher.start();
    await waitFor(async () => (await faulty.progress()) > 200, 60_000, 250);

    const figures: FaultFigures[] = [];
    const violations: string[] = [];
    const health = async () =>
      Object.fromEntries(await Promise.all(faulty.services.map(async (s) => [s.name, await s.health()] as const))) as Record<
        ServiceName,
        HealthAnswer
      >;
    for (const part of ['kafka', 'postgres', 'redis'] as Part[]) {
      const instance = part === 'kafka' ? kafka : part === 'postgres' ? pg : redis;
      const users = USERS[part];
      const others = faulty.services.filter((s) => !users.includes(s.name));
      await instance.stop();
      const down = Date.now();
      const degradedAfterMs: Record<string, number> = {};
      let slowest = 0;
      let othersHealthy = true;
      while (Date.now() - down < DOWNTIME_MS || Object.keys(degradedAfterMs).length < users.length) {
        const answers = await health();
        for (const [name, h] of Object.entries(answers) as [ServiceName, HealthAnswer][]) {
          slowest = Math.max(slowest, h.ms);
          if (users.includes(name)) {
            if (
              h.status === 503 &&
              h.body?.status === 'degraded' &&
              h.body.checks?.[part]?.startsWith('down') &&
              degradedAfterMs[name] === undefined
            )
              degradedAfterMs[name] = Date.now() - down;
          } else if (h.status !== 200) othersHealthy = false;
        }
        if (Date.now() - down > DOWNTIME_MS + 30_000) break;
        await sleep(250);
      }
      for (const name of users) if (degradedAfterMs[name] === undefined) violations.push(`${name} never reported ${part} down`);
      for (const s of faulty.services) if (!s.running) violations.push(`${s.name} exited during the ${part} outage:\n${s.tail()}`);
      await instance.start();
      const up = Date.now();
      const downMs = up - down;
      const atRestart = await waitFor(
        async () => {
          const n = await faulty.progress();
          return n >= 0 ? n : undefined;
        },
        60_000,
        100,
      );
      await waitFor(async () => Object.values(await health()).every((h) => h.status === 200), 120_000, 250).catch(() =>
        violations.push(`not healthy again within 120 s after ${part} came back`),
      );
      const healthyAfterRestartMs = Date.now() - up;
      await waitFor(async () => (await faulty.progress()) > atRestart || publisher.sent >= records.length, 120_000, 100).catch(() =>
        violations.push(`no progress after ${part} came back`),
      );
      const progressAfterRestartMs = Date.now() - up;
      if (part === 'redis') {
        // BullMQ's schedules came back by themselves (this Redis keeps nothing across a restart)
        const connection = new IORedis(redis.url, { maxRetriesPerRequest: 1 });
        try {
          const schedulers = async (queue: string) => {
            const q = new Queue(queue, { connection, prefix: 'bull-fault' });
            try {
              return (await q.getJobSchedulers()).map((s) => s.key);
            } finally {
              await q.close();
            }
          };
          await waitFor(
            async () => (await schedulers('ingest-held-berichten')).length > 0 && (await schedulers('signal-schedules')).length >= 2,
            30_000,
            250,
          ).catch(() => violations.push('the BullMQ job schedulers were not restored after the Redis restart'));
        } finally {
          connection.disconnect();
        }
      }
      for (const s of others) othersHealthy &&= s.running;
      figures.push({
        part,
        downMs,
        degradedAfterMs,
        healthyAfterRestartMs,
        progressAfterRestartMs,
        slowestHealthMs: slowest,
        otherServicesHealthy: othersHealthy,
      });
      if (slowest > 5000) violations.push(`/health took ${slowest} ms during the ${part} outage`);
      if (!othersHealthy)
        violations.push(`${others.map((s) => s.name).join(', ')} reported unhealthy during the ${part} outage, which they do not use`);
    }
    await publisher.finish();
    await faulty.quiescent(records.length, 300_000);
    const actual = await faulty.endState();
    const faultMs = Date.now() - faultStarted;
    for (const s of faulty.services) expect(s.starts).toBe(1); // never restarted

    const sets = (a: string[], b: string[]) => {
      const [inA, inB] = [new Set(a), new Set(b)];
      return { missing: a.filter((x) => !inB.has(x)), extra: b.filter((x) => !inA.has(x)) };
    };
    const alertDiff = sets(expected.alerts, actual.alerts);
    const openDiff = sets(expected.openAlerts, actual.openAlerts);
    console.log(
      [
        `[outages] own PostgreSQL :${pg.port}, Redis :${redis.port}, Kafka :${kafka.port} (up in ` +
          `${((startedStack - t0) / 1000).toFixed(1)} s); ${records.length} messages (${CHILDREN} children), clean run ` +
          `${(cleanMs / 1000).toFixed(1)} s`,
        ...figures.map(
          (f) =>
            `[outages] ${f.part} down ${(f.downMs / 1000).toFixed(1)} s: degraded reported after ${Object.entries(f.degradedAfterMs)
              .map(([n, ms]) => `${n} ${ms} ms`)
              .join(', ')}; ` +
            `slowest /health ${f.slowestHealthMs} ms; all healthy ${(f.healthyAfterRestartMs / 1000).toFixed(1)} s after the ` +
            `restart, processing again after ${(f.progressAfterRestartMs / 1000).toFixed(1)} s`,
        ),
        `[outages] fault run ${(faultMs / 1000).toFixed(1)} s, ${publisher.failedSends} sends retried by the sender; end state: ` +
          `berichten ${JSON.stringify(actual.berichten)} (clean ${JSON.stringify(expected.berichten)}), ` +
          `${actual.trajectoryMessages} messages in ${actual.trajectories} trajectories, hash ` +
          `${actual.trajectoryHash === expected.trajectoryHash ? 'equal' : 'DIFFERENT'}; ` +
          `signal engine state ${actual.signalStateHash === expected.signalStateHash ? 'equal' : 'DIFFERENT'}; ` +
          `${actual.timers.length} timers (${sets(expected.timers, actual.timers).missing.length} missing, ` +
          `${sets(expected.timers, actual.timers).extra.length} extra); ` +
          `open alerts ${actual.openAlerts.length} (${openDiff.missing.length} missing, ${openDiff.extra.length} extra); all ` +
          `alerts ${actual.alerts.length} vs ${expected.alerts.length} clean (${alertDiff.missing.length} not in this run, ` +
          `${alertDiff.extra.length} only in this run); violations: ${violations.length}`,
        ...openDiff.extra.map((l) => `[outages] open only after the faults: ${l.slice(0, 300)}`),
        ...sets(expected.signalStates, actual.signalStates)
          .missing.slice(0, 10)
          .map((l) => `[outages] signal engine, clean run only: ${l}`),
        ...sets(expected.signalStates, actual.signalStates)
          .extra.slice(0, 10)
          .map((l) => `[outages] signal engine, fault run only: ${l}`),
      ].join('\n'),
    );
    expect(violations).toEqual([]);
    // nothing lost, nothing applied twice: every stage ends where the clean run ended
    expect(actual.berichten).toEqual(expected.berichten);
    expect(actual.trajectoryMessages).toBe(expected.trajectoryMessages);
    expect(actual.trajectoryHash).toBe(expected.trajectoryHash);
    expect(actual.signalStateHash).toBe(expected.signalStateHash);
    expect(actual.timers).toEqual(expected.timers);
    // the open alerts are those of the clean run: none lost, none extra. The closed ones are history that depends on
    // how the events were grouped into batches (the engine evaluates a child once per batch and business day): with
    // batches cut differently by the outages, situations seen in between are raised and auto-resolved, so the full
    // alert set of two runs is not expected to be equal (see the figures; test/resilience/signals-crash.int-spec.ts
    // proves full equality for input whose batching cannot matter).
    expect(openDiff.missing).toEqual([]);
    expect(openDiff.extra).toEqual([]);
  }, 1_200_000);
});
