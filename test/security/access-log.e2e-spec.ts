import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { addDays, dutchDate, pseudonymiseBsn } from '@trajectwacht/ijw';
import { issueToken, type Principal } from '@trajectwacht/platform';
import { ageOn } from '@trajectwacht/trajectory';
import { createIngestApp } from '../../apps/ingest/src/app';
import { createSignalsApp } from '../../apps/signals/src/app';
import { SignalConsumer } from '../../apps/signals/src/signal.consumer';
import { createTrajectoryApp } from '../../apps/trajectory/src/app';
import { TrajectoryConsumer } from '../../apps/trajectory/src/trajectory.consumer';
import { testBsn } from '../support/bsn';
import { dropSchema, freshDatabase, isolateServices, testConfig, uniqueName, waitFor } from '../support/infra';
import { ijwPayload } from '../support/ijw';

/**
 * Issue 18, points 2 and 3 end to end: a JW301 published over HTTP leaves the child's BSN encrypted for its gemeente;
 * the toegang worker of that gemeente sees it only with a reason, and that is one row of the access log; another
 * gemeente, a regio, beheer and an aanbieder are refused, each refusal one row too; the toegang beheerder reads the
 * gemeente's rows of the child; the inbox and the alert detail show the toewijzingnummer and the age; and a log row
 * that cannot be written withholds the answer.
 */
