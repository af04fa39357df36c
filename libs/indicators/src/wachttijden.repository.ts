/**
 * The waiting times and referral routes (wachttijden.ts) computed in PostgreSQL: one set-based statement over the
 * columns of `trajectory` and `verzoek` (both of the trajectory service, read here like the other indicators read
 * `trajectory`), never by loading states. The results are identical to computeWachttijden / computeVerwijsroutes over
 * the trajectories and verzoeken of the same scope (property-tested in wachttijden.repository.int-spec.ts): the SQL gives
 * the counts and percentiles, the same TypeScript turns them into cells (wachttijdResultOf, verwijsrouteResultOf).
 *
 * What is read (indexes of migration 1700000000040):
 * - `coh`: the trajectories of the scope that began in the period (trajectory_begin: gemeente, begindatum);
 * - `links`: the verzoeken of the scope that led to one of them, by the trajectory's ToewijzingNummer in the verzoek's
 *   toewijzing_nummers (GIN verzoek_toewijzing_nummers), which gives each its route and the verzoeken whose first start
 *   may lie in the period;
 * - the verzoeken toegewezen in the period (verzoek_toegewezen: gemeente, toegewezen_op);
 * - per child of `coh`, its other trajectories (trajectory_client_wachttijden) for escalation and herinstroom.
 * How the SQL matches the definitions: percentile_disc(p) is the nearest rank (see indicators.repository.ts);
 * `date + n months` clamps like addMonthsClamped; the ESCALATIE baseline (libs/signals escalatie.ts) is written out with
 * activeFrom = least(ingangsdatum, begindatum) (LEAST ignores NULL like minDate) and activeUntil as in rules/common.ts;
 * the intensity rank is the position on INTENSITY_LADDER; routes are ordered by ontvangen, then id in "C" collation
 * (code-unit order, as the reference sorts).
 */
import { INTENSITY_LADDER, type IsoDate } from '@trajectwacht/ijw';
import type { IndicatorScope, SqlSession } from './indicators.repository';
import { ONBEKEND, TOTAAL } from './model';
import {
  VERZOEK_OM_WIJZIGING,
  ZONDER_VERZOEK,
  validateVerwijsrouteOptions,
  validateWachttijdOptions,
  verwijsrouteResultOf,
  wachttijdResultOf,
  NO_WAITS,
  type RouteAggregates,
  type VerwijsrouteOptions,
  type VerwijsrouteResult,
  type WachttijdAggregates,
  type WachttijdGroupBy,
  type WachttijdMeasureName,
  type WachttijdOptions,
  type WachttijdResult,
} from './wachttijden';

const SESSION_SETTINGS = [
  'SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY',
  'SET LOCAL jit = off',
  "SET LOCAL work_mem = '64MB'",
];

class Params {
  readonly values: unknown[] = [];
  add(value: unknown, type: string): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }
}

function scopeSql(scope: IndicatorScope, p: Params): (alias: string) => string {
  if ('gemeenten' in scope) {
    if (!Array.isArray(scope.gemeenten)) throw new RangeError('scope.gemeenten must be an array');
    const v = p.add([...scope.gemeenten], 'text[]');
    return (a) => `${a}.gemeente = ANY(${v})`;
  }
  if ('aanbieder' in scope) {
    const v = p.add(scope.aanbieder, 'text');
    return (a) => `${a}.aanbieder = ${v}`;
  }
  return () => 'true';
}

const MEASURE_OF: Record<number, WachttijdMeasureName> = { 1: 'verzoekToewijzing', 2: 'toewijzingStart', 3: 'verzoekStart' };

/** The verwijzer group of a verzoek row `v` (verwijzerGroup of wachttijden.ts). */
const verwijzerSql = (v: string) =>
  `CASE WHEN ${v}.soort = 'JW317' THEN '${VERZOEK_OM_WIJZIGING}' ELSE coalesce(${v}.verwijzer_type, '${ONBEKEND}') END`;

function keySql(groupBy: WachttijdGroupBy, source: 'verzoek' | 'trajectory', a: string): string {
  switch (groupBy) {
    case 'gemeente':
      return `${a}.gemeente`;
    case 'aanbieder':
      return `${a}.aanbieder`;
    case 'productcategorie':
      return `coalesce(${a}.productcategorie, '${ONBEKEND}')`;
    case 'verwijzer':
      return source === 'verzoek' ? verwijzerSql(a) : `${a}.route`;
    case 'totaal':
      return 'NULL::text';
  }
}

