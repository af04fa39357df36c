/**
 * UITSTROOM_STAGNATIE (toestand), two independent situations per started trajectory (status 'gestart'):
 * - duur: now ≥ normDatum, where normDatum = begindatum + uitstroom.crisisNormDagen days for a crisis product, else
 *   begindatum + uitstroom.normMaanden[intensiteit] months (addMonthsRolledOver: a missing day rolls over to the 1st of the next
 *   month), else begindatum + zonderNiveauMaanden (null: no norm). Severity midden; hoog from twice the norm.
 *   Key `UITSTROOM_STAGNATIE|<trajectoryId>|duur`.
 * - verlengingen: aantalVerlengingen > uitstroom.maxVerlengingen. Severity midden.
 *   Key `UITSTROOM_STAGNATIE|<trajectoryId>|verlengingen`.
 * Both end when the JW307 arrives (status no longer 'gestart'), or the start is deleted; a correction can also remove
 * them. After a deletion of a start or stop (StatusAanlevering 3) the keys get `|verwijderd-<n>` (verwijderingEpisode).
 */
import type { IsoDate } from '@trajectwacht/ijw';
import type { TrajectoryState } from '@trajectwacht/trajectory';
import type { SignalConfig } from '../config';
import { addDays, addMonthsRolledOver, daysBetween, maxDate } from '@trajectwacht/dates';
import type { AlertCandidate } from '../model';
import { candidate, cfgFor, dedupKey, defineRule, verwijderingEpisode } from './common';

export const UITSTROOM_STAGNATIE_ID = 'UITSTROOM_STAGNATIE' as const;

export interface DuurNorm {
  /** e.g. '12 maanden' or '28 dagen'. */
  omschrijving: string;
  normDatum: IsoDate;
  ernstigDatum: IsoDate;
}

/** The duration norm of a started trajectory, or null (not started, or no norm for its product). */
export function duurNorm(t: TrajectoryState, cfg: SignalConfig): DuurNorm | null {
  if (t.begindatum === null) return null;
  const begin = t.begindatum;
  if (t.crisis) {
    const n = cfg.uitstroom.crisisNormDagen;
    return { omschrijving: `${n} dagen (crisis)`, normDatum: addDays(begin, n), ernstigDatum: addDays(begin, 2 * n) };
  }
  const months = t.intensiteit !== null ? cfg.uitstroom.normMaanden[t.intensiteit] : cfg.uitstroom.zonderNiveauMaanden;
  if (months === null || months === undefined) return null;
  return {
    omschrijving: `${months} maanden`,
    normDatum: addMonthsRolledOver(begin, months),
    ernstigDatum: addMonthsRolledOver(begin, 2 * months),
  };
}

export const uitstroomStagnatie = defineRule({
  id: UITSTROOM_STAGNATIE_ID,
  kind: 'toestand',
  description: 'Een gestart traject loopt langer dan de norm voor zijn intensiteit, of is vaker verlengd dan toegestaan.',
  situations(input) {
    const out: AlertCandidate[] = [];
    for (const t of input.child.trajectories) {
      if (t.status !== 'gestart' || t.begindatum === null) continue;
      const cfg = cfgFor(input, t);
      const base = {
        ruleId: UITSTROOM_STAGNATIE_ID,
        gemeente: t.gemeente,
        aanbieder: t.aanbieder,
        clientPseudonym: t.clientPseudonym,
        trajectoryIds: [t.id],
        recipients: ['toegang' as const],
      };
      const norm = duurNorm(t, cfg);
      if (norm !== null && input.now >= norm.normDatum) {
        out.push(
          candidate({
            ...base,
            severity: input.now >= norm.ernstigDatum ? 'hoog' : 'midden',
            dedupKey: dedupKey(UITSTROOM_STAGNATIE_ID, t.id, 'duur', ...verwijderingEpisode([t])),
            effectiveAt: norm.normDatum,
            facts: {
              soort: 'duur',
              begindatum: t.begindatum,
              norm: norm.omschrijving,
              normDatum: norm.normDatum,
              duurDagen: daysBetween(t.begindatum, input.now),
              intensiteit: t.intensiteit,
              crisis: t.crisis,
              einddatum: t.einddatum,
            },
            title: `Traject loopt langer dan de norm (${norm.omschrijving})`,
          }),
        );
      }
      if (t.aantalVerlengingen > cfg.uitstroom.maxVerlengingen) {
        const wijzigingen = t.timeline.filter((e) => e.soort === 'wijziging' && e.datum <= input.now).map((e) => e.datum);
        out.push(
          candidate({
            ...base,
            severity: 'midden',
            dedupKey: dedupKey(UITSTROOM_STAGNATIE_ID, t.id, 'verlengingen', ...verwijderingEpisode([t])),
            effectiveAt: maxDate(...wijzigingen) ?? t.begindatum,
            facts: {
              soort: 'verlengingen',
              begindatum: t.begindatum,
              aantalVerlengingen: t.aantalVerlengingen,
              maxVerlengingen: cfg.uitstroom.maxVerlengingen,
              intensiteit: t.intensiteit,
              einddatum: t.einddatum,
            },
            title: `Traject ${t.aantalVerlengingen} keer verlengd`,
          }),
        );
      }
    }
    return out;
  },
  checkDates(input) {
    return input.child.trajectories.flatMap((t) => {
      if (t.status !== 'gestart') return [];
      const norm = duurNorm(t, cfgFor(input, t));
      return norm ? [norm.normDatum, norm.ernstigDatum] : [];
    });
  },
});
