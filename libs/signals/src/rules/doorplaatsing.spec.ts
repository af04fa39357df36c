import { child, ruleInput, trajectory } from '../test-builders';
import { doorplaatsing as rule } from './doorplaatsing';

const a = trajectory({ nr: 'A', aanbieder: '11111111', ingang: '2023-01-02', start: '2023-01-10', stop: '2024-03-01', code: '43A02' });

describe('DOORPLAATSING', () => {
  it('signals a residential start at another aanbieder within 30 days of the end', () => {
    const b = trajectory({ nr: 'B', aanbieder: '22222222', ingang: '2024-03-25', start: '2024-03-31', code: '44A01' });
    const [c] = rule.evaluate(ruleInput(child([a, b]), '2024-04-01'));
    expect(c).toMatchObject({
      dedupKey: 'DOORPLAATSING|0034-A|0034-B',
      severity: 'midden',
      aanbieder: '22222222',
      trajectoryIds: ['0034-A', '0034-B'],
      effectiveAt: '2024-03-31',
      recipients: ['toegang', 'regio'],
      facts: expect.objectContaining({ vorigeAanbieder: '11111111', tussenDagen: 30 }),
    });
    const late = trajectory({ nr: 'B', aanbieder: '22222222', ingang: '2024-03-25', start: '2024-04-01', code: '44A01' });
    expect(rule.evaluate(ruleInput(child([a, late]), '2024-04-02'))).toEqual([]);
  });

  it('ignores the same aanbieder, non-residential care and crisis placements', () => {
    const same = trajectory({ nr: 'B', aanbieder: '11111111', ingang: '2024-03-02', start: '2024-03-02', code: '44A01' });
    const ambulant = trajectory({ nr: 'C', aanbieder: '22222222', ingang: '2024-03-02', start: '2024-03-02', code: '45A02' });
    const crisis = trajectory({ nr: 'D', aanbieder: '33333333', ingang: '2024-03-02', start: '2024-03-02', code: '46A02' });
    expect(rule.evaluate(ruleInput(child([a, same, ambulant, crisis]), '2024-04-01'))).toEqual([]);
    expect(
      rule.evaluate(ruleInput(child([a, crisis]), '2024-04-01', { overrides: { regio: { doorplaatsing: { inclusiefCrisis: true } } } })),
    ).toHaveLength(1);
  });

  it('accepts a short overlap and raises severity for repeated doorplaatsingen', () => {
    const b = trajectory({ nr: 'B', aanbieder: '22222222', ingang: '2024-02-25', start: '2024-02-26', stop: '2024-08-01', code: '44A01' });
    const c = trajectory({ nr: 'C', aanbieder: '33333333', ingang: '2024-08-10', start: '2024-08-10', stop: '2024-10-01', code: '43A03' });
    const d = trajectory({ nr: 'D', aanbieder: '44444444', ingang: '2024-10-05', start: '2024-10-05', code: '43A02' });
    const out = rule.evaluate(ruleInput(child([d, c, b, a]), '2024-10-05'));
    expect(out.map((x) => [x.dedupKey, x.severity])).toEqual([
      ['DOORPLAATSING|0034-A|0034-B', 'midden'],
      ['DOORPLAATSING|0034-B|0034-C', 'hoog'],
      ['DOORPLAATSING|0034-C|0034-D', 'kritiek'],
    ]);
    expect(rule.nextCheck(ruleInput(child([a, b]), '2024-03-01'))).toBeNull();
  });
});
