/**
 * Which trajectories count, and the date predicates shared by all indicators.
 */
import { daysBetween, isRealDate, type IsoDate } from '@trajectwacht/ijw';
import type { TrajectoryState } from '@trajectwacht/trajectory';

/**
 * Included: every trajectory except status 'ingetrokken' (the toewijzing was withdrawn and no stop was reported: it
 * is no care episode we can date). A withdrawn toewijzing whose care had stopped (status 'beeindigd',
 * `ingetrokken: true`) is included: care was delivered and ended. Trajectories with `toewijzingOntbreekt` are
 * included (care did start/stop according to JW305/JW307); they only drop out of the waiting time (unknown).
 */
export function isIncluded(t: TrajectoryState): boolean {
  return t.status !== 'ingetrokken';
}

export function within(date: IsoDate | null, from: IsoDate, to: IsoDate): boolean {
  return date !== null && date >= from && date <= to;
}

/** Instroom in [from, to]: begindatum within the period. */
export function startedIn(t: TrajectoryState, from: IsoDate, to: IsoDate): boolean {
  return within(t.begindatum, from, to);
}

/** Uitstroom in [from, to]: stopdatum within the period (and a known begindatum). */
export function endedIn(t: TrajectoryState, from: IsoDate, to: IsoDate): boolean {
  return t.begindatum !== null && within(t.stopdatum, from, to);
}

/**
 * Active at the end of day `at`: begindatum ≤ at and (no stopdatum or stopdatum > at). The stopdatum is the last day
 * of care, so a trajectory stopping ON `at` is uitstroom of the period, not active at its end. Hence
 * actief(to) = actief(from − 1) + instroom − uitstroom for every period.
 */
export function activeAt(t: TrajectoryState, at: IsoDate): boolean {
  return t.begindatum !== null && t.begindatum <= at && (t.stopdatum === null || t.stopdatum > at);
}

/** Duration of an ended trajectory: stopdatum − begindatum in days. */
export function endedDuration(t: TrajectoryState): number | null {
  return t.begindatum !== null && t.stopdatum !== null ? daysBetween(t.begindatum, t.stopdatum) : null;
}

/** Duration of a running trajectory at `at`: at − begindatum in days. */
export function runningDuration(t: TrajectoryState, at: IsoDate): number | null {
  return t.begindatum !== null ? daysBetween(t.begindatum, at) : null;
}

export function validatePeriod(from: IsoDate, to: IsoDate): void {
  if (!isRealDate(from) || !isRealDate(to)) throw new RangeError(`period: from and to must be real YYYY-MM-DD dates (${from}, ${to})`);
  if (from > to) throw new RangeError(`period: from (${from}) lies after to (${to})`);
}
