import { randomBytes } from 'node:crypto';
import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import {
  AccessLogRepository,
  BsnVault,
  DeliveredAccessLog,
  RedactingLogger,
  buildAccessRecord,
  parseKeyRing,
  subjectOf,
  type KeyRing,
  type Principal,
} from '@trajectwacht/platform';
import { dropSchema, freshDatabase, uniqueName } from '../../../../test/support/infra';

const P = 'c'.repeat(32);
const Q = 'd'.repeat(32);
const toegang0034: Principal = { role: 'toegang', gemeente: '0034', sub: 'w1' };
const toegang0995: Principal = { role: 'toegang', gemeente: '0995', sub: 'w2' };
const aanbieder: Principal = { role: 'aanbieder', agb: '12345678', sub: 'a1' };
const row = (principal: Principal, pseudonyms: string[], gemeenten: string[], status = 200, action = 'trajectories.timeline') =>
  buildAccessRecord({
    service: 'test',
    principal,
    action,
    route: 'GET /api/v1/pseudoniemen/:pseudonym/trajecten',
    subject: subjectOf('pseudonym', pseudonyms[0]),
    pseudonyms,
    gemeenten,
    status,
  });

describe('access log (PostgreSQL): append-only, and the toegang beheerder’s query', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await freshDatabase(uniqueName('audit'));
  });
  afterAll(async () => {
    await dropSchema(ds);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of access_log, for the owner too', async () => {
    const repository = new AccessLogRepository(ds.manager);
    await repository.insert(row(toegang0034, [P], ['0034']));
    const before: unknown[] = await ds.query(`SELECT * FROM access_log`);
    await expect(ds.query(`UPDATE access_log SET sub = 'someone else'`)).rejects.toThrow(/access_log is append-only: UPDATE refused/);
    await expect(ds.query(`DELETE FROM access_log`)).rejects.toThrow(/access_log is append-only: DELETE refused/);
    await expect(ds.query(`TRUNCATE access_log`)).rejects.toThrow(/access_log is append-only: TRUNCATE refused/);
    expect(await ds.query(`SELECT * FROM access_log`)).toEqual(before);
    // and no grant to PUBLIC would allow it for another role
    const grants: { privilege_type: string }[] = await ds.query(
      `SELECT privilege_type FROM information_schema.role_table_grants
        WHERE table_name = 'access_log' AND table_schema = current_schema() AND grantee = 'PUBLIC'`,
    );
    expect(grants.map((g) => g.privilege_type)).not.toEqual(expect.arrayContaining(['UPDATE']));
  });

  it('gives the beheerder of a gemeente the rows of its data and of its own workers, newest first, page by page', async () => {
    const repository = new AccessLogRepository(ds.manager);
    await repository.insert(row(aanbieder, [Q], ['0034'])); // an aanbieder read 0034's data of Q
    await repository.insert(row(toegang0995, [Q], ['0995'])); // 0995 read its own data of Q: not 0034's business
    await repository.insert(row(toegang0034, [Q], [], 404)); // a 0034 worker was refused: its own worker's call
    await repository.insert(row(toegang0995, [Q], [], 404)); // another gemeente's refused attempt: no data of 0034
    await repository.insert(row(toegang0034, [Q], ['0034'], 200, 'bsn.reveal'));
    const all = await repository.forChild(Q, '0034', 50, null);
    expect(all.map((r) => [r.organisation, r.action, r.outcome, r.status])).toEqual([
      ['gemeente:0034', 'bsn.reveal', 'allowed', 200],
      ['gemeente:0034', 'trajectories.timeline', 'refused', 404],
      ['agb:12345678', 'trajectories.timeline', 'allowed', 200],
    ]);
    expect(all[0]).toEqual(
      expect.objectContaining({ sub: 'w1', role: 'toegang', pseudonyms: [Q], gemeenten: ['0034'], subject: `pseudoniem:${Q}` }),
    );
    expect(all[0]!.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    const first = await repository.forChild(Q, '0034', 2, null);
    const second = await repository.forChild(Q, '0034', 2, first[1]!.id);
    expect([...first, ...second].map((r) => r.id)).toEqual(all.map((r) => r.id));
    expect((await repository.forChild(Q, '0995', 50, null)).map((r) => r.organisation)).toEqual(['gemeente:0995', 'gemeente:0995']);
    expect(await repository.forChild(P, '0995', 50, null)).toEqual([]);
  });
});

