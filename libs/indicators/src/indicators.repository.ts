/**
 * The indicators, trend, flows and duration histogram computed in PostgreSQL: set-based aggregation over the columns
 * of the `trajectory` table (and `alert` for the open alerts), never by loading states. The results are identical to
 * computeIndicators / trendSeries / flowsBetweenLevels / durationHistogram over the same trajectories (property-tested
 * in indicators.repository.int-spec.ts): the SQL computes the same aggregates (GroupAggregates), and the same code
 * turns them into cells (suppression, rounding, stoplicht).
 *
 * This file holds SQL but does no I/O of its own: the caller gives a SqlSession that runs work in one transaction
 * (a TypeORM DataSource's transaction in the monitor, a pg client in the benchmark). Every request runs in one
 * REPEATABLE READ, READ ONLY snapshot: a request of two parts runs them side by side in two transactions, the second
 * importing the first's snapshot (see IndicatorRepository.run), so all parts of a dashboard come from one snapshot.
 *
 * How the SQL matches the definitions (README.md):
 * - included = status <> 'ingetrokken'; instroom, uitstroom and actief are the same predicates on the date columns
 *   (dates compare as dates; `b − a` of two dates is daysBetween);
 * - percentiles are nearest rank: the first value whose cumulative count reaches ⌈p·n⌉ (numeric, so p·n is exact),
 *   counted in two levels (nearestRankCtes), which is percentile() (checked for every n up to 3 000 in the int-spec);
 * - herinstroom: `date + interval 'n months'` clamps to the month end exactly like addMonthsClamped (libs/dates); the
 *   latest earlier stop of the child is the column herinstroom_na (migration 1700000000200), written with every state by
 *   the projection (herinstroomNa of @trajectwacht/trajectory);
 * - the rows of a table and the rules of the alert columns are sorted in TypeScript (code-unit order, as
 *   Array.prototype.sort), not by a collation.
 */
import type { IntensityLevel, IsoDate } from '@trajectwacht/ijw';
import {
  ONBEKEND,
  TOTAAL,
  type GroupAggregates,
  type GroupBy,
  type HistogramBucket,
  type IndicatorOptions,
  type IndicatorResult,
  type LevelFlow,
  type Percentiles,
  type TrendPoint,
} from './model';
import { indicatorResultOf, validateOptions, type AlertCounts } from './indicators';
import { histogramBuckets, levelFlows, trendPeriods, validateBuckets, validateWindowDays, type TrendInterval } from './series';
import { countCell, validateMinCount } from './stats';

/** Runs one statement with positional parameters ($1, $2, …) and returns its rows. */
export type SqlQuery = (sql: string, params?: readonly unknown[]) => Promise<Record<string, unknown>[]>;

/** Runs `work` inside one database transaction (BEGIN … COMMIT, ROLLBACK on error) and returns its result. */
export type SqlSession = <T>(work: (query: SqlQuery) => Promise<T>) => Promise<T>;

/** Which trajectories (and alerts) are aggregated: all, those of some gemeenten, or those of one aanbieder. */
export type IndicatorScope = { alle: true } | { gemeenten: readonly string[] } | { aanbieder: string };

export interface DashboardOptions extends Omit<IndicatorOptions, 'openAlerts'> {
  /** Trend sub-periods (default month). */
  interval?: TrendInterval;
  /** Boundaries of the duration histogram of the uitstroom (default [30, 91, 182, 365, 730]). */
  bucketsInDays?: readonly number[];
  /** Flow window in days (default 30). */
  windowDays?: number;
}

export interface Dashboard {
  result: IndicatorResult;
  trend: TrendPoint[];
  flows: LevelFlow[];
  durations: HistogramBucket[];
}

export const DEFAULT_DURATION_BUCKETS: readonly number[] = [30, 91, 182, 365, 730];

/**
 * Settings of every indicator transaction (LOCAL: they end with it): one snapshot, read only; no JIT (compiling costs
 * more than it saves on these sub-second statements); sorts and hashes in memory; no merge joins (the self-joins by
 * child are estimated far too large, and a merge join then sorts both sides where a hash join is cheaper).
 */
const SESSION_SETTINGS = [
  'SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY',
  'SET LOCAL jit = off',
  "SET LOCAL work_mem = '64MB'",
  'SET LOCAL enable_mergejoin = off',
];