/**
 * The statement: `wt` (waiting times) and/or `routes`, as one JSON document. Both parts share `coh` (trajectories begun
 * in the period) and `links` (the verzoeken that led to them).
 */
function buildStatement(
  scope: IndicatorScope,
  from: IsoDate,
  to: IsoDate,
  parts: { wachttijden?: { groupBy: WachttijdGroupBy }; routes?: { volgMaanden: number; terugkijkDagen: number; crisis: boolean } },
): { sql: string; params: unknown[] } {
  const p = new Params();
  const inScope = scopeSql(scope, p);
  const f = p.add(from, 'date');
  const t = p.add(to, 'date');
  const ctes: string[] = [];
  const out: string[] = [];
  ctes.push(`coh AS MATERIALIZED (
    SELECT id, client_pseudonym AS c, gemeente, aanbieder, productcategorie, begindatum AS b, stopdatum AS s, wachttijd_dagen AS wt,
           least(ingangsdatum, begindatum) AS fr
      FROM trajectory x
     WHERE ${inScope('x')} AND status <> 'ingetrokken' AND begindatum BETWEEN ${f} AND ${t})`);
  ctes.push(`links AS MATERIALIZED (
    SELECT c.id AS tid, v.id AS vid, v.soort, v.verwijzer_type, v.ontvangen
      FROM coh c
     CROSS JOIN LATERAL (
       SELECT v.id, v.soort, v.verwijzer_type, v.ontvangen FROM verzoek v
        WHERE v.toewijzing_nummers @> ARRAY[substr(c.id, length(c.gemeente) + 2)] AND v.gemeente = c.gemeente AND ${inScope('v')}
        OFFSET 0) v)`);
  // the route of each trajectory: the earliest JW315 (ontvangen, then id), else a JW317, else none
  ctes.push(`route AS (
    SELECT DISTINCT ON (tid) tid,
           CASE WHEN soort = 'JW315' THEN coalesce(verwijzer_type, '${ONBEKEND}') ELSE '${VERZOEK_OM_WIJZIGING}' END AS r
      FROM links ORDER BY tid, (soort = 'JW315') DESC, ontvangen, vid COLLATE "C")`);
  ctes.push(`cohr AS MATERIALIZED (
    SELECT coh.*, coalesce(route.r, '${ZONDER_VERZOEK}') AS route FROM coh LEFT JOIN route ON route.tid = coh.id)`);

  if (parts.wachttijden) {
    const { groupBy } = parts.wachttijden;
    const grouped = groupBy !== 'totaal';
    // verzoek → start: the verzoeken that led to a trajectory begun in the period; their first start over every
    // trajectory (included, in scope) they led to
    ctes.push(`vs AS (
      SELECT v.*, (SELECT min(x.begindatum) FROM unnest(v.toewijzing_nummers) AS nr
                     JOIN trajectory x ON x.id = v.gemeente || '-' || nr
                    WHERE x.status <> 'ingetrokken' AND ${inScope('x')}) AS st
        FROM verzoek v WHERE v.id IN (SELECT vid FROM links))`);
    ctes.push(`waits AS (
      SELECT ${keySql(groupBy, 'verzoek', 'v')} AS g, 1 AS k, v.toegewezen_op - v.ontvangen AS d
        FROM verzoek v WHERE ${inScope('v')} AND v.toegewezen_op BETWEEN ${f} AND ${t}
      UNION ALL
      SELECT ${keySql(groupBy, 'trajectory', 'c')}, 2, c.wt FROM cohr c WHERE c.wt IS NOT NULL
      UNION ALL
      SELECT ${keySql(groupBy, 'verzoek', 'v')}, 3, v.st - v.ontvangen FROM vs v WHERE v.st BETWEEN ${f} AND ${t})`);
    ctes.push(`wpct AS (
      SELECT ${grouped ? 'grouping(g) = 1 AS total, g' : 'true AS total, NULL::text AS g'}, k, count(*) AS n,
             percentile_disc(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY d) AS p
        FROM waits GROUP BY ${grouped ? 'GROUPING SETS ((g, k), (k))' : 'k'})`);
    out.push(`'waits', (SELECT json_agg(wpct) FROM wpct)`);
  }

  if (parts.routes) {
    const vm = p.add(parts.routes.volgMaanden, 'integer');
    const back = p.add(parts.routes.terugkijkDagen, 'integer');
    const crisis = p.add(parts.routes.crisis, 'boolean');
    const ladder = p.add([...INTENSITY_LADDER], 'text[]');
    // activeUntil (rules/common.ts): the stop; open while started and not stopped; else the toewijzing's einddatum
    const until = (a: string) =>
      `(CASE WHEN ${a}.stopdatum IS NOT NULL THEN ${a}.stopdatum WHEN ${a}.begindatum IS NOT NULL THEN NULL ELSE ${a}.einddatum END)`;
    // a trajectory n of the cohort later escalated: another trajectory e of the child is an ESCALATIE (higher than the
    // highest level of its baseline, or crisis) whose baseline holds n (begun before e's moment m, and running on m or
    // stopped at most terugkijkDagen before it), at a moment no later than volgMaanden after n's begindatum
    ctes.push(`esc AS (
      SELECT DISTINCT n.id FROM coh n
        JOIN trajectory e ON e.client_pseudonym = n.c AND e.id <> n.id AND e.status <> 'ingetrokken' AND ${inScope('e')}
                         AND (e.intensiteit IS NOT NULL OR e.crisis)
        CROSS JOIN LATERAL (SELECT least(e.ingangsdatum, e.begindatum) AS m) mm
       WHERE mm.m IS NOT NULL AND n.fr < mm.m AND mm.m <= (n.b + make_interval(months => ${vm}))::date
         AND (n.s IS NULL OR mm.m - n.s <= ${back})
         AND ((${crisis} AND e.crisis) OR array_position(${ladder}, e.intensiteit) > (
               SELECT max(array_position(${ladder}, o.intensiteit)) FROM trajectory o
                WHERE o.client_pseudonym = e.client_pseudonym AND o.id <> e.id AND o.status <> 'ingetrokken' AND ${inScope('o')}
                  AND least(o.ingangsdatum, o.begindatum) < mm.m
                  AND (${until('o')} IS NULL OR mm.m <= ${until('o')}
                       OR (o.stopdatum < mm.m AND mm.m - o.stopdatum <= ${back}))))
    )`);
    // came back: another trajectory of the child starts (ingangsdatum, else begindatum) after n's stop, within 12 months
    ctes.push(`her AS (
      SELECT n.id, bool_or(st.d <= (n.s + interval '6 months')::date) AS m6
        FROM coh n
        JOIN trajectory x ON x.client_pseudonym = n.c AND x.id <> n.id AND x.status <> 'ingetrokken' AND ${inScope('x')}
        CROSS JOIN LATERAL (SELECT coalesce(x.ingangsdatum, x.begindatum) AS d) st
       WHERE n.s IS NOT NULL AND st.d > n.s AND st.d <= (n.s + interval '12 months')::date
       GROUP BY n.id)`);
    ctes.push(`rts AS (
      SELECT grouping(c.route) = 1 AS total, c.route, count(*) AS instroom, count(esc.id) AS geescaleerd,
             count(*) FILTER (WHERE c.s IS NOT NULL) AS beeindigd, count(*) FILTER (WHERE her.m6) AS h6, count(her.id) AS h12
        FROM cohr c LEFT JOIN esc ON esc.id = c.id LEFT JOIN her ON her.id = c.id
       GROUP BY GROUPING SETS ((c.route), ()))`);
    out.push(`'routes', (SELECT json_agg(rts) FROM rts)`);
  }
  return { sql: `WITH ${ctes.join(',\n')}\nSELECT json_build_object(${out.join(', ')}) AS out`, params: p.values };
}

