import { child, ruleInput, trajectory } from '../test-builders';
import { resolvedSituations } from './index';
import { uitstroomStagnatie as rule } from './uitstroom-stagnatie';

describe('UITSTROOM_STAGNATIE', () => {
  const spec = trajectory({ nr: 'TW1', ingang: '2024-02-20', start: '2024-02-29', code: '45A02' });

  it('fires on begindatum + 12 months for specialistisch ambulant (29 Feb → 1 March)', () => {
    expect(spec.intensiteit).toBe('specialistisch_ambulant');
    expect(rule.evaluate(ruleInput(child([spec]), '2025-02-28'))).toEqual([]);
    const [a] = rule.evaluate(ruleInput(child([spec]), '2025-03-01'));
    expect(a).toMatchObject({
      dedupKey: 'UITSTROOM_STAGNATIE|0034-TW1|duur',
      severity: 'midden',
      effectiveAt: '2025-03-01',
      recipients: ['toegang'],
    });
    expect(a.facts).toMatchObject({ norm: '12 maanden', normDatum: '2025-03-01' });
    expect(rule.nextCheck(ruleInput(child([spec]), '2024-06-01'))).toBe('2025-03-01');
    expect(rule.nextCheck(ruleInput(child([spec]), '2025-03-01'))).toBe('2026-03-01');
    expect(rule.evaluate(ruleInput(child([spec]), '2026-03-01'))[0]).toMatchObject({
      severity: 'hoog',
      dedupKey: 'UITSTROOM_STAGNATIE|0034-TW1|duur',
    });
  });

  it('uses the level norm (licht ambulant 9 months) and the crisis norm (28 days)', () => {
    const licht = trajectory({ nr: 'TW2', ingang: '2024-01-15', start: '2024-01-22', code: '45A01' });
    expect(rule.evaluate(ruleInput(child([licht]), '2024-10-21'))).toEqual([]);
    expect(rule.evaluate(ruleInput(child([licht]), '2024-10-22'))).toHaveLength(1);
    const crisis = trajectory({ nr: 'TW3', ingang: '2024-01-22', start: '2024-01-22', code: '46A02' });
    expect(crisis.crisis).toBe(true);
    expect(rule.evaluate(ruleInput(child([crisis]), '2024-02-18'))).toEqual([]);
    expect(rule.evaluate(ruleInput(child([crisis]), '2024-02-19'))[0].facts.norm).toBe('28 dagen (crisis)');
  });

  it('applies per-intensity overrides', () => {
    const overrides = { intensity: { specialistisch_ambulant: { uitstroom: { normMaanden: { specialistisch_ambulant: 6 } } } } };
    expect(rule.evaluate(ruleInput(child([spec]), '2024-08-29', { overrides }))).toHaveLength(1);
    expect(rule.evaluate(ruleInput(child([spec]), '2024-08-28', { overrides }))).toEqual([]);
  });

  it('signals more than maxVerlengingen (2) extensions as a separate situation', () => {
    const twice = trajectory({
      nr: 'TW4',
      ingang: '2024-01-15',
      start: '2024-01-22',
      eind: '2024-03-31',
      verlengingen: ['2024-06-30', '2024-09-30'],
      code: '45A01',
    });
    expect(twice.aantalVerlengingen).toBe(2);
    expect(rule.evaluate(ruleInput(child([twice]), '2024-04-01'))).toEqual([]);
    const thrice = trajectory({
      nr: 'TW4',
      ingang: '2024-01-15',
      start: '2024-01-22',
      eind: '2024-03-31',
      verlengingen: ['2024-06-30', '2024-09-30', '2024-12-31'],
      code: '45A01',
    });
    const [a] = rule.evaluate(ruleInput(child([thrice]), '2024-04-01'));
    expect(a).toMatchObject({
      dedupKey: 'UITSTROOM_STAGNATIE|0034-TW4|verlengingen',
      facts: expect.objectContaining({ aantalVerlengingen: 3 }),
    });
  });

  it('resolves when the trajectory stops', () => {
    const stopped = trajectory({ nr: 'TW1', ingang: '2024-02-20', start: '2024-02-29', stop: '2025-03-10', code: '45A02' });
    expect(rule.evaluate(ruleInput(child([stopped]), '2025-03-15'))).toEqual([]);
    expect(resolvedSituations(ruleInput(child([stopped]), '2025-03-15'), ['UITSTROOM_STAGNATIE|0034-TW1|duur'])).toEqual([
      'UITSTROOM_STAGNATIE|0034-TW1|duur',
    ]);
    expect(rule.nextCheck(ruleInput(child([stopped]), '2025-03-15'))).toBeNull();
  });
});
