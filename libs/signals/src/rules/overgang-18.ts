/**
 * OVERGANG_18 (toestand, per child and milestone). "Care" = trajectories active on `now` (see activeOn), excluding
 * overgang18.uitgeslotenCategorieen (default 42 vervoer). Milestone dates use ageOn's rule (29 Feb → 1 March; 17½ =
 * 17th birthday + 6 months, same roll-over). Each milestone is its own situation (key
 * `OVERGANG_18|<clientPseudonym>|<milestone>`):
 * - '16'   (laag):   16 ≤ age < 17½, care includes a verblijf trajectory, and no follow-up of any kind is recorded
 *                    (Flevoland: "een plan vanaf 16 jaar in jeugdhulp met verblijf").
 * - '17.5' (midden): 17½ ≤ age < 18, any care, and no follow-up beyond 18 recorded.
 * - '18'   (hoog):   age ≥ 18 and care includes a trajectory NOT covered as verlengde jeugdhulp (its toewijzing
 *                    einddatum is null or before the 18th birthday), and no non-'plan' follow-up is recorded.
 * - '21'   (midden from 21st birthday − waarschuwingMaanden, hoog from the 21st birthday): care includes pleegzorg/gezinshuis.
 * - '23'   (midden from 23rd birthday − waarschuwingMaanden, hoog from the 23rd birthday): any care.
 * "Follow-up beyond 18" = a non-withdrawn trajectory whose toewijzing einddatum or ingangsdatum is on/after the 18th
 * birthday (treated as verlengde jeugdhulp), or a child.vervolg registration other than 'plan'. An open-ended
 * toewijzing (einddatum null) is NOT a follow-up decision. A situation ends when its care ends, a follow-up is
 * recorded, or its age window closes (16 → at 17½, 17.5 → at 18).
 * Inexact birth date (child.geboortedatumGebruik, COD170; geboortedatumBereik of @trajectwacht/trajectory):
 * - 1 (dag onbekend) / 2 (dag en maand onbekend): the birth date lies somewhere in that month / year. Every milestone
 *   date is taken from the EARLIEST possible birth date (warn from the earliest day the milestone can be reached), and
 *   a toewijzing only counts as running past 18 (coverage, follow-up) when it runs past the LATEST possible 18th
 *   birthday. The facts add geboortedatumGebruik, geboortedatumExact false and the earliest/latest possible birth
 *   date, the title ends in "(geboortedatum bij benadering)".
 * - 3 (onbekend): no milestone can be placed, the rule produces nothing (and needs no timer); the trajectory state
 *   says geboortedatumGebruik '3'.
 */
import type { IsoDate } from '@trajectwacht/ijw';
import { geboortedatumBereik, type TrajectoryState } from '@trajectwacht/trajectory';
import { addMonths, birthday, halfBirthday, maxDate, minDate } from '../dates';
import type { AlertCandidate, RuleInput, Severity } from '../model';
import { activeFrom, activeOn, activityChangeDates, candidate, cfgForChild, dedupKey, defineRule, hasOpenTrajectory, primaryTrajectory, verwijderingEpisode } from './common';

export const OVERGANG_18_ID = 'OVERGANG_18' as const;
export type Overgang18Milestone = '16' | '17.5' | '18' | '21' | '23';

export interface Overgang18Dates {
  zestien: IsoDate;
  zeventienEnHalf: IsoDate;
  achttien: IsoDate;
  waarschuwing21: IsoDate;
  eenentwintig: IsoDate;
  waarschuwing23: IsoDate;
  drieentwintig: IsoDate;
}

export function overgang18Dates(geboortedatum: IsoDate, waarschuwingMaanden: number): Overgang18Dates {
  const b21 = birthday(geboortedatum, 21);
  const b23 = birthday(geboortedatum, 23);
  return {
    zestien: birthday(geboortedatum, 16),
    zeventienEnHalf: halfBirthday(geboortedatum, 17),
    achttien: birthday(geboortedatum, 18),
    waarschuwing21: addMonths(b21, -waarschuwingMaanden),
    eenentwintig: b21,
    waarschuwing23: addMonths(b23, -waarschuwingMaanden),
    drieentwintig: b23,
  };
}

function activeCare(input: RuleInput): TrajectoryState[] {
  const anyActive = input.child.trajectories.filter((t) => activeOn(t, input.now));
  const cfg = cfgForChild(input, primaryTrajectory(anyActive));
  return anyActive.filter((t) => t.productcategorie === null || !cfg.overgang18.uitgeslotenCategorieen.includes(t.productcategorie));
}

