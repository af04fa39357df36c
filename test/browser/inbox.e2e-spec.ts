import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { type Browser } from 'playwright-core';
import { launchChromium, logInWithPassword } from '../support/browser';
import { addDays, dutchDate } from '@trajectwacht/ijw';
import { TOPICS, issueToken } from '@trajectwacht/platform';
import { createIngestApp } from '../../apps/ingest/src/app';
import { IngestConsumer } from '../../apps/ingest/src/ingest.consumer';
import { createMonitorApp } from '../../apps/monitor/src/app';
import { LiveStream } from '../../apps/monitor/src/live-stream';
import { hashPassword } from '../../apps/monitor/src/users';
import { createSignalsApp } from '../../apps/signals/src/app';
import { SignalConsumer } from '../../apps/signals/src/signal.consumer';
import { createTrajectoryApp } from '../../apps/trajectory/src/app';
import { TrajectoryConsumer } from '../../apps/trajectory/src/trajectory.consumer';
import { testBsn } from '../support/bsn';
import { dropSchema, freshDatabase, isolateServices, testConfig, testKafka, uniqueName } from '../support/infra';
import { ijwPayload } from '../support/ijw';

const SHOTS = process.env.SCREENSHOT_DIR ?? join(__dirname, '..', '..', '.data', 'screenshots');

/**
 * In headless Chromium (Debian's, driven by playwright-core): a toegang worker logs in, sees an alert appear live
 * after a message is published, opens it, acknowledges it, and screenshots are saved along the way.
 */
