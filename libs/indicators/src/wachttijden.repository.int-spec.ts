import fc from 'fast-check';
import { INTENSITY_LADDER, addDays, type IsoDate } from '@trajectwacht/ijw';
import type { TrajectoryState } from '@trajectwacht/trajectory';
import { dropSchema, freshDatabase, uniqueName } from '../../../test/support/infra';
import type { IndicatorScope, SqlSession } from './indicators.repository';
import { FROM, G1, G3, TO } from './test-data';
import { insertStates, insertVerzoeken } from './testing';
import {
  DEFAULT_WACHTTIJD_NORMS,
  WACHTTIJD_GROUP_BYS,
  computeVerwijsroutes,
  computeWachttijden,
  type WachttijdGroupBy,
  type WachttijdVerzoek,
} from './wachttijden';
import { WachttijdRepository, wachttijdStatement } from './wachttijden.repository';
import { W_TRAJECTORIES, W_VERZOEKEN } from './test-data';

/**
 * The waiting times and referral routes in PostgreSQL against the reference (computeWachttijden /
 * computeVerwijsroutes) on the real database: the hand-computed set for every grouping, scope and threshold, then random
 * data sets (fast-check; WACHTTIJD_PROPERTY_RUNS, default 120) — trajectories with levels, crisis, withdrawals, stops
 * before starts and successors around the escalation and herinstroom boundaries, verzoeken (JW315/JW317, any verwijzer)
 * linked to them, random periods, groupings, thresholds, windows and scopes — each compared by deep equality.
 */
function inScope(scope: IndicatorScope, x: { gemeente: string; aanbieder: string }): boolean {
  if ('gemeenten' in scope) return scope.gemeenten.includes(x.gemeente);
  if ('aanbieder' in scope) return x.aanbieder === scope.aanbieder;
  return true;
}

