/**
 * Output types of the indicator library. Every number in these types is an aggregate (a count, a share, a ratio or
 * a percentile in days): no trajectory id, client pseudonym or date of a single child ever appears in an output.
 */
import type { IntensityLevel, IsoDate } from '@trajectwacht/ijw';

export type GroupBy = 'gemeente' | 'aanbieder' | 'intensiteit' | 'totaal';

/** Key of the overall row, always present (also when groupBy is 'totaal'). */
export const TOTAAL = 'totaal';

/** Group key used for trajectories without an intensity level (groupBy 'intensiteit'). */
export const ONBEKEND = 'onbekend';

export type Stoplicht = 'groen' | 'oranje' | 'rood';

/**
 * One cell of a table. `value` is null when the cell is suppressed (privacy), when there is nothing to measure
 * (e.g. a median over zero values, a share with denominator 0) or when it is undefined (ratio with instroom 0).
 * `suppressed` distinguishes the privacy case from the others.
 */
export interface Cell {
  value: number | null;
  suppressed: boolean;
}

/** A table cell with its stoplicht (null when no norm is configured or the value is null/suppressed). */
export interface IndicatorCell extends Cell {
  stoplicht: Stoplicht | null;
}

/** All indicators, in table/CSV column order. */
export const INDICATOR_NAMES = [
  'instroom',
  'uitstroom',
  'actief',
  'ratioUitstroomInstroom',
  'duurBeeindigdMediaan',
  'duurBeeindigdP75',
  'duurBeeindigdP90',
  'duurLopendMediaan',
  'duurLopendP75',
  'duurLopendP90',
  'wachttijdMediaan',
  'wachttijdP75',
  'wachttijdP90',
  'aandeelVerblijf',
  'aandeelVolgensPlan',
  'herinstroom6m',
  'herinstroom12m',
] as const;

export type IndicatorName = (typeof INDICATOR_NAMES)[number];

/**
 * Norm for the stoplicht. higher-is-better: value ≥ groen → groen, else value ≥ oranje → oranje, else rood.
 * lower-is-better: value ≤ groen → groen, else value ≤ oranje → oranje, else rood. Boundaries are inclusive
 * (the better colour wins on the boundary).
 */
export interface Norm {
  groen: number;
  oranje: number;
  direction: 'higher-is-better' | 'lower-is-better';
}

export type Norms = Partial<Record<IndicatorName, Norm>>;

/** An open signal/alert as known to the caller (the library never needs to know which trajectory it concerns). */
export interface OpenAlert {
  ruleId: string;
  gemeente: string;
  aanbieder?: string;
  /** ISO date (YYYY-MM-DD) or ISO timestamp; a timestamp is read as its date in Europe/Amsterdam. */
  detectedAt: string;
}

/** Open alerts of one rule in one group, by age at the end of the period (`to` − detection date, in days). */
export interface OpenAlertCells {
  ruleId: string;
  /** age < 7 days */
  jongerDan7Dagen: Cell;
  /** 7 ≤ age ≤ 30 days */
  van7Tot30Dagen: Cell;
  /** age > 30 days */
  ouderDan30Dagen: Cell;
  totaal: Cell;
}

export interface IndicatorOptions {
  /** First day of the period (inclusive). */
  from: IsoDate;
  /** Last day of the period (inclusive). */
  to: IsoDate;
  groupBy: GroupBy;
  /** Privacy threshold: counts 1 … minCount−1 are suppressed. Default 5. 1 disables suppression. */
  minCount?: number;
  norms?: Norms;
  openAlerts?: OpenAlert[];
}

export interface IndicatorRow {
  /** Group key (gemeente code, aanbieder code, intensity level or 'onbekend'), or 'totaal'. */
  group: string;
  indicators: Record<IndicatorName, IndicatorCell>;
  /** One entry per ruleId seen in the open alerts (same rules, same order in every row); [] without openAlerts. */
  openAlerts: OpenAlertCells[];
}

export interface IndicatorResult {
  from: IsoDate;
  to: IsoDate;
  groupBy: GroupBy;
  minCount: number;
  /** The norms used for the stoplicht (copied from the options; {} when none). */
  norms: Norms;
  /** Group rows sorted by key, then the 'totaal' row last. With groupBy 'totaal' only the 'totaal' row. */
  rows: IndicatorRow[];
}

/** Children moving from one intensity level to another (one link of a Sankey / flow chart). */
export interface LevelFlow {
  van: IntensityLevel;
  naar: IntensityLevel;
  richting: 'opschalen' | 'afschalen';
  /** Number of distinct children. */
  kinderen: Cell;
}

export interface TrendPoint {
  /** 'YYYY-MM' for months, 'YYYY-Qn' for quarters, 'YYYY' for years. */
  periode: string;
  /** Sub-period, clipped to [from, to]. */
  from: IsoDate;
  to: IsoDate;
  instroom: Cell;
  uitstroom: Cell;
  /** Active at the end of the sub-period. */
  actief: Cell;
}

export interface HistogramBucket {
  /** Inclusive lower bound in days; null for the first bucket (everything below the first boundary). */
  vanDagen: number | null;
  /** Exclusive upper bound in days; null for the last (open) bucket. */
  totDagen: number | null;
  label: string;
  aantal: Cell;
}

/** Nearest-rank percentiles over `n` values (null when n = 0). */
export interface Percentiles {
  n: number;
  p50: number | null;
  p75: number | null;
  p90: number | null;
}

/**
 * The numbers behind one row of the indicator table, before privacy suppression and rounding. computeIndicators
 * computes them from states, the SQL repository in PostgreSQL; both turn them into cells the same way.
 */
export interface GroupAggregates {
  instroom: number;
  uitstroom: number;
  actief: number;
  /** stopdatum − begindatum of the uitstroom. */
  duurBeeindigd: Percentiles;
  /** to − begindatum of the active trajectories. */
  duurLopend: Percentiles;
  /** wachttijdDagen of the instroom, where known. */
  wachttijd: Percentiles;
  instroomVerblijf: number;
  /** Uitstroom with a known volgensPlan, and of those the ones with volgensPlan true. */
  uitstroomPlanBekend: number;
  uitstroomVolgensPlan: number;
  /** Distinct children with instroom, and of those the ones with herinstroom within 6 / 12 months. */
  kinderenInstroom: number;
  herinstroom6m: number;
  herinstroom12m: number;
}
