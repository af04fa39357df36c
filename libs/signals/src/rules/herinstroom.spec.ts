import { child, ruleInput, trajectory } from '../test-builders';
import { resolvedSituations } from './index';
import { herinstroom as rule } from './herinstroom';

const ended = trajectory({ nr: 'A', ingang: '2024-01-15', start: '2024-01-22', stop: '2024-06-30', code: '45A01' });

describe('HERINSTROOM', () => {
  it('signals a new toewijzing up to 6 months after the end (boundary inclusive)', () => {
    const b = trajectory({ nr: 'B', ingang: '2024-12-30', code: '45A01' });
    const [c] = rule.evaluate(ruleInput(child([ended, b]), '2024-12-30'));
    expect(c).toMatchObject({
      dedupKey: 'HERINSTROOM|pseudo-kind-1|2024-12-30',
      severity: 'midden',
      trajectoryIds: ['0034-A', '0034-B'],
      effectiveAt: '2024-12-30',
      recipients: ['toegang', 'regio'],
      facts: expect.objectContaining({ vorigeStopdatum: '2024-06-30', onderbrekingDagen: 182 }),
    });
    const late = trajectory({ nr: 'B', ingang: '2024-12-31', code: '45A01' });
    expect(rule.evaluate(ruleInput(child([ended, late]), '2025-01-05'))).toEqual([]);
  });

  it('treats a next-day toewijzing as continuation, a one-day gap as re-entry', () => {
    const seamless = trajectory({ nr: 'B', ingang: '2024-07-01', code: '45A02' });
    expect(rule.evaluate(ruleInput(child([ended, seamless]), '2024-07-10'))).toEqual([]);
    const gap = trajectory({ nr: 'B', ingang: '2024-07-02', code: '45A02' });
    expect(rule.evaluate(ruleInput(child([ended, gap]), '2024-07-10'))[0]).toMatchObject({
      severity: 'hoog',
      facts: expect.objectContaining({ onderbrekingDagen: 1 }),
    });
  });

  it('is no re-entry while other care ran during the gap', () => {
    const other = trajectory({ nr: 'C', ingang: '2024-03-01', start: '2024-03-05', stop: '2024-08-15', code: '45A01' });
    const b = trajectory({ nr: 'B', ingang: '2024-09-01', code: '45A01' });
    const out = rule.evaluate(ruleInput(child([ended, other, b]), '2024-09-01'));
    expect(out.map((c) => c.facts.vorigeStopdatum)).toEqual(['2024-08-15']);
    const running = trajectory({ nr: 'C', ingang: '2024-03-01', start: '2024-03-05', code: '45A01' });
    expect(rule.evaluate(ruleInput(child([ended, running, b]), '2024-09-01'))).toEqual([]);
  });

  it('waits for the ingangsdatum, groups same-day toewijzingen, resolves on withdrawal', () => {
    const b = trajectory({ nr: 'B', ingang: '2024-09-01', code: '45A01' });
    const c2 = trajectory({ nr: 'C', ingang: '2024-09-01', categorie: '42' });
    expect(rule.evaluate(ruleInput(child([ended, b]), '2024-08-20'))).toEqual([]);
    expect(rule.nextCheck(ruleInput(child([ended, b]), '2024-08-20'))).toBe('2024-09-01');
    const [c] = rule.evaluate(ruleInput(child([ended, b, c2]), '2024-09-01'));
    expect(c.trajectoryIds).toEqual(['0034-A', '0034-B', '0034-C']);
    expect(c.aanbieder).toBeUndefined();
    const withdrawn = trajectory({ nr: 'B', ingang: '2024-09-01', code: '45A01', ingetrokkenOp: '2024-09-02' });
    expect(resolvedSituations(ruleInput(child([ended, withdrawn]), '2024-09-02'), [c.dedupKey])).toEqual([c.dedupKey]);
  });
});
