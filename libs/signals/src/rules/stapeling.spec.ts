import { child, ruleInput, trajectory } from '../test-builders';
import { resolvedSituations } from './index';
import { stapeling as rule } from './stapeling';

const a = trajectory({ nr: 'A', ingang: '2024-01-01', start: '2024-01-08', code: '45A01' });
const b = trajectory({ nr: 'B', ingang: '2024-02-01', start: '2024-02-05', code: '45A02' });
const c = trajectory({ nr: 'C', ingang: '2024-03-01', categorie: '41' });

describe('STAPELING', () => {
  it('fires from the day the third trajectory becomes active', () => {
    expect(rule.evaluate(ruleInput(child([a, b, c]), '2024-02-29'))).toEqual([]);
    expect(rule.nextCheck(ruleInput(child([a, b, c]), '2024-02-29'))).toBe('2024-03-01');
    const [s] = rule.evaluate(ruleInput(child([a, b, c]), '2024-03-01'));
    expect(s).toMatchObject({
      dedupKey: 'STAPELING|pseudo-kind-1|2024-03-01',
      severity: 'midden',
      effectiveAt: '2024-03-01',
      trajectoryIds: ['0034-A', '0034-B', '0034-C'],
      recipients: ['toegang'],
    });
  });

  it('does not count vervoer or gedwongen kader (configurable)', () => {
    const vervoer = trajectory({ nr: 'V', ingang: '2024-03-01', categorie: '42' });
    const jb = trajectory({ nr: 'J', ingang: '2024-03-01', categorie: '48' });
    expect(rule.evaluate(ruleInput(child([a, b, vervoer, jb]), '2024-03-05'))).toEqual([]);
    expect(
      rule.evaluate(
        ruleInput(child([a, b, vervoer, jb]), '2024-03-05', { overrides: { regio: { stapeling: { telGedwongenKader: true } } } }),
      ),
    ).toHaveLength(1);
  });

  it('keeps the key when a fourth trajectory joins, ends the situation when the count drops', () => {
    const d = trajectory({ nr: 'D', ingang: '2024-04-01', start: '2024-04-02', code: '45A01' });
    const [s] = rule.evaluate(ruleInput(child([d, c, b, a]), '2024-04-10'));
    expect(s).toMatchObject({ dedupKey: 'STAPELING|pseudo-kind-1|2024-03-01', severity: 'hoog' });
    const bStopped = trajectory({ nr: 'B', ingang: '2024-02-01', start: '2024-02-05', stop: '2024-05-31', code: '45A02' });
    const dStopped = trajectory({ nr: 'D', ingang: '2024-04-01', start: '2024-04-02', stop: '2024-05-31', code: '45A01' });
    expect(rule.evaluate(ruleInput(child([a, bStopped, c, dStopped]), '2024-05-31'))).toHaveLength(1);
    expect(rule.evaluate(ruleInput(child([a, bStopped, c, dStopped]), '2024-06-01'))).toEqual([]);
    expect(resolvedSituations(ruleInput(child([a, bStopped, c, dStopped]), '2024-06-01'), [s.dedupKey])).toEqual([s.dedupKey]);
  });

  it('starts a new episode (new key) after an interruption', () => {
    const b1 = trajectory({ nr: 'B', ingang: '2024-02-01', start: '2024-02-05', stop: '2024-04-30', code: '45A02' });
    const e = trajectory({ nr: 'E', ingang: '2024-06-01', code: '45A02' });
    expect(rule.evaluate(ruleInput(child([a, b1, c, e]), '2024-06-01'))[0].dedupKey).toBe('STAPELING|pseudo-kind-1|2024-06-01');
  });

  it('toewijzing einddatum of a not-started trajectory ends its activity (nextCheck)', () => {
    const cEnd = trajectory({ nr: 'C', ingang: '2024-03-01', eind: '2024-03-31', categorie: '41' });
    expect(rule.nextCheck(ruleInput(child([a, b, cEnd]), '2024-03-10'))).toBe('2024-04-01');
    expect(rule.evaluate(ruleInput(child([a, b, cEnd]), '2024-04-01'))).toEqual([]);
  });
});
