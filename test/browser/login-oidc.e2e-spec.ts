import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { decodeJwt } from 'jose';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { DEFAULT_CLAIM_MAPPING } from '@trajectwacht/platform';
import { createMonitorApp } from '../../apps/monitor/src/app';
import { createSignalsApp } from '../../apps/signals/src/app';
import { createTrajectoryApp } from '../../apps/trajectory/src/app';
import { dropSchema, freshDatabase, isolateServices, testConfig, uniqueName } from '../support/infra';
import { DevOidcProvider, newSigningKey } from '../support/oidc-provider';

const SHOTS = process.env.SCREENSHOT_DIR ?? join(__dirname, '..', '..', '.data', 'screenshots');
const AUDIENCE = 'urn:trajectwacht:api';
const CLIENT_ID = 'trajectwacht-dashboard';

/**
 * In headless Chromium: a toegang worker signs in to the dashboard at a REAL OpenID provider (tools/oidc-dev-provider.mjs,
 * its own process) with authorization code + PKCE, through the provider's own login page, sees the inbox (the
 * provider's access token accepted by the monitor and, through its proxy, the signal service), and signs out there
 * again. No Content-Security-Policy violation, no token in any URL, the code gone from the address bar.
 */
describe('dashboard sign-in at the OpenID provider (authorization code + PKCE) in a real browser', () => {
  const schema = uniqueName('oidcbrowser');
  const provider = new DevOidcProvider();
  const key = newSigningKey('browser-key');
  const apps: INestApplication[] = [];
  let browser: Browser;
  let monitorUrl: string;
  let restoreEnv: (() => void) | undefined;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    restoreEnv = isolateServices();
    // the provider first (its port is the issuer's); the dashboard client gets its redirect URI once the monitor listens
    const providerConfig = (redirect: string) => ({
      audience: AUDIENCE,
      keys: [key],
      accounts: { 'anna-oidc': { role: 'toegang', gemeente: '0034' } },
      clients: [
        {
          client_id: CLIENT_ID,
          token_endpoint_auth_method: 'none',
          grant_types: ['authorization_code'],
          response_types: ['code'],
          redirect_uris: [redirect],
          post_logout_redirect_uris: [redirect],
        },
      ],
      firstParty: [CLIENT_ID],
    });
    await provider.start(providerConfig('http://127.0.0.1:9/'));
    const config = testConfig({
      auth: {
        demo: true,
        // what loadConfig derives with OIDC_CLIENT_ID set: the issuer's origin may be fetched (discovery, token endpoint)
        connectSrc: [new URL(provider.issuer).origin],
        oidc: {
          issuer: provider.issuer,
          audience: AUDIENCE,
          algorithms: ['RS256'],
          claims: DEFAULT_CLAIM_MAPPING,
          jwksCooldownMs: 1000,
          jwksCacheMaxAgeMs: 600_000,
          clockToleranceSeconds: 5,
          clientId: CLIENT_ID,
          scope: 'openid profile',
        },
      },
    });
    const urls: string[] = [];
    for (const create of [createTrajectoryApp, createSignalsApp]) {
      const app = await create({ config, schema });
      await app.listen(0, '127.0.0.1');
      urls.push((await app.getUrl()).replace('[::1]', '127.0.0.1'));
      apps.push(app);
    }
    const monitor = await createMonitorApp({ config, schema, settings: { users: [], trajectoryUrl: urls[0]!, signalsUrl: urls[1]! } });
    await monitor.listen(0, '127.0.0.1');
    apps.push(monitor);
    monitorUrl = (await monitor.getUrl()).replace('[::1]', '127.0.0.1');
    await provider.restart(providerConfig(`${monitorUrl}/`));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    for (const app of apps.reverse()) await app.close();
    await provider.dispose();
    restoreEnv?.();
    await dropSchema(await freshDatabase(schema));
  });

  /** A page that records CSP violations, page errors and every URL that carries a token. */
  async function watchedPage(): Promise<{ page: Page; violations: string[]; errors: string[]; tokenUrls: string[]; urls: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    const watch = { page, violations: [] as string[], errors: [] as string[], tokenUrls: [] as string[], urls: [] as string[] };
    page.on('pageerror', (e) => watch.errors.push(e.message));
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to (apply|execute|load|connect)/i.test(m.text())) watch.violations.push(m.text());
    });
    page.on('request', (r) => {
      watch.urls.push(r.url());
      if (/access_token=|id_token|[?&]token=|eyJ[\w-]+\.eyJ/i.test(r.url())) watch.tokenUrls.push(r.url());
    });
    page.on('framenavigated', (frame) => {
      if (/access_token=|id_token|[?&]token=|eyJ[\w-]+\.eyJ/i.test(frame.url())) watch.tokenUrls.push(frame.url());
    });
    await page.addInitScript({
      content:
        "document.addEventListener('securitypolicyviolation', (e) => console.error('Content Security Policy violation: ' + " +
        "e.violatedDirective + ' ' + e.blockedURI));",
    });
    return watch;
  }

  it("signs in through the provider's login page, sees the inbox, and signs out at the provider", async () => {
    const { page, violations, errors, tokenUrls, urls } = await watchedPage();
    await page.goto(monitorUrl);
    const button = page.getByTestId('login-oidc');
    await button.waitFor();
    expect(await button.textContent()).toContain(new URL(provider.issuer).host);
    expect(await page.getByTestId('login-username').isVisible()).toBe(true); // the demo mode is on here: both
    await page.screenshot({ path: join(SHOTS, 'oidc-1-login.png') });
    await button.click();

    // the provider's own login page (oidc-provider's development interactions)
    await page.waitForURL((u) => u.origin === new URL(provider.issuer).origin, { timeout: 15_000 });
    const authorize = urls.find((u) => u.startsWith(`${provider.issuer}/auth?`));
    expect(authorize).toBeDefined();
    const request = new URL(authorize!).searchParams;
    expect(request.get('code_challenge_method')).toBe('S256');
    expect(request.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(request.get('state')).toMatch(/^[\w-]{43}$/);
    expect(request.get('nonce')).toMatch(/^[\w-]{43}$/);
    expect(request.get('resource')).toBe(AUDIENCE);
    await page.locator('input[name="login"]').fill('anna-oidc');
    await page.locator('input[name="password"]').fill('wat-dan-ook');
    await page.screenshot({ path: join(SHOTS, 'oidc-2-provider-login.png') });
    await page.locator('button[type="submit"]').click();

    // back at the dashboard: the inbox, with the provider's access token
    await page.getByTestId('inbox-table').waitFor({ state: 'attached', timeout: 20_000 });
    await page.screenshot({ path: join(SHOTS, 'oidc-3-inbox.png') });
    expect(page.url()).not.toMatch(/[?&](code|state)=/); // the code left the address bar (and the history)
    expect(urls.some((u) => u.startsWith(`${monitorUrl}/?code=`))).toBe(true); // it did come back with one
    const stored = await page.evaluate("sessionStorage.getItem('trajectwacht.session')");
    const parsed: unknown = JSON.parse(String(stored));
    const session = parsed as { token: string; principal: unknown };
    expect(decodeJwt(session.token)).toMatchObject({ iss: provider.issuer, aud: AUDIENCE, sub: 'anna-oidc', role: 'toegang' });
    expect(session.principal).toEqual({ role: 'toegang', gemeente: '0034', sub: 'anna-oidc' });
    expect(await page.evaluate("sessionStorage.getItem('trajectwacht.oidc.pending')")).toBeNull();

    // sign-out: here and at the provider (its confirmation page), then back on the dashboard's login page
    await page.getByTestId('logout').click();
    await page.waitForURL((u) => u.origin === new URL(provider.issuer).origin, { timeout: 15_000 });
    await page.locator('button[name="logout"]').click();
    await page.getByTestId('login-oidc').waitFor({ timeout: 15_000 });
    expect(await page.evaluate("sessionStorage.getItem('trajectwacht.session')")).toBeNull();
    await page.screenshot({ path: join(SHOTS, 'oidc-4-signed-out.png') });

    // signing in again needs the provider's login page again (its session ended)
    await page.getByTestId('login-oidc').click();
    await page.locator('input[name="login"]').waitFor({ timeout: 15_000 });

    expect(errors).toEqual([]);
    expect(violations).toEqual([]);
    expect(tokenUrls).toEqual([]);
  });

  it('refuses an answer that does not belong to a sign-in of the tab (state), and says so', async () => {
    const { page, violations } = await watchedPage();
    await page.goto(`${monitorUrl}/?code=forged-code&state=forged-state&iss=${encodeURIComponent(provider.issuer)}`);
    const error = page.locator('.login .error');
    await error.waitFor();
    expect(await error.textContent()).toContain('(state)');
    expect(page.url()).not.toContain('forged-code');
    expect(await page.evaluate("sessionStorage.getItem('trajectwacht.session')")).toBeNull();
    expect(violations).toEqual([]);
  });
});
