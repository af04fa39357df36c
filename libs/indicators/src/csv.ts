/**
 * The indicator table as CSV for Dutch Excel.
 *
 * Format (chosen for a Dutch-locale Excel, which expects exactly this when double-clicking a .csv):
 * - separator ';', decimal comma (0,6667), no thousands separator, lines ending in CRLF, header row first;
 * - one row per group in result order ('totaal' last), first column the group (header = groupBy, or 'groep');
 * - then one column per indicator (INDICATOR_NAMES order, header = indicator name), then `<indicator>_stoplicht`
 *   for every indicator with a norm, then per alert rule `alerts_<ruleId>_lt7d`, `_7tot30d`, `_gt30d`, `_totaal`;
 * - a suppressed cell is written as '*', a null (not measurable) cell as an empty field;
 * - the numbers are written exactly as they are in the result (shares/ratios are already rounded to 4 decimals);
 * - fields containing ';', '"', CR or LF are quoted with '"' (and '"' doubled);
 * - optional UTF-8 byte order mark (`bom: true`) for older Excel versions.
 */
import { INDICATOR_NAMES, type Cell, type IndicatorResult } from './model';

export const CSV_SEPARATOR = ';';
export const CSV_SUPPRESSED = '*';

/** A number with a decimal comma, exactly as in the result. */
export function formatNumber(value: number): string {
  return String(value).replace('.', ',');
}

function formatCell(cell: Cell): string {
  if (cell.suppressed) return CSV_SUPPRESSED;
  return cell.value === null ? '' : formatNumber(cell.value);
}

/** One CSV field, quoted when it holds ';', '"', CR or LF. */
export function quote(field: string): string {
  return /[;"\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/**
 * `naam`: the name of a group (gemeente or aanbieder), in a column `<groupBy>_naam` beside the code (which stays);
 * given only when the rows are gemeenten or aanbieders (names, not codes: issue 18 point 7).
 */
export function toCsv(result: IndicatorResult, options: { bom?: boolean; naam?: (group: string) => string | null } = {}): string {
  const normed = INDICATOR_NAMES.filter((name) => result.norms[name] !== undefined);
  const ruleIds = result.rows[0]?.openAlerts.map((a) => a.ruleId) ?? [];
  const header = [
    result.groupBy === 'totaal' ? 'groep' : result.groupBy,
    ...(options.naam ? [`${result.groupBy}_naam`] : []),
    ...INDICATOR_NAMES,
    ...normed.map((name) => `${name}_stoplicht`),
    ...ruleIds.flatMap((r) => [`alerts_${r}_lt7d`, `alerts_${r}_7tot30d`, `alerts_${r}_gt30d`, `alerts_${r}_totaal`]),
  ];
  const lines = [header];
  for (const row of result.rows) {
    lines.push([
      row.group,
      ...(options.naam ? [row.group === 'totaal' ? '' : (options.naam(row.group) ?? '')] : []),
      ...INDICATOR_NAMES.map((name) => formatCell(row.indicators[name])),
      ...normed.map((name) => row.indicators[name].stoplicht ?? ''),
      ...row.openAlerts.flatMap((a) => [a.jongerDan7Dagen, a.van7Tot30Dagen, a.ouderDan30Dagen, a.totaal].map(formatCell)),
    ]);
  }
  const text = lines.map((fields) => fields.map(quote).join(CSV_SEPARATOR)).join('\r\n') + '\r\n';
  return options.bom ? `\uFEFF${text}` : text;
}