describe('WachttijdRepository: waiting times and referral routes in PostgreSQL equal the reference', () => {
  let ds: Awaited<ReturnType<typeof freshDatabase>>;
  let repo: WachttijdRepository;

  beforeAll(async () => {
    ds = await freshDatabase(uniqueName('wacht'));
    const session: SqlSession = (work) => ds.transaction((em) => work((sql, params) => em.query(sql, params as unknown[] | undefined)));
    repo = new WachttijdRepository(session);
  });

  afterAll(async () => {
    if (ds) await dropSchema(ds);
  });

  async function load(states: readonly TrajectoryState[], verzoeken: readonly WachttijdVerzoek[]): Promise<void> {
    await ds.query('TRUNCATE trajectory, verzoek');
    await insertStates((sql, params) => ds.query(sql, params as unknown[]), states);
    await insertVerzoeken((sql, params) => ds.query(sql, params as unknown[]), verzoeken);
  }

  describe('the hand-computed set (test-data.ts, W_TRAJECTORIES and W_VERZOEKEN)', () => {
    beforeAll(() => load(W_TRAJECTORIES, W_VERZOEKEN));

    it.each<WachttijdGroupBy>([...WACHTTIJD_GROUP_BYS])(
      'equals the reference grouped by %s, for every scope and threshold',
      async (groupBy) => {
        const scopes: IndicatorScope[] = [{ alle: true }, { gemeenten: [G1, G3] }, { gemeenten: [] }, { aanbieder: '22222222' }];
        for (const scope of scopes) {
          for (const minCount of [1, 3, 5]) {
            const options = { from: FROM, to: TO, groupBy, minCount, norms: DEFAULT_WACHTTIJD_NORMS };
            const trajectories = W_TRAJECTORIES.filter((t) => inScope(scope, t));
            const verzoeken = W_VERZOEKEN.filter((v) => inScope(scope, v));
            expect(await repo.wachttijden(scope, options)).toEqual(computeWachttijden(trajectories, verzoeken, options));
            expect(await repo.verwijsroutes(scope, { from: FROM, to: TO, minCount })).toEqual(
              computeVerwijsroutes(trajectories, verzoeken, { from: FROM, to: TO, minCount }),
            );
          }
        }
      },
    );

    it('gives the hand-computed totals (spec: wachttijden.spec.ts)', async () => {
      const { wachttijden, verwijsroutes } = await repo.both(
        { alle: true },
        { from: FROM, to: TO, groupBy: 'verwijzer', minCount: 1 },
        { minCount: 1 },
      );
      const totaal = wachttijden.rows.at(-1)!;
      expect([totaal.verzoekToewijzing.mediaan.value, totaal.toewijzingStart.p90.value, totaal.verzoekStart.p90.value]).toEqual([
        14, 63, 82,
      ]);
      expect(verwijsroutes.rows.map((r) => [r.route, r.instroom.value, r.geescaleerd.value, r.herinstroom12m.value])).toEqual([
        ['02', 3, 1, 1],
        ['05', 1, 0, 1],
        ['wijziging', 1, 1, null],
        ['zonder_verzoek', 5, 0, 0],
        ['totaal', 10, 2, 0.75],
      ]);
    });

    it('reads through the indexes of migration 1700000000040', async () => {
      // a gemeente with many verzoeken and trajectories, so that the planner's choice is that of a real table
      const many = Array.from({ length: 3000 }, (_, i) => ({
        ...W_VERZOEKEN[0]!,
        id: `${G1}|x|m${i}`,
        toegewezenOp: '2021-01-01',
        ontvangen: '2020-12-01',
        trajectoryIds: [`${G1}-m${i}`],
      }));
      await insertVerzoeken((sql, params) => ds.query(sql, params as unknown[]), many);
      await insertStates(
        (sql, params) => ds.query(sql, params as unknown[]),
        many.map((v, i) => ({ ...W_TRAJECTORIES[0]!, id: v.trajectoryIds[0]!, clientPseudonym: `m${i}`, begindatum: '2021-01-05' })),
      );
      await ds.query('ANALYZE trajectory');
      await ds.query('ANALYZE verzoek');
      const { sql, params } = wachttijdStatement({ gemeenten: [G1] }, FROM, TO);
      const plan = await ds.transaction(async (em) => {
        await em.query('SET LOCAL enable_seqscan = off');
        return (await em.query(`EXPLAIN ${sql}`, params)) as { 'QUERY PLAN': string }[];
      });
      const text = plan.map((r) => r['QUERY PLAN']).join('\n');
      for (const index of ['trajectory_begin', 'verzoek_toegewezen', 'verzoek_toewijzing_nummers', 'trajectory_client_wachttijden'])
        expect(text).toContain(index);
    });
  });

  describe('random data sets', () => {
    const GEMEENTEN = ['0034', '0363', '0599'];
    const AANBIEDERS = ['11111111', '22222222'];
    const BASE = '2023-06-01';
    const day = fc.integer({ min: 0, max: 640 }).map((n) => addDays(BASE, n));
    const maybe = <T>(a: fc.Arbitrary<T>, nullWeight = 1) =>
      fc.oneof({ weight: nullWeight, arbitrary: fc.constant(null) }, { weight: 3, arbitrary: a });

    const trajectory = fc.record({
      child: fc.integer({ min: 0, max: 6 }),
      gemeente: fc.constantFrom(...GEMEENTEN),
      aanbieder: fc.constantFrom(...AANBIEDERS),
      level: maybe(fc.constantFrom(...INTENSITY_LADDER)),
      crisis: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      categorie: maybe(fc.constantFrom('43', '45', '46')),
      ingetrokken: fc.oneof({ weight: 8, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      ingang: maybe(day, 1),
      wait: maybe(fc.oneof(fc.integer({ min: -5, max: 40 }), fc.integer({ min: 41, max: 200 })), 1),
      duration: maybe(fc.oneof(fc.integer({ min: -30, max: 200 }), fc.integer({ min: 0, max: 500 })), 1),
      einde: maybe(fc.integer({ min: 0, max: 400 }), 2),
    });
    type Spec = typeof trajectory extends fc.Arbitrary<infer T> ? T : never;

    // successors of the same child close to the escalation baseline (90 days) and the herinstroom windows (6 and 12 months)
    const successor = fc.record({
      of: fc.nat(),
      gap: fc.oneof(
        // exactly on (and next to) the baseline boundaries of terugkijkDagen 0, 30 and 90
        { weight: 3, arbitrary: fc.constantFrom(-1, 0, 1, 29, 30, 31, 89, 90, 91) },
        { weight: 1, arbitrary: fc.integer({ min: -20, max: 20 }) },
        { weight: 2, arbitrary: fc.integer({ min: 176, max: 190 }) },
        { weight: 2, arbitrary: fc.integer({ min: 358, max: 372 }) },
      ),
      // mostly heavier than what came before: an escalation when the baseline holds it
      level: fc.oneof(
        { weight: 2, arbitrary: fc.constantFrom('residentieel' as const, 'gesloten' as const) },
        { weight: 1, arbitrary: maybe(fc.constantFrom(...INTENSITY_LADDER)) },
      ),
      crisis: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      wait: fc.integer({ min: 0, max: 20 }),
    });

    const toState = (x: Spec, i: number): TrajectoryState => {
      const begin =
        x.ingang !== null && x.wait !== null ? addDays(x.ingang, x.wait) : x.ingang === null ? addDays(BASE, (i * 37) % 600) : null;
      const stop = begin !== null && x.duration !== null ? addDays(begin, x.duration) : null;
      const status: TrajectoryState['status'] =
        x.ingetrokken && stop === null ? 'ingetrokken' : stop !== null ? 'beeindigd' : begin !== null ? 'gestart' : 'toegewezen';
      return {
        id: `${x.gemeente}-${i}`,
        gemeente: x.gemeente,
        toewijzingNummer: String(i),
        aanbieder: x.aanbieder,
        clientPseudonym: `c${x.child}`,
        geboortedatum: '2012-01-01',
        productcategorie: x.categorie,
        productcode: null,
        intensiteit: x.level,
        crisis: x.crisis,
        verblijf: false,
        gedwongenKader: false,
        status,
        ingetrokken: x.ingetrokken,
        toewijzingOntbreekt: x.ingang === null,
        ingangsdatum: x.ingang,
        einddatum: x.ingang !== null && x.einde !== null ? addDays(x.ingang, x.einde) : null,
        begindatum: begin,
        stopdatum: stop,
        redenBeeindiging: null,
        volgensPlan: null,
        redenWijziging: null,
        aantalWijzigingen: 0,
        aantalVerlengingen: 0,
        wachttijdDagen: x.ingang !== null && begin !== null ? Math.round((Date.parse(begin) - Date.parse(x.ingang)) / 86_400_000) : null,
        timeline: [],
        berichtIds: [],
      };
    };

    const verzoek = fc.record({
      links: fc.array(fc.nat(), { maxLength: 2 }),
      soort: fc.oneof({ weight: 3, arbitrary: fc.constant('JW315' as const) }, { weight: 1, arbitrary: fc.constant('JW317' as const) }),
      verwijzer: fc.constantFrom('01', '02', '03', '04', '05', '06', '08'),
      otherAanbieder: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      before: fc.integer({ min: -10, max: 90 }),
      answer: maybe(fc.integer({ min: -2, max: 40 }), 1),
      categorie: maybe(fc.constantFrom('43', '45')),
      ref: fc.integer({ min: 1, max: 30 }),
    });

    const dataSet = fc
      .tuple(fc.array(trajectory, { maxLength: 30 }), fc.array(successor, { maxLength: 16 }), fc.array(verzoek, { maxLength: 14 }))
      .map(([base, next, vs]) => {
        const states = base.map(toState);
        for (const n of next) {
          const stopped = states.filter((s) => s.stopdatum !== null);
          const anchors = stopped.length > 0 && n.of % 4 !== 0 ? stopped : states.filter((s) => s.begindatum !== null);
          if (anchors.length === 0) break;
          const a = anchors[n.of % anchors.length]!;
          const ingang = addDays((a.stopdatum ?? a.begindatum) as IsoDate, n.gap);
          const i = states.length;
          states.push({
            ...a,
            id: `${a.gemeente}-${i}`,
            toewijzingNummer: String(i),
            intensiteit: n.level,
            crisis: n.crisis,
            status: 'gestart',
            ingetrokken: false,
            toewijzingOntbreekt: false,
            ingangsdatum: ingang,
            einddatum: null,
            begindatum: addDays(ingang, n.wait),
            stopdatum: null,
            wachttijdDagen: n.wait,
          });
        }
        const verzoeken: WachttijdVerzoek[] = [];
        vs.forEach((x, k) => {
          const linked = states.length === 0 ? [] : [...new Set(x.links.map((l) => states[l % states.length]!))];
          const first = linked[0];
          const gemeente = first?.gemeente ?? GEMEENTEN[k % GEMEENTEN.length]!;
          const sameGemeente = linked.filter((s) => s.gemeente === gemeente);
          const anchor = (first?.ingangsdatum ?? first?.begindatum ?? addDays(BASE, k * 41)) as IsoDate;
          const aanbieder = first && !x.otherAanbieder ? first.aanbieder : AANBIEDERS[k % AANBIEDERS.length]!;
          const ontvangen = addDays(anchor, -x.before);
          verzoeken.push({
            id: `${gemeente}|${aanbieder}|r${x.ref}-${k}`,
            soort: x.soort,
            gemeente,
            aanbieder,
            clientPseudonym: first?.clientPseudonym ?? `c${k}`,
            productcategorie: x.categorie,
            verwijzer: x.soort === 'JW315' ? { type: x.verwijzer } : null,
            ontvangen,
            toegewezenOp: x.answer === null ? null : addDays(ontvangen, x.answer),
            trajectoryIds: x.answer === null ? [] : sameGemeente.map((s) => s.id).sort(),
          });
        });
        return { states, verzoeken };
      });

    const scope = fc.oneof(
      fc.constant<IndicatorScope>({ alle: true }),
      fc.subarray(GEMEENTEN, { minLength: 1 }).map((g): IndicatorScope => ({ gemeenten: g })),
      fc.constantFrom(...AANBIEDERS).map((a): IndicatorScope => ({ aanbieder: a })),
    );
    const period = fc
      .tuple(day, fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 400 })))
      .map(([from, len]) => ({ from, to: addDays(from, len) }));

    it('gives exactly the reference result on every data set', async () => {
      await fc.assert(
        fc.asyncProperty(
          dataSet,
          period,
          fc.constantFrom<WachttijdGroupBy>(...WACHTTIJD_GROUP_BYS),
          fc.oneof({ weight: 3, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 4 }) }),
          scope,
          fc.integer({ min: 1, max: 18 }),
          fc.record({ terugkijkDagen: fc.constantFrom(0, 30, 90), crisis: fc.boolean() }),
          async ({ states, verzoeken }, { from, to }, groupBy, minCount, sc, volgMaanden, escalatie) => {
            await load(states, verzoeken);
            const trajectories = states.filter((t) => inScope(sc, t));
            const scoped = verzoeken.filter((v) => inScope(sc, v));
            const options = { from, to, groupBy, minCount, norms: DEFAULT_WACHTTIJD_NORMS };
            const routeOptions = { from, to, minCount, volgMaanden, escalatie };
            const both = await repo.both(sc, options, { minCount, volgMaanden, escalatie });
            expect(both.wachttijden).toEqual(computeWachttijden(trajectories, scoped, options));
            expect(both.verwijsroutes).toEqual(computeVerwijsroutes(trajectories, scoped, routeOptions));
            expect(await repo.wachttijden(sc, options)).toEqual(both.wachttijden);
            expect(await repo.verwijsroutes(sc, routeOptions)).toEqual(both.verwijsroutes);
          },
        ),
        { numRuns: Number(process.env.WACHTTIJD_PROPERTY_RUNS ?? 120) },
      );
    });
  });
});
