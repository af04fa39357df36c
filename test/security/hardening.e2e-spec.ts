import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { addDays, dutchDate } from '@trajectwacht/ijw';
import { DATA_SOURCE, MetricsServer, issueToken, type PlatformConfig } from '@trajectwacht/platform';
import { createIngestApp } from '../../apps/ingest/src/app';
import { IngestConsumer } from '../../apps/ingest/src/ingest.consumer';
import { createMonitorApp } from '../../apps/monitor/src/app';
import { hashPassword } from '../../apps/monitor/src/users';
import { createSignalsApp } from '../../apps/signals/src/app';
import { DeliveryService } from '../../apps/signals/src/delivery.service';
import { WebhookRepository } from '../../apps/signals/src/webhook.repository';
import { testBsn } from '../support/bsn';
import { dropSchema, freshDatabase, isolateServices, testConfig, uniqueName, waitFor } from '../support/infra';
import { ijwPayload } from '../support/ijw';

const METRICS_TOKEN = 'metrics-token-of-this-test-run-0123456789abcdef';

/**
 * Issue 18 points 4 and 5 against the running services (real PostgreSQL, Kafka, Redis): security headers and CSP,
 * CORS closed by default, no token in a URL, the SSRF guard for webhooks at registration and at delivery, /metrics
 * (closed by default, bearer token, separate port) with the platform's metrics, and JSON logs with request ids that
 * never show a BSN.
 */
