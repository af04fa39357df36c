export * from './model';
export { percentile, round4, stoplicht, DEFAULT_MIN_COUNT } from './stats';
export { addMonths, activeAt, isIncluded } from './selection';
export { computeIndicators, groupKey } from './indicators';
export { flowsBetweenLevels, trendSeries, durationHistogram, type FlowOptions, type TrendInterval, type HistogramOptions } from './series';
export { toCsv, formatNumber, CSV_SEPARATOR, CSV_SUPPRESSED } from './csv';