interface Output {
  waits?: { total: boolean; g: string | null; k: number; n: number; p: [number, number] }[] | null;
  routes?:
    { total: boolean; route: string | null; instroom: number; geescaleerd: number; beeindigd: number; h6: number; h12: number }[] | null;
}

function wachttijdAggregatesOf(out: Output, grouped: boolean): { byGroup: Map<string, WachttijdAggregates>; totaal: WachttijdAggregates } {
  const all = new Map<string, WachttijdAggregates>();
  for (const w of out.waits ?? []) {
    const key = w.total || !grouped ? TOTAAL : (w.g as string);
    const a = all.get(key) ?? { verzoekToewijzing: NO_WAITS, toewijzingStart: NO_WAITS, verzoekStart: NO_WAITS };
    a[MEASURE_OF[w.k]!] = { n: w.n, p50: w.p[0], p90: w.p[1] };
    all.set(key, a);
  }
  const totaal = all.get(TOTAAL) ?? { verzoekToewijzing: NO_WAITS, toewijzingStart: NO_WAITS, verzoekStart: NO_WAITS };
  all.delete(TOTAAL);
  return { byGroup: all, totaal };
}

export class WachttijdRepository {
  constructor(private readonly session: SqlSession) {}

  /** computeWachttijden over the scope's trajectories and verzoeken, in PostgreSQL. */
  wachttijden(scope: IndicatorScope, options: WachttijdOptions): Promise<WachttijdResult> {
    validateWachttijdOptions(options);
    const { sql, params } = buildStatement(scope, options.from, options.to, { wachttijden: { groupBy: options.groupBy } });
    return this.run(sql, params, (out) => wachttijdResultOf(options, wachttijdAggregatesOf(out, options.groupBy !== 'totaal')));
  }

