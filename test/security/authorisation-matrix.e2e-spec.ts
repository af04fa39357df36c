import type { INestApplication } from '@nestjs/common';
import { addDays, dutchDate, pseudonymiseBsn } from '@trajectwacht/ijw';
import { TOPICS, issueToken, type Principal } from '@trajectwacht/platform';
import { createIngestApp } from '../../apps/ingest/src/app';
import { IngestConsumer } from '../../apps/ingest/src/ingest.consumer';
import { createMonitorApp } from '../../apps/monitor/src/app';
import { createSignalsApp } from '../../apps/signals/src/app';
import { SignalConsumer } from '../../apps/signals/src/signal.consumer';
import { createTrajectoryApp } from '../../apps/trajectory/src/app';
import { TrajectoryConsumer } from '../../apps/trajectory/src/trajectory.consumer';
import { testBsn } from '../support/bsn';
import { dropSchema, freshDatabase, isolateServices, testConfig, testKafka, uniqueName, waitFor } from '../support/infra';

type Service = 'ingest' | 'trajectory' | 'signals' | 'monitor';
type Caller = 'toegangOwn' | 'toegangOther' | 'aanbiederOwn' | 'aanbiederOther' | 'regioOwn' | 'regioOther' | 'beheer' | 'none' | 'expired' | 'tampered';
interface Expect { status: number; contains?: string; absent?: string }

/**
 * Every endpoint × every kind of caller: the caller's own organisation, another gemeente or provider, a region, beheer,
 * no token, an expired token and a tampered one. Access to another gemeente's or provider's data is refused (or
 * filtered to nothing) everywhere; regions and beheer never see an individual child.
 */
