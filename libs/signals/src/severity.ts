/** Alert severities, lightest to heaviest. A leaf module (imports nothing), shared by the model and the config. */
export const SEVERITIES = ['info', 'laag', 'midden', 'hoog', 'kritiek'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

export function maxSeverity(a: Severity, b: Severity): Severity {
  return severityRank(a) >= severityRank(b) ? a : b;
}