describe('dashboard in a real browser: the toegang inbox', () => {
  const schema = uniqueName('browser');
  const apps: INestApplication[] = [];
  let browser: Browser;
  let monitorUrl: string;
  let restoreEnv: (() => void) | undefined;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    restoreEnv = isolateServices();
    const config = testConfig();
    const urls: string[] = [];
    for (const create of [createIngestApp, createTrajectoryApp, createSignalsApp]) {
      const app = await create({ config, schema });
      await app.listen(0, '127.0.0.1');
      urls.push((await app.getUrl()).replace('[::1]', '127.0.0.1'));
      apps.push(app);
    }
    const users = [
      {
        username: 'anna',
        passwordHash: hashPassword('anna-wachtwoord'),
        principal: { role: 'toegang' as const, gemeente: '0034', sub: 'anna' },
      },
    ];
    const monitor = await createMonitorApp({
      config,
      schema,
      settings: { users, trajectoryUrl: urls[1]!, signalsUrl: urls[2]!, minCount: 1 },
    });
    await monitor.listen(0, '127.0.0.1');
    apps.push(monitor);
    monitorUrl = (await monitor.getUrl()).replace('[::1]', '127.0.0.1');
    await Promise.all([
      apps[0]!.get(IngestConsumer).consumer!.joined,
      apps[1]!.get(TrajectoryConsumer).consumer!.joined,
      apps[2]!.get(SignalConsumer).consumer!.joined,
      monitor.get(LiveStream).joined,
    ]);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    for (const app of apps.reverse()) await app.close();
    restoreEnv?.();
    await dropSchema(await freshDatabase(schema));
  });

  it('logs in, sees a new alert arrive live, opens it with the timeline, and acknowledges it', async () => {
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The dashboard passes its Content-Security-Policy (no inline script or style, no eval): any violation fails the
    // test, whether Chromium reports it on the console or as a securitypolicyviolation event. No token in any URL.
    const violations: string[] = [];
    const tokenUrls: string[] = [];
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
    await page.getByTestId('login-username').fill('anna');
    await page.getByTestId('login-password').fill('anna-wachtwoord');
    await page.screenshot({ path: join(SHOTS, '1-login.png') });
    await page.getByTestId('login-submit').click();
    await page.getByTestId('inbox-table').waitFor({ state: 'attached' }); // hidden while the inbox is empty

    // publish a toewijzing that has waited 40 days without a start
    const config = testConfig();
    const nummer = String(60_000_000 + Math.floor(Math.random() * 9_999_999));
    const producer = testKafka().producer();
    await producer.connect();
    await producer.send({
      topic: TOPICS.berichten,
      acks: -1,
      messages: [
        {
          key: 'gemeente:0034',
          // one iJw 3.2 JW301 bericht in XML, as a gemeente's system sends it
          value: ijwPayload({
            berichtcode: 'JW301',
            berichtId: uniqueName('br').replace(/_/g, ''),
            gemeente: '0034',
            aanbieder: '12345678',
            client: { bsn: testBsn(Number(nummer)), geboortedatum: '2011-04-04' },
            toewijzingNummer: nummer,
            product: { categorie: '45', code: '45A01' },
            ingangsdatum: addDays(dutchDate(new Date()), -40),
          }),
          headers: { authorization: `Bearer ${issueToken({ role: 'toegang', gemeente: '0034', sub: 'test' }, config.authSecret)}` },
        },
      ],
    });
    await producer.disconnect();

    // the alert appears in the open inbox without a reload
    const row = page.locator('[data-testid="alert-row"][data-rule-id="WACHTTIJD_GEEN_START"]').first();
    await row.waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(SHOTS, '2-inbox-live-alert.png') });
    await row.click();
    await page.getByTestId('alert-detail').waitFor();
    await page.getByTestId('timeline').waitFor();
    // names, not codes (issue 18 point 7): the gemeente by its name beside the code, the facts with their labels
    const detail = page.getByTestId('alert-detail');
    await detail.getByText('Almere (0034)').waitFor({ timeout: 15_000 });
    await detail.locator('table.facts th', { hasText: 'Ingangsdatum toewijzing' }).waitFor();
    expect(await detail.locator('table.facts th').allTextContents()).not.toContain('ingangsdatum');
    // who the child is (issue 18.3): the toewijzingnummer in the detail, the BSN only with a reason, in the panel
    await detail.locator('dd', { hasText: new RegExp(`^${nummer}$`) }).waitFor({ timeout: 15_000 });
    await page.getByTestId('bsn-reveal').click();
    await page.locator('[data-testid="bsn-result"] .error').waitFor(); // no reason: refused in the page, nothing sent
    await page.getByTestId('bsn-reason').fill('identiteit controleren bij telefoongesprek');
    await page.getByTestId('bsn-reveal').click();
    expect(await page.getByTestId('bsn-value').textContent({ timeout: 15_000 })).toBe(testBsn(Number(nummer)));
    await page.screenshot({ path: join(SHOTS, '3-alert-detail-timeline.png') });
    await page.getByTestId('bsn-hide').click();
    expect(await page.getByTestId('bsn-value').count()).toBe(0);
    await page.getByTestId('action-acknowledge').click();
    await page.locator('[data-testid="alert-status"][data-status="acknowledged"]').waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(SHOTS, '4-acknowledged.png') });
    expect(errors).toEqual([]);
    expect(violations).toEqual([]);
    expect(tokenUrls).toEqual([]);
  });

  it(
    'records the follow-up for 18+ in the detail of an OVERGANG_18 alert: the signal resolves, the timeline shows it, ' +
      'the regional view has the indicator',
    async () => {
      const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      // The dashboard passes its Content-Security-Policy (no inline script or style, no eval): any violation fails the
      // test, whether Chromium reports it on the console or as a securitypolicyviolation event. No token in any URL.
      const violations: string[] = [];
      const tokenUrls: string[] = [];
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
      await logInWithPassword(page, 'anna', 'anna-wachtwoord');
      await page.getByTestId('inbox-table').waitFor({ state: 'attached' });

      // an 18-year-old (since two months) with ambulante begeleiding, its toewijzing running on past 18
      const config = testConfig();
      const today = dutchDate(new Date());
      const nummer = String(70_000_000 + Math.floor(Math.random() * 9_999_999));
      const common = {
        gemeente: '0034',
        aanbieder: '12345678',
        client: { bsn: testBsn(Number(nummer)), geboortedatum: addDays(`${Number(today.slice(0, 4)) - 18}-${today.slice(5, 7)}-01`, -60) },
        toewijzingNummer: nummer,
        product: { categorie: '45', code: '45A01' },
      };
      const producer = testKafka().producer();
      await producer.connect();
      const bearer = (p: Parameters<typeof issueToken>[0]) => `Bearer ${issueToken(p, config.authSecret)}`;
      await producer.send({
        topic: TOPICS.berichten,
        acks: -1,
        messages: [
          {
            key: 'gemeente:0034',
            value: ijwPayload({
              ...common,
              berichtcode: 'JW301',
              berichtId: uniqueName('br').replace(/_/g, ''),
              ingangsdatum: addDays(today, -300),
              einddatum: addDays(today, 200),
            }),
            headers: { authorization: bearer({ role: 'toegang', gemeente: '0034', sub: 'test' }) },
          },
        ],
      });
      await producer.send({
        topic: TOPICS.berichten,
        acks: -1,
        messages: [
          {
            key: 'aanbieder:12345678',
            value: ijwPayload({
              ...common,
              berichtcode: 'JW305',
              berichtId: uniqueName('br').replace(/_/g, ''),
              begindatum: addDays(today, -299),
            }),
            headers: { authorization: bearer({ role: 'aanbieder', agb: '12345678', sub: 'p' }) },
          },
        ],
      });
      await producer.disconnect();

      const row = page.locator('[data-testid="alert-row"][data-rule-id="OVERGANG_18"]').first();
      await row.waitFor({ timeout: 60_000 });
      await row.click();
      await page.getByTestId('vervolg-form').waitFor();
      await page.getByTestId('vervolg-soort').selectOption('wmo');
      await page.getByTestId('vervolg-datum').fill(addDays(today, 14));
      await page.getByTestId('vervolg-aan').fill('Wmo-loket Almere');
      await page.screenshot({ path: join(SHOTS, '5-vervolg-form.png') });
      await page.getByTestId('vervolg-submit').click();
      await page.locator('[data-testid="vervolg-entry"][data-soort="wmo"]').waitFor({ timeout: 15_000 });
      await page.locator('[data-testid="alert-status"][data-status="resolved"]').waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(SHOTS, '6-vervolg-resolved.png') });

      await page.goto(`${monitorUrl}#/regio`);
      await page.getByTestId('overgang18-table').waitFor({ timeout: 30_000 });
      // the indicator table names the gemeente beside its code
      expect((await page.locator('[data-testid="indicator-table"] tr[data-group="0034"] th').textContent())?.trim()).toBe('Almere (0034)');
      await page.screenshot({ path: join(SHOTS, '7-regio-overgang18.png') });
      // waiting times and referral routes (issue 17 point 4): both tables with their totaal row, regrouped per gemeente
      const wacht = page.getByTestId('wachttijden-section');
      await wacht.locator('[data-testid="wachttijden-table"] tr[data-group="totaal"]').waitFor({ timeout: 30_000 });
      await wacht.locator('[data-testid="verwijsroutes-table"] tr[data-route="totaal"]').waitFor();
      await page.getByTestId('wacht-group-by').selectOption('gemeente');
      await wacht.locator('[data-testid="wachttijden-table"] tr[data-group="0034"]').waitFor({ timeout: 30_000 });
      await wacht.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, '8-regio-wachttijden.png') });
      expect(errors).toEqual([]);
      expect(violations).toEqual([]);
      expect(tokenUrls).toEqual([]);
    },
  );
});
