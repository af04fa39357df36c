import fc from 'fast-check';
import { INTENSITY_LADDER, addDays, type IsoDate } from '@trajectwacht/ijw';
import type { TrajectoryState } from '@trajectwacht/trajectory';
import {
  computeIndicators,
  durationHistogram,
  flowsBetweenLevels,
  trendSeries,
  type GroupBy,
  type IndicatorName,
  type IndicatorResult,
  type Norms,
  type OpenAlert,
  percentile,
} from '@trajectwacht/indicators';
import { dropSchema, freshDatabase, uniqueName } from '../../../test/support/infra';
import { IndicatorRepository, nearestRankCtes, type IndicatorScope, type SqlSession } from './indicators.repository';
import { A1, DATA, EXPECTED, FROM, G1, G2, G3, TO, traj } from './test-data';
import { insertStates } from './testing';

/**
 * The SQL indicators against the reference implementation on the real PostgreSQL: the hand-computed set, then random
 * data sets (fast-check; INDICATOR_PROPERTY_RUNS, default 150) with random periods, groupings, thresholds, scopes and
 * open alerts — every result must be identical (deep equality) to computeIndicators / trendSeries /
 * flowsBetweenLevels / durationHistogram over the trajectories of the same scope.
 */
const NORMS: Norms = {
  instroom: { groen: 3, oranje: 1, direction: 'higher-is-better' },
  duurLopendMediaan: { groen: 60, oranje: 120, direction: 'lower-is-better' },
  aandeelVolgensPlan: { groen: 0.7, oranje: 0.5, direction: 'higher-is-better' },
  herinstroom12m: { groen: 0.1, oranje: 0.3, direction: 'lower-is-better' },
};

interface AlertSpec {
  id: string;
  ruleId: string;
  status: 'open' | 'acknowledged' | 'resolved' | 'dismissed';
  gemeente: string;
  aanbieder: string | null;
  detectedAt: string;
}

function inScope(scope: IndicatorScope, x: { gemeente: string; aanbieder: string | null }): boolean {
  if ('gemeenten' in scope) return scope.gemeenten.includes(x.gemeente);
  if ('aanbieder' in scope) return x.aanbieder === scope.aanbieder;
  return true;
}

/** What the monitor passed to computeIndicators before: the scope's open and acknowledged alerts. */
function openAlerts(alerts: readonly AlertSpec[], scope: IndicatorScope): OpenAlert[] {
  return alerts
    .filter((a) => (a.status === 'open' || a.status === 'acknowledged') && inScope(scope, a))
    .map((a) => ({ ruleId: a.ruleId, gemeente: a.gemeente, aanbieder: a.aanbieder ?? undefined, detectedAt: a.detectedAt }));
}

