import { TR347 } from './TR347';
import { expectBevindingen, jw315, jw317, runVerzoekHistorie } from './test-builders';

const eerder = jw315([{ referentieAanbieder: 'VOT-7' }]);

describe('TR347 (regels/technische-regels/berichtoverstijgend/TR347.md)', () => {
  it.each([
    ['nieuwe referentie', jw315([{ referentieAanbieder: 'VOT-8' }]), [eerder], []],
    [
      'zelfde referentie als een eerder verzoek om toewijzing',
      jw315([{ referentieAanbieder: 'VOT-8' }, { referentieAanbieder: 'VOT-7' }]),
      [eerder],
      [1],
    ],
    ['ook bij een andere gemeente', jw315([{ referentieAanbieder: 'VOT-7' }], { header: { ontvanger: '0193' } }), [eerder], [0]],
    [
      'een andere aanbieder mag dezelfde referentie gebruiken',
      jw315([{ referentieAanbieder: 'VOT-7' }], { header: { afzender: '12345678' } }),
      [eerder],
      [],
    ],
    [
      'een verzoek om wijziging met de referentie van een verzoek om toewijzing',
      jw317({ referentieAanbieder: 'VOT-7' }),
      [eerder],
      ['client'],
    ],
    ['zonder eerdere berichten', jw317(), [], []],
  ] as const)('%s', (_naam, bericht, eerdere, verwacht) => {
    expectBevindingen(TR347, runVerzoekHistorie(TR347, bericht, [...eerdere]), [...verwacht]);
  });
});
