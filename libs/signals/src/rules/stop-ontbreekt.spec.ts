import { child, ruleInput, trajectory } from '../test-builders';
import { resolvedSituations } from './index';
import { stopOntbreekt as rule } from './stop-ontbreekt';

function running(eind: string) {
  return trajectory({ nr: 'TW1', ingang: '2023-01-02', start: '2023-01-09', eind, code: '45A01' });
}

describe('STOP_ONTBREEKT', () => {
  it('fires the day after the 5th working day (einddatum before Easter 2024)', () => {
    const t = running('2024-03-28');
    expect(rule.evaluate(ruleInput(child([t]), '2024-04-08'))).toEqual([]);
    const [a] = rule.evaluate(ruleInput(child([t]), '2024-04-09'));
    expect(a).toMatchObject({
      dedupKey: 'STOP_ONTBREEKT|0034-TW1|eind-2024-03-28',
      severity: 'midden',
      effectiveAt: '2024-04-09',
      recipients: ['aanbieder', 'toegang'],
    });
    expect(a.facts).toMatchObject({ uiterlijkeStopdatum: '2024-04-08', werkdagen: 5, dagenTeLaat: 1 });
    expect(rule.nextCheck(ruleInput(child([t]), '2024-03-01'))).toBe('2024-04-09');
    expect(rule.nextCheck(ruleInput(child([t]), '2024-04-09'))).toBe('2024-05-09');
    expect(rule.evaluate(ruleInput(child([t]), '2024-05-09'))[0].severity).toBe('hoog');
  });

  it('counts Koningsdag (Monday 27 April 2026), Christmas and Bevrijdingsdag', () => {
    expect(rule.nextCheck(ruleInput(child([running('2026-04-24')]), '2026-04-01'))).toBe('2026-05-05');
    expect(rule.nextCheck(ruleInput(child([running('2024-12-23')]), '2024-12-01'))).toBe('2025-01-03');
    const t = running('2025-04-30');
    expect(rule.nextCheck(ruleInput(child([t]), '2025-04-01'))).toBe('2025-05-09');
    const nooit = { regio: { werkdagen: { bevrijdingsdag: 'nooit' as const } } };
    expect(rule.nextCheck(ruleInput(child([t]), '2025-04-01', { overrides: nooit }))).toBe('2025-05-08');
    expect(rule.evaluate(ruleInput(child([t]), '2025-05-08', { overrides: nooit }))).toHaveLength(1);
    expect(rule.evaluate(ruleInput(child([t]), '2025-05-08'))).toEqual([]);
  });

  it('resolves when the JW307 arrives or the toewijzing is extended', () => {
    const key = 'STOP_ONTBREEKT|0034-TW1|eind-2024-03-28';
    const stopped = trajectory({
      nr: 'TW1',
      ingang: '2023-01-02',
      start: '2023-01-09',
      eind: '2024-03-28',
      stop: '2024-03-28',
      code: '45A01',
    });
    expect(resolvedSituations(ruleInput(child([stopped]), '2024-04-20'), [key])).toEqual([key]);
    const extended = trajectory({
      nr: 'TW1',
      ingang: '2023-01-02',
      start: '2023-01-09',
      eind: '2024-03-28',
      verlengingen: ['2024-09-30'],
      code: '45A01',
    });
    expect(rule.evaluate(ruleInput(child([extended]), '2024-04-20'))).toEqual([]);
    expect(resolvedSituations(ruleInput(child([extended]), '2024-04-20'), [key])).toEqual([key]);
    expect(resolvedSituations(ruleInput(child([running('2024-03-28')]), '2024-04-20'), [key])).toEqual([]);
  });

  it('ignores toewijzingen that never started and open-ended ones', () => {
    const notStarted = trajectory({ nr: 'TW1', ingang: '2024-01-02', eind: '2024-03-01', code: '45A01' });
    const open = trajectory({ nr: 'TW2', ingang: '2024-01-02', start: '2024-01-09', code: '45A01' });
    expect(rule.evaluate(ruleInput(child([notStarted, open]), '2024-06-01'))).toEqual([]);
    expect(rule.nextCheck(ruleInput(child([notStarted, open]), '2024-06-01'))).toBeNull();
  });
});
