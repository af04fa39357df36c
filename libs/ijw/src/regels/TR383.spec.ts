import { TR383 } from './TR383';
import { expectBevindingen, jw315, runVerzoek } from './test-builders';

describe('TR383 (regels/technische-regels/xslt/TR383.md)', () => {
  it.each([
    ['twee producten met elk een eigen referentie', jw315([{}, {}]), []],
    ['een product', jw315([{}]), []],
    [
      'dezelfde referentie twee keer',
      jw315([{ referentieAanbieder: 'R1' }, { referentieAanbieder: 'R2' }, { referentieAanbieder: 'R1' }]),
      [2],
    ],
    [
      'referentie verschilt alleen in een spatie (exact vergeleken)',
      jw315([{ referentieAanbieder: 'R1' }, { referentieAanbieder: 'R1 ' }]),
      [],
    ],
  ])('%s', (_naam, bericht, verwacht) => {
    expectBevindingen(TR383, runVerzoek(TR383, bericht), verwacht as (number | string)[]);
  });

  it('is not a rule of JW301, JW305 or JW307', () => {
    expect(TR383.berichten).toEqual([]);
  });
});
