/**
 * The waiting-time and referral-route tables as CSV, in the format of toCsv (csv.ts): separator ';', decimal comma,
 * CRLF, header row first, '*' for a suppressed cell, an empty field for a null one, optional UTF-8 BOM. One table per
 * file (GET /api/v1/indicators/wachttijden.csv?table=wachttijden|verwijsroutes), so that Excel opens each as it is.
 */
import { CSV_SEPARATOR, CSV_SUPPRESSED, formatNumber } from './csv';
import type { Cell } from './model';
import { WACHTTIJD_MEASURES, type VerwijsrouteResult, type WachttijdResult } from './wachttijden';

function fmt(cell: Cell): string {
  if (cell.suppressed) return CSV_SUPPRESSED;
  return cell.value === null ? '' : formatNumber(cell.value);
}

function text(lines: string[][], bom: boolean | undefined): string {
  const out = lines
    .map((fields) => fields.map((f) => (/[;"\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(CSV_SEPARATOR))
    .join('\r\n');
  return `${bom ? '\uFEFF' : ''}${out}\r\n`;
}

/**
 * Columns: the group (header = groupBy, or `groep`), then per measure (verzoekToewijzing, toewijzingStart,
 * verzoekStart) `<measure>_aantal`, `_mediaan`, `_p90`, `_mediaan_stoplicht`, `_p90_stoplicht` (days).
 */
export function wachttijdenCsv(result: WachttijdResult, options: { bom?: boolean } = {}): string {
  const header = [
    result.groupBy === 'totaal' ? 'groep' : result.groupBy,
    ...WACHTTIJD_MEASURES.flatMap((m) => [`${m}_aantal`, `${m}_mediaan`, `${m}_p90`, `${m}_mediaan_stoplicht`, `${m}_p90_stoplicht`]),
  ];
  const rows = result.rows.map((r) => [
    r.group,
    ...WACHTTIJD_MEASURES.flatMap((m) => [
      fmt(r[m].aantal),
      fmt(r[m].mediaan),
      fmt(r[m].p90),
      r[m].mediaan.stoplicht ?? '',
      r[m].p90.stoplicht ?? '',
    ]),
  ]);
  return text([header, ...rows], options.bom);
}

/** Columns: route, instroom, aandeelInstroom, geescaleerd, aandeelGeescaleerd, beeindigd, herinstroom6m, herinstroom12m. */
export function verwijsroutesCsv(result: VerwijsrouteResult, options: { bom?: boolean } = {}): string {
  const header = [
    'route',
    'instroom',
    'aandeelInstroom',
    'geescaleerd',
    'aandeelGeescaleerd',
    'beeindigd',
    'herinstroom6m',
    'herinstroom12m',
  ];
  const rows = result.rows.map((r) => [
    r.route,
    ...[r.instroom, r.aandeelInstroom, r.geescaleerd, r.aandeelGeescaleerd, r.beeindigd, r.herinstroom6m, r.herinstroom12m].map(fmt),
  ]);
  return text([header, ...rows], options.bom);
}