describe('authorisation matrix (every endpoint × every role)', () => {
  const config = testConfig();
  const schema = uniqueName('authz');
  const apps = new Map<Service, INestApplication>();
  const urls = new Map<Service, string>();
  let restoreEnv: () => void;
  const bsn = testBsn(90_000_000 + Math.floor(Math.random() * 1e6));
  const pseudonym = pseudonymiseBsn(bsn, config.pseudonymSecret);
  const nummer = String(80_000_000 + Math.floor(Math.random() * 9_999_999));
  const trajectoryId = `0034-${nummer}`;
  const berichtId = uniqueName('authz').replace(/_/g, '');
  let alertId = '';
  const message = { berichtcode: 'JW301', berichtId, gemeente: '0034', aanbieder: '12345678', client: { bsn, geboortedatum: '2012-06-06' }, toewijzingNummer: nummer, product: { categorie: '45', code: '45A01' }, ingangsdatum: addDays(dutchDate(new Date()), -35) };

  const principals: Record<Exclude<Caller, 'none' | 'expired' | 'tampered'>, Principal> = {
    toegangOwn: { role: 'toegang', gemeente: '0034', sub: 't1' },
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
      return `${h}.${Buffer.from(JSON.stringify({ ...principals.toegangOwn, iss: 'trajectwacht', iat: 0, exp: 9e9 })).toString('base64url')}.${s}`;
    }
    return issueToken(principals[caller], config.authSecret);
  }

  beforeAll(async () => {
    restoreEnv = isolateServices();
    for (const [name, create] of [['ingest', createIngestApp], ['trajectory', createTrajectoryApp], ['signals', createSignalsApp]] as const) {
      const app = await create({ config, schema });
      await app.listen(0, '127.0.0.1');
      apps.set(name, app);
      urls.set(name, (await app.getUrl()).replace('[::1]', '127.0.0.1'));
    }
    const monitor = await createMonitorApp({ config, schema, settings: { trajectoryUrl: urls.get('trajectory')!, signalsUrl: urls.get('signals')!, minCount: 1 } });
    await monitor.listen(0, '127.0.0.1');
    apps.set('monitor', monitor);
    urls.set('monitor', (await monitor.getUrl()).replace('[::1]', '127.0.0.1'));
    await Promise.all([apps.get('ingest')!.get(IngestConsumer).consumer!.joined, apps.get('trajectory')!.get(TrajectoryConsumer).consumer!.joined, apps.get('signals')!.get(SignalConsumer).consumer!.joined]);
    const producer = testKafka().producer();
    await producer.connect();
    await producer.send({ topic: TOPICS.berichten, acks: -1, messages: [{ key: 'gemeente:0034', value: JSON.stringify(message), headers: { authorization: `Bearer ${tokenOf('toegangOwn')}` } }] });
    await producer.disconnect();
    const token = tokenOf('toegangOwn')!;
    alertId = await waitFor(async () => {
      const res = await fetch(`${urls.get('signals')}/api/v1/alerts?rule=WACHTTIJD_GEEN_START`, { headers: { authorization: `Bearer ${token}` } });
      const list = (await res.json()) as { id: string; trajectoryIds: string[] }[];
      return list.find((a) => a.trajectoryIds.includes(trajectoryId))?.id;
    }, 60_000);
  });

  afterAll(async () => {
    for (const app of [...apps.values()].reverse()) await app.close();
    restoreEnv?.();
    await dropSchema(await freshDatabase(schema));
  });

  const unauth: Partial<Record<Caller, Expect>> = { none: { status: 401 }, expired: { status: 401 }, tampered: { status: 401 } };
  const ok = (extra?: Partial<Expect>): Expect => ({ status: 200, ...extra });
  const endpoints: { name: string; service: Service; method: string; path: () => string; body?: () => unknown; expect: Partial<Record<Caller, Expect>> }[] = [
    {
      name: 'GET berichten/{id}', service: 'ingest', method: 'GET', path: () => `/api/v1/berichten/${berichtId}`,
      expect: { toegangOwn: ok(), toegangOther: { status: 404 }, aanbiederOwn: { status: 404 }, aanbiederOther: { status: 404 }, regioOwn: { status: 403 }, regioOther: { status: 403 }, beheer: { status: 403 }, ...unauth },
    },
    {
      name: 'POST berichten (JW301 of 0034)', service: 'ingest', method: 'POST', path: () => '/api/v1/berichten', body: () => ({ ...message, berichtId: `${berichtId}-post` }),
      expect: { toegangOwn: { status: 202 }, toegangOther: { status: 422 }, aanbiederOwn: { status: 422 }, aanbiederOther: { status: 422 }, regioOwn: { status: 403 }, regioOther: { status: 403 }, beheer: { status: 403 }, ...unauth },
    },
    ...(['clients/BSN/trajecten', 'pseudoniemen/P/trajecten', 'trajecten/T'] as const).map((template) => ({
      name: `GET ${template}`, service: 'trajectory' as Service, method: 'GET',
      path: () => `/api/v1/${template.replace('BSN', bsn).replace('P', pseudonym).replace('T', trajectoryId)}`,
      expect: { toegangOwn: ok(), toegangOther: { status: 404 }, aanbiederOwn: ok(), aanbiederOther: { status: 404 }, regioOwn: { status: 403 }, regioOther: { status: 403 }, beheer: { status: 403 }, ...unauth },
    })),
    {
      name: 'GET alerts', service: 'signals', method: 'GET', path: () => '/api/v1/alerts',
      expect: { toegangOwn: ok({ contains: 'ALERT' }), toegangOther: ok({ absent: 'ALERT' }), aanbiederOwn: ok({ contains: 'ALERT' }), aanbiederOther: ok({ absent: 'ALERT' }), regioOwn: { status: 403 }, regioOther: { status: 403 }, beheer: { status: 403 }, ...unauth },
    },
    {
      name: 'GET alerts/{id}', service: 'signals', method: 'GET', path: () => `/api/v1/alerts/${alertId}`,
      expect: { toegangOwn: ok(), toegangOther: { status: 404 }, aanbiederOwn: ok(), aanbiederOther: { status: 404 }, regioOwn: { status: 403 }, regioOther: { status: 403 }, beheer: { status: 403 }, ...unauth },
    },
    ...(['acknowledge', 'resolve', 'dismiss'] as const).map((action) => ({
      name: `POST alerts/{id}/${action} (refusals)`, service: 'signals' as Service, method: 'POST', path: () => `/api/v1/alerts/${alertId}/${action}`, body: () => ({ reason: 'test' }),
      expect: { toegangOther: { status: 404 }, aanbiederOwn: { status: 403 }, aanbiederOther: { status: 403 }, regioOwn: { status: 403 }, regioOther: { status: 403 }, beheer: { status: 403 }, ...unauth } as Partial<Record<Caller, Expect>>,
    })),
    {
      name: 'GET webhooks/dead-letters', service: 'signals', method: 'GET', path: () => '/api/v1/webhooks/dead-letters',
      expect: { toegangOwn: ok(), toegangOther: ok(), aanbiederOwn: { status: 403 }, aanbiederOther: { status: 403 }, regioOwn: { status: 403 }, regioOther: { status: 403 }, beheer: { status: 403 }, ...unauth },
    },
    {
      name: 'PUT webhooks (refusals)', service: 'signals', method: 'PUT', path: () => '/api/v1/webhooks', body: () => ({ url: 'http://127.0.0.1:9/x', secret: 'x'.repeat(20) }),
      expect: { aanbiederOwn: { status: 403 }, aanbiederOther: { status: 403 }, regioOwn: { status: 403 }, regioOther: { status: 403 }, beheer: { status: 403 }, ...unauth },
    },
    {
      name: 'GET indicators', service: 'monitor', method: 'GET', path: () => '/api/v1/indicators?groupBy=gemeente',
      expect: { toegangOwn: ok({ contains: '"group":"0034"' }), toegangOther: ok({ absent: '"group":"0034"' }), aanbiederOwn: ok(), aanbiederOther: ok({ absent: '"group":"0034"' }), regioOwn: ok({ contains: '"group":"0034"' }), regioOther: ok({ absent: '"group":"0034"' }), beheer: ok(), ...unauth },
    },
    {
      name: 'GET aanbieder/berichten', service: 'monitor', method: 'GET', path: () => '/api/v1/aanbieder/berichten',
      expect: { toegangOwn: { status: 403 }, toegangOther: { status: 403 }, aanbiederOwn: ok(), aanbiederOther: ok({ absent: `"berichtId":"${berichtId}"` }), regioOwn: { status: 403 }, regioOther: { status: 403 }, beheer: { status: 403 }, ...unauth },
    },
    ...(['alerts', 'trajecten/T'] as const).map((template) => ({
      name: `GET ${template} through the monitor proxy`, service: 'monitor' as Service, method: 'GET', path: () => `/api/v1/${template.replace('T', trajectoryId)}`,
      expect: { toegangOwn: ok(), toegangOther: template === 'alerts' ? ok({ absent: 'ALERT' }) : { status: 404 }, regioOwn: { status: 403 }, beheer: { status: 403 }, ...unauth } as Partial<Record<Caller, Expect>>,
    })),
  ];

  const cases = endpoints.flatMap((e) => Object.entries(e.expect).map(([caller, expected]) => ({ ...e, caller: caller as Caller, expected: expected as Expect })));

  it(`answers every one of the ${cases.length} endpoint × caller combinations as expected`, async () => {
    const failures: string[] = [];
    for (const c of cases) {
      const token = tokenOf(c.caller);
      const res = await fetch(`${urls.get(c.service)}${c.path()}`, {
        method: c.method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: c.body ? JSON.stringify(c.body()) : undefined,
      });
      const text = await res.text();
      const marker = (s: string) => s.replace('ALERT', alertId);
      if (res.status !== c.expected.status) failures.push(`${c.name} as ${c.caller}: HTTP ${res.status}, expected ${c.expected.status} (${text.slice(0, 120)})`);
      if (c.expected.contains && !text.includes(marker(c.expected.contains))) failures.push(`${c.name} as ${c.caller}: expected to see ${c.expected.contains}`);
      if (c.expected.absent && text.includes(marker(c.expected.absent))) failures.push(`${c.name} as ${c.caller}: must not see ${c.expected.absent}`);
      if (text.includes(bsn)) failures.push(`${c.name} as ${c.caller}: the answer contains the BSN`);
    }
    expect(failures).toEqual([]);
    expect(cases.length).toBeGreaterThan(100);
  });
});
