/**
 * The open points of the domain brief, decided (README "Decided open points"): each decision as the rules apply it.
 */
import { child, ruleInput, trajectory } from './test-builders';
import { RULES } from './rules';

const keys = (rule: keyof typeof RULES, now: string, ...ts: Parameters<typeof child>) =>
  RULES[rule].evaluate(ruleInput(child(...ts), now)).map((c) => c.dedupKey);

describe('decided open points', () => {
  it('1. a rule "N days after X" fires ON day X + N, not the day after', () => {
    const t = trajectory({ nr: '1', ingang: '2024-03-01' });
    expect(keys('WACHTTIJD_GEEN_START', '2024-03-28', [t])).toEqual([]);
    expect(keys('WACHTTIJD_GEEN_START', '2024-03-29', [t])).toHaveLength(1);
  });

  it('2. "within 5 working days": the 5th working day is still in time, the signal comes the day after it', () => {
    // einddatum Wednesday 2024-06-05: working days 6, 7, 10, 11, 12 June → deadline Wednesday 12 June
    const t = trajectory({ nr: '1', ingang: '2024-01-01', start: '2024-01-02', eind: '2024-06-05' });
    expect(keys('STOP_ONTBREEKT', '2024-06-12', [t])).toEqual([]);
    expect(keys('STOP_ONTBREEKT', '2024-06-13', [t])).toHaveLength(1);
  });

  it("3. a child's first trajectory is no escalation — unless it is crisis", () => {
    expect(keys('ESCALATIE', '2024-03-10', [trajectory({ nr: '1', ingang: '2024-03-01', start: '2024-03-01', code: '43A02' })])).toEqual(
      [],
    );
    expect(
      keys('ESCALATIE', '2024-03-10', [trajectory({ nr: '1', ingang: '2024-03-01', start: '2024-03-01', code: '46A02' })]),
    ).toHaveLength(1);
  });

  it(
    '4. a re-placement within 30 days after a care-free gap is a doorplaatsing AND a herinstroom; ' + 'a seamless one only a doorplaatsing',
    () => {
      const a = trajectory({
        nr: '1',
        aanbieder: '11111111',
        ingang: '2023-01-01',
        start: '2023-01-01',
        stop: '2024-02-29',
        code: '43A02',
      });
      const gap = trajectory({ nr: '2', aanbieder: '22222222', ingang: '2024-03-15', start: '2024-03-15', code: '43A02' });
      expect(keys('DOORPLAATSING', '2024-03-20', [a, gap])).toHaveLength(1);
      expect(keys('HERINSTROOM', '2024-03-20', [a, gap])).toHaveLength(1);
      const seamless = trajectory({ nr: '2', aanbieder: '22222222', ingang: '2024-03-01', start: '2024-03-01', code: '43A02' });
      expect(keys('DOORPLAATSING', '2024-03-20', [a, seamless])).toHaveLength(1);
      expect(keys('HERINSTROOM', '2024-03-20', [a, seamless])).toEqual([]);
    },
  );

  it('5. STAPELING counts toewijzingen not yet started, not vervoer (42) nor the justice frame (47–49)', () => {
    const care = ['1', '2'].map((nr) => trajectory({ nr, ingang: '2024-01-01', start: '2024-01-01' }));
    expect(keys('STAPELING', '2024-03-01', [...care, trajectory({ nr: '3', ingang: '2024-02-01' })])).toHaveLength(1);
    for (const categorie of ['42', '47', '48', '49'])
      expect(
        keys('STAPELING', '2024-03-01', [...care, trajectory({ nr: '3', ingang: '2024-01-01', start: '2024-01-01', categorie })]),
      ).toEqual([]);
  });

  it('6. the grace period of a start without toewijzing counts from receipt, else from the begindatum', () => {
    const orphan = trajectory({ nr: 'TW1', ingang: null, start: '2024-01-10' });
    expect(keys('START_ZONDER_TOEWIJZING', '2024-02-03', [orphan], { ontvangen: { '0034-TW1': '2024-02-01' } })).toEqual([]);
    expect(keys('START_ZONDER_TOEWIJZING', '2024-02-04', [orphan], { ontvangen: { '0034-TW1': '2024-02-01' } })).toHaveLength(1);
    expect(keys('START_ZONDER_TOEWIJZING', '2024-01-12', [orphan])).toEqual([]);
    expect(keys('START_ZONDER_TOEWIJZING', '2024-01-13', [orphan])).toHaveLength(1);
  });
});