/** Positional parameters, added as they are used. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown, type: string): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }
}

interface Parts {
  /** The table's counts and percentiles. */
  indicators: boolean;
  /** The table's open alerts and group keys. */
  alerts?: boolean;
  /** The table's herinstroom (children with instroom, and with herinstroom within 6 / 12 months). */
  herinstroom?: boolean;
  trend?: { froms: IsoDate[]; tos: IsoDate[] };
  flows?: { windowDays: number };
  histogram?: { bounds: readonly number[]; soort: 'beeindigd' | 'lopend' };
}

/** The columns of `r` (buildStatement). */
type RColumn = 'g' | 'c' | 'id' | 'lvl' | 'start' | 'b' | 's' | 'v' | 'pl' | 'wt' | 'na' | 'st' | 'en' | 'ac';

/** The columns of `r` that the given parts read. */
function columnsOf(parts: Parts): Set<RColumn> {
  const needed = new Set<RColumn>();
  const use = (...columns: RColumn[]) => columns.forEach((c) => needed.add(c));
  if (parts.indicators) use('g', 'b', 's', 'v', 'pl', 'wt', 'st', 'en', 'ac');
  if (parts.herinstroom) use('g', 'c', 'id', 'start', 'na', 'st');
  if (parts.trend) use('b', 's', 'st', 'en');
  if (parts.flows) use('c', 'id', 'lvl', 'b', 's', 'st');
  if (parts.histogram) use('b', 's', 'en', 'ac');
  if (needed.size === 0) use('b');
  return needed;
}

/** Width of the first counting level of the percentiles, as a shift: buckets of 2^5 = 32 values (days). */
const PERCENTILE_BUCKET_SHIFT = 5;

/** The scope as a condition on a row of trajectory or alert (optionally of an alias); its parameter is added once. */
function scopeSql(scope: IndicatorScope, p: Params): (alias?: string) => string {
  const col = (alias: string | undefined, name: string) => (alias ? `${alias}.${name}` : name);
  if ('gemeenten' in scope) {
    const v = p.add([...scope.gemeenten], 'text[]');
    return (alias) => `${col(alias, 'gemeente')} = ANY(${v})`;
  }
  if ('aanbieder' in scope) {
    const v = p.add(scope.aanbieder, 'text');
    return (alias) => `${col(alias, 'aanbieder')} = ${v}`;
  }
  return () => 'true';
}

function groupSql(groupBy: GroupBy): string {
  switch (groupBy) {
    case 'gemeente':
      return 'gemeente';
    case 'aanbieder':
      return 'aanbieder';
    case 'intensiteit':
      return `coalesce(intensiteit, '${ONBEKEND}')`;
    case 'totaal':
      return 'NULL::text';
  }
}

/** The group keys: every group with an included trajectory in scope (also one that counts in no indicator). */
function censusSql(scope: IndicatorScope, groupBy: GroupBy, scopeWhere: string, p: Params): string {
  if (groupBy === 'gemeente' && 'gemeenten' in scope) {
    // one index probe per gemeente of the scope
    return `SELECT g FROM unnest(${p.add([...scope.gemeenten], 'text[]')}) AS g
             WHERE EXISTS (SELECT 1 FROM trajectory t WHERE t.gemeente = g AND t.status <> 'ingetrokken')`;
  }
  if (groupBy === 'gemeente' && 'alle' in scope) {
    // loose index scan: one probe per distinct gemeente instead of reading every row
    return `SELECT g FROM (
              WITH RECURSIVE gm(g) AS (
                SELECT min(gemeente) FROM trajectory
                UNION ALL
                SELECT (SELECT min(t.gemeente) FROM trajectory t WHERE t.gemeente > gm.g) FROM gm WHERE gm.g IS NOT NULL
              ) SELECT g FROM gm WHERE g IS NOT NULL) AS d
             WHERE EXISTS (SELECT 1 FROM trajectory t WHERE t.gemeente = d.g AND t.status <> 'ingetrokken')`;
  }
  return `SELECT DISTINCT ${groupSql(groupBy)} AS g FROM trajectory WHERE ${scopeWhere} AND status <> 'ingetrokken'`;
}