export const overgang18 = defineRule({
  id: OVERGANG_18_ID,
  kind: 'toestand',
  description: 'Overgang 18-/18+: plan vanaf 16 (verblijf), 17½ en 18 zonder vervolg, en de grenzen van 21 en 23 jaar.',
  situations(input) {
    const care = activeCare(input);
    if (care.length === 0) return [];
    const primary = primaryTrajectory(care);
    if (primary === null) return [];
    const cfg = cfgForChild(input, primary);
    const { now } = input;
    const bereik = geboortedatumBereik(input.child.geboortedatum, input.child.geboortedatumGebruik);
    if (bereik === null) return []; // DatumGebruik 3: the age is unknown, no milestone can be placed
    const exact = input.child.geboortedatumGebruik === undefined;
    // milestones from the earliest possible birth date (warn early), coverage past 18 only when it surely is (latest)
    const d = overgang18Dates(bereik.vroegst, cfg.overgang18.waarschuwingMaanden);
    const achttienLaatst = birthday(bereik.laatst, 18);
    const vervolg = (input.child.vervolg ?? []).filter((v) => v.vastgelegdOp <= now);
    const extern = vervolg.some((v) => v.soort !== 'plan');
    const viaIjw = input.child.trajectories.some(
      (t) => t.status !== 'ingetrokken' && ((t.einddatum !== null && t.einddatum >= achttienLaatst) || (t.ingangsdatum !== null && t.ingangsdatum >= achttienLaatst)),
    );
    const out: AlertCandidate[] = [];
    const push = (milestone: Overgang18Milestone, severity: Severity, milestoneDate: IsoDate, relevant: TrajectoryState[], title: string): void => {
      const from = minDate(...relevant.map(activeFrom));
      out.push(
        candidate({
          ruleId: OVERGANG_18_ID,
          severity,
          gemeente: primaryTrajectory(relevant)?.gemeente ?? primary.gemeente,
          clientPseudonym: input.child.clientPseudonym,
          trajectoryIds: relevant.map((t) => t.id),
          dedupKey: dedupKey(OVERGANG_18_ID, input.child.clientPseudonym, milestone, ...verwijderingEpisode(relevant)),
          effectiveAt: maxDate(milestoneDate, from) ?? milestoneDate,
          facts: {
            mijlpaal: milestone,
            geboortedatum: input.child.geboortedatum,
            mijlpaalDatum: milestoneDate,
            achttienDatum: d.achttien,
            verblijf: relevant.some((t) => t.verblijf),
            vervolgVastgelegd: extern || viaIjw,
            aantalTrajecten: relevant.length,
            // only for an inexact birth date (facts of an exact one stay as they were)
            ...(exact ? {} : { geboortedatumGebruik: input.child.geboortedatumGebruik ?? null, geboortedatumExact: false, vroegsteGeboortedatum: bereik.vroegst, laatsteGeboortedatum: bereik.laatst }),
          },
          recipients: ['toegang'],
          title: exact ? title : `${title} (geboortedatum bij benadering)`,
        }),
      );
    };

    if (now >= d.zestien && now < d.zeventienEnHalf && vervolg.length === 0 && !viaIjw) {
      const verblijf = care.filter((t) => t.verblijf);
      if (verblijf.length) push('16', 'laag', d.zestien, verblijf, 'Jongere (16+) in verblijf: plan voor 18+ nodig');
    }
    if (now >= d.zeventienEnHalf && now < d.achttien && !extern && !viaIjw) {
      push('17.5', 'midden', d.zeventienEnHalf, care, 'Jongere 17½ zonder vervolg na 18 geregeld');
    }
    if (now >= d.achttien && !extern) {
      const uncovered = care.filter((t) => t.einddatum === null || t.einddatum < achttienLaatst);
      if (uncovered.length) push('18', 'hoog', d.achttien, uncovered, 'Zorg loopt door na 18 zonder verlengde jeugdhulp of vervolg');
    }
    if (now >= d.waarschuwing21) {
      const pleeg = care.filter((t) => t.intensiteit === 'pleegzorg_gezinshuis');
      if (pleeg.length) push('21', now >= d.eenentwintig ? 'hoog' : 'midden', d.waarschuwing21, pleeg, now >= d.eenentwintig ? 'Pleegzorg/gezinshuis na 21 jaar' : 'Pleegzorg/gezinshuis nadert 21 jaar');
    }
    if (now >= d.waarschuwing23) {
      push('23', now >= d.drieentwintig ? 'hoog' : 'midden', d.waarschuwing23, care, now >= d.drieentwintig ? 'Jeugdhulp na 23 jaar' : 'Verlengde jeugdhulp nadert 23 jaar');
    }
    return out;
  },
  checkDates(input) {
    const changes = activityChangeDates(input.child.trajectories);
    if (!hasOpenTrajectory(input.child.trajectories) && activeCare(input).length === 0) return changes;
    const primary = primaryTrajectory(input.child.trajectories.filter((t) => activeOn(t, input.now)));
    const bereik = geboortedatumBereik(input.child.geboortedatum, input.child.geboortedatumGebruik);
    if (bereik === null) return [];
    const d = overgang18Dates(bereik.vroegst, cfgForChild(input, primary).overgang18.waarschuwingMaanden);
    return [...Object.values(d), ...changes, ...(input.child.vervolg ?? []).map((v) => v.vastgelegdOp)];
  },
});
