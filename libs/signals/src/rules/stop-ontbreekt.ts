/**
 * STOP_ONTBREEKT (toestand): status 'gestart' with a toewijzing einddatum, and no JW307 after the SAP term.
 * uiterlijkeStopdatum = addWorkingDays(einddatum, werkdagen) (5 Dutch working days; the 5th working day is still in
 * time). The alert fires from the NEXT calendar day (uiterlijkeStopdatum + 1). Severity midden; hoog from
 * ernstigNaDagen days after that. Key `STOP_ONTBREEKT|<trajectoryId>|eind-<einddatum>`: an extension (new einddatum)
 * ends the old situation. Ends when the JW307 arrives, or the einddatum is extended/removed, or the start is deleted
 * (StatusAanlevering 3); after a deletion of a start or stop the key gets `|verwijderd-<n>` (verwijderingEpisode).
 */
import type { IsoDate } from '@trajectwacht/ijw';
import type { TrajectoryState } from '@trajectwacht/trajectory';
import type { SignalConfig } from '../config';
import { addDays, daysBetween } from '@trajectwacht/dates';
import type { AlertCandidate } from '../model';
import { addWorkingDays } from '../working-days';
import { candidate, cfgFor, dedupKey, defineRule, verwijderingEpisode } from './common';

export const STOP_ONTBREEKT_ID = 'STOP_ONTBREEKT' as const;

/** The last day on which the JW307 is in time: einddatum + `werkdagen` Dutch working days. */
export function uiterlijkeStopdatum(einddatum: IsoDate, cfg: SignalConfig): IsoDate {
  return addWorkingDays(einddatum, cfg.stopOntbreekt.werkdagen, cfg.werkdagen);
}

function dates(
  t: TrajectoryState,
  cfg: SignalConfig,
): { einddatum: IsoDate; uiterlijk: IsoDate; alertVanaf: IsoDate; ernstigVanaf: IsoDate } | null {
  if (t.status !== 'gestart' || t.einddatum === null) return null;
  const uiterlijk = uiterlijkeStopdatum(t.einddatum, cfg);
  const alertVanaf = addDays(uiterlijk, 1);
  return { einddatum: t.einddatum, uiterlijk, alertVanaf, ernstigVanaf: addDays(alertVanaf, cfg.stopOntbreekt.ernstigNaDagen) };
}

export const stopOntbreekt = defineRule({
  id: STOP_ONTBREEKT_ID,
  kind: 'toestand',
  description: 'De einddatum van de toewijzing is meer dan 5 werkdagen verstreken en er is geen JW307 stop zorg.',
  situations(input) {
    const out: AlertCandidate[] = [];
    for (const t of input.child.trajectories) {
      const cfg = cfgFor(input, t);
      const d = dates(t, cfg);
      if (d === null || input.now < d.alertVanaf) continue;
      out.push(
        candidate({
          ruleId: STOP_ONTBREEKT_ID,
          severity: input.now >= d.ernstigVanaf ? 'hoog' : 'midden',
          gemeente: t.gemeente,
          aanbieder: t.aanbieder,
          clientPseudonym: t.clientPseudonym,
          trajectoryIds: [t.id],
          dedupKey: dedupKey(STOP_ONTBREEKT_ID, t.id, `eind-${d.einddatum}`, ...verwijderingEpisode([t])),
          effectiveAt: d.alertVanaf,
          facts: {
            begindatum: t.begindatum,
            einddatum: d.einddatum,
            uiterlijkeStopdatum: d.uiterlijk,
            werkdagen: cfg.stopOntbreekt.werkdagen,
            dagenTeLaat: daysBetween(d.uiterlijk, input.now),
            productcategorie: t.productcategorie,
          },
          recipients: ['aanbieder', 'toegang'],
          title: 'Stop zorg ontbreekt na einddatum toewijzing',
        }),
      );
    }
    return out;
  },
  checkDates(input) {
    return input.child.trajectories.flatMap((t) => {
      const d = dates(t, cfgFor(input, t));
      return d ? [d.alertVanaf, d.ernstigVanaf] : [];
    });
  },
});
