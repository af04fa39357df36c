import { CS338 } from './CS338';
import { expectBevindingen, jw301, run } from './test-builders';

const met = (eenheid: string, frequentie: string, einddatum: string | undefined = '2026-12-31') =>
  jw301([{ omvang: { volume: 5, eenheid, frequentie }, einddatum }]);

describe('CS338 (regels/condities-constraints/Condities_constraints_per_data-element.md)', () => {
  it.each([
    ['etmaal per week', met('14', '2'), []],
    ['etmaal per dag', met('14', '1'), [0]],
    ['dagdeel per dag', met('16', '1'), [0]],
    ["euro's totaal", met('83', '6'), []],
    ['stuks (inspanning) per dag zonder einddatum', met('84', '1', undefined), [0]],
    ['uur per dag (eenheid 04 valt erbuiten)', met('04', '1'), []],
    [
      'etmaal per dag, geëindigd voor 2021',
      jw301([{ omvang: { volume: 5, eenheid: '14', frequentie: '1' }, ingangsdatum: '2020-01-01', einddatum: '2020-12-31' }]),
      [],
    ],
  ])('%s', (_naam, bericht, verwacht) => {
    expectBevindingen(CS338, run(CS338, bericht), verwacht);
  });
});