describe('access log and the BSN for the entitled toegang worker (end to end)', () => {
  const config = testConfig();
  const schema = uniqueName('accesslog');
  const apps: INestApplication[] = [];
  const urls: Record<'ingest' | 'trajectory' | 'signals', string> = { ingest: '', trajectory: '', signals: '' };
  let restoreEnv: () => void;
  let db: DataSource;
  const seed = Math.floor(Math.random() * 1e6);
  const bsn = testBsn(70_000_000 + seed * 7);
  const pseudonym = pseudonymiseBsn(bsn, config.pseudonymSecret);
  const nummer = String(60_000_000 + seed);
  const geboortedatum = '2012-06-06';

  const who: Record<string, Principal> = {
    toegang: { role: 'toegang', gemeente: '0034', sub: 'w.jansen' },
    beheerder: { role: 'toegang', gemeente: '0034', sub: 'privacy-0034', beheerder: true },
    otherGemeente: { role: 'toegang', gemeente: '0995', sub: 'w.devries' },
    otherBeheerder: { role: 'toegang', gemeente: '0995', sub: 'privacy-0995', beheerder: true },
    aanbieder: { role: 'aanbieder', agb: '12345678', sub: 'zorg-bv' },
    regio: { role: 'regio', regio: 'flevoland', gemeenten: ['0034'], sub: 'r' },
    beheer: { role: 'beheer', sub: 'ops' },
  };
  let n = 0;
  /** One request with its own request id (the access log row names it). */
  const call = async (service: keyof typeof urls, method: string, path: string, principal: Principal, body?: unknown) => {
    const requestId = `accesslog-${schema}-${++n}`;
    const res = await fetch(`${urls[service]}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${issueToken(principal, config.authSecret)}`,
        'content-type': typeof body === 'string' ? 'application/xml' : 'application/json',
        'x-request-id': requestId,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, headers: res.headers, text: await res.text(), requestId };
  };
  const rowsOf = (requestId: string): Promise<Record<string, unknown>[]> =>
    db.query(`SELECT * FROM access_log WHERE request_id = $1`, [requestId]);

  beforeAll(async () => {
    restoreEnv = isolateServices();
    for (const [name, create] of [
      ['ingest', createIngestApp],
      ['trajectory', createTrajectoryApp],
      ['signals', createSignalsApp],
    ] as const) {
      const app = await create({ config, schema });
      await app.listen(0, '127.0.0.1');
      apps.push(app);
      urls[name] = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    }
    await Promise.all([apps[1]!.get(TrajectoryConsumer).consumer!.joined, apps[2]!.get(SignalConsumer).consumer!.joined]);
    db = await freshDatabase(schema);
    const jw301 = ijwPayload({
      berichtcode: 'JW301',
      berichtId: uniqueName('al').replace(/_/g, '').slice(0, 12),
      gemeente: '0034',
      aanbieder: '12345678',
      client: { bsn, geboortedatum },
      toewijzingNummer: nummer,
      product: { categorie: '45', code: '45A01' },
      ingangsdatum: addDays(dutchDate(new Date()), -35),
    });
    const published = await call('ingest', 'POST', '/api/v1/berichten', who.toegang!, jw301);
    expect([published.status, published.text]).toEqual([200, expect.stringContaining('"status":"geaccepteerd"')]);
  });

  afterAll(async () => {
    for (const app of apps.reverse()) await app.close();
    restoreEnv?.();
    if (db) await dropSchema(db);
  });

  it('stores the BSN only encrypted, per gemeente, idempotently', async () => {
    const rows: { gemeente: string; pseudonym: string; bsn_encrypted: string }[] = await db.query(
      `SELECT * FROM client_bsn WHERE pseudonym = $1`,
      [pseudonym],
    );
    expect(rows.map((r) => r.gemeente)).toEqual(['0034']);
    expect(rows[0]!.bsn_encrypted).toMatch(/^b1\./);
    const dump = JSON.stringify([await db.query(`SELECT * FROM client_bsn`), await db.query(`SELECT * FROM bsn_data_key`)]);
    expect(dump).not.toContain(bsn);
  });

  it('shows the BSN to the toegang worker of the gemeente with a reason, as one logged row with that reason', async () => {
    const noReason = await call('trajectory', 'POST', `/api/v1/pseudoniemen/${pseudonym}/bsn`, who.toegang!, { reden: 'kort' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).not.toContain(bsn);
    expect((await rowsOf(noReason.requestId)).map((r) => [r.outcome, r.status])).toEqual([['failed', 400]]);

    const reden = 'telefoongesprek met moeder, identiteit controleren';
    const shown = await call('trajectory', 'POST', `/api/v1/pseudoniemen/${pseudonym}/bsn`, who.toegang!, { reden });
    expect(shown.status).toBe(200);
    expect(JSON.parse(shown.text)).toEqual({ pseudonym, gemeente: '0034', bsn });
    expect(shown.headers.get('cache-control')).toBe('no-store');
    const rows = await rowsOf(shown.requestId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toEqual(
      expect.objectContaining({
        service: 'trajectory',
        sub: 'w.jansen',
        role: 'toegang',
        organisation: 'gemeente:0034',
        action: 'bsn.reveal',
        route: 'POST /api/v1/pseudoniemen/:pseudonym/bsn',
        subject: `pseudoniem:${pseudonym}`,
        pseudonyms: [pseudonym],
        gemeenten: ['0034'],
        outcome: 'allowed',
        status: 200,
        reason: reden,
      }),
    );
    expect(JSON.stringify(await db.query(`SELECT * FROM access_log`))).not.toContain(bsn);
  });

  it.each([
    ['another gemeente', 'otherGemeente', 404],
    ['its beheerder', 'otherBeheerder', 404],
    ['an aanbieder (also the child’s own)', 'aanbieder', 403],
    ['a regio', 'regio', 403],
    ['beheer', 'beheer', 403],
  ])('refuses %s the BSN, and logs the refusal', async (_label, caller, status) => {
    const res = await call('trajectory', 'POST', `/api/v1/pseudoniemen/${pseudonym}/bsn`, who[caller]!, {
      reden: 'ik wil weten wie dit kind is',
    });
    expect(res.status).toBe(status);
    expect(res.text).not.toContain(bsn);
    const rows = await rowsOf(res.requestId);
    expect(rows.map((r) => [r.action, r.outcome, r.status, r.pseudonyms, r.gemeenten])).toEqual([
      ['bsn.reveal', 'refused', status, [pseudonym], []],
    ]);
  });

  it('shows the toewijzingnummer and the age in the inbox and the alert detail, each read one row', async () => {
    const alert = await waitFor(async () => {
      const res = await call('signals', 'GET', '/api/v1/alerts/inbox?limit=500', who.toegang!);
      const inbox: { items: { id: string; clientPseudonym: string }[] } = JSON.parse(res.text);
      return inbox.items.find((a) => a.clientPseudonym === pseudonym);
    }, 60_000);
    const age = ageOn(geboortedatum, dutchDate(new Date()));
    expect(alert).toEqual(expect.objectContaining({ toewijzingNummers: [nummer], leeftijd: age }));
    const detail = await call('signals', 'GET', `/api/v1/alerts/${alert.id}`, who.toegang!);
    expect(JSON.parse(detail.text)).toEqual(expect.objectContaining({ toewijzingNummers: [nummer], leeftijd: age }));
    expect((await rowsOf(detail.requestId)).map((r) => [r.action, r.subject, r.pseudonyms, r.outcome])).toEqual([
      ['alert.detail', `alert:${alert.id}`, [pseudonym], 'allowed'],
    ]);
    const other = await call('signals', 'GET', `/api/v1/alerts/${alert.id}`, who.otherGemeente!);
    expect(other.status).toBe(404);
    expect((await rowsOf(other.requestId)).map((r) => [r.action, r.outcome, r.pseudonyms])).toEqual([['alert.detail', 'refused', []]]);
  });

  it('lets the toegang beheerder read the gemeente’s rows of the child, page by page; nobody else', async () => {
    const page = async (principal: Principal, query = '') => {
      const res = await call('trajectory', 'GET', `/api/v1/pseudoniemen/${pseudonym}/toegangslog${query}`, principal);
      const body: { items: Record<string, unknown>[]; next: string | null } | null = res.status === 200 ? JSON.parse(res.text) : null;
      return { ...res, body };
    };
    const all = await page(who.beheerder!, '?limit=200');
    expect(all.status).toBe(200);
    const actions = all.body!.items.map((r) => `${r.organisation} ${r.action} ${r.outcome}`);
    expect(actions).toEqual(expect.arrayContaining(['gemeente:0034 bsn.reveal allowed', 'gemeente:0034 bsn.reveal failed']));
    // refusals of other organisations concerned no data of 0034; the rows of gemeente 0995 are not 0034's
    expect(actions.filter((a) => !a.startsWith('gemeente:0034'))).toEqual([]);
    expect(all.body!.items.find((r) => r.action === 'bsn.reveal' && r.outcome === 'allowed')!.reason).toMatch(/^telefoongesprek/);
    const first = await page(who.beheerder!, '?limit=2');
    const second = await page(who.beheerder!, `?limit=2&before=${first.body!.next}`);
    const ids = (await page(who.beheerder!, '?limit=200')).body!.items.map((r) => r.id);
    const at = ids.indexOf(first.body!.items[1]!.id);
    expect(second.body!.items.map((r) => r.id)).toEqual(ids.slice(at + 1, at + 3));
    // the 0995 beheerder sees its own workers' refused attempts only
    const other = await page(who.otherBeheerder!, '?limit=200');
    expect(new Set(other.body!.items.map((r) => r.organisation))).toEqual(new Set(['gemeente:0995']));
    for (const caller of ['toegang', 'aanbieder', 'regio', 'beheer'] as const) expect((await page(who[caller]!)).status).toBe(403);
    // reading the log is itself a logged access
    expect((await rowsOf(all.requestId)).map((r) => [r.action, r.sub, r.outcome])).toEqual([['accesslog.read', 'privacy-0034', 'allowed']]);
  });

  it('withholds the answer when its row cannot be written: nothing is served unlogged', async () => {
    await db.query(`ALTER TABLE access_log ADD CONSTRAINT access_log_test_refuses CHECK (false) NOT VALID`);
    try {
      const timeline = await call('trajectory', 'GET', `/api/v1/pseudoniemen/${pseudonym}/trajecten`, who.toegang!);
      expect(timeline.status).toBe(500);
      expect(timeline.text).not.toContain(nummer);
      const shown = await call('trajectory', 'POST', `/api/v1/pseudoniemen/${pseudonym}/bsn`, who.toegang!, {
        reden: 'telefoongesprek met moeder',
      });
      expect(shown.status).toBe(500);
      expect(shown.text).not.toContain(bsn);
      expect(await rowsOf(timeline.requestId)).toEqual([]);
    } finally {
      await db.query(`ALTER TABLE access_log DROP CONSTRAINT access_log_test_refuses`);
    }
    const again = await call('trajectory', 'GET', `/api/v1/pseudoniemen/${pseudonym}/trajecten`, who.toegang!);
    expect([again.status, again.text.includes(nummer)]).toEqual([200, true]);
    expect(await rowsOf(again.requestId)).toHaveLength(1);
  });
});
