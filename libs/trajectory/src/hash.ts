/**
 * Content hash of a set of trajectory states: sha256 over canonical JSON (keys sorted), independent of the order of
 * the array. Two replays that rebuild the same states give the same hash.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '@trajectwacht/ijw';
import type { TrajectoryState } from './trajectory';

export function stateContentHash(states: readonly TrajectoryState[]): string {
  const parts = states.map((s) => canonicalJson(s)).sort();
  return createHash('sha256')
    .update(`[${parts.join(',')}]`)
    .digest('hex');
}