/**
 * The percentiles p50, p75 and p90 by nearest rank (percentile() of stats.ts: the first value whose cumulative count
 * reaches ⌈p·n⌉, numeric, so p·n is exact) of the integer values `val` of a CTE `pv(g, k, val)`, per group g and kind k
 * and (grouped) in total per kind: CTEs ending in `pct(total, g, k, n, p)` with p the array [p50, p75, p90].
 * In two counting levels, so that nothing sorts all the values: first the values are counted per bucket of 32
 * (val >> 5, a floor also for negative values), which gives per group, kind and percentile the bucket that holds rank
 * ⌈p·n⌉ and the rank within it (pt); then only the values in those buckets are counted by value (pw) and accumulated
 * within their bucket (pz). Grouped, g must not be NULL ((total, coalesce(g, '')) is then a key: the total rows have
 * no g); ungrouped, only the total rows are computed.
 */
export function nearestRankCtes(grouped: boolean): string[] {
  const shift = PERCENTILE_BUCKET_SHIFT;
  const pb = grouped
    ? `pg AS (SELECT g, k, val >> ${shift} AS bk, count(*) AS n FROM pv GROUP BY g, k, bk),
    pb AS (SELECT false AS total, g, k, bk, n FROM pg UNION ALL SELECT true, NULL::text, k, bk, sum(n) FROM pg GROUP BY k, bk)`
    : `pb AS (SELECT true AS total, NULL::text AS g, k, val >> ${shift} AS bk, count(*) AS n FROM pv GROUP BY k, val >> ${shift})`;
  const perGroupValues = grouped
    ? `SELECT false AS total, g, k, val, count(*) AS n FROM pv
        WHERE (g, k, val >> ${shift}) IN (SELECT g, k, bk FROM pt WHERE NOT total) GROUP BY g, k, val
       UNION ALL `
    : '';
  return [
    pb,
    `pc AS (
      SELECT total, g, k, bk, n, sum(n) OVER (PARTITION BY total, g, k ORDER BY bk) AS cum, sum(n) OVER (PARTITION BY total, g, k) AS tot
        FROM pb)`,
    `pt AS (
      SELECT pc.total, pc.g, pc.k, x.q, pc.tot, pc.bk, x.need - (pc.cum - pc.n) AS rnk
        FROM pc CROSS JOIN LATERAL (VALUES (1, ceil(0.5 * pc.tot)), (2, ceil(0.75 * pc.tot)), (3, ceil(0.9 * pc.tot))) AS x(q, need)
       WHERE pc.cum >= x.need AND pc.cum - pc.n < x.need)`,
    `pw AS (
      ${perGroupValues}SELECT true AS total, NULL::text AS g, k, val, count(*) AS n FROM pv
        WHERE (k, val >> ${shift}) IN (SELECT k, bk FROM pt WHERE total) GROUP BY k, val)`,
    `pz AS (SELECT total, g, k, val, sum(n) OVER (PARTITION BY total, g, k, val >> ${shift} ORDER BY val) AS cum FROM pw)`,
    `pct AS (
      SELECT pt.total, pt.g, pt.k, max(pt.tot) AS n,
             ARRAY[min(pz.val) FILTER (WHERE pt.q = 1), min(pz.val) FILTER (WHERE pt.q = 2), min(pz.val) FILTER (WHERE pt.q = 3)] AS p
        FROM pt JOIN pz ON pz.total = pt.total AND coalesce(pz.g, '') = coalesce(pt.g, '') AND pz.k = pt.k
                       AND pz.val >> ${shift} = pt.bk AND pz.cum >= pt.rnk
       GROUP BY pt.total, pt.g, pt.k)`,
  ];
}

/**
 * One statement for the given parts of a request, as one JSON document. `r` holds the rows of the scope that matter for
 * the period, read once from the covering index trajectory_indicators (key gemeente, coalesce(stopdatum, infinity)):
 * every row still running at `from` or stopped after it (instroom, uitstroom, active at `to` or at a trend sub-period
 * end, flow predecessors stopped within the flow window before `from`), plus the rare started row whose stop lies
 * before its start (partial index trajectory_stop_before_start). Every part aggregates over `r`; herinstroom reads the
 * column herinstroom_na, and within a narrower scope looks the earlier trajectories of the candidates up by client.
 */
