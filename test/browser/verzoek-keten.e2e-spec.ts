import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { type Browser } from 'playwright-core';
import { launchChromium, logInWithPassword } from '../support/browser';
import { issueToken, type Principal } from '@trajectwacht/platform';
import { createIngestApp } from '../../apps/ingest/src/app';
import { createMonitorApp } from '../../apps/monitor/src/app';
import { hashPassword } from '../../apps/monitor/src/users';
import { createSignalsApp } from '../../apps/signals/src/app';
import { SignalConsumer } from '../../apps/signals/src/signal.consumer';
import { createTrajectoryApp } from '../../apps/trajectory/src/app';
import { TrajectoryConsumer } from '../../apps/trajectory/src/trajectory.consumer';
import { dropSchema, freshDatabase, isolateServices, testConfig, uniqueName } from '../support/infra';

const SHOTS = process.env.SCREENSHOT_DIR ?? join(__dirname, '..', '..', '.data', 'screenshots');
const VOT = join(__dirname, '..', 'conformance', 'jw315', 'history', 'VOT-1');

/**
 * Issue 17 point 2 in headless Chromium: the standard's berichtstroom "toewijzen na onderzoek" (VOT-1: JW315 verzoek,
 * JW319 "in onderzoek", JW301 with the ReferentieAanbieder) published through the one path; the toewijzing then waits
 * without a start (WACHTTIJD_GEEN_START), and the alert's detail shows the chain verzoek → antwoord → toewijzing →
 * start → stop (views/verzoek-keten.js): the steps that happened with their dates, start and stop still open, the
 * waiting days, in Dutch and in English, within the dashboard's CSP and without a token in any URL.
 */
describe('dashboard in a real browser: the verzoek chain in the alert detail', () => {
  const schema = uniqueName('keten');
  const config = testConfig();
  const apps: INestApplication[] = [];
  const urls: string[] = [];
  let monitorUrl = '';
  let browser: Browser;
  let restoreEnv: (() => void) | undefined;
  const bearer = (p: Principal) => `Bearer ${issueToken(p, config.authSecret)}`;
  const aanbieder: Principal = { role: 'aanbieder', agb: '98100001', sub: 'keten-e2e' };
  const toegang: Principal = { role: 'toegang', gemeente: '0034', sub: 'keten-e2e' };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    restoreEnv = isolateServices();
    for (const create of [createIngestApp, createTrajectoryApp, createSignalsApp]) {
      const app = await create({ config, schema });
      await app.listen(0, '127.0.0.1');
      urls.push((await app.getUrl()).replace('[::1]', '127.0.0.1'));
      apps.push(app);
    }
    const users = [{ username: 'kees', passwordHash: hashPassword('kees-wachtwoord'), principal: toegang }];
    const monitor = await createMonitorApp({
      config,
      schema,
      settings: { users, trajectoryUrl: urls[1]!, signalsUrl: urls[2]!, minCount: 1 },
    });
    await monitor.listen(0, '127.0.0.1');
    apps.push(monitor);
    monitorUrl = (await monitor.getUrl()).replace('[::1]', '127.0.0.1');
    await Promise.all([apps[1]!.get(TrajectoryConsumer).consumer!.joined, apps[2]!.get(SignalConsumer).consumer!.joined]);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    for (const app of apps.reverse()) await app.close();
    restoreEnv?.();
    await dropSchema(await freshDatabase(schema));
  });

  it('shows verzoek, antwoord and toewijzing with their dates, start and stop open, and the waiting days', async () => {
    for (const [name, sender] of [
      ['01-verzoek.xml', aanbieder],
      ['02-in-onderzoek.xml', toegang],
      ['03-toewijzing.xml', toegang],
    ] as const) {
      const res = await fetch(`${urls[0]}/api/v1/berichten`, {
        method: 'POST',
        headers: { authorization: bearer(sender), 'content-type': 'application/xml' },
        body: readFileSync(join(VOT, name), 'utf8'),
      });
      expect([name, res.status]).toEqual([name, 200]);
    }

    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    const errors: string[] = [];
    const violations: string[] = [];
    const tokenUrls: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to (apply|execute|load|connect)/i.test(m.text())) violations.push(m.text());
    });
    page.on('request', (r) => {
      if (/access_token=|[?&]token=/i.test(r.url())) tokenUrls.push(r.url());
    });
    // (a string: it runs in the page, whose DOM types this Node project does not load)
    await page.addInitScript({
      content:
        "document.addEventListener('securitypolicyviolation', (e) => console.error('Content Security Policy violation: ' + " +
        "e.violatedDirective + ' ' + e.blockedURI));",
    });
    await page.goto(monitorUrl);
    await logInWithPassword(page, 'kees', 'kees-wachtwoord');
    // the toewijzing of 2026-04-01 has no start: its alert comes through the projection and the signals
    const row = page.locator('[data-testid="alert-row"][data-rule-id="WACHTTIJD_GEEN_START"]').first();
    const deadline = Date.now() + 90_000;
    while ((await row.count()) === 0 && Date.now() < deadline) {
      await page.waitForTimeout(1000);
      if ((await row.count()) === 0) await page.reload();
      await page.getByTestId('inbox-table').waitFor({ state: 'attached' });
    }
    await row.click();
    await page.getByTestId('alert-detail').waitFor();
    const keten = page.getByTestId('verzoek-keten');
    await keten.waitFor({ timeout: 30_000 });
    expect(await keten.count()).toBe(1);

    const stappen = keten.locator('li.keten-stap');
    const labels = await stappen.locator('.keten-label').allTextContents();
    expect(labels).toEqual([
      'JW315 verzoek ontvangen (VOT-H04)',
      'JW319 in onderzoek',
      'JW301 toewijzing 300241',
      'JW305 start zorg',
      'JW307 stop zorg',
    ]);
    const states = await stappen.evaluateAll((lis) => lis.map((li) => (li.classList.contains('done') ? 'done' : 'pending')));
    expect(states).toEqual(['done', 'done', 'done', 'pending', 'pending']);
    const dates = await stappen.locator('time').allTextContents();
    expect(dates.slice(0, 3).every((d) => d !== '–' && /\d/.test(d))).toBe(true);
    expect(dates.slice(3)).toEqual(['–', '–']);
    expect(await keten.locator('.keten-kop').textContent()).toBe('Toegewezen · aanbieder 98100001');
    // verzoek and toewijzing arrived today; start still open
    expect(await keten.locator('p.muted').textContent()).toBe(
      'Wachtdagen: verzoek → toewijzing 0, toewijzing → start –, verzoek → start –',
    );
    await page.screenshot({ path: join(SHOTS, 'verzoek-keten-1.png') });

    // English
    await page.getByTestId('lang-toggle').click();
    await page.getByTestId('verzoek-keten').locator('.keten-label', { hasText: 'JW315 request received (VOT-H04)' }).waitFor();
    expect(await page.getByTestId('verzoek-keten').locator('.keten-kop').textContent()).toBe('Assigned · provider 98100001');
    await page.screenshot({ path: join(SHOTS, 'verzoek-keten-2-en.png') });
    expect(errors).toEqual([]);
    expect(violations).toEqual([]);
    expect(tokenUrls).toEqual([]);
  });
});
