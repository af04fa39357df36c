import { TR355 } from './TR355';
import { expectBevindingen, jw315, jw317, jw319, runVerzoekHistorie } from './test-builders';

const vot = jw315([{ referentieAanbieder: 'VOT-1' }]);
const vow = jw317({ referentieAanbieder: 'VOW-1' });

describe('TR355 (regels/technische-regels/berichtoverstijgend/TR355.md)', () => {
  it.each([
    ['antwoord op een verzoek om toewijzing', jw319({ referentieAanbieder: 'VOT-1' }), [vot], []],
    ['antwoord op een verzoek om wijziging', jw319({ referentieAanbieder: 'VOW-1' }), [vow], []],
    ['geen verzoek met deze referentie', jw319({ referentieAanbieder: 'VOT-9' }), [vot], ['client']],
    [
      'het verzoek ging naar een andere gemeente',
      jw319({ referentieAanbieder: 'VOT-1' }, { header: { afzender: '0193' } }),
      [vot],
      ['client'],
    ],
    ['geen eerdere berichten', jw319(), [], ['client']],
  ] as const)('%s', (_naam, bericht, eerdere, verwacht) => {
    expectBevindingen(TR355, runVerzoekHistorie(TR355, bericht, [...eerdere]), [...verwacht]);
  });
});