function buildStatement(
  scope: IndicatorScope,
  options: { from: IsoDate; to: IsoDate; groupBy: GroupBy },
  parts: Parts,
): { sql: string; params: unknown[] } {
  const p = new Params();
  const where = scopeSql(scope, p);
  const f = p.add(options.from, 'date');
  const t = p.add(options.to, 'date');
  const G = groupSql(options.groupBy);
  const grouped = options.groupBy !== 'totaal';
  const w = parts.flows ? p.add(parts.flows.windowDays, 'integer') : '';

  const lower = parts.flows ? `${f} - ${w}` : f;
  // only the columns the parts of this statement read: `r` is materialised, and every column costs per row
  const definitions: Record<RColumn, string> = {
    g: `${G} COLLATE "C" AS g`,
    c: 'client_pseudonym AS c',
    id: 'id',
    lvl: 'intensiteit AS lvl',
    start: 'coalesce(ingangsdatum, begindatum) AS start',
    b: 'begindatum AS b',
    s: 'stopdatum AS s',
    v: 'verblijf AS v',
    pl: 'volgens_plan AS pl',
    wt: 'wachttijd_dagen AS wt',
    na: 'herinstroom_na AS na',
    st: `coalesce(begindatum BETWEEN ${f} AND ${t}, false) AS st`,
    en: `coalesce(begindatum IS NOT NULL AND stopdatum BETWEEN ${f} AND ${t}, false) AS en`,
    ac: `coalesce(begindatum <= ${t} AND (stopdatum IS NULL OR stopdatum > ${t}), false) AS ac`,
  };
  const needed = columnsOf(parts);
  const columns = (Object.keys(definitions) as RColumn[])
    .filter((c) => needed.has(c))
    .map((c) => definitions[c])
    .join(', ');
  const ctes: string[] = [];
  ctes.push(`r AS MATERIALIZED (
    SELECT ${columns}
      FROM trajectory
     WHERE ${where()} AND status <> 'ingetrokken' AND coalesce(stopdatum, 'infinity'::date) >= ${lower}
       AND begindatum IS NOT NULL AND (begindatum <= ${t} OR stopdatum <= ${t})
    UNION ALL
    SELECT ${columns}
      FROM trajectory
     WHERE ${where()} AND status <> 'ingetrokken' AND stopdatum < begindatum AND stopdatum < ${lower}
       AND begindatum BETWEEN ${f} AND ${t})`);

  const out: string[] = [];
  if (parts.indicators) {
    const setsG = grouped ? 'GROUPING SETS ((g), ())' : '()';
    const total = grouped ? 'grouping(g) = 1 AS total, g' : 'true AS total, NULL::text AS g';
    ctes.push(`counts AS (
      SELECT ${total}, count(*) FILTER (WHERE st) AS instroom, count(*) FILTER (WHERE en) AS uitstroom,
             count(*) FILTER (WHERE ac) AS actief, count(*) FILTER (WHERE st AND v) AS verblijf,
             count(*) FILTER (WHERE en AND pl IS NOT NULL) AS plan_bekend, count(*) FILTER (WHERE en AND pl) AS volgens_plan
        FROM r GROUP BY ${setsG})`);
    ctes.push(`pv AS MATERIALIZED (
      SELECT g, 1 AS k, s - b AS val FROM r WHERE en
      UNION ALL SELECT g, 2, ${t} - b FROM r WHERE ac
      UNION ALL SELECT g, 3, wt FROM r WHERE st AND wt IS NOT NULL)`);
    ctes.push(...nearestRankCtes(grouped));
    out.push(`'counts', (SELECT json_agg(counts) FROM counts)`, `'pct', (SELECT json_agg(pct) FROM pct)`);
  }
  if (parts.alerts) {
    const AG = options.groupBy === 'gemeente' ? 'gemeente' : options.groupBy === 'aanbieder' ? 'aanbieder' : 'NULL::text';
    ctes.push(`al AS (
      SELECT ${AG} AS g, rule_id, ${t} - (detected_at AT TIME ZONE 'Europe/Amsterdam')::date AS age
        FROM alert WHERE status IN ('open', 'acknowledged') AND ${where()})`);
    ctes.push(`alerts AS (
      SELECT grouping(g) = 1 AS total, g, rule_id, count(*) FILTER (WHERE age < 7) AS lt7,
             count(*) FILTER (WHERE age BETWEEN 7 AND 30) AS d7to30, count(*) FILTER (WHERE age > 30) AS gt30
        FROM al WHERE age >= 0 GROUP BY GROUPING SETS ((g, rule_id), (rule_id)))`);
    out.push(`'alerts', (SELECT json_agg(alerts) FROM alerts)`);
    if (grouped) out.push(`'groups', (SELECT json_agg(g) FROM (${censusSql(scope, options.groupBy, where(), p)}) AS census)`);
  }
  if (parts.herinstroom) {
    // Herinstroom, per new trajectory: herinstroom_na (migration 1700000000200, written by the projection) is the latest stop
    // of another included trajectory of the child before its start (start = ingangsdatum, which may lie before or after
    // the begindatum), so start <= herinstroom_na + n months is herinstroom within n months (adding months is monotone,
    // and `date + interval 'n months'` clamps to the month end exactly like addMonthsClamped of libs/dates). Nationally
    // that is the answer. A narrower scope counts only predecessors within it: the latest of those can only be earlier,
    // so only a trajectory whose herinstroom_na lies within 12 months looks its predecessors in the scope up by child.
    const national = 'alle' in scope;
    const latest = national
      ? 'n.na'
      : `(SELECT max(x.stopdatum) FROM trajectory x
           WHERE n.start <= (n.na + interval '12 months')::date AND x.client_pseudonym = n.c AND x.id <> n.id
             AND x.status <> 'ingetrokken' AND ${where('x')} AND x.stopdatum < n.start)`;
    // flags per child and group directly, no per-trajectory step between
    ctes.push(`children AS (
      SELECT ${grouped ? 'grouping(n.g) = 1 AS total, n.g' : 'true AS total, NULL::text AS g'}, n.c,
             coalesce(bool_or(n.start <= (h.na + interval '6 months')::date), false) AS m6,
             coalesce(bool_or(n.start <= (h.na + interval '12 months')::date), false) AS m12
        FROM r n CROSS JOIN LATERAL (SELECT ${latest} AS na) h
       WHERE n.st
       GROUP BY ${grouped ? 'GROUPING SETS ((n.g, n.c), (n.c))' : 'n.c'})`);
    ctes.push(`her AS (
      SELECT total, g, count(*) AS kinderen, count(*) FILTER (WHERE m6) AS m6, count(*) FILTER (WHERE m12) AS m12
        FROM children GROUP BY total, g)`);
    out.push(`'her', (SELECT json_agg(her) FROM her)`);
  }
  if (parts.trend) {
    const fr = p.add(parts.trend.froms, 'date[]');
    const en = p.add(parts.trend.tos, 'date[]');
    // actief at each sub-period end e_j: b ≤ e_j < s, i.e. j from jb = #{e < b} + 1 to js = #{e < s}: +1 at jb, −1 at js + 1.
    // One pass over r counts its rows by these sub-period numbers (few distinct combinations), the sums come from those.
    ctes.push(`tb AS (
      SELECT CASE WHEN st THEN width_bucket(b, ${fr}) END AS jin, CASE WHEN en THEN width_bucket(s, ${fr}) END AS juit,
             CASE WHEN b <= ${t} THEN width_bucket(b - 1, ${en}) + 1 END AS jb,
             CASE WHEN b <= ${t} AND s IS NOT NULL THEN width_bucket(s - 1, ${en}) END AS js,
             s IS NULL AS open, coalesce(s <= ${t}, false) AS sin, count(*) AS n
        FROM r GROUP BY 1, 2, 3, 4, 5, 6)`);
    ctes.push(`tr AS (
      SELECT j, sum(ins) AS instroom, sum(uit) AS uitstroom, sum(delta) AS delta FROM (
        SELECT jin AS j, n AS ins, 0 AS uit, 0 AS delta FROM tb WHERE jin IS NOT NULL
        UNION ALL SELECT juit, 0, n, 0 FROM tb WHERE juit IS NOT NULL
        UNION ALL SELECT jb, 0, 0, n FROM tb WHERE jb IS NOT NULL AND (open OR jb <= js)
        UNION ALL SELECT js + 1, 0, 0, -n FROM tb WHERE jb IS NOT NULL AND sin AND jb <= js) x
       GROUP BY j)`);
    out.push(`'trend', (SELECT json_agg(tr) FROM tr)`);
  }
  if (parts.flows) {
    // distinct children per pair by hashing (count(DISTINCT) would sort)
    ctes.push(`fl AS (
      SELECT van, naar, count(*) AS kinderen FROM (
        SELECT DISTINCT a.lvl AS van, n.lvl AS naar, n.c
          FROM r n JOIN r a ON a.c = n.c AND a.id <> n.id AND a.lvl <> n.lvl AND a.b < n.b AND (a.s IS NULL OR a.s >= n.b - ${w})
         WHERE n.st AND n.lvl IS NOT NULL) x
       GROUP BY van, naar)`);
    out.push(`'flows', (SELECT json_agg(fl) FROM fl)`);
  }
  if (parts.histogram) {
    const bounds = p.add([...parts.histogram.bounds], 'integer[]');
    const durations = parts.histogram.soort === 'beeindigd' ? 'SELECT s - b AS d FROM r WHERE en' : `SELECT ${t} - b AS d FROM r WHERE ac`;
    ctes.push(`hist AS (SELECT width_bucket(d, ${bounds}) AS i, count(*) AS n FROM (${durations}) x GROUP BY 1)`);
    out.push(`'histogram', (SELECT json_agg(hist) FROM hist)`);
  }
  return { sql: `WITH ${ctes.join(',\n')}\nSELECT json_build_object(${out.join(', ')}) AS out`, params: p.values };
}

