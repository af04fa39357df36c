/** A generieke toewijzing (no product, productcategorie null, no intensity level) in the indicators. */
import { computeIndicators } from './indicators';
import { FROM, TO, traj } from './test-data';

describe('indicators with a generieke toewijzing', () => {
  it('counts it under intensiteit "onbekend" and in the total', () => {
    const generiek = {
      ...traj({ id: 'G1', child: 'k1', level: null, ingang: '2024-02-01', begin: '2024-02-05' }),
      productcategorie: null,
      budget: 100_000,
      generiekeToewijzing: true as const,
    };
    const licht = traj({ id: 'L1', child: 'k2', level: 'licht_ambulant', ingang: '2024-02-01', begin: '2024-02-03' });
    const result = computeIndicators([generiek, licht], { from: FROM, to: TO, groupBy: 'intensiteit', minCount: 1 });
    expect(result.rows.map((r) => [r.group, r.indicators.instroom.value])).toEqual([
      ['licht_ambulant', 1],
      ['onbekend', 1],
      ['totaal', 2],
    ]);
  });
});
