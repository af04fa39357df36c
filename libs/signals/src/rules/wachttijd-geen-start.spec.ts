import { child, ruleInput, trajectory } from '../test-builders';
import { resolvedSituations } from './index';
import { wachttijdGeenStart as rule } from './wachttijd-geen-start';

const waiting = trajectory({ nr: 'TW1', ingang: '2024-01-15', code: '45A01' });

describe('WACHTTIJD_GEEN_START', () => {
  it('fires on day N (28), not on day N-1', () => {
    expect(rule.evaluate(ruleInput(child([waiting]), '2024-02-11'))).toEqual([]);
    const [a] = rule.evaluate(ruleInput(child([waiting]), '2024-02-12'));
    expect(a).toMatchObject({
      ruleId: 'WACHTTIJD_GEEN_START',
      severity: 'midden',
      gemeente: '0034',
      aanbieder: '12345678',
      trajectoryIds: ['0034-TW1'],
      dedupKey: 'WACHTTIJD_GEEN_START|0034-TW1|ingang-2024-01-15',
      effectiveAt: '2024-02-12',
      recipients: ['toegang', 'aanbieder'],
    });
    expect(a.facts).toMatchObject({ normDagen: 28, wachtDagen: 28 });
  });

  it('keeps the same key on later days and raises severity at twice the norm', () => {
    const later = rule.evaluate(ruleInput(child([waiting]), '2024-03-10'));
    expect(later[0].dedupKey).toBe('WACHTTIJD_GEEN_START|0034-TW1|ingang-2024-01-15');
    expect(later[0].severity).toBe('midden');
    expect(rule.evaluate(ruleInput(child([waiting]), '2024-03-11'))[0].severity).toBe('hoog');
  });

  it('nextCheck: the norm date, then the severity step, then none', () => {
    expect(rule.nextCheck(ruleInput(child([waiting]), '2024-01-20'))).toBe('2024-02-12');
    expect(rule.nextCheck(ruleInput(child([waiting]), '2024-02-12'))).toBe('2024-03-11');
    expect(rule.nextCheck(ruleInput(child([waiting]), '2024-03-11'))).toBeNull();
  });

  it('auto-resolves when the start arrives or the toewijzing is withdrawn', () => {
    const key = 'WACHTTIJD_GEEN_START|0034-TW1|ingang-2024-01-15';
    const started = trajectory({ nr: 'TW1', ingang: '2024-01-15', code: '45A01', start: '2024-02-20' });
    expect(rule.evaluate(ruleInput(child([started]), '2024-02-20'))).toEqual([]);
    expect(resolvedSituations(ruleInput(child([started]), '2024-02-20'), [key])).toEqual([key]);
    expect(resolvedSituations(ruleInput(child([waiting]), '2024-02-20'), [key])).toEqual([]);
    const withdrawn = trajectory({ nr: 'TW1', ingang: '2024-01-15', code: '45A01', ingetrokkenOp: '2024-02-15' });
    expect(rule.evaluate(ruleInput(child([withdrawn]), '2024-02-20'))).toEqual([]);
    expect(rule.nextCheck(ruleInput(child([started]), '2024-02-01'))).toBeNull();
  });

  it('uses the crisis norm (2 days) and per-categorie / per-gemeente overrides', () => {
    const crisis = trajectory({ nr: 'TW2', ingang: '2024-01-15', code: '46A01' });
    expect(rule.evaluate(ruleInput(child([crisis]), '2024-01-16'))).toEqual([]);
    expect(rule.evaluate(ruleInput(child([crisis]), '2024-01-17'))[0]).toMatchObject({ severity: 'hoog', effectiveAt: '2024-01-17' });
    const overrides = { gemeente: { '0034': { wachttijd: { perCategorie: { '45': 14 } } } } };
    expect(rule.evaluate(ruleInput(child([waiting]), '2024-01-28', { overrides }))).toEqual([]);
    expect(rule.evaluate(ruleInput(child([waiting]), '2024-01-29', { overrides }))).toHaveLength(1);
    expect(
      rule.evaluate(ruleInput(child([waiting]), '2024-01-29', { overrides: { gemeente: { '0363': { wachttijd: { normDagen: 1 } } } } })),
    ).toEqual([]);
  });
});
