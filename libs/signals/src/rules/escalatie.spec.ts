import { child, ruleInput, trajectory } from '../test-builders';
import { resolvedSituations } from './index';
import { escalatie as rule } from './escalatie';

const licht = trajectory({ nr: 'A', ingang: '2024-01-15', start: '2024-01-22', code: '45A01' });

describe('ESCALATIE', () => {
  it('signals a toewijzing one step higher than the running care (laag)', () => {
    const spec = trajectory({ nr: 'B', ingang: '2024-05-01', code: '45A02' });
    const [a] = rule.evaluate(ruleInput(child([licht, spec]), '2024-05-01'));
    expect(a).toMatchObject({
      dedupKey: 'ESCALATIE|0034-B',
      severity: 'laag',
      trajectoryIds: ['0034-A', '0034-B'],
      effectiveAt: '2024-05-01',
      recipients: ['toegang', 'regio'],
      facts: expect.objectContaining({ intensiteit: 'specialistisch_ambulant', vorigeIntensiteit: 'licht_ambulant', stappen: 1 }),
    });
  });

  it('raises severity with the number of steps', () => {
    const dag = trajectory({ nr: 'B', ingang: '2024-05-01', categorie: '41' });
    expect(rule.evaluate(ruleInput(child([licht, dag]), '2024-05-01'))[0].severity).toBe('midden');
    const res = trajectory({ nr: 'B', ingang: '2024-05-01', code: '43A02' });
    expect(rule.evaluate(ruleInput(child([licht, res]), '2024-05-01'))[0].severity).toBe('kritiek');
  });

  it('is not an escalation for a first trajectory, a same-day package, a lighter one, or a future ingangsdatum', () => {
    const res = trajectory({ nr: 'B', ingang: '2024-05-01', code: '43A02' });
    expect(rule.evaluate(ruleInput(child([res]), '2024-05-01'))).toEqual([]);
    const sameDay = trajectory({ nr: 'B', ingang: '2024-01-15', code: '43A02' });
    expect(rule.evaluate(ruleInput(child([licht, sameDay]), '2024-05-01'))).toEqual([]);
    const lighter = trajectory({ nr: 'C', ingang: '2024-06-01', code: '45A01' });
    expect(rule.evaluate(ruleInput(child([res, lighter]), '2024-06-01'))).toEqual([]);
    const future = trajectory({ nr: 'B', ingang: '2024-05-01', code: '45A02' });
    expect(rule.evaluate(ruleInput(child([licht, future]), '2024-04-30'))).toEqual([]);
    expect(rule.nextCheck(ruleInput(child([licht, future]), '2024-04-30'))).toBe('2024-05-01');
  });

  it('counts care ended at most 90 days earlier as baseline', () => {
    const ended = trajectory({ nr: 'A', ingang: '2024-01-15', start: '2024-01-22', stop: '2024-03-01', code: '45A01' });
    const day90 = trajectory({ nr: 'B', ingang: '2024-05-30', code: '45A02' });
    const day91 = trajectory({ nr: 'B', ingang: '2024-05-31', code: '45A02' });
    expect(rule.evaluate(ruleInput(child([ended, day90]), '2024-06-15'))).toHaveLength(1);
    expect(rule.evaluate(ruleInput(child([ended, day91]), '2024-06-15'))).toEqual([]);
  });

  it('always signals crisis (at least hoog), also without earlier care', () => {
    const crisis = trajectory({ nr: 'K', ingang: '2024-03-01', start: '2024-03-01', code: '46A01' });
    expect(rule.evaluate(ruleInput(child([crisis]), '2024-03-01'))[0]).toMatchObject({ severity: 'hoog', title: 'Crisiszorg ingezet' });
    const crisisVerblijf = trajectory({ nr: 'K', ingang: '2024-03-01', code: '46A02' });
    expect(rule.evaluate(ruleInput(child([licht, crisisVerblijf]), '2024-03-01'))[0].severity).toBe('kritiek');
    expect(rule.evaluate(ruleInput(child([crisis]), '2024-03-01', { overrides: { regio: { escalatie: { crisis: false } } } }))).toEqual([]);
  });

  it('keeps the key after a start/stop (history), and resolves only on withdrawal', () => {
    const assigned = trajectory({ nr: 'B', ingang: '2024-05-01', code: '45A02' });
    const started = trajectory({ nr: 'B', ingang: '2024-05-01', start: '2024-05-06', stop: '2024-09-01', code: '45A02' });
    const k1 = rule.evaluate(ruleInput(child([licht, assigned]), '2024-05-01')).map((c) => c.dedupKey);
    const k2 = rule.evaluate(ruleInput(child([started, licht]), '2024-10-01')).map((c) => c.dedupKey);
    expect(k2).toEqual(k1);
    expect(resolvedSituations(ruleInput(child([licht, started]), '2024-10-01'), k1)).toEqual([]);
    const withdrawn = trajectory({ nr: 'B', ingang: '2024-05-01', code: '45A02', ingetrokkenOp: '2024-05-03' });
    expect(resolvedSituations(ruleInput(child([licht, withdrawn]), '2024-05-03'), k1)).toEqual(k1);
  });

  it('applies the event horizon to evaluate but not to situations', () => {
    const spec = trajectory({ nr: 'B', ingang: '2024-05-01', code: '45A02' });
    const input = ruleInput(child([licht, spec]), '2025-06-01');
    expect(rule.evaluate(input)).toEqual([]);
    expect(rule.situations(input)).toHaveLength(1);
  });
});
