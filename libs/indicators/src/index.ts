export * from './model';
export { percentile, round4, stoplicht, DEFAULT_MIN_COUNT } from './stats';
export { activeAt, isIncluded } from './selection';
export { computeIndicators, groupKey } from './indicators';
export { flowsBetweenLevels, trendSeries, durationHistogram, type FlowOptions, type TrendInterval, type HistogramOptions } from './series';
export { toCsv, formatNumber, CSV_SEPARATOR, CSV_SUPPRESSED } from './csv';
export {
  indicatorResultOf,
  indicatorCellsOf,
  validateOptions,
  EMPTY_AGGREGATES,
  type AlertCounts,
  type IndicatorAggregates,
} from './indicators';
export { trendPeriods, histogramBuckets, levelFlows, type TrendPeriod } from './series';
export {
  IndicatorRepository,
  DEFAULT_DURATION_BUCKETS,
  indicatorStatement,
  type Dashboard,
  type DashboardOptions,
  type IndicatorScope,
  type SqlQuery,
  type SqlSession,
} from './indicators.repository';
export {
  overgang18Indicator,
  overgang18Outcomes,
  overgang18Csv,
  DEFAULT_OVERGANG18_NORM,
  type Overgang18Youth,
  type Overgang18IndicatorOptions,
  type Overgang18IndicatorResult,
  type Overgang18Row,
  type Overgang18Cells,
} from './overgang18';
export { Overgang18Repository } from './overgang18.repository';
export {
  computeWachttijden,
  computeVerwijsroutes,
  routesOf,
  verwijzerGroup,
  wachttijdResultOf,
  verwijsrouteResultOf,
  validateWachttijdOptions,
  validateVerwijsrouteOptions,
  DEFAULT_WACHTTIJD_NORMS,
  VERWIJZER_TYPES,
  VERZOEK_OM_WIJZIGING,
  ZONDER_VERZOEK,
  WACHTTIJD_GROUP_BYS,
  WACHTTIJD_MEASURES,
  WACHTTIJD_NORM_NAMES,
  type WachttijdVerzoek,
  type WachttijdGroupBy,
  type WachttijdMeasureName,
  type WachttijdNormName,
  type WachttijdNorms,
  type WachttijdOptions,
  type WachttijdResult,
  type WachttijdRow,
  type WachttijdMeasure,
  type VerwijsrouteOptions,
  type VerwijsrouteResult,
  type VerwijsrouteRow,
} from './wachttijden';
export { WachttijdRepository, wachttijdStatement } from './wachttijden.repository';
export { wachttijdenCsv, verwijsroutesCsv } from './wachttijden.csv';
