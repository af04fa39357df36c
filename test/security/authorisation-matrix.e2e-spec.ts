import { channel, type Channel } from 'node:diagnostics_channel';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { METHODS, request as httpRequest } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { addDays, dutchDate, pseudonymiseBsn } from '@trajectwacht/ijw';
import { TOPICS, issueToken, type Principal } from '@trajectwacht/platform';
import { createIngestApp } from '../../apps/ingest/src/app';
import { IngestConsumer } from '../../apps/ingest/src/ingest.consumer';
import { createMonitorApp } from '../../apps/monitor/src/app';
import { LiveStream } from '../../apps/monitor/src/live-stream';
import { hashPassword } from '../../apps/monitor/src/users';
import { createSignalsApp } from '../../apps/signals/src/app';
import { SignalConsumer } from '../../apps/signals/src/signal.consumer';
import { createTrajectoryApp } from '../../apps/trajectory/src/app';
import { TrajectoryConsumer } from '../../apps/trajectory/src/trajectory.consumer';
import { testBsn } from '../support/bsn';
import { dropSchema, freshDatabase, isolateServices, testConfig, testKafka, uniqueName, waitFor } from '../support/infra';
import { geaccepteerdId, identificatieVan, ijwPayload } from '../support/ijw';

const SERVICES = ['ingest', 'trajectory', 'signals', 'monitor'] as const;
type Service = (typeof SERVICES)[number];
const CALLERS = [
  'toegangOwn',
  'toegangOther',
  'aanbiederOwn',
  'aanbiederOther',
  'regioOwn',
  'regioOther',
  'beheer',
  'none',
  'expired',
  'tampered',
] as const;
type Caller = (typeof CALLERS)[number];
/** GET, HEAD, POST, PUT for the APIs; any of http.METHODS for the probes of the monitor's proxies. */
type Method = string;

interface Expect {
  status: number;
  /** Must appear in the answer (for a stream: must arrive before it is closed). */
  contains?: string[];
  /**
   * A state-changing call by the entitled caller: run after every other case, one at a time in ascending step
   * order (the alert lifecycle, then the replay, then the webhook registrations), so its outcome is deterministic.
   */
  step?: number;
}
/** An expectation for every kind of caller: no Partial, a new caller kind or a forgotten one fails to compile. */
type Matrix = Record<Caller, Expect>;

interface Entry {
  name: string;
  service: Service;
  method: Method;
  /**
   * 'sse': a server-sent event stream, opened with a deadline, read while the lifecycle runs, then aborted;
   * 'probe': a method the proxied API does not have, sent with node:http (fetch() refuses some methods).
   */
  kind?: 'sse' | 'probe';
  /** For a probe: the registered path (pattern) it probes. */
  pattern?: string;
  path: () => string;
  /** A JSON body, or a text (an iJw XML bericht), sent as application/xml. */
  body?: () => unknown;
  expect: Matrix;
  /**
   * Every trajectory and signals API is also reached through the monitor's same-origin proxy, and must answer
   * exactly as the service does there; these replace the expectations of the proxied twin (its state-changing calls
   * come at another step of the lifecycle), false for an API the monitor does not proxy.
   */
  viaMonitor?: false | Partial<Matrix>;
  /**
   * The access log's action of a route on a child's personal data (`@AccessLogged`, libs/platform/src/audit): every call
   * by an authenticated caller writes exactly one row of it (allowed, or refused/failed as answered), a call without a
   * valid token none; a route without it writes none at all.
   */
  logged?: string;
  /**
   * A stream's per-delivery log action (DeliveredAccessLog): one allowed row for each such event the caller received,
   * none for the events it was not entitled to (never delivered) and none for the opening itself.
   */
  loggedPerEvent?: { event: string; action: string };
}

interface Case extends Entry {
  index: number;
  caller: Caller;
  expected: Expect;
}

/** What router 2.3's `listRoutes()` (the router of Express 5 as installed) reports per registered path. */
interface RouteInfo {
  path: string | RegExp;
  methods: string[] | undefined;
  router: { listRoutes?: () => RouteInfo[] } | undefined;
}
/** The context router 2.3 publishes on the `express.router.request` TracingChannel for every handler it runs. */
interface RouterTrace {
  req: { app?: unknown; method: string; headers: Record<string, string | string[] | undefined>; route?: { stack: unknown[] } };
  layer: { method?: string };
  route?: string | RegExp;
}

interface Route {
  method: string;
  path: string;
}

/**
 * Every route (method + path) an app registered, read from the Express router at run time (router 2.3's
 * listRoutes(): one entry per path, also for a route registered with an array of paths, '*' for router.all()).
 * Nest's @All() goes through Express's app.all(), which registers the path for every method of http.METHODS.
 */
function registeredRoutes(app: INestApplication): Route[] {
  const express = app.getHttpAdapter().getInstance() as { router?: { listRoutes?: () => RouteInfo[] } };
  const list = (router: { listRoutes?: () => RouteInfo[] } | undefined, prefix: string): Route[] => {
    if (typeof router?.listRoutes !== 'function')
      throw new Error(`cannot enumerate the routes under "${prefix || '/'}": the installed router has no listRoutes()`);
    return router.listRoutes().flatMap((r) => {
      const path = `${prefix}${String(r.path)}`;
      if (r.router) return list(r.router, path);
      return (r.methods ?? []).map((method) => ({ method, path }));
    });
  };
  const unique = new Map(list(express.router, '').map((r) => [`${r.method} ${r.path}`, r]));
  return [...unique.values()].sort((x, y) => `${x.path} ${x.method}`.localeCompare(`${y.path} ${y.method}`));
}

