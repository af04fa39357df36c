import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  DEFAULT_WACHTTIJD_NORMS,
  computeVerwijsroutes,
  computeWachttijden,
  type VerwijsrouteResult,
  type WachttijdResult,
} from '@trajectwacht/indicators';
import { W_TRAJECTORIES, W_VERZOEKEN, insertStates, insertVerzoeken } from '@trajectwacht/indicators/testing';
import { DATA_SOURCE, issueToken, type PlatformConfig, type Principal } from '@trajectwacht/platform';
import { dropSchema, freshDatabase, testConfig, uniqueName } from '../../../test/support/infra';
import { createMonitorApp } from './app';
import { DEFAULT_NORMS } from './settings';

/**
 * The waiting-time and referral-route indicators (issue 17 point 4) through the monitor API and its CSV on PostgreSQL:
 * the hand-computed set of libs/indicators (test-data.ts: W_TRAJECTORIES, W_VERZOEKEN) in `trajectory` and `verzoek`; every answer equals
 * the pure computation over the caller's aggregate scope, with the monitor's threshold (here 2) and norms.
 */
describe('monitor API: waiting times and referral routes', () => {
  const schema = uniqueName('monwacht');
  const FROM = '2024-01-01';
  const TO = '2024-06-30';
  let config: PlatformConfig;
  let app: INestApplication;
  let url: string;
  const REGIO: Principal = { role: 'regio', regio: 'flevoland', gemeenten: ['0034', '0363'], sub: 'r' } as Principal;
  const TOEGANG: Principal = { role: 'toegang', gemeente: '0363', sub: 't' } as Principal;
  const AANBIEDER: Principal = { role: 'aanbieder', agb: '22222222', sub: 'a' } as Principal;
  const get = (path: string, principal: Principal = REGIO) =>
    fetch(`${url}${path}`, { headers: { authorization: `Bearer ${issueToken(principal, config.authSecret)}` } });
  const routeNorms = { herinstroom6m: DEFAULT_NORMS.herinstroom6m! };

  beforeAll(async () => {
    config = testConfig();
    app = await createMonitorApp({ config, schema, settings: { users: [], minCount: 2 } });
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const ds = app.get<DataSource>(DATA_SOURCE);
    await insertStates((sql, params) => ds.query(sql, params as unknown[]), W_TRAJECTORIES);
    await insertVerzoeken((sql, params) => ds.query(sql, params as unknown[]), W_VERZOEKEN);
  });

  afterAll(async () => {
    await app?.close();
    await dropSchema(await freshDatabase(schema));
  });

  it(
    'gives both tables of the scope, as the pure computation does: ' + 'regio all its gemeenten, toegang its own, aanbieder its care',
    async () => {
      const cases: [Principal, (x: { gemeente: string; aanbieder: string }) => boolean][] = [
        [REGIO, () => true],
        [TOEGANG, (x) => x.gemeente === '0363'],
        [AANBIEDER, (x) => x.aanbieder === '22222222'],
      ];
      for (const [principal, visible] of cases) {
        for (const groupBy of ['gemeente', 'verwijzer', 'productcategorie'] as const) {
          const res = await get(`/api/v1/indicators/wachttijden?from=${FROM}&to=${TO}&groupBy=${groupBy}`, principal);
          expect(res.status).toBe(200);
          const body = (await res.json()) as { wachttijden: WachttijdResult; verwijsroutes: VerwijsrouteResult };
          const trajectories = W_TRAJECTORIES.filter(visible);
          const verzoeken = W_VERZOEKEN.filter(visible);
          expect(body.wachttijden).toEqual(
            computeWachttijden(trajectories, verzoeken, { from: FROM, to: TO, groupBy, minCount: 2, norms: DEFAULT_WACHTTIJD_NORMS }),
          );
          expect(body.verwijsroutes).toEqual(
            computeVerwijsroutes(trajectories, verzoeken, { from: FROM, to: TO, minCount: 2, norms: routeNorms }),
          );
          expect(JSON.stringify(body)).not.toMatch(/"c\d+"|0034-w|v\d\b/); // aggregates only: no child, trajectory or verzoek
        }
      }
      const regio = (await (await get(`/api/v1/indicators/wachttijden?from=${FROM}&to=${TO}&groupBy=gemeente`)).json()) as {
        wachttijden: WachttijdResult;
      };
      // 0363 has one verzoek toegewezen: below the threshold of 2
      expect(regio.wachttijden.rows.find((r) => r.group === '0363')!.verzoekToewijzing.aantal).toEqual({ value: null, suppressed: true });
    },
  );

  it('writes each table as its own CSV (?table=), for Dutch Excel', async () => {
    const res = await get(`/api/v1/indicators/wachttijden.csv?from=${FROM}&to=${TO}&groupBy=gemeente`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="trajectwacht-wachttijden-gemeente-${FROM}-${TO}.csv"`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the UTF-8 BOM
    const csv = bytes.subarray(3).toString('utf8');
    expect(csv.startsWith('gemeente;verzoekToewijzing_aantal;verzoekToewijzing_mediaan;verzoekToewijzing_p90;')).toBe(true);
    // totaal: verzoek → toewijzing 5 waits, 14 (oranje) / 21 (rood); toewijzing → start 9, 14 / 63; verzoek → start 5, 28 / 82
    expect(csv).toContain('\r\ntotaal;5;14;21;oranje;rood;9;14;63;groen;oranje;5;28;82;groen;oranje\r\n');
    expect(csv).toContain('\r\n0363;*;*;*;;;2;3;30;groen;oranje;0;;;;\r\n');

    const routes = await (await get(`/api/v1/indicators/wachttijden.csv?from=${FROM}&to=${TO}&table=verwijsroutes`)).text();
    expect(routes).toContain('route;instroom;aandeelInstroom;geescaleerd;aandeelGeescaleerd;beeindigd;herinstroom6m;herinstroom12m\r\n');
    // huisarts: 3 of 10 instroom; 1 escalated and 1 of 2 came back within 6 months are below the threshold; 2 of 2 within 12
    expect(routes).toContain('\r\n02;3;0,3;*;*;2;*;1\r\n');
    expect(routes).toContain('\r\ntotaal;10;1;2;0,2;4;*;0,75\r\n');
    expect((await get(`/api/v1/indicators/wachttijden.csv?table=beide`)).status).toBe(400);
    // HEAD answers like GET; a caller with nothing in scope gets empty tables
    for (const path of ['/api/v1/indicators/wachttijden?groupBy=verwijzer', '/api/v1/indicators/wachttijden.csv?table=verwijsroutes']) {
      const token = issueToken({ role: 'toegang', gemeente: '0995', sub: 't2' } as Principal, config.authSecret);
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      expect((await fetch(`${url}${path}`, { method: 'HEAD', headers })).status).toBe(200);
      expect((await fetch(`${url}${path}`, { headers })).status).toBe(200);
    }
    // without a valid token: 401, on both routes
    for (const path of ['/api/v1/indicators/wachttijden', '/api/v1/indicators/wachttijden.csv']) {
      expect((await fetch(`${url}${path}`)).status).toBe(401);
      expect((await fetch(`${url}${path}`, { headers: { authorization: 'Bearer x.y.z' } })).status).toBe(401);
    }
    expect((await get(`/api/v1/indicators/wachttijden?groupBy=intensiteit`)).status).toBe(400);
  });
});
