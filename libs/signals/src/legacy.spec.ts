/**
 * Old messages give exactly the alerts they gave before iJw 3.2 conformance: the rules over the trajectories of the
 * frozen legacy corpus of @trajectwacht/trajectory (single trajectories and children of three), on several dates,
 * against the snapshot written with the code of before the change (legacy-alerts.snapshot.json).
 * Regenerate only on purpose: WRITE_LEGACY_SNAPSHOT=1 npx jest --selectProjects unit libs/signals/src/legacy.spec.ts
 * OVERGANG_18 is left out: issue 15 changed its rules on purpose (what happens at 18 per product, the recorded
 * follow-up); the snapshot of the other nine rules was rewritten with the code of before that change.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from '@trajectwacht/ijw';
import { deriveTrajectory, DEFAULT_INTENSITY_MAPPING, type TrajectoryState } from '@trajectwacht/trajectory';
// relative: the corpus uses fast-check (a dev dependency), so the library index does not export it
import { legacyCorpus } from '@trajectwacht/trajectory/testing';
import { DEFAULT_SIGNAL_CONFIG } from './config';
import { RULE_IDS, type ChildContext } from './model';
import { nextCheckAll, situationsAll } from './rules';

const SNAPSHOT = join(__dirname, 'legacy-alerts.snapshot.json');
const hash = (value: unknown): string => createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 24);
const DATES = ['2024-01-20', '2024-02-20', '2024-05-01', '2024-09-01', '2025-03-01', '2026-06-01', '2027-05-20', '2033-05-01'];
const GEBOORTEDATA = ['2010-05-17', '2007-03-31', '2008-02-29'];
const RULES = RULE_IDS.filter((r) => r !== 'OVERGANG_18');

function current(): Record<string, string> {
  const corpus = legacyCorpus();
  const states = new Map<string, TrajectoryState>();
  for (const [name, messages] of Object.entries(corpus)) {
    const renamed = messages.map((m) => ({
      ...m,
      toewijzingNummer: String(100 + Object.keys(corpus).indexOf(name)),
      berichtId: `${name}-${m.berichtId}`,
    }));
    states.set(name, deriveTrajectory(renamed, DEFAULT_INTENSITY_MAPPING)!);
  }
  const names = [...states.keys()];
  const children: Record<string, TrajectoryState[]> = {};
  names.forEach((n, i) => {
    children[`single-${n}`] = [states.get(n)!];
    if (i % 3 === 0 && i + 2 < names.length) children[`drie-${n}`] = [states.get(n)!, states.get(names[i + 1])!, states.get(names[i + 2])!];
  });
  const out: Record<string, string> = {};
  for (const [name, trajectories] of Object.entries(children)) {
    const answers: unknown[] = [];
    for (const geboortedatum of GEBOORTEDATA) {
      const child: ChildContext = { clientPseudonym: 'pseudo-client-1', geboortedatum, trajectories };
      for (const now of DATES) {
        const input = { child, now, config: DEFAULT_SIGNAL_CONFIG };
        answers.push([situationsAll(input, RULES), nextCheckAll(input, RULES)]);
      }
    }
    out[name] = hash(answers);
  }
  return out;
}

describe('legacy corpus: alerts', () => {
  it('are exactly those of before', () => {
    const now = current();
    if (process.env.WRITE_LEGACY_SNAPSHOT) writeFileSync(SNAPSHOT, `${JSON.stringify(now, null, 1)}\n`);
    const reference: Record<string, string> = JSON.parse(readFileSync(SNAPSHOT, 'utf8')); // compared key by key below
    expect(Object.keys(now).sort()).toEqual(Object.keys(reference).sort());
    expect(Object.keys(reference).filter((k) => now[k] !== reference[k])).toEqual([]);
  });
});