/** One request with node:http, which sends any method (fetch() refuses CONNECT and TRACE); status 0: no answer. */
function rawRequest(url: string, method: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve) => {
    const req = httpRequest(url, { method, headers, timeout: 20_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, text: '' }));
    req.end();
  });
}

/**
 * What the monitor's proxy answers, for every caller alike, to a method the proxied API does not have on the path:
 * the upstream's 404 (no such route there, so no guard runs; OPTIONS included, as Nest answers it before Express's
 * automatic OPTIONS would); for TRACE 502, as fetch() will not send it upstream; for CONNECT no answer at all, as
 * Node's HTTP server hands it to no request handler and closes the connection.
 */
function probeExpectation(method: string, path: string): Expect {
  if (method === 'CONNECT') return { status: 0 };
  if (method === 'TRACE') return { status: 502 };
  return {
    status: 404,
    ...(method === 'HEAD' ? {} : { contains: [`Cannot ${method} ${path.replace(/(?<![0-9])[0-9]{9}(?![0-9])/g, '*********')}`] }),
  };
}

/**
 * Every endpoint × every kind of caller: the caller's own organisation, another gemeente or provider, a region (its
 * own and another), beheer, no token, an expired token and a tampered one. The routes come from the running apps, not
 * from a list: every route (method + path) the Express router of each service has registered must be reached, as the
 * router itself reports on its TracingChannel, by a request of every kind of caller, and every entry needs an
 * expectation for every caller. Access to another gemeente's or provider's data is refused (or filtered to nothing)
 * everywhere; regions and beheer never see an individual child; no answer carries the BSN (see `secrets`).
 *
 * Adding an endpoint: add an entry with its Matrix below; a trajectory or signals API gets its twin through the
 * monitor proxy and every GET its HEAD by themselves. A state-changing call of the entitled caller gets a step.
 */