describe('hardening and operations (helmet, CORS, tokens, SSRF, metrics, logs)', () => {
  const schema = uniqueName('hard');
  const apps: INestApplication[] = [];
  let config: PlatformConfig;
  let ingest: INestApplication;
  let signals: INestApplication;
  let monitor: INestApplication;
  let urls: { ingest: string; signals: string; monitor: string };
  let restoreEnv: (() => void) | undefined;
  let hook: Server;
  let hookHits = 0;
  const logged: string[] = [];
  const write = process.stdout.write.bind(process.stdout);

  const token = (p: Parameters<typeof issueToken>[0]) => issueToken(p, config.authSecret);
  const toegang = () => token({ role: 'toegang', gemeente: '0034', sub: 'worker-1' });
  const urlOf = async (app: INestApplication) => (await app.getUrl()).replace('[::1]', '127.0.0.1');

  beforeAll(async () => {
    restoreEnv = isolateServices({ WEBHOOK_ATTEMPTS: '1', WEBHOOK_BACKOFF_MS: '100', LOG_LEVEL: 'info' });
    const base = testConfig({ logLevel: 'info' });
    // ingest and monitor: METRICS_TOKEN on the service port, CORS for one dashboard origin; signals: a metrics port
    config = { ...base, http: { ...base.http!, metricsToken: METRICS_TOKEN, corsOrigins: ['https://dashboard.gemeente.example'] } };
    const signalsConfig: PlatformConfig = { ...base, http: { ...base.http!, metricsPort: 0, metricsHost: '127.0.0.1' } };
    process.stdout.write = ((chunk: string | Uint8Array) => (logged.push(String(chunk)), true)) as typeof process.stdout.write;
    ingest = await createIngestApp({ config, schema });
    await ingest.listen(0, '127.0.0.1');
    signals = await createSignalsApp({ config: signalsConfig, schema });
    await signals.listen(0, '127.0.0.1');
    apps.push(ingest, signals);
    const users = [
      {
        username: 'rita',
        passwordHash: hashPassword('rita-wachtwoord'),
        principal: { role: 'regio' as const, regio: 'flevoland', gemeenten: ['0034'], sub: 'rita' },
      },
    ];
    monitor = await createMonitorApp({
      config,
      schema,
      settings: { users, trajectoryUrl: 'http://127.0.0.1:9', signalsUrl: await urlOf(signals), minCount: 1 },
    });
    await monitor.listen(0, '127.0.0.1');
    apps.push(monitor);
    urls = { ingest: await urlOf(ingest), signals: await urlOf(signals), monitor: await urlOf(monitor) };
    await ingest.get(IngestConsumer).consumer!.joined;
    hook = createServer((req, res) => {
      hookHits++;
      req.resume();
      res.writeHead(204).end();
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  });

  afterAll(async () => {
    process.stdout.write = write;
    await new Promise((r) => hook?.close(r));
    for (const app of apps.reverse()) await app.close();
    restoreEnv?.();
    await dropSchema(await freshDatabase(schema));
  });

  it('sends the security headers on the dashboard, the APIs and health, and no X-Powered-By', async () => {
    for (const url of [
      `${urls.monitor}/`,
      `${urls.monitor}/app.js`,
      `${urls.monitor}/api/v1/me`,
      `${urls.signals}/health`,
      `${urls.ingest}/api/v1/berichten/x`,
    ]) {
      const res = await fetch(url);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('upgrade-insecure-requests'); // plain HTTP here: HSTS_MAX_AGE_SECONDS unset
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('strict-transport-security')).toBeNull();
      expect(res.headers.get('x-powered-by')).toBeNull();
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('sends HSTS when configured (behind TLS)', async () => {
    const base = testConfig();
    const app = await createSignalsApp({ config: { ...base, http: { ...base.http!, hstsMaxAgeSeconds: 31_536_000 } }, schema });
    await app.listen(0, '127.0.0.1');
    try {
      const res = await fetch(`${await urlOf(app)}/health`);
      expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      expect(res.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
    } finally {
      await app.close();
    }
  });

  it('keeps CORS closed except for the configured origins', async () => {
    const preflight = (service: string, origin: string) =>
      fetch(`${service}/api/v1/alerts`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
    // signals has no CORS_ORIGINS: no browser origin may call it
    const closed = await preflight(urls.signals, 'https://dashboard.gemeente.example');
    expect(closed.headers.get('access-control-allow-origin')).toBeNull();
    const get = await fetch(`${urls.signals}/health`, { headers: { origin: 'https://evil.example' } });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
    // the monitor allows exactly its configured origin
    const allowed = await preflight(urls.monitor, 'https://dashboard.gemeente.example');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://dashboard.gemeente.example');
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
    const other = await preflight(urls.monitor, 'https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a token in the URL and serves the CSV to the Authorization header', async () => {
    const regio = token({ role: 'regio', regio: 'flevoland', gemeenten: ['0034'], sub: 'rita' });
    const period = `from=${addDays(dutchDate(new Date()), -30)}&to=${dutchDate(new Date())}&groupBy=gemeente`;
    for (const path of [
      `/api/v1/indicators.csv?${period}&access_token=${regio}`,
      `/api/v1/stream?access_token=${regio}`,
      `/api/v1/me?access_token=${regio}`,
    ]) {
      const res = await fetch(`${urls.monitor}${path}`, { signal: AbortSignal.timeout(5000) });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { message: string }).message).toMatch(/token in the URL is not accepted/);
    }
    // even with a valid header beside it: the URL must not carry one
    expect((await fetch(`${urls.monitor}/api/v1/me?access_token=x`, { headers: { authorization: `Bearer ${regio}` } })).status).toBe(401);
    const csv = await fetch(`${urls.monitor}/api/v1/indicators.csv?${period}`, { headers: { authorization: `Bearer ${regio}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="trajectwacht-indicatoren-/);
  });

  it('refuses webhook URLs that resolve to loopback, private, link-local or metadata addresses (400), unless allow-listed', async () => {
    const put = (url: string) =>
      fetch(`${urls.signals}/api/v1/webhooks`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${toegang()}`, 'content-type': 'application/json' },
        body: JSON.stringify({ url, secret: 'x'.repeat(20) }),
      });
    const cases: [string, RegExp][] = [
      [`http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`, /127\.0\.0\.1 a loopback address/],
      ['http://localhost:9/hook', /localhost resolves to (127\.0\.0\.1|0:0:0:0:0:0:0:1), which is a loopback address/],
      ['http://169.254.169.254/latest/meta-data/', /metadata address/],
      ['http://2130706433/x', /127\.0\.0\.1 a loopback address/], // the URL parser reads the decimal form as 127.0.0.1
      ['http://0177.0.0.1/x', /loopback/],
      ['http://[::ffff:127.0.0.1]/x', /loopback/],
      ['http://10.1.2.3/x', /private address/],
      ['http://100.64.0.1/x', /cgnat address/],
      ['http://[fd00::1]/x', /unique-local address/],
      ['http://does-not-exist.invalid/x', /does not resolve/],
    ];
    for (const [url, reason] of cases) {
      const res = await put(url);
      const body = (await res.json()) as { message: string };
      expect({ url, status: res.status }).toEqual({ url, status: 400 });
      expect(body.message).toMatch(/^url is not allowed: /);
      expect(body.message).toMatch(reason);
    }
    expect(hookHits).toBe(0);

    // with the allow-list (WEBHOOK_ALLOWED_HOSTS=127.0.0.1) the same URL is accepted
    const base = testConfig();
    const allowing = await createSignalsApp({ config: { ...base, http: { ...base.http!, webhookAllowedHosts: ['127.0.0.1'] } }, schema });
    await allowing.listen(0, '127.0.0.1');
    try {
      const res = await fetch(`${await urlOf(allowing)}/api/v1/webhooks`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${toegang()}`, 'content-type': 'application/json' },
        body: JSON.stringify({ url: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`, secret: 'x'.repeat(20) }),
      });
      expect(res.status).toBe(200);
    } finally {
      await allowing.close();
    }
  });

  it('checks the address again at delivery: a stored loopback URL is not called, the delivery is refused and dead-lettered', async () => {
    // a subscription stored before the policy (or whose name now resolves elsewhere): straight into the table
    const ds = signals.get<DataSource>(DATA_SOURCE);
    await new WebhookRepository(ds.manager).saveSubscription({
      gemeente: '0035',
      url: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`,
      secret: 'y'.repeat(20),
      mode: 'direct',
      digestHour: 7,
    });
    const delivery = signals.get(DeliveryService);
    const id = uniqueName('A');
    await delivery.webhook.enqueue(
      {
        kind: 'alert',
        alertId: id,
        event: 'AlertRaised',
        ruleId: 'WACHTTIJD_GEEN_START',
        severity: 'hoog',
        status: 'open',
        gemeente: '0035',
        clientReferentie: 'p',
        title: 't',
        effectiveAt: '2026-01-01',
        link: 'http://127.0.0.1:3000/x',
      },
      `ssrf-${id}`,
    );
    const dead = await waitFor(async () => {
      const rows: { error: string }[] = await ds.query(
        `SELECT error FROM webhook_dead_letter WHERE gemeente = '0035' AND payload->>'alertId' = $1`,
        [id],
      );
      return rows[0];
    }, 30_000);
    expect(dead.error).toMatch(/127\.0\.0\.1 a loopback address/);
    expect(hookHits).toBe(0);
    const port = signals.get(MetricsServer).port!;
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(text).toMatch(/trajectwacht_webhook_deliveries_total\{outcome="refused",service="signals"\} [1-9]/);
    expect(text).toMatch(/trajectwacht_webhook_dead_letters_total\{service="signals"\} [1-9]/);
    expect(text).toMatch(/trajectwacht_webhook_dead_letters_pending\{service="signals"\} [1-9]/);
  });

  it('serves /metrics only with the metrics token, or on the metrics port; with the platform metrics', async () => {
    // closed by default (signals has no METRICS_TOKEN: only its metrics port)
    expect((await fetch(`${urls.signals}/metrics`)).status).toBe(403);
    expect((await fetch(`${urls.ingest}/metrics`)).status).toBe(401);
    expect((await fetch(`${urls.ingest}/metrics`, { headers: { authorization: `Bearer ${toegang()}` } })).status).toBe(401);
    expect((await fetch(`${urls.ingest}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}x` } })).status).toBe(401);

    // one accepted and one refused bericht over HTTP
    const nummer = String(70_000_000 + Math.floor(Math.random() * 9_999_999));
    const xml = ijwPayload({
      berichtcode: 'JW301',
      berichtId: uniqueName('br').replace(/_/g, ''),
      gemeente: '0034',
      aanbieder: '12345678',
      client: { bsn: testBsn(Number(nummer)), geboortedatum: '2011-04-04' },
      toewijzingNummer: nummer,
      product: { categorie: '45', code: '45A01' },
      ingangsdatum: addDays(dutchDate(new Date()), -3),
    });
    const post = (body: string) =>
      fetch(`${urls.ingest}/api/v1/berichten`, {
        method: 'POST',
        headers: { authorization: `Bearer ${toegang()}`, 'content-type': 'application/xml' },
        body,
      });
    expect((await post(xml)).status).toBe(200);
    expect((await post('<niet-ijw/>')).status).toBeGreaterThanOrEqual(400);

    const scrape = async () => {
      const res = await fetch(`${urls.ingest}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
      return res.text();
    };
    const text = await waitFor(
      async () => {
        const t = await scrape();
        return /trajectwacht_kafka_consumer_lag\{/.test(t) ? t : undefined;
      },
      20_000,
      500,
    );
    expect(text).toMatch(/trajectwacht_berichten_received_total\{source="http",service="ingest"\} 2/);
    expect(text).toMatch(/trajectwacht_berichten_accepted_total\{berichtcode="JW301",service="ingest"\} 1/);
    expect(text).toMatch(/trajectwacht_berichten_refused_total\{retourcode="[A-Z_0-9]+",service="ingest"\} 1/);
    expect(text).toMatch(
      /trajectwacht_kafka_consumer_lag\{group="[^"]+",topic="[^"]+ijw\.berichten\.v1",partition="\d+",service="ingest"\} \d+/,
    );
    expect(text).toMatch(/trajectwacht_outbox_backlog\{service="ingest"\} \d+/);
    expect(text).toMatch(/trajectwacht_outbox_oldest_age_seconds\{service="ingest"\} [\d.e+-]+/);
    expect(text).toMatch(
      new RegExp(
        /trajectwacht_http_request_duration_seconds_count\{(?=[^}]*method="POST")/.source +
          /(?=[^}]*route="\/api\/v1\/berichten")(?=[^}]*status="200")[^}]*\} 1/.source,
      ),
    );
    expect(text).toMatch(/route="\/api\/v1\/berichten\/:referentie"/); // templates, not paths
    expect(text).not.toMatch(/route="\/api\/v1\/berichten\/x"/);

    // the signal service on its metrics port (no token there): alerts open by rule, for every rule
    const port = signals.get(MetricsServer).port!;
    const signalsText = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(signalsText).toMatch(/trajectwacht_alerts_open\{rule="WACHTTIJD_GEEN_START",service="signals"\} \d+/);
    expect(signalsText).toMatch(/# TYPE trajectwacht_alerts_raised_total counter/);
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(404); // the metrics port serves /metrics only
  });

  it('answers /health through terminus in the same shape', async () => {
    const res = await fetch(`${urls.signals}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      checks: { postgres: 'up', kafka: 'up', redis: 'up' },
      details: { postgres: { status: 'up' } },
    });
  });

  it('logs JSON lines with a request id, and a BSN in a request never reaches the log', async () => {
    const bsn = testBsn(424242);
    const requestId = `req-${uniqueName('t')}`;
    // a BSN in the path, the query and a header of one request (the trajectory route takes a BSN; its upstream is down)
    await fetch(`${urls.monitor}/api/v1/clients/${bsn}/trajecten?bsn=${bsn}`, {
      headers: { authorization: `Bearer ${toegang()}`, 'x-request-id': requestId, 'x-client': bsn },
    });
    await fetch(`${urls.signals}/api/v1/alerts/${bsn}`, { headers: { authorization: `Bearer ${toegang()}` } });
    const lines = await waitFor(async () => {
      const mine = logged
        .join('')
        .split('\n')
        .filter((l) => l.includes(requestId));
      return mine.length > 0 ? mine : undefined;
    }, 10_000);
    const line: unknown = JSON.parse(lines[0]!);
    expect(line).toMatchObject({
      level: expect.any(String),
      service: 'monitor',
      reqId: requestId,
      msg: expect.stringMatching(/^request (completed|errored)$/),
    });
    expect(line).toMatchObject({ req: { path: '/api/v1/clients/*********/trajecten' } });
    const all = logged.join('');
    expect(all).not.toContain(bsn);
    expect(all).not.toContain(toegang().split('.')[2]!); // nor a token's signature
    for (const l of all.split('\n').filter(Boolean)) expect(() => JSON.parse(l)).not.toThrow();
  });
});
