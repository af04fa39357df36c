import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { overgang18Indicator, type Overgang18IndicatorResult, type Overgang18Youth } from '@trajectwacht/indicators';
import { insertStates } from '@trajectwacht/indicators/testing';
import { DATA_SOURCE, issueToken, type PlatformConfig } from '@trajectwacht/platform';
import type { VervolgRegistratie } from '@trajectwacht/signals';
import { trajectory } from '@trajectwacht/signals/testing';
import { dropSchema, freshDatabase, testConfig, uniqueName } from '../../../test/support/infra';
import { createMonitorApp } from './app';

/**
 * The overgang-18 indicator (issue 15) through the monitor API on PostgreSQL: trajectories in `trajectory`, recorded
 * follow-ups in `client_vervolg`; the answer equals overgang18Indicator over the same youths, and it is in the
 * dashboard and the CSV.
 */
describe('monitor API: overgang-18 indicator', () => {
  const schema = uniqueName('mono18');
  let config: PlatformConfig;
  let app: INestApplication;
  let url: string;
  const FROM = '2026-01-01';
  const TO = '2026-06-30';
  const token = (p: Parameters<typeof issueToken>[0]) => issueToken(p, config.authSecret);
  const get = (path: string) =>
    fetch(`${url}${path}`, {
      headers: { authorization: `Bearer ${token({ role: 'regio', regio: 'flevoland', gemeenten: ['0034', '0050'], sub: 'r' })}` },
    });

  const youths: Overgang18Youth[] = [];
  const add = (n: number, gemeente: string, geb: string, code: string, vervolg: VervolgRegistratie[]) => {
    const client = `${String(n).padStart(2, '0')}${'a'.repeat(30)}`;
    const t = trajectory({
      nr: String(100 + n),
      gemeente,
      client,
      geboortedatum: geb,
      ingang: '2023-06-01',
      start: '2023-06-01',
      eind: '2028-01-01',
      code,
    });
    youths.push({ clientPseudonym: client, geboortedatum: geb, trajectories: [t], vervolg });
  };
  // 18 in the period with begeleiding: 3 in time in 0034, 1 late in 0034, 1 without follow-up in 0050; one in verblijf reaching 16½
  add(1, '0034', '2008-02-10', '45A01', [{ soort: 'wmo', vastgelegdOp: '2026-01-05', perDatum: '2026-02-10' }]);
  add(2, '0034', '2008-03-10', '45A01', [{ soort: 'zvw', vastgelegdOp: '2026-03-10', perDatum: '2026-03-10' }]);
  add(3, '0034', '2008-04-10', '45A01', [{ soort: 'geen_vervolg_nodig', vastgelegdOp: '2026-01-05' }]);
  add(4, '0034', '2008-05-10', '45A01', [{ soort: 'wmo', vastgelegdOp: '2026-05-11', perDatum: '2026-06-01' }]);
  add(5, '0050', '2008-05-10', '45A01', []);
  add(6, '0050', '2009-09-10', '43A02', [{ soort: 'plan', vastgelegdOp: '2026-02-01' }]);

  beforeAll(async () => {
    config = testConfig();
    app = await createMonitorApp({ config, schema, settings: { users: [], minCount: 1 } });
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const ds = app.get<DataSource>(DATA_SOURCE);
    await insertStates(
      (sql, params) => ds.query(sql, params as unknown[]),
      youths.flatMap((y) => y.trajectories),
    );
    let i = 0;
    for (const y of youths)
      for (const v of y.vervolg) {
        const record = {
          type: 'VervolgVastgelegd',
          id: `v${i++}`,
          clientPseudonym: y.clientPseudonym,
          gemeente: y.trajectories[0]!.gemeente,
          ...v,
          vastgelegdOpTijd: `${v.vastgelegdOp}T10:00:00.000Z`,
          vastgelegdDoor: { sub: 'w', role: 'toegang', gemeente: y.trajectories[0]!.gemeente },
        };
        await ds.query(
          `INSERT INTO client_vervolg (id, client_pseudonym, gemeente, soort, vastgelegd_op, vastgelegd_op_tijd, vastgelegd_door, record)
           VALUES ($1, $2, $3, $4, $5, $6, 'w', $7)`,
          [record.id, y.clientPseudonym, record.gemeente, v.soort, v.vastgelegdOp, record.vastgelegdOpTijd, JSON.stringify(record)],
        );
      }
  });

  afterAll(async () => {
    await app?.close();
    await dropSchema(await freshDatabase(schema));
  });

  it('gives the share in time per gemeente with its stoplicht, as the pure indicator does', async () => {
    const res = await get(`/api/v1/indicators/overgang18?from=${FROM}&to=${TO}&groupBy=gemeente`);
    expect(res.status).toBe(200);
    // the names of the groups beside the result (issue 18.7), the rows exactly the pure indicator's
    const { namen, ...body } = (await res.json()) as Overgang18IndicatorResult & { namen: Record<string, string | null> };
    expect(body).toEqual(overgang18Indicator(youths, { from: FROM, to: TO, groupBy: 'gemeente', minCount: 1 }));
    expect(namen).toEqual({ '0034': 'Almere', '0050': 'Zeewolde' });
    expect(
      body.rows.map((r) => [
        r.group,
        r.achttien.bereikt.value,
        r.achttien.tijdig.value,
        r.achttien.aandeelTijdig.value,
        r.achttien.aandeelTijdig.stoplicht,
      ]),
    ).toEqual([
      ['0034', 4, 3, 0.75, 'oranje'],
      ['0050', 1, 0, 0, 'rood'],
      ['totaal', 5, 3, 0.6, 'rood'],
    ]);
    expect(body.rows.find((r) => r.group === '0050')!.zestienVerblijf).toMatchObject({
      bereikt: { value: 1 },
      tijdig: { value: 1 },
      aandeelTijdig: { value: 1, stoplicht: 'groen' },
    });
    expect(JSON.stringify(body)).not.toMatch(/aaaaaaaa/); // aggregates only
    const dashboard = (await (await get(`/api/v1/indicators?from=${FROM}&to=${TO}&groupBy=gemeente`)).json()) as {
      overgang18: Overgang18IndicatorResult;
    };
    expect(dashboard.overgang18).toEqual(body);
    const csv = await (await get(`/api/v1/indicators.csv?from=${FROM}&to=${TO}&groupBy=gemeente`)).text();
    expect(csv).toContain(
      '\r\n\r\ngemeente;gemeente_naam;overgang18_bereikt;overgang18_tijdig;overgang18_aandeelTijdig;' +
        'overgang18_aandeelTijdig_stoplicht;plan16_bereikt',
    );
    expect(csv).toContain('\r\n0034;Almere;4;3;0,75;oranje;0;0;;\r\n');
  });
});