interface Output {
  counts?:
    | {
        total: boolean;
        g: string | null;
        instroom: number;
        uitstroom: number;
        actief: number;
        verblijf: number;
        plan_bekend: number;
        volgens_plan: number;
      }[]
    | null;
  pct?: { total: boolean; g: string | null; k: 1 | 2 | 3; n: number; p: [number, number, number] }[] | null;
  her?: { total: boolean; g: string | null; kinderen: number; m6: number; m12: number }[] | null;
  alerts?: { total: boolean; g: string | null; rule_id: string; lt7: number; d7to30: number; gt30: number }[] | null;
  groups?: string[] | null;
  trend?: { j: number; instroom: number; uitstroom: number; delta: number }[] | null;
  flows?: { van: IntensityLevel; naar: IntensityLevel; kinderen: number }[] | null;
  histogram?: { i: number; n: number }[] | null;
}

const NO_VALUES: Percentiles = { n: 0, p50: null, p75: null, p90: null };

function aggregatesOf(out: Output, grouped: boolean): { byGroup: Map<string, GroupAggregates>; totaal: GroupAggregates } {
  const keyOf = (row: { total: boolean; g: string | null }) => (row.total || !grouped ? TOTAAL : (row.g as string));
  const all = new Map<string, GroupAggregates>();
  const get = (key: string): GroupAggregates => {
    let a = all.get(key);
    if (!a) {
      a = {
        instroom: 0,
        uitstroom: 0,
        actief: 0,
        duurBeeindigd: NO_VALUES,
        duurLopend: NO_VALUES,
        wachttijd: NO_VALUES,
        instroomVerblijf: 0,
        uitstroomPlanBekend: 0,
        uitstroomVolgensPlan: 0,
        kinderenInstroom: 0,
        herinstroom6m: 0,
        herinstroom12m: 0,
      };
      all.set(key, a);
    }
    return a;
  };
  for (const c of out.counts ?? []) {
    Object.assign(get(keyOf(c)), {
      instroom: c.instroom,
      uitstroom: c.uitstroom,
      actief: c.actief,
      instroomVerblijf: c.verblijf,
      uitstroomPlanBekend: c.plan_bekend,
      uitstroomVolgensPlan: c.volgens_plan,
    });
  }
  for (const q of out.pct ?? []) {
    const values: Percentiles = { n: q.n, p50: q.p[0], p75: q.p[1], p90: q.p[2] };
    const a = get(keyOf(q));
    if (q.k === 1) a.duurBeeindigd = values;
    else if (q.k === 2) a.duurLopend = values;
    else a.wachttijd = values;
  }
  for (const h of out.her ?? []) Object.assign(get(keyOf(h)), { kinderenInstroom: h.kinderen, herinstroom6m: h.m6, herinstroom12m: h.m12 });
  const totaal = get(TOTAAL);
  all.delete(TOTAAL);
  return { byGroup: all, totaal };
}

