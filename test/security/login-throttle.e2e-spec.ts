import type { INestApplication } from '@nestjs/common';
import { createMonitorApp } from '../../apps/monitor/src/app';
import { hashPassword } from '../../apps/monitor/src/users';
import { dropSchema, freshDatabase, isolateServices, testConfig, uniqueName } from '../support/infra';

const WINDOW_SECONDS = 3;
const LOCK_SECONDS = 3;
const RATE = 10;
const LOCK_AFTER = 5;

/**
 * The local (demo) login is throttled and locks accounts (apps/monitor/src/login-protection.ts): before, 25 wrong
 * passwords in a row were all answered 401. Now the account is locked after MONITOR_LOGIN_LOCKOUT_ATTEMPTS wrong
 * passwords (then 429, even for the right password, until MONITOR_LOGIN_LOCKOUT_SECONDS have passed), and one
 * address gets 429 after MONITOR_LOGIN_RATE_LIMIT attempts in MONITOR_LOGIN_RATE_WINDOW_SECONDS, whatever the usernames.
 */
describe('local login: rate limit per address and lockout per account', () => {
  const schema = uniqueName('login');
  let app: INestApplication;
  let url: string;
  let restoreEnv: (() => void) | undefined;

  beforeAll(async () => {
    restoreEnv = isolateServices();
    const user = (username: string) => ({
      username,
      passwordHash: hashPassword(`${username}-wachtwoord`),
      principal: { role: 'toegang' as const, gemeente: '0034', sub: username },
    });
    app = await createMonitorApp({
      config: testConfig(),
      schema,
      settings: {
        users: [user('anna'), user('bert'), user('carla')],
        login: { rateLimit: RATE, rateWindowSeconds: WINDOW_SECONDS, lockoutAttempts: LOCK_AFTER, lockoutSeconds: LOCK_SECONDS },
      },
    });
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    restoreEnv?.();
    await dropSchema(await freshDatabase(schema));
  });

  const login = async (username: string, password: string) => {
    const res = await fetch(`${url}/api/v1/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const body = (await res.json()) as { message?: string; token?: string };
    return { status: res.status, message: body.message ?? '', token: body.token, retryAfter: res.headers.get('retry-after') };
  };
  const nextWindow = () => new Promise((r) => setTimeout(r, Math.max(WINDOW_SECONDS, LOCK_SECONDS) * 1000 + 300));

  it('the issue: 25 wrong passwords in a row are no longer all 401 — locked after 5, then throttled', async () => {
    const answers = [];
    for (let i = 0; i < 25; i++) answers.push(await login('anna', `fout-${i}`));
    expect(answers.map((a) => a.status)).toEqual([...Array(LOCK_AFTER).fill(401), ...Array(25 - LOCK_AFTER).fill(429)]);
    expect(answers[LOCK_AFTER]!.message).toMatch(
      /^this account is locked after 5 wrong passwords in a row; try again after .+ \(in \d seconds\)$/,
    );
    expect(answers[RATE]!.message).toMatch(
      /^too many login attempts from this address: at most 10 per 3 seconds; try again in \d seconds$/,
    );
    expect(Number(answers[RATE]!.retryAfter)).toBeGreaterThan(0);
    await nextWindow();
  });

  it('a locked account refuses the correct password too, other accounts are not locked, and it opens again after the lockout', async () => {
    for (let i = 0; i < LOCK_AFTER; i++) expect((await login('bert', 'fout')).status).toBe(401);
    const locked = await login('bert', 'bert-wachtwoord');
    expect(locked.status).toBe(429);
    expect(locked.message).toContain('this account is locked');
    expect(locked.token).toBeUndefined();
    // another account from the same address: not locked (7 attempts so far, under the rate)
    const carla = await login('carla', 'carla-wachtwoord');
    expect(carla.status).toBe(201);
    expect(carla.token).toBeDefined();
    await nextWindow();
    const open = await login('bert', 'bert-wachtwoord');
    expect(open.status).toBe(201);
    expect(open.token).toBeDefined();
    // a success resets the count: four wrong passwords later the account is still open
    for (let i = 0; i < LOCK_AFTER - 1; i++) expect((await login('bert', 'fout')).status).toBe(401);
    expect((await login('bert', 'bert-wachtwoord')).status).toBe(201);
    await nextWindow();
  });

  it('unknown usernames count the same (no enumeration), and a spray of names from one address is throttled', async () => {
    const answers = [];
    for (let i = 0; i < RATE + 3; i++) answers.push(await login(`onbekend-${i}`, 'x'));
    expect(answers.map((a) => a.status)).toEqual([...Array(RATE).fill(401), 429, 429, 429]);
    expect(new Set(answers.slice(0, RATE).map((a) => a.message))).toEqual(new Set(['unknown user or wrong password']));
    // while throttled, the right password of an account in good standing is refused too: the address is limited
    expect((await login('carla', 'carla-wachtwoord')).status).toBe(429);
    await nextWindow();
    expect((await login('carla', 'carla-wachtwoord')).status).toBe(201);
  });
});
