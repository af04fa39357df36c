import * as fs from 'fs';
import * as path from 'path';
import { RULE_IDS } from '../model';
import { child, ruleInput, trajectory } from '../test-builders';
import { assessAll, evaluateAll, nextCheckAll, resolvedSituations, ruleIdOfKey, RULES, situationsAll } from './index';

const trajectories = [
  trajectory({ nr: 'A', ingang: '2024-01-01', start: '2024-01-08', code: '45A01', eind: '2024-03-28' }),
  trajectory({ nr: 'B', ingang: '2024-02-01', code: '43A02' }),
  trajectory({ nr: 'C', ingang: '2024-02-10', start: '2024-02-12', categorie: '41' }),
  trajectory({ nr: 'D', ingang: null, start: '2024-03-01', code: '45A02' }),
];

describe('rule registry', () => {
  it('has the ten public rule ids, one file per rule', () => {
    expect(Object.keys(RULES).sort()).toEqual([...RULE_IDS].sort());
    for (const id of RULE_IDS) {
      expect(RULES[id].id).toBe(id);
      expect(fs.existsSync(path.join(__dirname, `${id.toLowerCase().replace(/_/g, '-')}.ts`))).toBe(true);
    }
  });

  it('is deterministic and independent of trajectory order and trigger', () => {
    const input = ruleInput(child(trajectories), '2024-04-15');
    const first = evaluateAll(input);
    expect(first.map((c) => c.ruleId).sort()).toEqual([
      'ESCALATIE',
      'STAPELING',
      'START_ZONDER_TOEWIJZING',
      'STOP_ONTBREEKT',
      'WACHTTIJD_GEEN_START',
    ]);
    expect(evaluateAll(ruleInput(child([...trajectories].reverse()), '2024-04-15'))).toEqual(first);
    expect(evaluateAll({ ...input, trigger: { trajectoryId: '0034-B', eventType: 'TrajectoryAssigned' } })).toEqual(first);
    expect(first.map((c) => c.dedupKey)).toEqual([...first.map((c) => c.dedupKey)].sort());
    for (const c of first) {
      expect(ruleIdOfKey(c.dedupKey)).toBe(c.ruleId);
      expect(c.trajectoryIds).toEqual([...c.trajectoryIds].sort());
    }
    expect(situationsAll(input)).toEqual(first);
  });

  it('nextCheckAll is the earliest nextCheck after now', () => {
    const input = ruleInput(child(trajectories), '2024-02-15');
    const each = RULE_IDS.map((id) => RULES[id].nextCheck(input))
      .filter((d): d is string => d !== null)
      .sort();
    expect(nextCheckAll(input)).toBe(each[0]);
    expect(nextCheckAll(input)! > '2024-02-15').toBe(true);
    expect(nextCheckAll(ruleInput(child([]), '2024-02-15'))).toBeNull();
  });

  it('assessAll gives what evaluateAll and resolvedSituations give, from one pass over the rules', () => {
    const earlier = evaluateAll(ruleInput(child(trajectories), '2024-02-15')).map((c) => c.dedupKey);
    for (const day of ['2024-01-05', '2024-02-15', '2024-04-15', '2024-09-30', '2026-01-01']) {
      for (const list of [trajectories, [...trajectories].reverse(), trajectories.slice(1), []]) {
        const input = ruleInput(child(list), day);
        const assessment = assessAll(input);
        expect(assessment.candidates).toEqual(evaluateAll(input));
        const open = [...earlier, ...assessment.candidates.map((c) => c.dedupKey), 'ONBEKEND|x', 'STAPELING|pseudo-kind-1|2023-01-01'];
        expect(assessment.resolved(open)).toEqual(resolvedSituations(input, open));
      }
    }
  });

  it('resolvedSituations ignores foreign keys and keeps holding situations', () => {
    const input = ruleInput(child(trajectories), '2024-04-15');
    const open = evaluateAll(input).map((c) => c.dedupKey);
    expect(resolvedSituations(input, [...open, 'ONBEKEND|x', 'STAPELING|pseudo-kind-1|2023-01-01'])).toEqual([
      'STAPELING|pseudo-kind-1|2023-01-01',
    ]);
  });
});