describe('BSN store (PostgreSQL): encrypted per gemeente, idempotent, rotated', () => {
  let ds: DataSource;
  const key = () => randomBytes(32).toString('base64');
  const k1 = key();
  const k2 = key();
  const ring = (keys: string, active?: string): KeyRing => parseKeyRing(keys, active).ring!;
  beforeAll(async () => {
    ds = await freshDatabase(uniqueName('bsnstore'));
  });
  afterAll(async () => {
    await dropSchema(ds);
  });

  it('stores each child once per gemeente, holds no clear BSN, reveals it to that gemeente only, survives a rotation', async () => {
    const before = new BsnVault(ring(`k1:${k1}`));
    const bsn = '999900006';
    await ds.transaction((m) => before.store(m, [{ gemeente: '0034', pseudonym: P, bsn }]));
    await ds.transaction((m) => before.store(m, [{ gemeente: '0034', pseudonym: P, bsn }])); // redelivered: nothing changes
    await ds.transaction((m) => before.store(m, [{ gemeente: '0995', pseudonym: P, bsn }]));
    const stored: { gemeente: string; bsn_encrypted: string }[] = await ds.query(`SELECT * FROM client_bsn ORDER BY gemeente`);
    expect(stored.map((r) => r.gemeente)).toEqual(['0034', '0995']);
    const tables = JSON.stringify([stored, await ds.query(`SELECT * FROM bsn_data_key`)]);
    expect(tables).not.toContain(bsn);
    expect(tables).not.toContain(Buffer.from(bsn).toString('base64'));
    expect(await before.reveal(ds.manager, '0034', P)).toBe(bsn);
    expect(await before.reveal(ds.manager, '0363', P)).toBeNull();
    expect(await before.reveal(ds.manager, '0034', Q)).toBeNull();
    // a ciphertext moved to another gemeente's row does not open there (gemeente and pseudonym are its AAD)
    await ds.query(
      `UPDATE client_bsn SET bsn_encrypted = (SELECT bsn_encrypted FROM client_bsn WHERE gemeente = '0034') WHERE gemeente = '0995'`,
    );
    await expect(before.reveal(ds.manager, '0995', P)).rejects.toThrow(/does not open/);

    // rotation: k2 becomes active; the old id still opens what it wrapped; the rewrap moves every data key to k2
    const during = new BsnVault(ring(`k1:${k1},k2:${k2}`, 'k2'));
    expect(await during.reveal(ds.manager, '0034', P)).toBe(bsn);
    expect((await ds.transaction((m) => during.rewrapAll(m))).sort()).toEqual(['0034', '0995']);
    expect(await ds.transaction((m) => during.rewrapAll(m))).toEqual([]);
    const after = new BsnVault(ring(`k2:${k2}`));
    expect(await after.reveal(ds.manager, '0034', P)).toBe(bsn);
    expect((await ds.query(`SELECT DISTINCT kek_id FROM bsn_data_key`)) as unknown[]).toEqual([{ kek_id: 'k2' }]);
  });
  it('logs each streamed delivery before it is sent, and withholds the event whose row cannot be written', async () => {
    const errors: string[] = [];
    const logger = new RedactingLogger('test', 'error');
    logger.error = (message: unknown) => void errors.push(String(message));
    const log = new DeliveredAccessLog(ds, 'monitor', logger);
    const req = { id: 'stream-request-1', method: 'GET', route: { path: '/api/v1/stream' }, path: '/api/v1/stream' } as unknown as Request;
    expect(await log.delivered(req, toegang0034, 'alert.live', P, '0034')).toBe(true);
    const rows = await ds.query(
      `SELECT service, request_id, sub, action, route, pseudonyms, gemeenten, outcome, status
         FROM access_log WHERE request_id = 'stream-request-1'`,
    );
    expect(rows).toEqual([
      {
        service: 'monitor',
        request_id: 'stream-request-1',
        sub: 'w1',
        action: 'alert.live',
        route: 'GET /api/v1/stream',
        pseudonyms: [P],
        gemeenten: ['0034'],
        outcome: 'allowed',
        status: 200,
      },
    ]);
    // a value that is no pseudonym (a BSN by mistake) is never written: the event is withheld and the failure logged
    expect(await log.delivered(req, toegang0034, 'alert.live', '123456782', '0034')).toBe(false);
    expect(errors.join('\n')).toMatch(/event withheld/);
    expect(errors.join('\n')).not.toContain('123456782');
    expect(await ds.query(`SELECT count(*)::int AS n FROM access_log WHERE request_id = 'stream-request-1'`)).toEqual([{ n: 1 }]);
  });
});
