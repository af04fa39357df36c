/**
 * OVERGANG_18 with an inexact birth date (DatumGebruik, COD170 in ../shared/ijw-3.2/codelijsten/; IV009 in
 * regels/invulinstructies/invulinstructie_IV009.md: the unknown parts are 01 / 1900). Table: DatumGebruik × milestone.
 */
import type { DatumGebruik } from '@trajectwacht/ijw';
import { summariseClient } from '@trajectwacht/trajectory';
import { child, ruleInput, trajectory } from '../test-builders';
import { overgang18 as rule } from './overgang-18';

type Gebruik = DatumGebruik | 'exact';
const GEBOORTEDATUM: Record<Gebruik, string> = { exact: '2008-09-17', '1': '2008-09-01', '2': '2008-01-01', '3': '1900-01-01' };

function kind(gebruik: Gebruik, eind?: string) {
  const t = trajectory({
    nr: '1',
    ingang: '2023-06-01',
    start: '2023-06-01',
    code: '43A02',
    geboortedatum: GEBOORTEDATUM[gebruik],
    ...(eind ? { eind } : {}),
    ...(gebruik !== 'exact' ? { geboortedatumGebruik: gebruik } : {}),
  });
  // a toewijzing with an einddatum is one decided from 17½ on (iJw 3.2 toewijzingsdatum): verlengde jeugdhulp through iJw
  return child([eind ? { ...t, toewijzingsdatum: '2026-03-17' } : t]);
}

const K = 'OVERGANG_18|pseudo-kind-1|';
// [DatumGebruik, now, toewijzing einddatum, expected milestone:severity]
const TABLE: [Gebruik, string, string | undefined, string[]][] = [
  // 16 (verblijf): exact on the birthday; day unknown from the 1st of the month; month unknown from 1 January
  ['exact', '2024-09-16', undefined, []],
  ['exact', '2024-09-17', undefined, ['16:laag']],
  ['1', '2024-08-31', undefined, []],
  ['1', '2024-09-01', undefined, ['16:laag']],
  ['2', '2023-12-31', undefined, []],
  ['2', '2024-01-01', undefined, ['16:laag']],
  ['3', '2024-09-17', undefined, []],
  // 17½ and 18
  ['exact', '2026-09-16', undefined, ['17.5:midden']],
  ['exact', '2026-09-17', undefined, ['18:hoog']],
  ['1', '2026-08-31', undefined, ['17.5:midden']],
  ['1', '2026-09-01', undefined, ['18:hoog']],
  ['2', '2025-06-30', undefined, ['16:laag']],
  ['2', '2025-07-01', undefined, ['17.5:midden']],
  ['2', '2026-01-01', undefined, ['18:hoog']],
  ['3', '2026-01-01', undefined, []],
  ['3', '2030-01-01', undefined, []],
  // a toewijzing decided from 17½ on until 2026-10-15 covers the 18th birthday only when it surely lies before it
  ['exact', '2026-09-17', '2026-10-15', ['verlengd-2026-10-15:midden']], // covered; its end is near (6 months)
  ['1', '2026-09-17', '2026-10-15', ['verlengd-2026-10-15:midden']],
  ['2', '2026-09-17', '2026-10-15', ['18:hoog']],
  ['2', '2026-03-01', '2026-10-15', ['18:hoog']],
  // 23 (any care), warned 6 months before the earliest possible birthday
  ['exact', '2031-06-17', '2032-12-31', ['23:midden']],
  ['2', '2030-10-01', '2032-12-31', ['23:midden']],
  ['2', '2031-01-01', '2032-12-31', ['23:hoog']],
  ['3', '2031-06-17', '2032-12-31', []],
];

describe('OVERGANG_18 × DatumGebruik', () => {
  it.each(TABLE)('DatumGebruik %s on %s (einddatum %s): %j', (gebruik, now, eind, expected) => {
    const found = rule.evaluate(ruleInput(kind(gebruik, eind), now));
    expect(found.map((c) => `${c.dedupKey.slice(K.length)}:${c.severity}`)).toEqual(expected);
    for (const c of found) {
      if (gebruik === 'exact') {
        expect(c.facts).not.toHaveProperty('geboortedatumExact');
        expect(c.title).not.toMatch(/benadering/);
      } else {
        expect(c.facts).toMatchObject({ geboortedatumGebruik: gebruik, geboortedatumExact: false });
        expect(c.title).toMatch(/\(geboortedatum bij benadering\)$/);
      }
    }
  });

  it('the facts give the range of possible birth dates', () => {
    const [c] = rule.evaluate(ruleInput(kind('1'), '2026-09-01'));
    expect(c.facts).toMatchObject({ vroegsteGeboortedatum: '2008-09-01', laatsteGeboortedatum: '2008-09-30', mijlpaalDatum: '2026-09-01' });
  });

  it('with an unknown birth date no timer is needed for the age', () => {
    expect(rule.nextCheck(ruleInput(kind('3'), '2024-01-01'))).toBeNull();
    expect(rule.nextCheck(ruleInput(kind('2'), '2023-06-02'))).toBe('2024-01-01');
  });

  it('summariseClient: highest possible age for an inexact date, null for an unknown one', () => {
    expect(summariseClient(kind('2').trajectories, '2024-06-01')).toMatchObject({ leeftijd: 16, geboortedatumGebruik: '2' });
    expect(summariseClient(kind('3').trajectories, '2024-06-01')).toMatchObject({ leeftijd: null, geboortedatumGebruik: '3' });
    expect(summariseClient(kind('exact').trajectories, '2024-06-01')).not.toHaveProperty('geboortedatumGebruik');
  });
});
