import { TR359 } from './TR359';
import { expectBevindingen, jw301, jw315, jw319, runVerzoekHistorie } from './test-builders';

const vot = jw315([{ referentieAanbieder: 'VOT-1' }]);

describe('TR359 (regels/technische-regels/berichtoverstijgend/TR359.md)', () => {
  it.each([
    ['nog niet toegewezen', jw319({ referentieAanbieder: 'VOT-1' }), [vot], []],
    ['al toegewezen', jw319({ referentieAanbieder: 'VOT-1' }), [vot, jw301([{ referentieAanbieder: 'VOT-1' }])], ['client']],
    [
      'een toewijzing met een andere referentie',
      jw319({ referentieAanbieder: 'VOT-1' }),
      [vot, jw301([{ referentieAanbieder: 'VOT-2' }])],
      [],
    ],
  ] as const)('%s', (_naam, bericht, eerdere, verwacht) => {
    expectBevindingen(TR359, runVerzoekHistorie(TR359, bericht, [...eerdere]), [...verwacht]);
  });
});