describe('authorisation matrix (every endpoint × every role)', () => {
  // PUT webhooks registers http://127.0.0.1:9/x: allowed explicitly (the address policy refuses loopback by default)
  const config = testConfig({ http: { ...testConfig().http!, webhookAllowedHosts: ['127.0.0.1'] } });
  const schema = uniqueName('authz');
  const apps = new Map<Service, INestApplication>();
  const urls = new Map<Service, string>();
  let restoreEnv: () => void;
  let db: DataSource | undefined;
  const seed = Math.floor(Math.random() * 1e6);
  const child = (offset: number) => {
    const bsn = testBsn(90_000_000 + seed * 10 + offset * 5);
    const nummer = String(80_000_000 + seed * 2 + offset);
    return { bsn, pseudonym: pseudonymiseBsn(bsn, config.pseudonymSecret), nummer, trajectoryId: `0034-${nummer}` };
  };
  const a = child(0);
  const b = child(1);
  const bsn = a.bsn;
  const { pseudonym, trajectoryId } = a;
  const berichtId = uniqueName('authz').replace(/_/g, '');
  /** The Identificatie of A's JW301 bericht (what the sender asks GET berichten/{id} about) and its product's id downstream. */
  const identificatie = identificatieVan(berichtId);
  /** Alert A goes open → acknowledged → resolved; alert B open → dismissed. */
  let alertId = '';
  let alertB = '';
  /** A dead letter of gemeente 0034 (replayed in the lifecycle) and one of 0995, each with a marker in its payload. */
  let deadLetterOwn = '';
  const ownMarker = uniqueName('dl0034');
  const otherMarker = uniqueName('dl0995');
  const loginPassword = uniqueName('pw');
  const toewijzing = (c: typeof a, id: string) => ({
    berichtcode: 'JW301',
    berichtId: id,
    gemeente: '0034',
    aanbieder: '12345678',
    client: { bsn: c.bsn, geboortedatum: '2012-06-06' },
    toewijzingNummer: c.nummer,
    product: { categorie: '45', code: '45A01' },
    ingangsdatum: addDays(dutchDate(new Date()), -35),
  });
  const message = toewijzing(a, berichtId);

  const principals: Record<Exclude<Caller, 'none' | 'expired' | 'tampered'>, Principal> = {
    // the toegang worker of 0034 is also its toegang beheerder (the access log); toegangOther is a plain toegang worker
    toegangOwn: { role: 'toegang', gemeente: '0034', sub: 't1', beheerder: true },
    toegangOther: { role: 'toegang', gemeente: '0995', sub: 't2' },
    aanbiederOwn: { role: 'aanbieder', agb: '12345678', sub: 'a1' },
    aanbiederOther: { role: 'aanbieder', agb: '87654321', sub: 'a2' },
    regioOwn: { role: 'regio', regio: 'flevoland', gemeenten: ['0034'], sub: 'r1' },
    regioOther: { role: 'regio', regio: 'elders', gemeenten: ['0995'], sub: 'r2' },
    beheer: { role: 'beheer', sub: 'b' },
  };
  function tokenOf(caller: Caller): string | null {
    if (caller === 'none') return null;
    if (caller === 'expired') return issueToken(principals.toegangOwn, config.authSecret, 60, Date.now() - 3_600_000);
    if (caller === 'tampered') {
      const [h, , s] = issueToken(principals.toegangOther, config.authSecret).split('.');
      const payload = Buffer.from(JSON.stringify({ ...principals.toegangOwn, iss: 'trajectwacht', iat: 0, exp: 9e9 })).toString(
        'base64url',
      );
      return `${h}.${payload}.${s}`;
    }
    return issueToken(principals[caller], config.authSecret);
  }

  /** Which route of which app each case's request reached, recorded by the router itself (see RouterTrace). */
  const hits = new Map<number, Set<string>>();
  const traceStart: Channel = channel('tracing:express.router.request:start');
  const onTrace = (message: unknown) => {
    const { req, layer, route } = message as RouterTrace;
    const index = Number(req.headers['x-authz-case']);
    // Only the route's own handlers (not middleware), and only the requests this test made (not the proxy's).
    if (!Number.isInteger(index) || route === undefined || !req.route?.stack.includes(layer)) return;
    const service = SERVICES.find((s) => apps.get(s)?.getHttpAdapter().getInstance() === req.app);
    const method = layer.method === undefined ? '*' : req.method.toUpperCase();
    hits.set(index, (hits.get(index) ?? new Set()).add(`${service} ${method} ${String(route)}`));
  };

  beforeAll(async () => {
    restoreEnv = isolateServices();
    for (const [name, create] of [
      ['ingest', createIngestApp],
      ['trajectory', createTrajectoryApp],
      ['signals', createSignalsApp],
    ] as const) {
      const app = await create({ config, schema });
      await app.listen(0, '127.0.0.1');
      apps.set(name, app);
      urls.set(name, (await app.getUrl()).replace('[::1]', '127.0.0.1'));
    }
    const monitor = await createMonitorApp({
      config,
      schema,
      settings: {
        trajectoryUrl: urls.get('trajectory')!,
        signalsUrl: urls.get('signals')!,
        minCount: 1,
        users: [{ username: 'beheer-ops', passwordHash: hashPassword(loginPassword), principal: { role: 'beheer', sub: 'beheer-ops' } }],
      },
    });
    await monitor.listen(0, '127.0.0.1');
    apps.set('monitor', monitor);
    urls.set('monitor', (await monitor.getUrl()).replace('[::1]', '127.0.0.1'));
    await Promise.all([
      apps.get('ingest')!.get(IngestConsumer).consumer!.joined,
      apps.get('trajectory')!.get(TrajectoryConsumer).consumer!.joined,
      apps.get('signals')!.get(SignalConsumer).consumer!.joined,
      monitor.get(LiveStream).joined,
    ]);
    traceStart.subscribe(onTrace);
    const producer = testKafka().producer();
    await producer.connect();
    const authorization = `Bearer ${tokenOf('toegangOwn')}`;
    await producer.send({
      topic: TOPICS.berichten,
      acks: -1,
      messages: [message, toewijzing(b, `${berichtId}b`)].map((m) => ({
        key: 'gemeente:0034',
        value: ijwPayload(m),
        headers: { authorization },
      })),
    });
    // issue 17: a JW315 verzoek om toewijzing of the aanbieder for child a (its GET pseudoniemen/P/verzoeken)
    await producer.send({
      topic: TOPICS.berichten,
      acks: -1,
      messages: [
        {
          key: 'aanbieder:12345678',
          value: readFileSync(join(__dirname, '../conformance/jw315/history/VOT-1/01-verzoek.xml'), 'utf8')
            .replace(/98100001/g, '12345678')
            .replace(/999900006/g, a.bsn)
            .replace(/<ijw:Identificatie>[^<]*</, `<ijw:Identificatie>${berichtId.slice(-10)}V<`)
            .replace(/<ijw:Dagtekening>[^<]*</, `<ijw:Dagtekening>${dutchDate(new Date())}<`),
          headers: { authorization: `Bearer ${tokenOf('aanbiederOwn')}` },
        },
      ],
    });
    await producer.disconnect();
    db = await freshDatabase(schema);
    const insertDeadLetter = async (gemeente: string, marker: string) =>
      (
        (await db!.query(
          `INSERT INTO webhook_dead_letter (gemeente, payload, error, attempts) VALUES ($1, $2, 'HTTP 500', 5) RETURNING id`,
          [gemeente, JSON.stringify({ kind: 'alert', gemeente, alertId: marker })],
        )) as { id: string }[]
      )[0]!.id;
    deadLetterOwn = await insertDeadLetter('0034', ownMarker);
    await insertDeadLetter('0995', otherMarker);
    const token = tokenOf('toegangOwn')!;
    [alertId, alertB] = await waitFor(async () => {
      const res = await fetch(`${urls.get('signals')}/api/v1/alerts?rule=WACHTTIJD_GEEN_START`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const list = (await res.json()) as { id: string; trajectoryIds: string[] }[];
      const ids = [a, b].map((c) => list.find((al) => al.trajectoryIds.includes(c.trajectoryId))?.id);
      return ids.every(Boolean) ? (ids as string[]) : undefined;
    }, 60_000);
    await waitFor(async () => ((await db!.query(`SELECT 1 FROM verzoek`)) as unknown[]).length > 0, 60_000);
  });

  afterAll(async () => {
    traceStart.unsubscribe(onTrace);
    for (const app of [...apps.values()].reverse()) await app.close();
    restoreEnv?.();
    await dropSchema(db ?? (await freshDatabase(schema)));
  });

  const UNAUTH = { none: { status: 401 }, expired: { status: 401 }, tampered: { status: 401 } } as const;
  const s = (status: number, contains?: string[], extra: Omit<Expect, 'status' | 'contains'> = {}): Expect => ({
    status,
    ...(contains ? { contains } : {}),
    ...extra,
  });
  const everyone = (e: Expect): Matrix => Object.fromEntries(CALLERS.map((c) => [c, e])) as Matrix;
  /** Personal data: a toegang worker of the gemeente and the provider it is addressed to; nobody else. */
  const personal = (own: Expect, other: number): Matrix => ({
    toegangOwn: own,
    toegangOther: s(other),
    aanbiederOwn: own,
    aanbiederOther: s(other),
    regioOwn: s(403),
    regioOther: s(403),
    beheer: s(403),
    ...UNAUTH,
  });
  /** Operations of the toegang team of the gemeente only. */
  const toegangOnly = (own: Expect, other: Expect): Matrix => ({
    toegangOwn: own,
    toegangOther: other,
    aanbiederOwn: s(403),
    aanbiederOther: s(403),
    regioOwn: s(403),
    regioOther: s(403),
    beheer: s(403),
    ...UNAUTH,
  });
  const indicators = (marker: string): Matrix => ({
    toegangOwn: s(200, [marker]),
    toegangOther: s(200),
    aanbiederOwn: s(200, [marker]),
    aanbiederOther: s(200),
    regioOwn: s(200, [marker]),
    regioOther: s(200),
    beheer: s(200, [marker]),
    ...UNAUTH,
  });
  const authenticated = (contains: (c: Exclude<Caller, keyof typeof UNAUTH>) => string[]): Matrix => ({
    toegangOwn: s(200, contains('toegangOwn')),
    toegangOther: s(200, contains('toegangOther')),
    aanbiederOwn: s(200, contains('aanbiederOwn')),
    aanbiederOther: s(200, contains('aanbiederOther')),
    regioOwn: s(200, contains('regioOwn')),
    regioOther: s(200, contains('regioOther')),
    beheer: s(200, contains('beheer')),
    ...UNAUTH,
  });
  const health = (service: Service): Entry => ({
    name: `GET /health (${service})`,
    service,
    method: 'GET',
    path: () => '/health',
    expect: everyone(s(200, ['"status":"ok"'])),
    viaMonitor: false,
  });
  // /metrics is closed without METRICS_TOKEN (and no organisation token opens it): docs/operations.md
  const metrics = (service: Service): Entry => ({
    name: `GET /metrics (${service})`,
    service,
    method: 'GET',
    path: () => '/metrics',
    expect: everyone(s(403, ['METRICS_TOKEN'])),
    viaMonitor: false,
  });
  // The generated API docs (libs/platform/src/nest/api-docs.ts): public on every service, no data in them
  const docs = (service: Service): Entry[] =>
    (
      [
        ['/api/docs', 'swagger-ui'],
        ['/api/docs/swagger-initializer.js', 'SwaggerUIBundle'],
        ['/api/docs-json', '"openapi"'],
      ] as const
    ).map(([path, marker]) => ({
      name: `GET ${path} (${service})`,
      service,
      method: 'GET',
      path: () => path,
      expect: everyone(s(200, [marker])),
      viaMonitor: false,
    }));

  const entries: Entry[] = [
    // ingest
    {
      // The decision on a bericht is the sender's own: only the gemeente that sent it finds it (the others: 404).
      name: 'GET berichten/{id}',
      service: 'ingest',
      method: 'GET',
      path: () => `/api/v1/berichten/${identificatie}`,
      expect: {
        toegangOwn: s(200, [`"identificatie":"${identificatie}"`, '"status":"geaccepteerd"', '"soort":"JW302"']),
        toegangOther: s(404),
        aanbiederOwn: s(404),
        aanbiederOther: s(404),
        regioOwn: s(403),
        regioOther: s(403),
        beheer: s(403),
        ...UNAUTH,
      },
    },
    {
      // The JW302 retour bericht itself (XML): it copies the heenbericht's BerichtIdentificatie.
      name: 'GET berichten/{id}/retour',
      service: 'ingest',
      method: 'GET',
      path: () => `/api/v1/berichten/${identificatie}/retour`,
      expect: {
        toegangOwn: s(200, [`>${identificatie}<`, ':Bericht']),
        toegangOther: s(404),
        aanbiederOwn: s(404),
        aanbiederOther: s(404),
        regioOwn: s(403),
        regioOther: s(403),
        beheer: s(403),
        ...UNAUTH,
      },
    },
    {
      // One iJw 3.2 JW301 bericht in XML with Afzender 0034: accepted (200) only from that gemeente's own team; any other
      // sender is refused (422, a foutmelding: not authorised for this Afzender or berichtsoort); no sender role: 403.
      name: 'POST berichten (JW301 of 0034)',
      service: 'ingest',
      method: 'POST',
      path: () => '/api/v1/berichten',
      body: () => ijwPayload({ ...message, berichtId: `${berichtId}-post` }),
      expect: {
        toegangOwn: s(200, ['"status":"geaccepteerd"']),
        toegangOther: s(422, ['NIET_BEVOEGD']),
        aanbiederOwn: s(422, ['NIET_BEVOEGD']),
        aanbiederOther: s(422, ['NIET_BEVOEGD']),
        regioOwn: s(403),
        regioOther: s(403),
        beheer: s(403),
        ...UNAUTH,
      },
    },
    health('ingest'),
    metrics('ingest'),
    ...docs('ingest'),
    // trajectory
    ...(
      [
        ['clients/BSN/trajecten', 'trajectories.client'],
        ['pseudoniemen/P/trajecten', 'trajectories.timeline'],
        ['trajecten/T', 'trajectory.detail'],
      ] as const
    ).map(([template, logged]): Entry => ({
      name: `GET ${template}`,
      service: 'trajectory',
      method: 'GET',
      path: () => `/api/v1/${template.replace('BSN', bsn).replace('P', pseudonym).replace('T', trajectoryId)}`,
      expect: personal(s(200, [trajectoryId]), 404),
      logged,
    })),
    // issue 17: the child's verzoeken with their chain (personal data, as its trajectories)
    {
      name: 'GET pseudoniemen/P/verzoeken',
      service: 'trajectory',
      method: 'GET',
      path: () => `/api/v1/pseudoniemen/${pseudonym}/verzoeken`,
      expect: personal(s(200, ['"verzoeken"', '"referentieAanbieder":"VOT-H04"']), 404),
      logged: 'trajectories.verzoeken',
    },
    // issue 15: the child's follow-ups for 18+ (personal data, as its trajectories), recorded only by toegang of its gemeente
    {
      name: 'GET pseudoniemen/P/vervolg',
      service: 'trajectory',
      method: 'GET',
      path: () => `/api/v1/pseudoniemen/${pseudonym}/vervolg`,
      expect: personal(s(200, ['[']), 404),
      logged: 'vervolg.list',
    },
    {
      name: 'POST pseudoniemen/P/vervolg',
      service: 'trajectory',
      method: 'POST',
      path: () => `/api/v1/pseudoniemen/${pseudonym}/vervolg`,
      body: () => ({ soort: 'geen_vervolg_nodig', reden: 'authorisatietest' }),
      expect: toegangOnly(s(201, ['"VervolgVastgelegd"', '"vastgelegdDoor"'], { step: 13 }), s(404)),
      viaMonitor: { toegangOwn: s(201, ['"VervolgVastgelegd"'], { step: 14 }) },
      logged: 'vervolg.record',
    },
    // issue 18: who the child is, only to the toegang of its gemeente and with a reason; the access log, only to its beheerder
    {
      name: 'POST pseudoniemen/P/bsn',
      service: 'trajectory',
      method: 'POST',
      path: () => `/api/v1/pseudoniemen/${pseudonym}/bsn`,
      body: () => ({ reden: 'authorisatietest: identiteit controleren' }),
      expect: toegangOnly(s(200, [`"bsn":"${bsn}"`]), s(404)),
      logged: 'bsn.reveal',
    },
    {
      name: 'GET pseudoniemen/P/toegangslog',
      service: 'trajectory',
      method: 'GET',
      path: () => `/api/v1/pseudoniemen/${pseudonym}/toegangslog`,
      expect: toegangOnly(s(200, ['"items"']), s(403)),
      logged: 'accesslog.read',
    },
    // issue 17 point 5: the waiting list (A's toewijzing without a start): the own gemeente's / aanbieder's, nobody else's
    {
      name: 'GET wachtlijst',
      service: 'trajectory',
      method: 'GET',
      path: () => '/api/v1/wachtlijst',
      expect: personal(s(200, [trajectoryId, '"wachtdagen"']), 200),
      logged: 'wachtlijst',
    },
    health('trajectory'),
    metrics('trajectory'),
    ...docs('trajectory'),
    // signals
    {
      name: 'GET alerts',
      service: 'signals',
      method: 'GET',
      path: () => '/api/v1/alerts',
      expect: personal(s(200, [alertId, alertB]), 200),
      logged: 'alerts.list',
    },
    // The inbox, one page at a time: the same scope as GET alerts (another gemeente's team gets its own, empty, page).
    {
      name: 'GET alerts/inbox',
      service: 'signals',
      method: 'GET',
      path: () => '/api/v1/alerts/inbox?limit=500',
      expect: personal(s(200, [alertId, alertB]), 200),
      logged: 'alerts.inbox',
    },
    {
      name: 'GET alerts/{id}',
      service: 'signals',
      method: 'GET',
      path: () => `/api/v1/alerts/${alertId}`,
      expect: personal(s(200, [pseudonym]), 404),
      logged: 'alert.detail',
    },
    // The lifecycle of A: acknowledge (200), again through the monitor (409), resolve through the monitor (200), again
    // directly (409); of B: dismiss (200), again through the monitor (409). Every other caller is refused beforehand.
    ...(
      [
        ['acknowledge', 1, 2, 'acknowledged'],
        ['resolve', 4, 3, 'resolved'],
        ['dismiss', 5, 6, 'dismissed'],
      ] as const
    ).map(([action, direct, proxied, status]): Entry => {
      const target = () => (action === 'dismiss' ? alertB : alertId);
      const entitled = (step: number) => (step % 2 === 1 ? s(200, [`"status":"${status}"`], { step }) : s(409, undefined, { step }));
      return {
        name: `POST alerts/{id}/${action}`,
        service: 'signals',
        method: 'POST',
        path: () => `/api/v1/alerts/${target()}/${action}`,
        body: () => ({ reason: 'authorisatietest' }),
        expect: toegangOnly(entitled(direct), s(404)),
        viaMonitor: { toegangOwn: entitled(proxied) },
        logged: `alert.${action}`,
      };
    }),
    {
      name: 'GET webhooks/dead-letters',
      service: 'signals',
      method: 'GET',
      path: () => '/api/v1/webhooks/dead-letters',
      expect: toegangOnly(s(200, [ownMarker]), s(200, [otherMarker])),
    },
    {
      name: 'POST webhooks/dead-letters/{id}/replay',
      service: 'signals',
      method: 'POST',
      path: () => `/api/v1/webhooks/dead-letters/${deadLetterOwn}/replay`,
      // replayed through the monitor first (step 7): there is nothing left to replay
      expect: toegangOnly(s(404, undefined, { step: 8 }), s(404)),
      viaMonitor: { toegangOwn: s(202, ['"replayed"'], { step: 7 }) },
    },
    {
      // Each team registers its own webhook: another gemeente's token registers (only) that gemeente's.
      name: 'PUT webhooks',
      service: 'signals',
      method: 'PUT',
      path: () => '/api/v1/webhooks',
      body: () => ({ url: 'http://127.0.0.1:9/x', secret: 'x'.repeat(20) }),
      expect: toegangOnly(s(200, ['"gemeente":"0034"'], { step: 9 }), s(200, ['"gemeente":"0995"'], { step: 11 })),
      viaMonitor: { toegangOwn: s(200, ['"gemeente":"0034"'], { step: 10 }), toegangOther: s(200, ['"gemeente":"0995"'], { step: 12 }) },
    },
    health('signals'),
    metrics('signals'),
    ...docs('signals'),
    // monitor
    {
      // The login is public: a bearer token, valid or not, neither blocks it nor changes whose token it issues.
      name: 'POST login',
      service: 'monitor',
      method: 'POST',
      path: () => '/api/v1/login',
      body: () => ({ username: 'beheer-ops', password: loginPassword }),
      expect: everyone(s(201, ['"sub":"beheer-ops"', '"role":"beheer"'])),
    },
    {
      // Public (the dashboard reads it before anyone signs in; it holds no secret): the same answer whoever asks.
      name: 'GET auth/config',
      service: 'monitor',
      method: 'GET',
      path: () => '/api/v1/auth/config',
      expect: everyone(s(200, ['"local":true', '"oidc":null'])),
    },
    {
      name: 'GET me',
      service: 'monitor',
      method: 'GET',
      path: () => '/api/v1/me',
      expect: authenticated((c) => [`"sub":"${principals[c].sub}"`, `"role":"${principals[c].role}"`]),
    },
    {
      name: 'GET indicators',
      service: 'monitor',
      method: 'GET',
      path: () => '/api/v1/indicators?groupBy=gemeente',
      expect: indicators('"group":"0034"'),
    },
    {
      name: 'GET indicators.csv',
      service: 'monitor',
      method: 'GET',
      path: () => '/api/v1/indicators.csv?groupBy=gemeente',
      expect: indicators('\n0034;'),
    },
    {
      name: 'GET indicators/overgang18',
      service: 'monitor',
      method: 'GET',
      path: () => '/api/v1/indicators/overgang18?groupBy=gemeente',
      expect: indicators('"achttien"'),
    },
    {
      name: 'GET indicators/wachttijden',
      service: 'monitor',
      method: 'GET',
      path: () => '/api/v1/indicators/wachttijden?groupBy=verwijzer',
      expect: indicators('"verwijsroutes"'),
    },
    {
      name: 'GET indicators/wachttijden.csv',
      service: 'monitor',
      method: 'GET',
      path: () => '/api/v1/indicators/wachttijden.csv?table=verwijsroutes',
      expect: indicators('route;instroom;aandeelInstroom'),
    },
    {
      name: 'GET aanbieder/berichten',
      service: 'monitor',
      method: 'GET',
      path: () => '/api/v1/aanbieder/berichten',
      expect: {
        toegangOwn: s(403),
        toegangOther: s(403),
        aanbiederOwn: s(200),
        aanbiederOther: s(200),
        regioOwn: s(403),
        regioOther: s(403),
        beheer: s(403),
        ...UNAUTH,
      },
    },
    {
      // Alerts only to the gemeente's team and the provider; the acknowledgement (step 1) and dismissal (step 5) arrive.
      name: 'GET stream (SSE)',
      service: 'monitor',
      method: 'GET',
      kind: 'sse',
      path: () => '/api/v1/stream',
      loggedPerEvent: { event: 'alert', action: 'alert.live' },
      expect: { ...authenticated(() => []), toegangOwn: s(200, [alertId, alertB]), aanbiederOwn: s(200, [alertId, alertB]) },
    },
    ...docs('monitor'),
    health('monitor'),
    metrics('monitor'),
  ];

  /**
   * The data rules every answer is checked against: a marker may only reach the callers listed (unless the caller
   * put it into the request itself, as the id in a 404 for alerts/{id}); the BSN reaches nobody.
   */
  const secrets = (): { marker: string; visibleTo: readonly Caller[]; revealedTo?: { caller: Caller; entries: string[] } }[] => {
    const individual: Caller[] = ['toegangOwn', 'aanbiederOwn'];
    const aggregates: Caller[] = ['toegangOwn', 'aanbiederOwn', 'regioOwn', 'beheer'];
    // A's BSN: only the toegang worker of its gemeente that asked for it with a reason (directly or through the monitor)
    const reveal = ['POST pseudoniemen/P/bsn', 'POST pseudoniemen/P/bsn through the monitor proxy'];
    return [
      { marker: a.bsn, visibleTo: [], revealedTo: { caller: 'toegangOwn', entries: reveal } },
      { marker: b.bsn, visibleTo: [] },
      ...[
        a.pseudonym,
        b.pseudonym,
        a.trajectoryId,
        b.trajectoryId,
        alertId,
        alertB,
        identificatie,
        `"berichtId":"${geaccepteerdId(identificatie)}"`,
      ].map((marker) => ({ marker, visibleTo: individual })),
      { marker: ownMarker, visibleTo: ['toegangOwn'] },
      { marker: otherMarker, visibleTo: ['toegangOther'] },
      ...['"gemeente":"0034"', '"group":"0034"', '\n0034;', '"aanbieder":"12345678"'].map((marker) => ({ marker, visibleTo: aggregates })),
    ];
  };

  /** The entries as run: the explicit ones, their twins through the monitor proxy, and HEAD for every GET. */
  function allEntries(): Entry[] {
    const proxied = entries.flatMap((e): Entry[] => {
      if ((e.service !== 'trajectory' && e.service !== 'signals') || e.viaMonitor === false) return [];
      return [
        {
          ...e,
          name: `${e.name} through the monitor proxy`,
          service: 'monitor',
          expect: { ...e.expect, ...e.viaMonitor },
          viaMonitor: false,
        },
      ];
    });
    const withProxies = [...entries, ...proxied];
    const heads = withProxies
      .filter((e) => e.method === 'GET')
      .map((e): Entry => ({
        ...e,
        name: `HEAD ${e.name.replace(/^GET /, '')}`,
        method: 'HEAD',
        // A HEAD answer has no body: the same status as GET, and (like every answer) none of the data rules broken.
        expect: Object.fromEntries(CALLERS.map((c) => [c, s(e.expect[c].status)])) as Matrix,
      }));
    return [...withProxies, ...heads];
  }

  let cases: Case[] = [];
  let routes = new Map<Service, Route[]>();
  /** Routes no request can reach, so none is traced: counted as covered once every caller's probe got no answer. */
  const unreachableConfirmed = new Set<string>();

  it('has an expectation for every kind of caller in every entry', () => {
    const incomplete = allEntries().flatMap((e) =>
      CALLERS.filter((c) => !e.expect[c] || typeof e.expect[c].status !== 'number').map((c) => `${e.name}: no expectation for ${c}`),
    );
    expect(incomplete).toEqual([]);
  });

  it('answers every endpoint × caller combination as expected', async () => {
    const started = Date.now();
    const toCases = (list: Entry[], from: number): Case[] =>
      list
        .flatMap((e) => CALLERS.map((caller) => ({ ...e, caller, expected: e.expect[caller] })))
        .map((c, i) => ({ ...c, index: from + i }));
    cases = toCases(allEntries(), 0);
    routes = new Map(SERVICES.map((service) => [service, registeredRoutes(apps.get(service)!)]));
    const failures: string[] = [];
    const rules = secrets();

    /** The body as sent: a text as it is (an iJw XML bericht), anything else as JSON. */
    const bodyOf = (c: Case): string | undefined => {
      if (!c.body) return undefined;
      const body = c.body();
      return typeof body === 'string' ? body : JSON.stringify(body);
    };
    const headersOf = (c: Case): Record<string, string> => {
      const token = tokenOf(c.caller);
      const type = c.body && typeof c.body() === 'string' ? 'application/xml' : 'application/json';
      return {
        'content-type': type,
        'x-authz-case': String(c.index),
        // the request id the access log row carries (kept by the services and passed on by the monitor's proxy)
        'x-request-id': `authz-case-${c.index}`,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      };
    };
    const request = (c: Case, signal?: AbortSignal) =>
      fetch(`${urls.get(c.service)}${c.path()}`, {
        method: c.method,
        headers: headersOf(c),
        body: bodyOf(c),
        signal: signal ?? AbortSignal.timeout(20_000),
      });
    const judge = (c: Case, status: number, text: string): boolean => {
      const before = failures.length;
      const label = `${c.name} as ${c.caller}`;
      const sent = `${c.path()} ${bodyOf(c) ?? ''}`;
      // Every answer is held to the rules, a 404 too (its request line is masked: RedactingNotFoundFilter).
      const checked = text;
      if (status !== c.expected.status) failures.push(`${label}: HTTP ${status}, expected ${c.expected.status} (${text.slice(0, 160)})`);
      for (const marker of c.expected.contains ?? [])
        if (!text.includes(marker)) failures.push(`${label}: expected to see ${JSON.stringify(marker)} (${text.slice(0, 160)})`);
      for (const rule of rules) {
        const exempt =
          (rule.visibleTo.length > 0 && sent.includes(rule.marker)) ||
          (rule.revealedTo?.caller === c.caller && rule.revealedTo.entries.includes(c.name));
        if (!rule.visibleTo.includes(c.caller) && !exempt && checked.includes(rule.marker))
          failures.push(`${label}: the answer contains ${JSON.stringify(rule.marker)}, which ${c.caller} may not see`);
      }
      return failures.length === before;
    };
    const run = async (c: Case) => {
      if (c.kind === 'probe') {
        const { status, text } = await rawRequest(`${urls.get(c.service)}${c.path()}`, c.method, headersOf(c));
        if (judge(c, status, text) && status === 0) unreachableConfirmed.add(`${c.service} ${c.method} ${c.pattern} ${c.caller}`);
        return;
      }
      const res = await request(c);
      judge(c, res.status, await res.text());
    };
    const inParallel = async (list: Case[], width: number) => {
      const queue = [...list];
      await Promise.all(
        Array.from({ length: width }, async () => {
          for (let c = queue.shift(); c; c = queue.shift()) await run(c);
        }),
      );
    };

    // 1. Everything that changes nothing, and every refusal: in parallel, the order cannot matter.
    const http = cases.filter((c) => c.kind !== 'sse');
    await inParallel(
      http.filter((c) => c.expected.step === undefined),
      16,
    );

    // 2. A monitor route that takes every method (an @All proxy; today the proxies list their methods, so there are
    //    none): each method the entries did not send to it is probed there, on the path of the first entry that reached it.
    const reachedBy = new Map<string, Case>();
    for (const c of cases) for (const key of hits.get(c.index) ?? []) if (!reachedBy.has(key)) reachedBy.set(key, c);
    const proxyPaths = [...new Set(routes.get('monitor')!.map((r) => r.path))].filter((path) =>
      METHODS.every((m) => routes.get('monitor')!.some((r) => r.path === path && r.method === m)),
    );
    const probes: Entry[] = proxyPaths.flatMap((pattern) => {
      const example = METHODS.map((m) => reachedBy.get(`monitor ${m} ${pattern}`)).find(Boolean);
      if (!example) return []; // no entry reaches this proxy at all: the coverage check reports it
      const path = example.path();
      return METHODS.filter((m) => !reachedBy.has(`monitor ${m} ${pattern}`)).map((method): Entry => ({
        name: `${method} ${pattern} (no such API method; on ${path})`,
        service: 'monitor',
        method,
        kind: 'probe',
        pattern,
        path: () => path,
        expect: everyone(probeExpectation(method, path)),
      }));
    });
    const probeCases = toCases(probes, cases.length);
    cases = [...cases, ...probeCases];
    await inParallel(probeCases, 32);

    // 3. The streams, opened by every caller (each with its deadline) before the entitled state changes of 4.
    const streams = await Promise.all(
      cases
        .filter((c) => c.kind === 'sse')
        .map(async (c) => {
          const abort = new AbortController();
          const deadline = setTimeout(() => abort.abort(), 30_000);
          const res = await request(c, abort.signal);
          let text = '';
          const reading = (async () => {
            if (!res.body) return;
            const decoder = new TextDecoder();
            try {
              for await (const chunk of res.body) text += decoder.decode(chunk as Uint8Array, { stream: true });
            } catch {
              // aborted: the stream has been read for as long as the test needed
            }
          })();
          return { c, status: res.status, text: () => text, close: async () => (abort.abort(), clearTimeout(deadline), await reading) };
        }),
    );

    // 4. The entitled state changes, one at a time in lifecycle order.
    for (const c of http.filter((x) => x.expected.step !== undefined).sort((x, y) => x.expected.step! - y.expected.step!)) await run(c);

    // The streams that must see the alerts get them within the deadline; then every stream is closed and judged.
    await waitFor(async () => streams.every((st) => (st.c.expected.contains ?? []).every((m) => st.text().includes(m))), 20_000).catch(
      () => undefined,
    );
    await new Promise((r) => setTimeout(r, 300)); // anything that should not arrive has had the same time to do so
    const streamTexts = new Map<number, string>();
    for (const st of streams) {
      await st.close();
      judge(st.c, st.status, st.text());
      streamTexts.set(st.c.index, st.text());
    }

    // 5. The access log (issue 18.2, libs/platform/src/audit/access-logged.ts): each call of a route on a child's data by
    //    an authenticated caller wrote exactly one row, allowed or refused as it was answered; a call without a valid
    //    token and every call of another route none; no row carries a BSN.
    const logRows: { request_id: string | null; action: string; outcome: string; status: number }[] = await db!.query(
      `SELECT request_id, action, outcome, status FROM access_log`,
    );
    const byRequest = new Map<string, typeof logRows>();
    for (const r of logRows) if (r.request_id) byRequest.set(r.request_id, [...(byRequest.get(r.request_id) ?? []), r]);
    const outcomeOf = (status: number) => (status < 400 ? 'allowed' : status === 403 || status === 404 ? 'refused' : 'failed');
    for (const c of cases) {
      const rows = byRequest.get(`authz-case-${c.index}`) ?? [];
      const delivered = c.loggedPerEvent ? (streamTexts.get(c.index) ?? '').split(`event: ${c.loggedPerEvent.event}\n`).length - 1 : 0;
      const expected = c.loggedPerEvent
        ? Array.from({ length: delivered }, () => [c.loggedPerEvent!.action, 'allowed', 200])
        : c.logged && !(c.caller in UNAUTH)
          ? [[c.logged, outcomeOf(c.expected.status), c.expected.status]]
          : [];
      if (c.loggedPerEvent && (c.expected.contains ?? []).length > 0 && delivered === 0)
        failures.push(`${c.name} as ${c.caller}: no ${c.loggedPerEvent.event} event delivered, so its log rows are not shown`);
      const got = rows.map((r) => [r.action, r.outcome, r.status]);
      if (JSON.stringify(got) !== JSON.stringify(expected))
        failures.push(`${c.name} as ${c.caller}: access log rows ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`);
    }
    const everyRow = JSON.stringify(await db!.query(`SELECT * FROM access_log`));
    for (const number of [a.bsn, b.bsn]) if (everyRow.includes(number)) failures.push('an access log row carries a BSN');

    expect(failures).toEqual([]);
    const routeCount = [...routes.values()].reduce((n, r) => n + r.length, 0);
    console.log(
      `authorisation matrix: ${routeCount} registered routes (${SERVICES.map((sv) => `${sv} ${routes.get(sv)!.length}`).join(', ')}), ` +
        `${cases.length / CALLERS.length} requests per caller kind (${probes.length} of them probes of the proxies), ` +
        `${cases.length} route × caller cases, ${Date.now() - started} ms`,
    );
  });

  it('has reached every registered route (method + path) of every service with every kind of caller', () => {
    expect(cases.length).toBeGreaterThan(0);
    const reached = new Set(unreachableConfirmed);
    const strays: string[] = [];
    for (const c of cases) {
      const keys = hits.get(c.index) ?? new Set<string>();
      if (keys.size === 0 && c.expected.status !== 0)
        strays.push(`${c.name} as ${c.caller} (${c.method} ${c.service} ${c.path()}) reached no route`);
      for (const key of keys) reached.add(`${key} ${c.caller}`);
    }
    const missing = [...routes].flatMap(([service, list]) =>
      list.flatMap((r) =>
        CALLERS.filter((caller) => !reached.has(`${service} ${r.method} ${r.path} ${caller}`)).map(
          (caller) => `${service} ${r.method} ${r.path} as ${caller}`,
        ),
      ),
    );
    expect(strays).toEqual([]);
    expect(missing).toEqual([]);
  });
  it('answers a method no route has with a 404 that does not echo a BSN from the path, on every service and proxy', async () => {
    const token = tokenOf('toegangOwn');
    const failures: string[] = [];
    for (const service of SERVICES) {
      for (const method of ['PATCH', 'DELETE', 'PUT', 'POST']) {
        const res = await fetch(`${urls.get(service)}/api/v1/clients/${bsn}/trajecten`, {
          method,
          headers: token ? { authorization: `Bearer ${token}` } : {},
        });
        const text = await res.text();
        if (res.status !== 404 || text.includes(bsn) || !text.includes('*********'))
          failures.push(`${service} ${method}: HTTP ${res.status} ${text.slice(0, 160)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