describe('IndicatorRepository: the indicators in PostgreSQL equal computeIndicators', () => {
  let ds: Awaited<ReturnType<typeof freshDatabase>>;
  let repo: IndicatorRepository;

  beforeAll(async () => {
    ds = await freshDatabase(uniqueName('ind_g'));
    const session: SqlSession = (work) => ds.transaction((em) => work((sql, params) => em.query(sql, params as unknown[] | undefined)));
    repo = new IndicatorRepository(session);
  });

  afterAll(async () => {
    if (ds) await dropSchema(ds);
  });

  async function load(states: readonly TrajectoryState[], alerts: readonly AlertSpec[]): Promise<void> {
    await ds.query('TRUNCATE trajectory, alert');
    // as the projection writes them, herinstroom_na included (computed by insertStates as the projection does; that the
    // projection keeps it right through starts, stops and corrections is apps/trajectory/src/trajectory.int-spec.ts)
    await insertStates((sql, params) => ds.query(sql, params as unknown[]), states, 7);
    if (alerts.length > 0) {
      await ds.query(
        `INSERT INTO alert (id, dedup_key, rule_id, severity, status, gemeente, aanbieder, client_pseudonym, trajectory_ids, recipients,
                            title, facts, effective_at, detected_at, lifecycle)
         SELECT a->>'id', a->>'id', a->>'ruleId', 'midden', a->>'status', a->>'gemeente', a->>'aanbieder', 'c', '{}', '{}', 't', '{}',
                '2024-01-01', (a->>'detectedAt')::timestamptz, '[]'
           FROM jsonb_array_elements($1::jsonb) a`,
        [JSON.stringify(alerts)],
      );
    }
  }

  describe('the percentiles in two counting levels (nearestRankCtes) are the nearest rank of percentile()', () => {
    // two kinds of values per n: v / 3 (runs of equal values, as durations in days have) and 5v / 3 - 40 (spread over
    // many buckets of 32, negative ones included)
    const valuesOf = (n: number, k: number) =>
      Array.from({ length: n }, (_, i) => (k === 1 ? Math.floor((i + 1) / 3) : Math.floor((5 * (i + 1)) / 3) - 40));
    const expected = (values: number[]) => [percentile(values, 50), percentile(values, 75), percentile(values, 90)];
    const VALUES = `CASE WHEN k = 1 THEN v / 3 ELSE (5 * v) / 3 - 40 END`;

    it('ungrouped, for every n ≤ 2 000', async () => {
      const rows = (await ds.query(
        `WITH pv AS (SELECT NULL::text AS g, 2 * n + k AS k, ${VALUES} AS val
                       FROM generate_series(1, 2000) AS n, generate_series(1, 2) AS k, generate_series(1, n) AS v),
              ${nearestRankCtes(false).join(',\n')}
         SELECT total, k, n::int AS n, p FROM pct ORDER BY k`,
      )) as { total: boolean; k: number; n: number; p: number[] }[];
      expect(rows).toHaveLength(4000);
      for (const { total, k, n, p } of rows) {
        expect(total).toBe(true);
        expect([k, n, ...p]).toEqual([k, Math.floor((k - 1) / 2), ...expected(valuesOf(Math.floor((k - 1) / 2), 2 - (k % 2)))]);
      }
    });

    it('grouped, per group for every n ≤ 300 and in total', async () => {
      const rows = (await ds.query(
        `WITH pv AS (SELECT lpad(n::text, 4, '0') AS g, k, ${VALUES} AS val
                       FROM generate_series(1, 300) AS n, generate_series(1, 2) AS k, generate_series(1, n) AS v),
              ${nearestRankCtes(true).join(',\n')}
         SELECT total, g, k, n::int AS n, p FROM pct ORDER BY total, g, k`,
      )) as { total: boolean; g: string | null; k: number; n: number; p: number[] }[];
      expect(rows).toHaveLength(602);
      for (const { total, g, k, n, p } of rows) {
        const values = total
          ? Array.from({ length: 300 }, (_, i) => valuesOf(i + 1, k))
              .flat()
              .sort((a, b) => a - b)
          : valuesOf(Number(g), k);
        expect([total ? null : Number(g), n, ...p]).toEqual([total ? null : values.length, values.length, ...expected(values)]);
      }
    });
  });

  describe('the hand-computed set (libs/indicators/src/test-data.ts)', () => {
    beforeAll(() => load(DATA, []));

    it('gives the hand-computed values per gemeente and in total', async () => {
      const result = await repo.indicators({ alle: true }, { from: FROM, to: TO, groupBy: 'gemeente', minCount: 1 });
      expect(result.rows.map((r) => r.group)).toEqual([G1, G2, G3, 'totaal']);
      for (const row of result.rows) {
        const values = Object.fromEntries(Object.entries(row.indicators).map(([k, c]) => [k, c.value])) as Record<
          IndicatorName,
          number | null
        >;
        expect(values).toEqual(EXPECTED[row.group]);
      }
    });

    it.each<GroupBy>(['gemeente', 'aanbieder', 'intensiteit', 'totaal'])(
      'equals computeIndicators grouped by %s, for every scope',
      async (groupBy) => {
        const scopes: IndicatorScope[] = [{ alle: true }, { gemeenten: [G1, G3] }, { gemeenten: [] }, { aanbieder: A1 }];
        for (const scope of scopes) {
          for (const minCount of [1, 3, 5]) {
            const options = { from: FROM, to: TO, groupBy, minCount, norms: NORMS };
            const expected: IndicatorResult = computeIndicators(
              DATA.filter((t) => inScope(scope, t)),
              { ...options, openAlerts: [] },
            );
            expect(await repo.indicators(scope, options)).toEqual(expected);
          }
        }
      },
    );

    it('gives the dashboard (trend, flows, durations) of the reference', async () => {
      const dashboard = await repo.dashboard({ alle: true }, { from: FROM, to: TO, groupBy: 'gemeente', minCount: 1 });
      expect(dashboard.trend).toEqual(trendSeries(DATA, FROM, TO, 'month', { minCount: 1 }));
      expect(dashboard.flows).toEqual(flowsBetweenLevels(DATA, FROM, TO, { minCount: 1 }));
      expect(dashboard.durations).toEqual(durationHistogram(DATA, FROM, TO, [30, 91, 182, 365, 730], { minCount: 1 }));
      expect(dashboard.flows.length).toBeGreaterThan(0);
    });
  });

  it('handles the boundaries: a stop on a sub-period end, a new toewijzing on the stop date, exactly 6 months', async () => {
    const edge = [
      traj({ id: 'e1', child: 'k1', level: 'licht_ambulant', ingang: '2024-01-02', begin: '2024-01-10', stop: '2024-01-31' }),
      // starts ON e1's stop: no herinstroom
      traj({ id: 'e2', child: 'k1', level: 'residentieel', ingang: '2024-01-31', begin: '2024-02-05' }),
      traj({ id: 'e3', child: 'k2', level: 'licht_ambulant', ingang: '2023-08-01', begin: '2023-08-31', stop: '2023-08-31' }),
      // 2023-08-31 + 6 months = 2024-02-29
      traj({ id: 'e4', child: 'k2', level: 'licht_ambulant', ingang: '2024-02-29', begin: '2024-03-01' }),
      traj({ id: 'e5', child: 'k3', level: 'gesloten', ingang: '2024-02-01', begin: '2024-02-01', stop: '2024-03-31' }), // stops on `to`
      // stop before start
      traj({ id: 'e6', child: 'k3', level: 'dagbehandeling', ingang: '2024-03-01', begin: '2024-03-02', stop: '2024-02-20' }),
    ];
    await load(edge, []);
    const options = { from: '2024-01-01', to: '2024-03-31', groupBy: 'intensiteit' as const, minCount: 1 };
    const dashboard = await repo.dashboard({ alle: true }, options);
    expect(dashboard.result).toEqual(computeIndicators(edge, { ...options, openAlerts: [] }));
    expect(dashboard.trend).toEqual(trendSeries(edge, options.from, options.to, 'month', { minCount: 1 }));
    expect(dashboard.trend.map((p) => p.actief.value)).toEqual([0, 2, 2]); // e1 stops ON 01-31; e2 + e5; e2 + e4 (e5 stops ON 03-31)
    expect(dashboard.flows).toEqual(flowsBetweenLevels(edge, options.from, options.to, { minCount: 1 }));
    const totaal = dashboard.result.rows.at(-1)!.indicators;
    expect([totaal.herinstroom6m.value, totaal.herinstroom12m.value]).toEqual([0.3333, 0.3333]); // k2 only, of k1, k2, k3
  });

  describe('random data sets', () => {
    const GEMEENTEN = ['0034', '0363', '0599'];
    const AANBIEDERS = ['11111111', '22222222', '33333333'];
    const BASE = '2023-06-01';
    const day = fc.integer({ min: 0, max: 640 }).map((n) => addDays(BASE, n));
    // month ends and the 29th–31st matter for addMonthsClamped; mix them in
    const edgeDay = fc.tuple(fc.integer({ min: 0, max: 20 }), fc.constantFrom(28, 29, 30, 31, 1)).map(([m, d]) => {
      const y = 2023 + Math.floor((5 + m) / 12);
      const mm = ((5 + m) % 12) + 1;
      const last = new Date(Date.UTC(y, mm, 0)).getUTCDate();
      return `${y}-${String(mm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}` as IsoDate;
    });
    const date = fc.oneof({ weight: 4, arbitrary: day }, { weight: 1, arbitrary: edgeDay });
    const maybe = <T>(a: fc.Arbitrary<T>, nullWeight = 1) =>
      fc.oneof({ weight: nullWeight, arbitrary: fc.constant(null) }, { weight: 3, arbitrary: a });

    const trajectory = fc
      .record({
        child: fc.integer({ min: 0, max: 7 }),
        gemeente: fc.constantFrom(...GEMEENTEN),
        aanbieder: fc.constantFrom(...AANBIEDERS),
        level: maybe(fc.constantFrom(...INTENSITY_LADDER)),
        status: fc.constantFrom('toegewezen', 'gestart', 'beeindigd', 'beeindigd', 'gestart', 'ingetrokken'),
        ingang: maybe(date),
        begin: maybe(date),
        // after the begin mostly; sometimes any date (faulty data: a stop before the start)
        stopAfter: maybe(fc.oneof(fc.integer({ min: 0, max: 400 }), fc.integer({ min: -60, max: 400 }))),
        stopAny: maybe(fc.oneof(date, edgeDay), 8),
        verblijf: fc.boolean(),
        plan: maybe(fc.boolean()),
        wachttijd: fc.oneof(fc.constant('derived' as const), maybe(fc.integer({ min: -20, max: 90 }))),
      })
      .map((x) => ({ ...x, stop: x.stopAny ?? (x.begin !== null && x.stopAfter !== null ? addDays(x.begin, x.stopAfter) : null) }));

    type Spec = typeof trajectory extends fc.Arbitrary<infer T> ? T : never;
    const toState = (x: Spec, i: number): TrajectoryState => ({
      id: `${x.gemeente}-${i}`,
      gemeente: x.gemeente,
      toewijzingNummer: String(i),
      aanbieder: x.aanbieder,
      clientPseudonym: `c${x.child}`,
      geboortedatum: '2012-01-01',
      productcategorie: '45',
      productcode: null,
      intensiteit: x.level,
      crisis: false,
      verblijf: x.verblijf,
      gedwongenKader: false,
      status: x.status,
      ingetrokken: x.status === 'ingetrokken',
      toewijzingOntbreekt: x.ingang === null,
      ingangsdatum: x.ingang,
      einddatum: null,
      begindatum: x.begin,
      stopdatum: x.stop,
      redenBeeindiging: null,
      volgensPlan: x.plan,
      redenWijziging: null,
      aantalWijzigingen: 0,
      aantalVerlengingen: 0,
      wachttijdDagen:
        x.wachttijd === 'derived'
          ? x.ingang !== null && x.begin !== null
            ? Math.round((Date.parse(x.begin) - Date.parse(x.ingang)) / 86_400_000)
            : null
          : x.wachttijd,
      timeline: [],
      berichtIds: [],
    });

    // Successors: a new trajectory of the same child whose toewijzing starts about 6 or 12 months (± a few days,
    // around the month-end clamping) after the stop of an earlier one, or while it still runs (flows).
    const successor = fc.record({
      of: fc.nat(),
      gap: fc.oneof(
        fc.integer({ min: 176, max: 190 }),
        fc.integer({ min: 358, max: 372 }),
        fc.integer({ min: -40, max: 40 }),
        fc.constantFrom(-1, 0, 1),
      ),
      // a long wait: the toewijzing long before the start
      wait: fc.oneof(fc.integer({ min: -3, max: 30 }), fc.integer({ min: 31, max: 150 })),
      level: maybe(fc.constantFrom(...INTENSITY_LADDER)),
      gemeente: fc.constantFrom(...GEMEENTEN),
      stopAfter: maybe(fc.integer({ min: 0, max: 300 }), 2),
    });
    const dataSet = fc.tuple(fc.array(trajectory, { maxLength: 40 }), fc.array(successor, { maxLength: 15 })).map(([base, next]) => {
      const list: Spec[] = [...base];
      for (const n of next) {
        const before = base.filter((b) => b.stop !== null || b.begin !== null);
        if (before.length === 0) break;
        const b = before[n.of % before.length]!;
        const anchor = (b.stop ?? b.begin) as IsoDate;
        const ingang = addDays(anchor, n.gap);
        const begin = addDays(ingang, n.wait);
        const stop = n.stopAfter === null ? null : addDays(begin, n.stopAfter);
        list.push({
          ...b,
          gemeente: n.gemeente,
          level: n.level,
          status: stop === null ? 'gestart' : 'beeindigd',
          ingang,
          begin,
          stop,
          wachttijd: 'derived',
        });
      }
      return list;
    });

    const alert = fc.record({
      ruleId: fc.constantFrom('WACHTTIJD_GEEN_START', 'STOP_ONTBREEKT', 'OVERGANG_18'),
      status: fc.constantFrom('open', 'open', 'acknowledged', 'resolved', 'dismissed'),
      gemeente: fc.constantFrom(...GEMEENTEN),
      aanbieder: maybe(fc.constantFrom(...AANBIEDERS)),
      // age at the end of the period in days (the buckets change at 7 and 30; negative: detected after it)
      age: fc.oneof(fc.integer({ min: -2, max: 45 }), fc.constantFrom(0, 6, 7, 30, 31), fc.integer({ min: 0, max: 600 })),
      // around midnight in Amsterdam: 21:30–23:59 UTC is the next day there (summer and winter time)
      time: fc.constantFrom('03:00:00Z', '12:00:00Z', '21:59:00Z', '22:30:00Z', '23:30:00Z'),
    });

    const scope = fc.oneof(
      fc.constant<IndicatorScope>({ alle: true }),
      fc.subarray(GEMEENTEN, { minLength: 1 }).map((g): IndicatorScope => ({ gemeenten: g })),
      fc.constantFrom(...AANBIEDERS).map((a): IndicatorScope => ({ aanbieder: a })),
    );

    const period = fc
      .tuple(date, fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 400 })))
      .map(([from, len]) => ({ from, to: addDays(from, len) }));

    it('gives exactly the reference result on every data set', async () => {
      await fc.assert(
        fc.asyncProperty(
          dataSet,
          fc.array(alert, { maxLength: 12 }),
          period,
          fc.constantFrom<GroupBy>('gemeente', 'aanbieder', 'intensiteit', 'totaal'),
          // mostly without suppression, so that every difference shows; sometimes with
          fc.oneof({ weight: 3, arbitrary: fc.constant(1) }, { weight: 2, arbitrary: fc.integer({ min: 2, max: 4 }) }),
          scope,
          fc.constantFrom<'month' | 'quarter' | 'year'>('month', 'quarter', 'year'),
          fc.integer({ min: 0, max: 60 }),
          async (specs, alertSpecs, { from, to }, groupBy, minCount, sc, interval, windowDays) => {
            const states = specs.map(toState);
            const alerts: AlertSpec[] = alertSpecs.map((a, i) => ({
              id: `a${i}`,
              ruleId: a.ruleId,
              status: a.status,
              gemeente: a.gemeente,
              aanbieder: a.aanbieder,
              detectedAt: `${addDays(to, -a.age)}T${a.time}`,
            }));
            await load(states, alerts);
            const scoped = states.filter((t) => inScope(sc, t));
            const options = { from, to, groupBy, minCount, norms: NORMS };
            const bucketsInDays = [7, 30, 91, 365];

            const dashboard = await repo.dashboard(sc, { ...options, interval, bucketsInDays, windowDays });
            expect(dashboard.result).toEqual(computeIndicators(scoped, { ...options, openAlerts: openAlerts(alerts, sc) }));
            expect(dashboard.trend).toEqual(trendSeries(scoped, from, to, interval, { minCount }));
            expect(dashboard.flows).toEqual(flowsBetweenLevels(scoped, from, to, { minCount, windowDays }));
            expect(dashboard.durations).toEqual(durationHistogram(scoped, from, to, bucketsInDays, { minCount }));

            // the single-purpose methods agree as well
            expect(await repo.indicators(sc, options)).toEqual(dashboard.result);
            expect(await repo.durationHistogram(sc, from, to, bucketsInDays, { minCount, soort: 'lopend' })).toEqual(
              durationHistogram(scoped, from, to, bucketsInDays, { minCount, soort: 'lopend' }),
            );
            expect(await repo.trend(sc, from, to, interval, { minCount })).toEqual(dashboard.trend);
            expect(await repo.flows(sc, from, to, { minCount, windowDays })).toEqual(dashboard.flows);
          },
        ),
        { numRuns: Number(process.env.INDICATOR_PROPERTY_RUNS ?? 150) },
      );
    });
  });
});
