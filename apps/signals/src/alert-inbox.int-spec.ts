import { BadRequestException, ForbiddenException } from '@nestjs/common';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { addDays } from '@trajectwacht/ijw';
import { RULE_IDS } from '@trajectwacht/signals';
import { AccessDenied, type Principal } from '@trajectwacht/platform';
import { dropSchema, freshDatabase, uniqueName } from '../../../test/support/infra';
import { AlertInboxRepository, decodeCursor, type InboxFilters } from './alert-inbox.repository';
import { AlertsController } from './alerts.controller';
import { PgAlertRepository, type AlertRow } from './alert.repository';

/**
 * The inbox against a reference on the real PostgreSQL: paging through every page with random filters gives exactly
 * the matching alerts in the dashboard's order (apps/monitor/web/views/inbox.js, compareAlerts), once each, and the
 * counts per rule; alerts raised and closed between two pages never make a page repeat or skip one that stayed.
 */
const G = '0034';
const OTHER = '0363';
const AANBIEDERS = ['11111111', '22222222', '33333333'];
const SEVERITIES = ['info', 'laag', 'midden', 'hoog', 'kritiek'] as const;
const RANK: Record<string, number> = { info: 0, laag: 1, midden: 2, hoog: 3, kritiek: 4 };
const STATUSES = ['open', 'acknowledged', 'resolved', 'dismissed'] as const;

interface Spec {
  id: string;
  ruleId: string;
  severity: string;
  status: string;
  gemeente: string;
  aanbieder: string | null;
  recipients: string[];
  effectiveAt: string;
  detectedAt: string;
}