  /** computeVerwijsroutes over the scope's trajectories and verzoeken, in PostgreSQL. */
  verwijsroutes(scope: IndicatorScope, options: VerwijsrouteOptions): Promise<VerwijsrouteResult> {
    const { volgMaanden, escalatie } = validateVerwijsrouteOptions(options);
    const { sql, params } = buildStatement(scope, options.from, options.to, {
      routes: { volgMaanden, terugkijkDagen: escalatie.terugkijkDagen, crisis: escalatie.crisis },
    });
    return this.run(sql, params, (out) => this.routesOf(out, options));
  }

  /** Both, from one snapshot (the dashboard). */
  async both(
    scope: IndicatorScope,
    wachttijden: WachttijdOptions,
    routes: Omit<VerwijsrouteOptions, 'from' | 'to'>,
  ): Promise<{ wachttijden: WachttijdResult; verwijsroutes: VerwijsrouteResult }> {
    validateWachttijdOptions(wachttijden);
    const r = validateVerwijsrouteOptions({ ...routes, from: wachttijden.from, to: wachttijden.to });
    const { sql, params } = buildStatement(scope, wachttijden.from, wachttijden.to, {
      wachttijden: { groupBy: wachttijden.groupBy },
      routes: { volgMaanden: r.volgMaanden, terugkijkDagen: r.escalatie.terugkijkDagen, crisis: r.escalatie.crisis },
    });
    return this.run(sql, params, (out) => ({
      wachttijden: wachttijdResultOf(wachttijden, wachttijdAggregatesOf(out, wachttijden.groupBy !== 'totaal')),
      verwijsroutes: this.routesOf(out, { ...routes, from: wachttijden.from, to: wachttijden.to }),
    }));
  }

  private routesOf(out: Output, options: VerwijsrouteOptions): VerwijsrouteResult {
    const byRoute = new Map<string, RouteAggregates>();
    let totaal: RouteAggregates = { instroom: 0, geescaleerd: 0, beeindigd: 0, herinstroom6m: 0, herinstroom12m: 0 };
    for (const r of out.routes ?? []) {
      const a = { instroom: r.instroom, geescaleerd: r.geescaleerd, beeindigd: r.beeindigd, herinstroom6m: r.h6, herinstroom12m: r.h12 };
      if (r.total) totaal = a;
      else byRoute.set(r.route as string, a);
    }
    return verwijsrouteResultOf(options, { byRoute, totaal });
  }

  private run<T>(sql: string, params: unknown[], read: (out: Output) => T): Promise<T> {
    return this.session(async (query) => {
      for (const statement of SESSION_SETTINGS) await query(statement);
      const rows = await query(sql, params);
      return read((rows[0]?.out ?? {}) as Output);
    });
  }
}

/** The statement of a request, for EXPLAIN in tests. */
export function wachttijdStatement(scope: IndicatorScope, from: IsoDate, to: IsoDate): { sql: string; params: unknown[] } {
  return buildStatement(scope, from, to, {
    wachttijden: { groupBy: 'gemeente' },
    routes: { volgMaanden: 12, terugkijkDagen: 90, crisis: true },
  });
}
