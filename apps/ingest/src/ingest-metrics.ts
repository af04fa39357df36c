import type { Metrics } from '@trajectwacht/platform';
import type { BerichtOutcome, IncomingPayload } from './ingest.pipeline';

/**
 * The ingest counters of one pipeline call: payloads received by source; of the decisions made now (a repeat answered
 * with its earlier decision is not counted again) the accepted by berichtcode, the refused under each of their
 * retourcodes (a foutmelding under its code, e.g. TE_GROOT, NIET_BEVOEGD), and the held.
 */
export function countOutcomes(
  metrics: Metrics,
  payloads: readonly Pick<IncomingPayload, 'source'>[],
  outcomes: readonly BerichtOutcome[],
): void {
  for (const p of payloads) metrics.berichtenReceived.inc({ source: p.source });
  for (const o of outcomes) {
    if (o.herhaald) continue;
    if (o.status === 'geaccepteerd') metrics.berichtenAccepted.inc({ berichtcode: o.berichtcode ?? 'onbekend' });
    else if (o.status === 'wachtend') metrics.berichtenHeld.inc();
    else {
      const codes = new Set(o.foutmelding ? [o.foutmelding.code] : o.bevindingen.map((b) => b.retourcode));
      if (codes.size === 0) codes.add('onbekend');
      for (const retourcode of codes) metrics.berichtenRefused.inc({ retourcode });
    }
  }
}