function alertsOf(out: Output, grouped: boolean): { byGroup: Map<string, AlertCounts>; ruleIds: string[]; groups: string[] } {
  const byGroup = new Map<string, Map<string, { lt7: number; d7to30: number; gt30: number }>>();
  const groups: string[] = [];
  for (const a of out.alerts ?? []) {
    if (!a.total && (a.g === null || !grouped)) continue; // only the totaal row counts alerts without a group key
    const key = a.total ? TOTAAL : (a.g as string);
    if (!a.total) groups.push(key);
    const rules = byGroup.get(key) ?? new Map<string, { lt7: number; d7to30: number; gt30: number }>();
    rules.set(a.rule_id, { lt7: a.lt7, d7to30: a.d7to30, gt30: a.gt30 });
    byGroup.set(key, rules);
  }
  return { byGroup, ruleIds: [...(byGroup.get(TOTAAL)?.keys() ?? [])], groups };
}

export class IndicatorRepository {
  constructor(private readonly session: SqlSession) {}

  /** The indicator table (what computeIndicators gives with the scope's open and acknowledged alerts as openAlerts). */
  indicators(scope: IndicatorScope, options: Omit<IndicatorOptions, 'openAlerts'>): Promise<IndicatorResult> {
    validateOptions(options);
    return this.run(scope, options, [{ indicators: true }, { indicators: false, alerts: true, herinstroom: true }], (out) =>
      this.result(out, options),
    );
  }

