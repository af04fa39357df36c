import type { TrajectoryState } from './trajectory';

/**
 * `herinstroom_na` of a trajectory (column of the `trajectory` table, read by the national herinstroom indicator of
 * libs/indicators/src/indicators.repository.ts): the latest stopdatum of ANOTHER included trajectory (status not
 * 'ingetrokken') of the same child that lies strictly before this trajectory's herinstroom start (its ingangsdatum, else
 * its begindatum); null when there is none or the trajectory has no start yet.
 *
 * A trajectory is herinstroom within n months (isHerinstroom of libs/indicators/src/indicators.ts) exactly when its start
 * is at most herinstroom_na + n months: if any earlier stop s has start <= s + n months, the latest one has too (adding
 * months is monotone). It depends only on the child's trajectories, so whoever writes a child's trajectories computes
 * it from all of them: the projection (apps/trajectory/src/trajectory.projection.ts, from the states it already loads)
 * and the test and benchmark support (insertStates of @trajectwacht/indicators/testing).
 */
export function herinstroomNa(trajectory: TrajectoryState, sameChild: readonly TrajectoryState[]): string | null {
  const start = trajectory.ingangsdatum ?? trajectory.begindatum;
  if (start === null) return null;
  let latest: string | null = null;
  for (const other of sameChild) {
    if (other.id === trajectory.id || other.status === 'ingetrokken' || other.stopdatum === null) continue;
    if (other.stopdatum < start && (latest === null || other.stopdatum > latest)) latest = other.stopdatum;
  }
  return latest;
}

/** herinstroomNa of every given trajectory, each against the given trajectories of its own child (by id). */
export function herinstroomNaByTrajectory(trajectories: readonly TrajectoryState[]): Map<string, string | null> {
  const byChild = new Map<string, TrajectoryState[]>();
  for (const t of trajectories) {
    const list = byChild.get(t.clientPseudonym);
    if (list) list.push(t);
    else byChild.set(t.clientPseudonym, [t]);
  }
  const out = new Map<string, string | null>();
  for (const t of trajectories) out.set(t.id, herinstroomNa(t, byChild.get(t.clientPseudonym)!));
  return out;
}
