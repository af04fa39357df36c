/**
 * START_ZONDER_TOEWIJZING (toestand): a trajectory known only from JW305/JW307 (`toewijzingOntbreekt`) once the grace
 * period has passed: fires ON referentiedatum + graceDagen, where referentiedatum = child.ontvangen[trajectoryId]
 * (receipt date of its first message, when the service supplies it) else the begindatum. Severity midden.
 * Key `START_ZONDER_TOEWIJZING|<trajectoryId>` (+ `|verwijderd-<n>` after deletions). Ends when the JW301 arrives
 * (toewijzingOntbreekt false) or every start/stop is deleted.
 */
import { addDays } from '@trajectwacht/dates';
import type { AlertCandidate, RuleInput } from '../model';
import type { TrajectoryState } from '@trajectwacht/trajectory';
import type { IsoDate } from '@trajectwacht/ijw';
import { candidate, cfgFor, dedupKey, defineRule, verwijderingEpisode } from './common';

export const START_ZONDER_TOEWIJZING_ID = 'START_ZONDER_TOEWIJZING' as const;

function reference(input: RuleInput, t: TrajectoryState): IsoDate | null {
  return input.child.ontvangen?.[t.id] ?? t.begindatum ?? t.timeline[0]?.datum ?? null;
}

function deadline(input: RuleInput, t: TrajectoryState): { ref: IsoDate; deadline: IsoDate } | null {
  // Not when every start/stop was deleted (StatusAanlevering 3): no care is reported any more.
  if (!t.toewijzingOntbreekt || (t.begindatum === null && t.stopdatum === null)) return null;
  const ref = reference(input, t);
  if (ref === null) return null;
  return { ref, deadline: addDays(ref, cfgFor(input, t).startZonderToewijzing.graceDagen) };
}

export const startZonderToewijzing = defineRule({
  id: START_ZONDER_TOEWIJZING_ID,
  kind: 'toestand',
  description: 'Start of stop zorg voor een onbekende toewijzing, na een wachttermijn voor berichten die in andere volgorde binnenkomen.',
  situations(input) {
    const out: AlertCandidate[] = [];
    for (const t of input.child.trajectories) {
      const d = deadline(input, t);
      if (d === null || input.now < d.deadline) continue;
      out.push(
        candidate({
          ruleId: START_ZONDER_TOEWIJZING_ID,
          severity: 'midden',
          gemeente: t.gemeente,
          aanbieder: t.aanbieder,
          clientPseudonym: t.clientPseudonym,
          trajectoryIds: [t.id],
          dedupKey: dedupKey(START_ZONDER_TOEWIJZING_ID, t.id, ...verwijderingEpisode([t])),
          effectiveAt: d.deadline,
          facts: {
            toewijzingNummer: t.toewijzingNummer,
            begindatum: t.begindatum,
            stopdatum: t.stopdatum,
            referentiedatum: d.ref,
            graceDagen: cfgFor(input, t).startZonderToewijzing.graceDagen,
            productcategorie: t.productcategorie,
            productcode: t.productcode,
          },
          recipients: ['aanbieder', 'toegang'],
          title: t.stopdatum !== null ? 'Zorg gestopt zonder bekende toewijzing' : 'Zorg gestart zonder bekende toewijzing',
        }),
      );
    }
    return out;
  },
  checkDates(input) {
    return input.child.trajectories.map((t) => deadline(input, t)?.deadline ?? null);
  },
});
