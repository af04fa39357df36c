/** Shared helpers of the rules (not part of the public API beyond what index.ts re-exports). */
import { intensityRank, type IsoDate } from '@trajectwacht/ijw';
import { aantalVerwijderingen, type TrajectoryState } from '@trajectwacht/trajectory';
import { resolveConfig, type SignalConfig } from '../config';
import { addDays, daysBetween, minDate, nextAfter } from '@trajectwacht/dates';
import type { AlertCandidate, RuleId, RuleInput, RuleKind, Severity, SignalRule } from '../model';

/** Effective config for one trajectory (its gemeente and intensity level). */
export function cfgFor(input: RuleInput, t: TrajectoryState): SignalConfig {
  return resolveConfig(input.config, input.overrides, t.gemeente, t.intensiteit);
}

/** Effective config for the child as a whole (gemeente of the primary trajectory, no intensity layer). */
export function cfgForChild(input: RuleInput, primary: TrajectoryState | null): SignalConfig {
  return resolveConfig(input.config, input.overrides, primary?.gemeente ?? null, null);
}

/** First day of care or of the toewijzing (whichever is earlier); null when neither is known. */
export function activeFrom(t: TrajectoryState): IsoDate | null {
  return minDate(t.ingangsdatum, t.begindatum);
}

/**
 * Last active day, or null when open-ended: the stopdatum (inclusive, the last day of care) when stopped; open while
 * started and not stopped (a passed einddatum is a missing stop, not an end); else the toewijzing's einddatum.
 */
export function activeUntil(t: TrajectoryState): IsoDate | null {
  if (t.stopdatum !== null) return t.stopdatum;
  if (t.begindatum !== null) return null;
  return t.einddatum;
}

/**
 * Historical activity: active on `date` when not withdrawn (status 'ingetrokken'), activeFrom ≤ date and date ≤
 * activeUntil. For date = today this equals isActive of @trajectwacht/trajectory, except that a stopped trajectory
 * still counts on its stopdatum (the last day of care).
 */
export function activeOn(t: TrajectoryState, date: IsoDate): boolean {
  if (t.status === 'ingetrokken') return false;
  const from = activeFrom(t);
  if (from === null || from > date) return false;
  const until = activeUntil(t);
  return until === null || date <= until;
}

/** Dates on which activeOn of some trajectory changes (first active day, first day after the last active day). */
export function activityChangeDates(trajectories: readonly TrajectoryState[]): IsoDate[] {
  const dates: IsoDate[] = [];
  for (const t of trajectories) {
    if (t.status === 'ingetrokken') continue;
    const from = activeFrom(t);
    if (from !== null) dates.push(from);
    const until = activeUntil(t);
    if (until !== null) dates.push(addDays(until, 1));
  }
  return [...new Set(dates)].sort();
}

/** True when some trajectory can still change state without a message (not ended nor withdrawn). */
export function hasOpenTrajectory(trajectories: readonly TrajectoryState[]): boolean {
  return trajectories.some((t) => t.status === 'toegewezen' || t.status === 'gestart');
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The trajectory that represents the child: heaviest level, then crisis, then the latest activeFrom, then id. */
export function primaryTrajectory(list: readonly TrajectoryState[]): TrajectoryState | null {
  let best: TrajectoryState | null = null;
  const rank = (t: TrajectoryState): number => (t.intensiteit === null ? -1 : intensityRank(t.intensiteit));
  for (const t of list) {
    if (best === null) {
      best = t;
      continue;
    }
    const c =
      rank(t) - rank(best) ||
      Number(t.crisis) - Number(best.crisis) ||
      cmp(activeFrom(t) ?? '', activeFrom(best) ?? '') ||
      cmp(best.id, t.id);
    if (c > 0) best = t;
  }
  return best;
}

/**
 * Episode part of a toestand key after StatusAanlevering 3 deletions (IV008): `verwijderd-<n>` with n the number of
 * effective start/stop deletions of the given trajectories, or nothing when there are none (so keys of message sets
 * without deletions are those of before). A deletion can make a resolved situation hold again (e.g. the only start is
 * deleted: the wachttijd runs again); the service never re-opens a key it has closed, so the situation after a
 * deletion is a new episode with its own key.
 */
export function verwijderingEpisode(trajectories: readonly Pick<TrajectoryState, 'timeline'>[]): string[] {
  const n = trajectories.reduce((sum, t) => sum + aantalVerwijderingen(t, 'JW305') + aantalVerwijderingen(t, 'JW307'), 0);
  return n > 0 ? [`verwijderd-${n}`] : [];
}

export function dedupKey(ruleId: RuleId, ...parts: string[]): string {
  return [ruleId, ...parts].join('|');
}

/** An AlertCandidate as the rules build it: the aanbieder may still be null (it is dropped when absent). */
export type CandidateParts = Omit<AlertCandidate, 'aanbieder'> & { aanbieder?: string | null };

export function candidate(p: CandidateParts): AlertCandidate {
  const c: AlertCandidate = {
    ruleId: p.ruleId,
    severity: p.severity,
    gemeente: p.gemeente,
    clientPseudonym: p.clientPseudonym,
    trajectoryIds: [...new Set(p.trajectoryIds)].sort(cmp),
    dedupKey: p.dedupKey,
    effectiveAt: p.effectiveAt,
    facts: p.facts,
    recipients: p.recipients,
    title: p.title,
  };
  if (p.aanbieder !== undefined && p.aanbieder !== null) c.aanbieder = p.aanbieder;
  return c;
}

export interface RuleDefinition {
  id: RuleId;
  kind: RuleKind;
  description: string;
  situations(input: RuleInput): AlertCandidate[];
  /** Candidate dates; the rule returns the earliest one after now. */
  checkDates(input: RuleInput): (IsoDate | null)[];
}

function sortCandidates(list: AlertCandidate[]): AlertCandidate[] {
  return list.sort((a, b) => cmp(a.dedupKey, b.dedupKey));
}

/** Builds a SignalRule: sorted output, the event horizon for 'gebeurtenis' rules, nextCheck = earliest date > now. */
export function defineRule(def: RuleDefinition): SignalRule {
  const situations = (input: RuleInput): AlertCandidate[] => sortCandidates(def.situations(input));
  const propose = (input: RuleInput, all: readonly AlertCandidate[]): AlertCandidate[] => {
    if (def.kind === 'toestand') return [...all];
    return all.filter((c) => {
      const horizon = resolveConfig(input.config, input.overrides, c.gemeente, null).gebeurtenisHorizonDagen;
      return horizon === null || daysBetween(c.effectiveAt, input.now) <= horizon;
    });
  };
  return {
    id: def.id,
    kind: def.kind,
    description: def.description,
    situations,
    evaluate: (input) => propose(input, situations(input)),
    propose,
    nextCheck(input) {
      return nextAfter(input.now, def.checkDates(input));
    },
  };
}

/** 'laag' … 'kritiek' by number of ladder steps (1 → laag, 2 → midden, 3 → hoog, ≥4 → kritiek). */
export function severityForSteps(steps: number): Severity {
  if (steps >= 4) return 'kritiek';
  if (steps === 3) return 'hoog';
  if (steps === 2) return 'midden';
  return 'laag';
}
