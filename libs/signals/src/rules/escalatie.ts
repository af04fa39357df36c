/**
 * ESCALATIE (gebeurtenis): trajectory T (not withdrawn; toewijzing or start) joins the child's care on moment =
 * earliest of its ingangsdatum/begindatum, with moment ≤ now, and
 * - its intensity level is HIGHER than the highest level of the baseline: the child's OTHER non-withdrawn trajectories
 *   that began strictly before the moment and were active on it, or ended at most escalatie.terugkijkDagen (90) days
 *   before it. A baseline without any level (only vervoer/gedwongen kader/maatwerk) gives no comparison; a first
 *   trajectory ever is not an escalation; trajectories starting the same day are a package, not an escalation;
 * - or it carries the crisis flag (escalatie.crisis): a crisis toewijzing OR start counts (the JW305 may come 5
 *   working days late; the crisis decision itself is the signal).
 * Severity by ladder steps: 1 laag, 2 midden, 3 hoog, ≥4 kritiek; crisis at least hoog. Key `ESCALATIE|<trajectoryId>`.
 * The key stays produced after T ends (history); it disappears (auto-resolve) only when T is withdrawn or corrected
 * to no longer be an escalation.
 */
import { intensityRank, type IntensityLevel, type IsoDate } from '@trajectwacht/ijw';
import { highestIntensity, type TrajectoryState } from '@trajectwacht/trajectory';
import { daysBetween } from '@trajectwacht/dates';
import { maxSeverity, type AlertCandidate, type RuleInput } from '../model';
import { activeFrom, activeOn, candidate, cfgFor, dedupKey, defineRule, severityForSteps } from './common';

export const ESCALATIE_ID = 'ESCALATIE' as const;

export interface EscalationFinding {
  trajectory: TrajectoryState;
  moment: IsoDate;
  baseline: TrajectoryState[];
  baselineLevel: IntensityLevel | null;
  steps: number;
  crisis: boolean;
}

/** All escalations in the child's history up to `now` (the basis of the rule; exported for reports). */
export function findEscalations(input: RuleInput): EscalationFinding[] {
  const all = input.child.trajectories.filter((t) => t.status !== 'ingetrokken');
  const out: EscalationFinding[] = [];
  for (const t of all) {
    if (t.intensiteit === null && !t.crisis) continue;
    const moment = activeFrom(t);
    if (moment === null || moment > input.now) continue;
    const cfg = cfgFor(input, t);
    const baseline = all.filter((o) => {
      if (o.id === t.id) return false;
      const from = activeFrom(o);
      if (from === null || from >= moment) return false;
      if (activeOn(o, moment)) return true;
      return o.stopdatum !== null && o.stopdatum < moment && daysBetween(o.stopdatum, moment) <= cfg.escalatie.terugkijkDagen;
    });
    const baselineLevel = highestIntensity(baseline);
    const steps = baselineLevel !== null && t.intensiteit !== null ? intensityRank(t.intensiteit) - intensityRank(baselineLevel) : 0;
    const crisis = cfg.escalatie.crisis && t.crisis;
    if (steps > 0 || crisis) out.push({ trajectory: t, moment, baseline, baselineLevel, steps: Math.max(steps, 0), crisis });
  }
  return out;
}

export const escalatie = defineRule({
  id: ESCALATIE_ID,
  kind: 'gebeurtenis',
  description:
    'Een kind krijgt een toewijzing of start op een hogere trede van de intensiteitsladder dan zijn lopende zorg, of crisiszorg.',
  situations(input) {
    return findEscalations(input).map((f): AlertCandidate => {
      const t = f.trajectory;
      let severity = f.steps > 0 ? severityForSteps(f.steps) : 'hoog';
      if (f.crisis) severity = maxSeverity(severity, 'hoog');
      const compared = f.baseline.filter((o) => o.intensiteit === f.baselineLevel).map((o) => o.id);
      return candidate({
        ruleId: ESCALATIE_ID,
        severity,
        gemeente: t.gemeente,
        aanbieder: t.aanbieder,
        clientPseudonym: t.clientPseudonym,
        trajectoryIds: [t.id, ...compared],
        dedupKey: dedupKey(ESCALATIE_ID, t.id),
        effectiveAt: f.moment,
        facts: {
          intensiteit: t.intensiteit,
          vorigeIntensiteit: f.baselineLevel,
          stappen: f.steps,
          crisis: t.crisis,
          verblijf: t.verblijf,
          status: t.status,
          moment: f.moment,
          aantalLopendeTrajecten: f.baseline.length,
          productcategorie: t.productcategorie,
        },
        recipients: ['toegang', 'regio'],
        title:
          f.steps > 0 ? `Opschaling ${f.baselineLevel ?? ''} → ${t.intensiteit ?? ''}${t.crisis ? ' (crisis)' : ''}` : 'Crisiszorg ingezet',
      });
    });
  },
  checkDates(input) {
    return input.child.trajectories.filter((t) => t.status !== 'ingetrokken').map((t) => activeFrom(t));
  },
});
