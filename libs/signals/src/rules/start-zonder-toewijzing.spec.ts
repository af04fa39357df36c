import { child, ruleInput, trajectory } from '../test-builders';
import { resolvedSituations } from './index';
import { startZonderToewijzing as rule } from './start-zonder-toewijzing';

const orphan = trajectory({ nr: 'TW1', ingang: null, start: '2024-01-22', code: '45A01' });
const KEY = 'START_ZONDER_TOEWIJZING|0034-TW1';

describe('START_ZONDER_TOEWIJZING', () => {
  it('waits the grace period (3 days from the begindatum) before alerting', () => {
    expect(orphan.toewijzingOntbreekt).toBe(true);
    expect(rule.evaluate(ruleInput(child([orphan]), '2024-01-24'))).toEqual([]);
    const [a] = rule.evaluate(ruleInput(child([orphan]), '2024-01-25'));
    expect(a).toMatchObject({
      dedupKey: KEY,
      severity: 'midden',
      effectiveAt: '2024-01-25',
      recipients: ['aanbieder', 'toegang'],
      title: 'Zorg gestart zonder bekende toewijzing',
    });
    expect(rule.evaluate(ruleInput(child([orphan]), '2024-03-01'))[0].dedupKey).toBe(KEY);
    expect(rule.nextCheck(ruleInput(child([orphan]), '2024-01-22'))).toBe('2024-01-25');
  });

  it('counts from the receipt date when the service supplies it', () => {
    const c = child([orphan], { ontvangen: { '0034-TW1': '2024-02-01' } });
    expect(rule.evaluate(ruleInput(c, '2024-02-03'))).toEqual([]);
    expect(rule.evaluate(ruleInput(c, '2024-02-04'))).toHaveLength(1);
    expect(rule.nextCheck(ruleInput(c, '2024-02-01'))).toBe('2024-02-04');
  });

  it('also covers a stop without toewijzing, and resolves when the JW301 arrives', () => {
    const stopOnly = trajectory({ nr: 'TW1', ingang: null, start: '2024-01-22', stop: '2024-02-10', code: '45A01' });
    expect(rule.evaluate(ruleInput(child([stopOnly]), '2024-02-20'))[0].title).toBe('Zorg gestopt zonder bekende toewijzing');
    const complete = trajectory({ nr: 'TW1', ingang: '2024-01-15', start: '2024-01-22', code: '45A01' });
    expect(rule.evaluate(ruleInput(child([complete]), '2024-02-20'))).toEqual([]);
    expect(resolvedSituations(ruleInput(child([complete]), '2024-02-20'), [KEY])).toEqual([KEY]);
  });
});