/** The inbox order of the dashboard (compareAlerts in apps/monitor/web/views/inbox.js). */
function compare(a: Spec, b: Spec): number {
  const s = (RANK[b.severity] ?? -1) - (RANK[a.severity] ?? -1);
  if (s !== 0) return s;
  if (a.effectiveAt !== b.effectiveAt) return a.effectiveAt < b.effectiveAt ? -1 : 1;
  if (a.detectedAt !== b.detectedAt) return a.detectedAt < b.detectedAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

describe('alert inbox: keyset pages, filters and counts per rule', () => {
  let ds: DataSource;
  let repo: AlertInboxRepository;
  let today: string;
  const scope = { sql: 'gemeente = $1', value: G };

  beforeAll(async () => {
    ds = await freshDatabase(uniqueName('inbox_g'));
    repo = new AlertInboxRepository(ds);
    today = ((await ds.query(`SELECT to_char((now() AT TIME ZONE 'Europe/Amsterdam')::date, 'YYYY-MM-DD') AS d`)) as { d: string }[])[0]!.d;
  });

  afterAll(async () => {
    if (ds) await dropSchema(ds);
  });

  async function store(specs: readonly Spec[]): Promise<void> {
    await ds.query(
      `INSERT INTO alert (id, dedup_key, rule_id, severity, status, gemeente, aanbieder, client_pseudonym, trajectory_ids, recipients,
                         title, facts, effective_at, detected_at, lifecycle)
       SELECT a->>'id', a->>'id', a->>'ruleId', a->>'severity', a->>'status', a->>'gemeente', a->>'aanbieder', 'c', '{}',
              ARRAY(SELECT jsonb_array_elements_text(a->'recipients')), 't', '{}', (a->>'effectiveAt')::date,
              (a->>'detectedAt')::timestamptz,
              jsonb_build_object('status', a->>'status', 'history', '[]'::jsonb)
         FROM jsonb_array_elements($1::jsonb) a`,
      [JSON.stringify(specs)],
    );
  }

  const alert = (i: number) =>
    fc.record({
      ruleId: fc.constantFrom(...RULE_IDS.slice(0, 4)),
      severity: fc.constantFrom(...SEVERITIES),
      status: fc.constantFrom('open', 'open', 'acknowledged', 'resolved', 'dismissed'),
      gemeente: fc.constantFrom(G, G, G, OTHER),
      aanbieder: fc.option(fc.constantFrom(...AANBIEDERS), { nil: null }),
      effectiveAgo: fc.integer({ min: 0, max: 60 }),
      // few distinct timestamps, so that ties on severity + effectiveAt + detectedAt fall to the id
      detected: fc.constantFrom('2025-01-01T10:00:00.000Z', '2025-01-01T10:00:00.001Z', '2025-03-05T23:30:00.000Z'),
      // ids whose code point order differs from a linguistic collation's
      id: fc.constantFrom('a', 'B', 'b', '_', 'Z', 'a-1', 'a1').map((p) => `${p}${i}`),
    });

  type Generated = ReturnType<typeof alert> extends fc.Arbitrary<infer T> ? T : never;
  const toSpec = (x: Generated): Spec => ({
    id: x.id,
    ruleId: x.ruleId,
    severity: x.severity,
    status: x.status,
    gemeente: x.gemeente,
    aanbieder: x.aanbieder,
    recipients: x.aanbieder ? ['gemeente', 'aanbieder'] : ['gemeente'],
    effectiveAt: addDays(today, -x.effectiveAgo),
    detectedAt: x.detected,
  });

  function matches(a: Spec, f: InboxFilters, withRule = true): boolean {
    const age = Math.round((Date.parse(today) - Date.parse(a.effectiveAt)) / 86_400_000);
    return (
      a.gemeente === G &&
      f.statuses.includes(a.status) &&
      (f.aanbieder === undefined || a.aanbieder === f.aanbieder) &&
      (f.minAgeDays === undefined || age >= f.minAgeDays) &&
      (f.maxAgeDays === undefined || age <= f.maxAgeDays) &&
      (!withRule || f.rules === undefined || f.rules.includes(a.ruleId))
    );
  }

  async function all(
    f: InboxFilters,
    limit: number,
  ): Promise<{ ids: string[]; pages: number; byRule: Record<string, number>; total: number }> {
    const ids: string[] = [];
    let after = null;
    let pages = 0;
    let first: { byRule: Record<string, number>; total: number } | undefined;
    for (;;) {
      const page = await repo.page(scope, f, limit, after);
      first ??= page;
      pages++;
      ids.push(...page.rows.map((r) => r.id));
      expect(page.rows.length).toBeLessThanOrEqual(limit);
      if (page.next === null) break;
      expect(page.rows.length).toBe(limit);
      after = decodeCursor(page.next);
    }
    return { ids, pages, byRule: first!.byRule, total: first!.total };
  }

  it('pages through exactly the matching alerts in inbox order, with the counts per rule', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(), { minLength: 0, maxLength: 70 }).chain((seeds) => fc.tuple(...seeds.map((_, i) => alert(i)))),
        fc.record({
          rules: fc.option(fc.subarray(RULE_IDS.slice(0, 4) as unknown as string[], { minLength: 1 }), { nil: undefined }),
          statuses: fc.subarray([...STATUSES], { minLength: 1 }),
          aanbieder: fc.option(fc.constantFrom(...AANBIEDERS), { nil: undefined }),
          minAgeDays: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
          maxAgeDays: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
        }),
        fc.integer({ min: 1, max: 25 }),
        async (xs, filters, limit) => {
          await ds.query('TRUNCATE alert');
          const specs = xs.map(toSpec);
          await store(specs);
          const got = await all(filters, limit);
          const expected = specs.filter((a) => matches(a, filters)).sort(compare);
          expect(got.ids).toEqual(expected.map((a) => a.id));
          expect(got.pages).toBe(Math.max(1, Math.ceil(expected.length / limit)));
          const byRule: Record<string, number> = {};
          for (const a of specs.filter((s) => matches(s, filters, false))) byRule[a.ruleId] = (byRule[a.ruleId] ?? 0) + 1;
          expect(got.byRule).toEqual(byRule);
          expect(got.total).toBe(expected.length);
        },
      ),
      { numRuns: Number(process.env.INBOX_PROPERTY_RUNS ?? 60) },
    );
  });

  it('neither repeats nor skips an alert that stays while others are raised and closed between pages', async () => {
    await ds.query('TRUNCATE alert');
    const base: Spec[] = Array.from({ length: 120 }, (_, i) => ({
      id: `s${String(i).padStart(3, '0')}`,
      ruleId: RULE_IDS[i % 3]!,
      severity: SEVERITIES[i % 5]!,
      status: 'open',
      gemeente: G,
      aanbieder: AANBIEDERS[i % 3]!,
      recipients: ['gemeente'],
      effectiveAt: addDays(today, -(i % 17)),
      detectedAt: `2025-02-0${1 + (i % 7)}T08:00:00.000Z`,
    }));
    await store(base);
    const filters: InboxFilters = { statuses: ['open', 'acknowledged'] };
    const seen: string[] = [];
    let after = null;
    for (let round = 0; ; round++) {
      const page = await repo.page(scope, filters, 17, after);
      seen.push(...page.rows.map((r) => r.id));
      // between pages: close two alerts that were not seen yet, raise three new ones anywhere in the order
      const unseen = base.filter((a) => !seen.includes(a.id) && a.status === 'open').slice(round, round + 2);
      for (const a of unseen) a.status = 'resolved';
      if (unseen.length > 0) await ds.query(`UPDATE alert SET status = 'resolved' WHERE id = ANY($1)`, [unseen.map((a) => a.id)]);
      await store([0, 1, 2].map((k) => ({ ...base[(round * 7 + k * 31) % base.length]!, id: `n${round}-${k}`, status: 'open' })));
      if (page.next === null) break;
      after = decodeCursor(page.next);
    }
    expect(new Set(seen).size).toBe(seen.length);
    for (const a of base.filter((x) => x.status === 'open')) expect(seen).toContain(a.id);
  });

  it('answers through the controller: defaults, validation, scope', async () => {
    await ds.query('TRUNCATE alert');
    await store([
      {
        id: 'x1',
        ruleId: RULE_IDS[0]!,
        severity: 'hoog',
        status: 'open',
        gemeente: G,
        aanbieder: AANBIEDERS[0]!,
        recipients: ['gemeente', 'aanbieder'],
        effectiveAt: today,
        detectedAt: '2025-01-01T00:00:00.000Z',
      },
      {
        id: 'x2',
        ruleId: RULE_IDS[1]!,
        severity: 'kritiek',
        status: 'acknowledged',
        gemeente: G,
        aanbieder: null,
        recipients: ['gemeente'],
        effectiveAt: today,
        detectedAt: '2025-01-01T00:00:00.000Z',
      },
      {
        id: 'x3',
        ruleId: RULE_IDS[1]!,
        severity: 'kritiek',
        status: 'resolved',
        gemeente: G,
        aanbieder: null,
        recipients: ['gemeente'],
        effectiveAt: today,
        detectedAt: '2025-01-01T00:00:00.000Z',
      },
      {
        id: 'x4',
        ruleId: RULE_IDS[0]!,
        severity: 'hoog',
        status: 'open',
        gemeente: OTHER,
        aanbieder: AANBIEDERS[0]!,
        recipients: ['gemeente', 'aanbieder'],
        effectiveAt: today,
        detectedAt: '2025-01-01T00:00:00.000Z',
      },
    ]);
    const controller = new AlertsController(
      {} as never,
      {} as never,
      {} as never,
      new PgAlertRepository(ds.manager),
      new AlertInboxRepository(ds),
      {} as never,
      ds,
    );
    const toegang: Principal = { role: 'toegang', gemeente: G, sub: 't' };
    const body = (await controller.inbox(toegang, undefined, undefined, undefined, undefined, undefined, '1')) as {
      items: AlertRow[];
      next: string;
      counts: { byRule: Record<string, number>; total: number };
    };
    expect(body.items.map((a) => a.id)).toEqual(['x2']);
    expect(body.counts).toEqual({ byRule: { [RULE_IDS[0]!]: 1, [RULE_IDS[1]!]: 1 }, total: 2 });
    const rest = (await controller.inbox(toegang, undefined, undefined, undefined, undefined, undefined, '1', body.next)) as {
      items: AlertRow[];
      next: string | null;
    };
    expect(rest.items.map((a) => a.id)).toEqual(['x1']);
    expect(rest.next).toBeNull();
    const provider = (await controller.inbox({ role: 'aanbieder', agb: AANBIEDERS[0]!, sub: 'a' })) as { items: AlertRow[] };
    expect(provider.items.map((a) => a.id).sort()).toEqual(['x1', 'x4']);
    await expect(controller.inbox(toegang, 'NO_SUCH_RULE')).rejects.toBeInstanceOf(BadRequestException);
    await expect(controller.inbox(toegang, undefined, undefined, 'gesloten')).rejects.toBeInstanceOf(BadRequestException);
    await expect(controller.inbox(toegang, undefined, undefined, undefined, '-1')).rejects.toBeInstanceOf(BadRequestException);
    await expect(controller.inbox(toegang, undefined, undefined, undefined, undefined, undefined, '501')).rejects.toBeInstanceOf(
      BadRequestException,
    );
    await expect(
      controller.inbox(toegang, undefined, undefined, undefined, undefined, undefined, undefined, 'bm9wZQ'),
    ).rejects.toBeInstanceOf(BadRequestException);
    await expect(controller.inbox({ role: 'aanbieder', agb: AANBIEDERS[0]!, sub: 'a' }, undefined, AANBIEDERS[1])).rejects.toBeInstanceOf(
      ForbiddenException,
    );
    // the access policy refuses (the Nest layer answers it with 403; called directly, the controller throws AccessDenied)
    await expect(controller.inbox({ role: 'regio', regio: 'r', gemeenten: [G], sub: 'r' })).rejects.toBeInstanceOf(AccessDenied);
  });
});