  /** Everything the regional dashboard shows, from one snapshot (two statements side by side, see run). */
  dashboard(scope: IndicatorScope, options: DashboardOptions): Promise<Dashboard> {
    validateOptions(options);
    const minCount = validateMinCount(options.minCount);
    const periods = trendPeriods(options.from, options.to, options.interval ?? 'month');
    const bounds = options.bucketsInDays ?? DEFAULT_DURATION_BUCKETS;
    validateBuckets(bounds);
    const windowDays = validateWindowDays(options.windowDays);
    const parts: Parts[] = [
      { indicators: true },
      {
        indicators: false,
        alerts: true,
        herinstroom: true,
        trend: { froms: periods.map((x) => x.from), tos: periods.map((x) => x.to) },
        flows: { windowDays },
        histogram: { bounds, soort: 'beeindigd' },
      },
    ];
    return this.run(scope, options, parts, (out) => ({
      result: this.result(out, options),
      trend: trendOf(out, periods, minCount),
      flows: levelFlows(out.flows ?? [], minCount),
      durations: histogramBuckets(bounds, countsOf(out, bounds), minCount),
    }));
  }

  /** trendSeries in PostgreSQL. */
  trend(
    scope: IndicatorScope,
    from: IsoDate,
    to: IsoDate,
    interval: TrendInterval = 'month',
    options: { minCount?: number } = {},
  ): Promise<TrendPoint[]> {
    const minCount = validateMinCount(options.minCount);
    const periods = trendPeriods(from, to, interval);
    const parts: Parts = { indicators: false, trend: { froms: periods.map((x) => x.from), tos: periods.map((x) => x.to) } };
    return this.run(scope, { from, to, groupBy: 'totaal' }, [parts], (out) => trendOf(out, periods, minCount));
  }

  /** flowsBetweenLevels in PostgreSQL. */
  flows(scope: IndicatorScope, from: IsoDate, to: IsoDate, options: { minCount?: number; windowDays?: number } = {}): Promise<LevelFlow[]> {
    const minCount = validateMinCount(options.minCount);
    const windowDays = validateWindowDays(options.windowDays);
    validateOptions({ from, to, groupBy: 'totaal' });
    return this.run(scope, { from, to, groupBy: 'totaal' }, [{ indicators: false, flows: { windowDays } }], (out) =>
      levelFlows(out.flows ?? [], minCount),
    );
  }

  /** durationHistogram in PostgreSQL. */
  durationHistogram(
    scope: IndicatorScope,
    from: IsoDate,
    to: IsoDate,
    bucketsInDays: readonly number[],
    options: { minCount?: number; soort?: 'beeindigd' | 'lopend' } = {},
  ): Promise<HistogramBucket[]> {
    const minCount = validateMinCount(options.minCount);
    validateOptions({ from, to, groupBy: 'totaal' });
    validateBuckets(bucketsInDays);
    const parts: Parts = { indicators: false, histogram: { bounds: bucketsInDays, soort: options.soort ?? 'beeindigd' } };
    return this.run(scope, { from, to, groupBy: 'totaal' }, [parts], (out) =>
      histogramBuckets(bucketsInDays, countsOf(out, bucketsInDays), minCount),
    );
  }

