/**
 * BERICHT_AFWIJKING (toestand, per deviation): a start (JW305) or stop (JW307) that deviates from the CURRENT
 * toewijzing in a way the iJw standard does not check and ingest therefore accepts since iJw 3.2 (before, the platform
 * refused it with its own codes; docs/messages.md). Read from the trajectory state's `afwijkingen`
 * (@trajectwacht/trajectory deriveTrajectory), so a rebuild reproduces it:
 * - begindatumVoorIngangsdatum: begindatum more than toleratieDagen before the toewijzing's ingangsdatum;
 * - begindatumNaEinddatum: begindatum more than toleratieDagen after the toewijzing's einddatum;
 * - einddatumNaEinddatum: JW307 einddatum more than toleratieDagen after the toewijzing's einddatum;
 * - productAnders: another productcategorie, or another productcode when both name one;
 * - toewijzingIngangsdatumAnders: the ToewijzingIngangsdatum names another version than the current one.
 * Fires ON ontvangen + berichtAfwijking.graceDagen (receipt date of the start/stop; the wait leaves room for a
 * correcting JW301). Severity per soort from berichtAfwijking.ernst (null: not signalled). To the toegang of the
 * gemeente. Key `BERICHT_AFWIJKING|<trajectoryId>|<berichtId>|<soort>`. Ends when the toewijzing is corrected (the
 * current version no longer deviates), the start/stop is deleted (StatusAanlevering 3) or the toewijzing is withdrawn.
 */
import type { Afwijking, TrajectoryState } from '@trajectwacht/trajectory';
import type { SignalConfig } from '../config';
import { addDays, daysBetween } from '@trajectwacht/dates';
import type { AlertCandidate, Severity } from '../model';
import { candidate, cfgFor, dedupKey, defineRule } from './common';

export const BERICHT_AFWIJKING_ID = 'BERICHT_AFWIJKING' as const;

const TITEL: Record<Afwijking['soort'], (a: Afwijking) => string> = {
  begindatumVoorIngangsdatum: (a) =>
    `${a.berichtcode === 'JW305' ? 'Start' : 'Stop'} zorg met begindatum ` +
    `${a.bericht} vóór de ingangsdatum ${a.toewijzing} van de toewijzing`,
  begindatumNaEinddatum: (a) =>
    `${a.berichtcode === 'JW305' ? 'Start' : 'Stop'} zorg met begindatum ${a.bericht} na de einddatum ${a.toewijzing} van de toewijzing`,
  einddatumNaEinddatum: (a) => `Stop zorg met einddatum ${a.bericht} na de einddatum ${a.toewijzing} van de toewijzing`,
  productAnders: (a) => `${a.berichtcode === 'JW305' ? 'Start' : 'Stop'} zorg voor product ${a.bericht}, toegewezen is ${a.toewijzing}`,
  toewijzingIngangsdatumAnders: (a) =>
    `${a.berichtcode === 'JW305' ? 'Start' : 'Stop'} zorg verwijst naar ` +
    `toewijzing met ingangsdatum ${a.bericht}, actueel is ${a.toewijzing}`,
};

/** Days by which a date deviation exceeds the toewijzing (null for product / version deviations). */
function afwijkingDagen(a: Afwijking): number | null {
  if (a.soort === 'begindatumVoorIngangsdatum') return daysBetween(a.bericht, a.toewijzing);
  if (a.soort === 'begindatumNaEinddatum' || a.soort === 'einddatumNaEinddatum') return daysBetween(a.toewijzing, a.bericht);
  return null;
}

interface Due {
  t: TrajectoryState;
  a: Afwijking;
  severity: Severity;
  vanaf: string;
  dagen: number | null;
}

function dues(t: TrajectoryState, cfg: SignalConfig): Due[] {
  if (t.status === 'ingetrokken' || t.ingetrokken) return [];
  const out: Due[] = [];
  for (const a of t.afwijkingen ?? []) {
    const severity = cfg.berichtAfwijking.ernst[a.soort];
    if (severity === null || severity === undefined) continue;
    const dagen = afwijkingDagen(a);
    if (dagen !== null && dagen <= cfg.berichtAfwijking.toleratieDagen) continue;
    out.push({ t, a, severity, vanaf: addDays(a.ontvangen, cfg.berichtAfwijking.graceDagen), dagen });
  }
  return out;
}

export const berichtAfwijking = defineRule({
  id: BERICHT_AFWIJKING_ID,
  kind: 'toestand',
  description:
    'Een start of stop zorg wijkt af van de actuele toewijzing (vóór de ' +
    'ingangsdatum, na de einddatum, ander product of andere toewijzingsversie).',
  situations(input) {
    const out: AlertCandidate[] = [];
    for (const t of input.child.trajectories) {
      for (const d of dues(t, cfgFor(input, t))) {
        if (input.now < d.vanaf) continue;
        out.push(
          candidate({
            ruleId: BERICHT_AFWIJKING_ID,
            severity: d.severity,
            gemeente: t.gemeente,
            aanbieder: t.aanbieder,
            clientPseudonym: t.clientPseudonym,
            trajectoryIds: [t.id],
            dedupKey: dedupKey(BERICHT_AFWIJKING_ID, t.id, d.a.berichtId, d.a.soort),
            effectiveAt: d.vanaf,
            facts: {
              soort: d.a.soort,
              berichtId: d.a.berichtId,
              berichtcode: d.a.berichtcode,
              bericht: d.a.bericht,
              toewijzing: d.a.toewijzing,
              afwijkingDagen: d.dagen,
              ontvangen: d.a.ontvangen,
              toewijzingNummer: t.toewijzingNummer,
            },
            recipients: ['toegang'],
            title: TITEL[d.a.soort](d.a),
          }),
        );
      }
    }
    return out;
  },
  checkDates(input) {
    return input.child.trajectories.flatMap((t) => dues(t, cfgFor(input, t)).map((d) => d.vanaf));
  },
});
