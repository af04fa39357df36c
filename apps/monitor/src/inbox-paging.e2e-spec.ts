import type { INestApplication } from '@nestjs/common';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium, logInWithPassword } from '../../../test/support/browser';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '@trajectwacht/platform';
import { RULE_IDS } from '@trajectwacht/signals';
import { createSignalsApp } from '../../signals/src/app';
import { SignalConsumer } from '../../signals/src/signal.consumer';
import { dropSchema, freshDatabase, isolateServices, testConfig, uniqueName } from '../../../test/support/infra';
import { createMonitorApp } from './app';
import { LiveStream } from './live-stream';
import { hashPassword } from './users';

/**
 * The dashboard pages through the inbox (headless Chromium): 130 open alerts of the worker's gemeente arrive 50 at a
 * time in the inbox order, "load more" follows the API's cursor until none is left, and the rule and age filters show
 * the API's counts and only matching alerts.
 */
describe('dashboard in a real browser: paging through the inbox', () => {
  const schema = uniqueName('inbox_paging');
  const apps: INestApplication[] = [];
  let browser: Browser;
  let monitorUrl: string;
  let restoreEnv: (() => void) | undefined;
  const [ruleA, ruleB] = [RULE_IDS[0], RULE_IDS[2]];

  beforeAll(async () => {
    restoreEnv = isolateServices();
    const config = testConfig();
    const signals = await createSignalsApp({ config, schema });
    await signals.listen(0, '127.0.0.1');
    apps.push(signals);
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
      settings: { users, signalsUrl: (await signals.getUrl()).replace('[::1]', '127.0.0.1'), minCount: 1 },
    });
    await monitor.listen(0, '127.0.0.1');
    apps.push(monitor);
    monitorUrl = (await monitor.getUrl()).replace('[::1]', '127.0.0.1');
    await Promise.all([signals.get(SignalConsumer).consumer!.joined, monitor.get(LiveStream).joined]);
    // 130 open alerts of 0034 (90 of rule A, 40 of rule B, effective 0–59 days ago), 20 closed, 15 of another gemeente.
    // Ages count in Amsterdam days as the inbox does; current_date is the session's (UTC here), a day behind Amsterdam
    // late in the UTC evening, when the age filter left out the alerts of 6 days ago (CI failed at such an hour).
    const ds = signals.get<DataSource>(DATA_SOURCE);
    await ds.query(
      `INSERT INTO alert (id, dedup_key, rule_id, severity, status, gemeente, aanbieder, client_pseudonym, trajectory_ids, recipients,
                         title, facts, effective_at, detected_at, lifecycle)
       SELECT 'A' || lpad(k::text, 4, '0'), 'd' || k, CASE WHEN k % 13 < 4 THEN $2 ELSE $1 END,
              (ARRAY['laag', 'midden', 'hoog'])[1 + k % 3],
              CASE WHEN k <= 130 THEN 'open' ELSE 'resolved' END, CASE WHEN k <= 150 THEN '0034' ELSE '0363' END, '12345678',
              md5(k::text), ARRAY['t' || k], ARRAY['gemeente', 'aanbieder'], 'Signaal ' || k, '{}',
              (now() AT TIME ZONE 'Europe/Amsterdam')::date - (k % 60),
              now() - k * interval '1 minute',
              jsonb_build_object('status', CASE WHEN k <= 130 THEN 'open' ELSE 'resolved' END, 'escalationLevel', 0, 'history', '[]'::jsonb)
         FROM generate_series(1, 165) AS k`,
      [ruleA, ruleB],
    );
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    for (const app of apps.reverse()) await app.close();
    restoreEnv?.();
    await dropSchema(await freshDatabase(schema));
  });

  type Row = { dataset: Record<string, string | undefined> };
  const rowIds = (page: Page) =>
    page.locator('[data-testid="alert-row"]').evaluateAll((rows) => rows.map((r) => (r as unknown as Row).dataset.alertId));
  // Polled from the test (the dashboard's CSP forbids the string evaluation page.waitForFunction would need).
  const rowsShown = async (page: Page, n: number) => {
    const rows = page.locator('[data-testid="alert-row"]');
    for (const deadline = Date.now() + 15_000; Date.now() < deadline; await page.waitForTimeout(50)) if ((await rows.count()) === n) return;
    throw new Error(`expected ${n} alert rows, the page shows ${await rows.count()}`);
  };

  it('loads 50 at a time in the API order, then follows the cursor to the end', async () => {
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(monitorUrl);
    await logInWithPassword(page, 'anna', 'anna-wachtwoord');
    await page.getByTestId('inbox-table').waitFor();
    await rowsShown(page, 50);
    await expect(page.getByTestId('inbox-shown').textContent()).resolves.toMatch(/50 van 130/);

    // the order is the API's: the same ids as its pages
    const token = (await page.evaluate(`JSON.parse(sessionStorage.getItem('trajectwacht.session')).token`)) as string;
    const apiIds: string[] = [];
    let after: string | null = null;
    do {
      const res = await fetch(`${monitorUrl}/api/v1/alerts/inbox?limit=50${after ? `&after=${after}` : ''}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = (await res.json()) as { items: { id: string }[]; next: string | null };
      apiIds.push(...body.items.map((a) => a.id));
      after = body.next;
    } while (after);
    expect(apiIds).toHaveLength(130);
    expect(await rowIds(page)).toEqual(apiIds.slice(0, 50));

    await page.getByTestId('inbox-more').click();
    await rowsShown(page, 100);
    await page.getByTestId('inbox-more').click();
    await rowsShown(page, 130);
    await expect(page.getByTestId('inbox-more').isHidden()).resolves.toBe(true);
    expect(await rowIds(page)).toEqual(apiIds);
    expect(errors).toEqual([]);
  });

  it('filters by rule and age with the counts of the API', async () => {
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    await page.goto(monitorUrl);
    await logInWithPassword(page, 'anna', 'anna-wachtwoord');
    await rowsShown(page, 50);
    const options = await page.getByTestId('inbox-filter-rule').locator('option').allTextContents();
    expect(options[0]).toMatch(/\(130\)/);
    const countOf = (rule: string) =>
      Array.from({ length: 130 }, (_, i) => i + 1).filter((k) => (k % 13 < 4 ? ruleB : ruleA) === rule).length;
    expect(options.some((o) => o.includes(`(${countOf(ruleB)})`))).toBe(true);

    await page.getByTestId('inbox-filter-rule').selectOption(ruleB);
    await rowsShown(page, countOf(ruleB));
    const rules = await page
      .locator('[data-testid="alert-row"]')
      .evaluateAll((rows) => [...new Set(rows.map((r) => (r as unknown as Row).dataset.ruleId))]);
    expect(rules).toEqual([ruleB]);
    await expect(page.getByTestId('inbox-more').isHidden()).resolves.toBe(true);

    // effective 0–59 days ago (k % 60): "less than 7 days" holds k % 60 in 0…6
    await page.getByTestId('inbox-filter-rule').selectOption('');
    await page.getByTestId('inbox-filter-age').selectOption('lt7');
    const young = Array.from({ length: 130 }, (_, i) => i + 1).filter((k) => k % 60 < 7).length;
    await rowsShown(page, young);
    await expect(page.getByTestId('inbox-shown').textContent()).resolves.toMatch(new RegExp(`${young} van ${young}`));
  });
});