  private result(out: Output, options: Omit<IndicatorOptions, 'openAlerts'>): IndicatorResult {
    const grouped = options.groupBy !== 'totaal';
    const { byGroup, totaal } = aggregatesOf(out, grouped);
    const alerts = alertsOf(out, grouped);
    return indicatorResultOf(options, {
      groups: [...(out.groups ?? []), ...alerts.groups],
      byGroup,
      totaal,
      alertsByGroup: alerts.byGroup,
      ruleIds: alerts.ruleIds,
    });
  }

  /**
   * Runs the statements of `parts` (one or two) and reads their merged output. Two run side by side on two connections
   * sharing ONE snapshot, so that both cores work on one request: the first transaction exports its snapshot
   * (pg_export_snapshot) and only then asks for the second connection, which imports it (SET TRANSACTION SNAPSHOT) before
   * its statement. The first never waits for the second to get a connection: when it has finished its own statement and
   * the second has not started yet (the pool is busy), it runs the second statement itself and the second does nothing.
   * So a busy pool costs time, never a deadlock, and every part still comes from the one snapshot.
   */
  private run<T>(
    scope: IndicatorScope,
    options: { from: IsoDate; to: IsoDate; groupBy: GroupBy },
    parts: readonly Parts[],
    read: (out: Output) => T,
  ): Promise<T> {
    if ('gemeenten' in scope && !Array.isArray(scope.gemeenten)) throw new RangeError('scope.gemeenten must be an array');
    const [first, second] = parts.map((x) => buildStatement(scope, options, x));
    const statement = async (query: SqlQuery, s: { sql: string; params: unknown[] }) =>
      ((await query(s.sql, s.params))[0]?.out ?? {}) as Output;
    return this.session(async (query) => {
      for (const setting of SESSION_SETTINGS) await query(setting);
      if (!second) return read(await statement(query, first!));
      const rows = await query('SELECT pg_export_snapshot() AS id');
      const snapshot = String(rows[0]!.id);
      const state: { claimed: 'first' | 'second' | null } = { claimed: null };
      const other = this.session(async (q2) => {
        if (state.claimed !== null) return null;
        state.claimed = 'second';
        await q2(SESSION_SETTINGS[0]!);
        await q2(`SET TRANSACTION SNAPSHOT '${snapshot.replace(/'/g, "''")}'`);
        for (const setting of SESSION_SETTINGS.slice(1)) await q2(setting);
        return statement(q2, second);
      });
      other.catch(() => undefined); // awaited below when it ran; a failure before that is the first's to report
      const mine = await statement(query, first!);
      if (state.claimed === null) {
        state.claimed = 'first';
        return read({ ...mine, ...(await statement(query, second)) });
      }
      return read({ ...mine, ...((await other) ?? {}) });
    });
  }
}

function trendOf(out: Output, periods: ReturnType<typeof trendPeriods>, minCount: number): TrendPoint[] {
  const byJ = new Map((out.trend ?? []).map((x) => [x.j, x]));
  let actief = 0;
  return periods.map((period, i) => {
    const x = byJ.get(i + 1);
    actief += x?.delta ?? 0;
    return {
      ...period,
      instroom: countCell(x?.instroom ?? 0, minCount),
      uitstroom: countCell(x?.uitstroom ?? 0, minCount),
      actief: countCell(actief, minCount),
    };
  });
}

function countsOf(out: Output, bounds: readonly number[]): number[] {
  const counts = new Array<number>(bounds.length + 1).fill(0);
  for (const h of out.histogram ?? []) counts[h.i] = h.n;
  return counts;
}

/** The two parts of a request as ONE statement (what the repository runs on two connections), for EXPLAIN in the benchmark and tests. */
export function indicatorStatement(
  scope: IndicatorScope,
  options: { from: IsoDate; to: IsoDate; groupBy: GroupBy },
  dashboard: boolean,
): { sql: string; params: unknown[] } {
  const periods = trendPeriods(options.from, options.to);
  return buildStatement(
    scope,
    options,
    dashboard
      ? {
          indicators: true,
          alerts: true,
          herinstroom: true,
          trend: { froms: periods.map((x) => x.from), tos: periods.map((x) => x.to) },
          flows: { windowDays: 30 },
          histogram: { bounds: DEFAULT_DURATION_BUCKETS, soort: 'beeindigd' },
        }
      : { indicators: true, alerts: true, herinstroom: true },
  );
}
