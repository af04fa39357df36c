import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { computeIndicators, overgang18Csv, overgang18Indicator, toCsv, type IndicatorResult } from '@trajectwacht/indicators';
import { DATA, FROM, G1, G2, G3, TO, insertStates } from '@trajectwacht/indicators/testing';
import { DATA_SOURCE, TOPICS, issueToken, type PlatformConfig } from '@trajectwacht/platform';
import { encodeAlertEvent, type AlertView } from '@trajectwacht/contracts';
import { dropSchema, freshDatabase, testConfig, testKafka, uniqueName, waitFor } from '../../../test/support/infra';
import { createMonitorApp } from './app';
import { LiveStream } from './live-stream';
import { DEFAULT_NORMS } from './settings';
import { hashPassword } from './users';

/** Monitor API on a small fixed data set (libs/indicators/src/test-data.ts, hand-computed in indicators.spec.ts). */
describe('monitor API: indicators, CSV, login, scope and the live stream', () => {
  const schema = uniqueName('monitor');
  let config: PlatformConfig;
  let app: INestApplication;
  let url: string;
  const token = (p: Parameters<typeof issueToken>[0]) => issueToken(p, config.authSecret);
  const get = (path: string, bearer: string) => fetch(`${url}${path}`, { headers: { authorization: `Bearer ${bearer}` } });

  beforeAll(async () => {
    config = testConfig();
    const users = [
      {
        username: 'anna',
        passwordHash: hashPassword('geheim-wachtwoord'),
        principal: { role: 'toegang' as const, gemeente: G1, sub: 'anna' },
      },
    ];
    app = await createMonitorApp({ config, schema, settings: { users, minCount: 3 } });
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const ds = app.get<DataSource>(DATA_SOURCE);
    // every column, as the projection writes them: the indicators are computed from the columns
    await insertStates((sql, params) => ds.query(sql, params as unknown[]), DATA);
    await app.get(LiveStream).joined;
  });

  afterAll(async () => {
    await app?.close();
    await dropSchema(await freshDatabase(schema));
  });

  const cell = (r: IndicatorResult, group: string, name: string) =>
    r.rows.find((row) => row.group === group)!.indicators[name as 'instroom'];

  it("computes the indicators of the caller's region, with hand-checked values and small counts suppressed", async () => {
    const regio = token({ role: 'regio', regio: 'test', gemeenten: [G1, G2, G3], sub: 'r' });
    const res = await get(`/api/v1/indicators?from=${FROM}&to=${TO}&groupBy=gemeente`, regio);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: IndicatorResult; trend: unknown[]; flows: unknown[]; durations: unknown[] };
    // hand-computed (libs/indicators/src/indicators.spec.ts): instroom 8, uitstroom 4, ratio 0.5
    expect(cell(body.result, 'totaal', 'instroom')).toMatchObject({ value: 8, suppressed: false });
    expect(cell(body.result, 'totaal', 'uitstroom')).toMatchObject({ value: 4, suppressed: false });
    expect(cell(body.result, 'totaal', 'ratioUitstroomInstroom').value).toBeCloseTo(0.5, 4);
    // 2 of 8 with verblijf: a share built on a count below the threshold is suppressed too
    expect(cell(body.result, 'totaal', 'aandeelVerblijf')).toMatchObject({ value: null, suppressed: true });
    expect(cell(body.result, G1, 'instroom')).toMatchObject({ value: 3, suppressed: false });
    expect(cell(body.result, G2, 'instroom')).toMatchObject({ value: null, suppressed: true }); // 2 < minCount 3
    expect(body.result).toEqual(
      computeIndicators(DATA, { from: FROM, to: TO, groupBy: 'gemeente', minCount: 3, norms: DEFAULT_NORMS, openAlerts: [] }),
    );
    expect(body.trend.length).toBe(6);
    expect(JSON.stringify(body)).not.toMatch(/clientPseudonym|"c1"/); // aggregates only

    // a region sees only its own gemeenten
    const smaller = (await (
      await get(
        `/api/v1/indicators?from=${FROM}&to=${TO}&groupBy=gemeente`,
        token({ role: 'regio', regio: 'x', gemeenten: [G1, G2], sub: 'r' }),
      )
    ).json()) as { result: IndicatorResult };
    expect(smaller.result.rows.map((r) => r.group)).toEqual([G1, G2, 'totaal']);
    expect(cell(smaller.result, 'totaal', 'instroom').value).toBe(5);
    expect((await get(`/api/v1/indicators?from=2024-13-01`, regio)).status).toBe(400);
    expect((await fetch(`${url}/api/v1/indicators`)).status).toBe(401);
  });

  it('names the gemeenten beside their codes: in the indicators answer (namen) and as a naam column of the CSV', async () => {
    const regio = token({ role: 'regio', regio: 'test', gemeenten: [G1, G2, G3], sub: 'r' });
    const body = (await (await get(`/api/v1/indicators?from=${FROM}&to=${TO}&groupBy=gemeente`, regio)).json()) as {
      result: IndicatorResult;
      namen: Record<string, string | null>;
      overgang18: { namen?: unknown };
    };
    expect(body.namen).toEqual({ [G1]: 'Almere', [G2]: 'Amsterdam', [G3]: 'Rotterdam' });
    // the rows themselves are unchanged (the equality with computeIndicators above holds)
    expect(body.result.rows.map((r) => Object.keys(r).sort())).toEqual(body.result.rows.map(() => ['group', 'indicators', 'openAlerts']));
    const o18 = (await (await get(`/api/v1/indicators/overgang18?from=${FROM}&to=${TO}&groupBy=gemeente`, regio)).json()) as {
      namen: Record<string, string | null>;
      rows: { group: string }[];
    };
    const names: Record<string, string> = { [G1]: 'Almere', [G2]: 'Amsterdam', [G3]: 'Rotterdam' };
    const o18Groups = o18.rows.map((r) => r.group).filter((g) => g !== 'totaal');
    expect(o18.namen).toEqual(Object.fromEntries(o18Groups.map((g) => [g, names[g]])));
    const csv = await (await get(`/api/v1/indicators.csv?from=${FROM}&to=${TO}&groupBy=gemeente`, regio)).text();
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]!.startsWith('gemeente;gemeente_naam;')).toBe(true);
    expect(lines.filter((l) => l.startsWith(`${G1};Almere;`)).length).toBeGreaterThanOrEqual(1);
    // in the table and in the overgang-18 block
    for (const g of o18Groups) expect(lines.filter((l) => l.startsWith(`${g};${names[g]};`))).toHaveLength(2);
    expect(lines.some((l) => l.startsWith(`${G3};Rotterdam;`))).toBe(true);
    expect(lines.some((l) => l.startsWith('gemeente;gemeente_naam;overgang18_bereikt'))).toBe(true);
    // by intensiteit there is no name column (and the CSV is exactly as the next test computes it)
    const byLevel = await (await get(`/api/v1/indicators.csv?from=${FROM}&to=${TO}&groupBy=intensiteit`, regio)).text();
    expect(byLevel).not.toContain('_naam');
  });

  it('exports exactly the dashboard numbers as CSV', async () => {
    const regio = token({ role: 'regio', regio: 'test', gemeenten: [G1, G2, G3], sub: 'r' });
    const res = await fetch(`${url}/api/v1/indicators.csv?from=${FROM}&to=${TO}&groupBy=intensiteit`, {
      headers: { authorization: `Bearer ${regio}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const table = toCsv(
      computeIndicators(DATA, { from: FROM, to: TO, groupBy: 'intensiteit', minCount: 3, norms: DEFAULT_NORMS, openAlerts: [] }),
      { bom: true },
    );
    // then the overgang-18 block (issue 15): by intensiteit only its totaal row
    const children = [...new Set(DATA.filter((t) => t.status !== 'ingetrokken').map((t) => t.clientPseudonym))];
    const youths = children.map((c) => {
      const ts = DATA.filter((t) => t.clientPseudonym === c && t.status !== 'ingetrokken');
      return { clientPseudonym: c, geboortedatum: ts[0]!.geboortedatum, trajectories: ts, vervolg: [] };
    });
    const expected = `${table}\r\n${overgang18Csv(overgang18Indicator(youths, { from: FROM, to: TO, groupBy: 'totaal', minCount: 3 }))}`;
    expect(Buffer.from(await res.arrayBuffer()).toString('utf8')).toBe(expected);
  });

  it('logs in with a password (the same token as the API) and refuses wrong credentials alike', async () => {
    const ok = await fetch(`${url}/api/v1/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'anna', password: 'geheim-wachtwoord' }),
    });
    expect(ok.status).toBe(201);
    const { token: t, principal } = (await ok.json()) as { token: string; principal: { role: string; gemeente: string } };
    expect(principal).toMatchObject({ role: 'toegang', gemeente: G1 });
    expect(await (await get('/api/v1/me', t)).json()).toMatchObject({ role: 'toegang', gemeente: G1, sub: 'anna' });
    for (const body of [
      { username: 'anna', password: 'fout' },
      { username: 'niemand', password: 'geheim-wachtwoord' },
    ]) {
      const res = await fetch(`${url}/api/v1/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { message: string }).message).toBe('unknown user or wrong password');
    }
  });

  it('streams only the alerts a toegang worker may see, live', async () => {
    const controller = new AbortController();
    const res = await fetch(`${url}/api/v1/stream`, {
      headers: { authorization: `Bearer ${token({ role: 'toegang', gemeente: G1, sub: 'w' })}` },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    let text = '';
    const reader = res.body!.getReader();
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        text += Buffer.from(value).toString('utf8');
      }
    })().catch(() => undefined);
    const kafka = testKafka();
    const producer = kafka.producer();
    await producer.connect();
    const view = (id: string, gemeente: string): AlertView => ({
      id,
      ruleId: 'STAPELING',
      severity: 'midden',
      status: 'open',
      gemeente,
      aanbieder: null,
      clientPseudonym: 'ab'.repeat(16), // a pseudonym as the signals write it: the access log refuses anything else
      trajectoryIds: [],
      recipients: ['toegang'],
      title: 't',
      facts: {},
      effectiveAt: '2024-01-01',
      detectedAt: new Date().toISOString(),
      escalationLevel: 0,
      acknowledgedBy: null,
      closedBy: null,
      closeReason: null,
      history: [],
    });
    const alert = (id: string, gemeente: string) =>
      encodeAlertEvent({ type: 'AlertRaised', at: new Date().toISOString(), alert: view(id, gemeente) });
    // One that does not fit alerts.v1 (no title) before the one the worker may see, on the same partition: skipped, not sent.
    const broken = JSON.stringify({
      type: 'AlertRaised',
      at: new Date().toISOString(),
      alert: { ...view('A-broken', G1), title: undefined },
    });
    await producer.send({
      topic: TOPICS.alerts,
      messages: [
        { key: 'x', value: alert('A-other', G2) },
        { key: 'y', value: broken },
        { key: 'y', value: alert('A-mine', G1) },
      ],
    });
    await producer.disconnect();
    try {
      await waitFor(async () => text.includes('A-mine'));
    } finally {
      controller.abort(); // an open stream would keep app.close() in afterAll waiting
      await reading;
    }
    expect(text).toMatch(/event: alert/);
    expect(text).not.toContain('A-other');
    expect(text).not.toContain('A-broken');
  });
  it('ends the live stream when the token expires, and a reconnect with that token is refused', async () => {
    const short = issueToken({ role: 'toegang', gemeente: G1, sub: 'w' }, config.authSecret, 2);
    const started = Date.now();
    const res = await fetch(`${url}/api/v1/stream`, { headers: { authorization: `Bearer ${short}` }, signal: AbortSignal.timeout(15_000) });
    expect(res.status).toBe(200);
    const text = await res.text(); // resolves only when the server ends the stream
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(text).toMatch(/event: expired/);
    expect((await fetch(`${url}/api/v1/stream`, { headers: { authorization: `Bearer ${short}` } })).status).toBe(401);
  });
  it('removes its live-stream consumer group from the broker when it shuts down', async () => {
    const other = await createMonitorApp({ config, schema, settings: { users: [], minCount: 3 } });
    await other.init();
    const live = other.get(LiveStream);
    await live.joined;
    const admin = testKafka().admin();
    await admin.connect();
    try {
      expect((await admin.listGroups()).groups.map((g) => g.groupId)).toContain(live.groupId);
      await other.close();
      expect((await admin.listGroups()).groups.map((g) => g.groupId)).not.toContain(live.groupId);
    } finally {
      await admin.disconnect();
    }
  });
});
