/**
 * Old messages derive exactly the state (and the events) they derived before iJw 3.2 conformance: the frozen
 * legacy corpus (legacy-corpus.ts) against the snapshot written with the code of before the change
 * (legacy-corpus.snapshot.json, commit "Legacy snapshot"). Regenerate only on purpose:
 * WRITE_LEGACY_SNAPSHOT=1 npx jest --selectProjects unit libs/trajectory/src/legacy.spec.ts
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from '@trajectwacht/ijw';
import { diffTrajectory } from './events';
import { DEFAULT_INTENSITY_MAPPING } from './intensity';
import { legacyCorpus } from './legacy-corpus';
import { deriveTrajectory, type TrajectoryState } from './trajectory';

const SNAPSHOT = join(__dirname, 'legacy-corpus.snapshot.json');
const hash = (value: unknown): string => createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 24);

interface Snapshot {
  states: Record<string, unknown>;
  events: Record<string, string>;
}

function current(): Snapshot {
  const states: Record<string, unknown> = {};
  const events: Record<string, string> = {};
  for (const [name, messages] of Object.entries(legacyCorpus())) {
    const state = deriveTrajectory(messages, DEFAULT_INTENSITY_MAPPING);
    states[name] = name.startsWith('random-') ? hash(state) : JSON.parse(canonicalJson(state));
    // the events of folding the messages one by one in the corpus order
    let before: TrajectoryState | null = null;
    const all: unknown[] = [];
    for (let i = 1; i <= messages.length; i++) {
      const after = deriveTrajectory(messages.slice(0, i), DEFAULT_INTENSITY_MAPPING)!;
      all.push(diffTrajectory(before, after));
      before = after;
    }
    events[name] = hash(all);
  }
  return { states, events };
}

describe('legacy corpus (messages recorded before iJw 3.2)', () => {
  const now = current();
  if (process.env.WRITE_LEGACY_SNAPSHOT) writeFileSync(SNAPSHOT, `${JSON.stringify(now, null, 1)}\n`);
  const reference: Snapshot = JSON.parse(readFileSync(SNAPSHOT, 'utf8')); // compared entry by entry below

  it('covers the same sets', () => {
    expect(Object.keys(now.states).sort()).toEqual(Object.keys(reference.states).sort());
  });
  it('derives exactly the states of before', () => {
    const differing = Object.keys(reference.states).filter((k) => canonicalJson(now.states[k]) !== canonicalJson(reference.states[k]));
    expect(differing).toEqual([]);
    for (const k of Object.keys(reference.states).filter((n) => !n.startsWith('random-')))
      expect(now.states[k]).toEqual(reference.states[k]);
  });
  it('gives exactly the events of before', () => {
    const differing = Object.keys(reference.events).filter((k) => now.events[k] !== reference.events[k]);
    expect(differing).toEqual([]);
  });
});
