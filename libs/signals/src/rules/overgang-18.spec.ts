import { child, ruleInput, trajectory } from '../test-builders';
import { resolvedSituations } from './index';
import { overgang18 as rule } from './overgang-18';

const GEB = '2008-02-29'; // 16 on 2024-02-29, 17 on 2025-03-01, 17½ on 2025-09-01, 18 on 2026-03-01
const verblijf = trajectory({ nr: 'V', ingang: '2023-06-01', start: '2023-06-01', code: '43A02', geboortedatum: GEB });

function keys(now: string, ...args: Parameters<typeof child>) {
  return rule.evaluate(ruleInput(child(...args), now)).map((c) => `${c.dedupKey}:${c.severity}`);
}

describe('OVERGANG_18', () => {
  it('16 in residential care: from the (leap day) birthday, not the day before', () => {
    expect(keys('2024-02-28', [verblijf])).toEqual([]);
    expect(keys('2024-02-29', [verblijf])).toEqual(['OVERGANG_18|pseudo-kind-1|16:laag']);
    const amb = trajectory({ nr: 'A', ingang: '2023-06-01', start: '2023-06-01', code: '45A01', geboortedatum: GEB });
    expect(keys('2024-03-01', [amb])).toEqual([]);
    expect(rule.nextCheck(ruleInput(child([verblijf]), '2024-01-01'))).toBe('2024-02-29');
  });

  it('17½ replaces 16; 18 on 1 March 2026 for a 29 February birthday', () => {
    expect(keys('2025-08-31', [verblijf])).toEqual(['OVERGANG_18|pseudo-kind-1|16:laag']);
    expect(keys('2025-09-01', [verblijf])).toEqual(['OVERGANG_18|pseudo-kind-1|17.5:midden']);
    expect(rule.nextCheck(ruleInput(child([verblijf]), '2025-09-01'))).toBe('2026-03-01');
    expect(keys('2026-02-28', [verblijf])).toEqual(['OVERGANG_18|pseudo-kind-1|17.5:midden']);
    expect(keys('2026-03-01', [verblijf])).toEqual(['OVERGANG_18|pseudo-kind-1|18:hoog']);
    const input = ruleInput(child([verblijf]), '2026-03-01');
    expect(resolvedSituations(input, ['OVERGANG_18|pseudo-kind-1|17.5'])).toEqual(['OVERGANG_18|pseudo-kind-1|17.5']);
  });

  it('a toewijzing running past the 18th birthday counts as verlengde jeugdhulp', () => {
    const verlengd = trajectory({ nr: 'V', ingang: '2023-06-01', start: '2023-06-01', eind: '2027-01-01', code: '43A02', geboortedatum: GEB });
    expect(keys('2025-09-01', [verlengd])).toEqual([]);
    expect(keys('2026-03-01', [verlengd])).toEqual([]);
    const ending = trajectory({ nr: 'V', ingang: '2023-06-01', start: '2023-06-01', eind: '2026-02-28', code: '43A02', geboortedatum: GEB });
    expect(keys('2026-03-05', [ending])).toEqual(['OVERGANG_18|pseudo-kind-1|18:hoog']);
  });

  it('a recorded follow-up silences the milestones', () => {
    expect(keys('2025-09-01', [verblijf], { vervolg: [{ soort: 'wmo', vastgelegdOp: '2025-08-01' }] })).toEqual([]);
    expect(keys('2024-03-01', [verblijf], { vervolg: [{ soort: 'plan', vastgelegdOp: '2024-02-01' }] })).toEqual([]);
    expect(keys('2025-09-01', [verblijf], { vervolg: [{ soort: 'plan', vastgelegdOp: '2024-02-01' }] })).toEqual(['OVERGANG_18|pseudo-kind-1|17.5:midden']);
  });

  it('warns 3 months before 21 for pleegzorg and before 23 for any care', () => {
    const pleeg = trajectory({ nr: 'P', ingang: '2020-01-01', start: '2020-01-01', eind: '2031-12-31', code: '44A01', geboortedatum: GEB });
    expect(keys('2028-11-30', [pleeg])).toEqual([]);
    expect(keys('2028-12-01', [pleeg])).toEqual(['OVERGANG_18|pseudo-kind-1|21:midden']);
    expect(keys('2029-03-01', [pleeg])).toEqual(['OVERGANG_18|pseudo-kind-1|21:hoog']);
    expect(rule.nextCheck(ruleInput(child([pleeg]), '2028-12-01'))).toBe('2029-03-01');
    expect(keys('2030-12-01', [pleeg])).toEqual(['OVERGANG_18|pseudo-kind-1|21:hoog', 'OVERGANG_18|pseudo-kind-1|23:midden']);
  });

  it('needs active care (vervoer alone does not count) and has no timer without open care', () => {
    const vervoer = trajectory({ nr: 'X', ingang: '2023-06-01', start: '2023-06-01', categorie: '42', geboortedatum: GEB });
    expect(keys('2025-09-01', [vervoer])).toEqual([]);
    const stopped = trajectory({ nr: 'V', ingang: '2023-06-01', start: '2023-06-01', stop: '2024-01-31', code: '43A02', geboortedatum: GEB });
    expect(keys('2024-03-01', [stopped])).toEqual([]);
    expect(rule.nextCheck(ruleInput(child([stopped]), '2024-03-01'))).toBeNull();
  });
});
