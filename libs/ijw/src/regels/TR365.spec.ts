import { TR365 } from './TR365';
import { expectBevindingen, jw315, jw319, runVerzoekHistorie } from './test-builders';

const vot = jw315([{ referentieAanbieder: 'VOT-1' }]);
const onderzoek = { referentieAanbieder: 'VOT-1', verzoekAntwoord: '2', redenAfwijzingVerzoek: undefined, woonplaatsbeginsel: undefined };

describe('TR365 (regels/technische-regels/berichtoverstijgend/TR365.md)', () => {
  it.each([
    ['eerste antwoord', jw319({ referentieAanbieder: 'VOT-1' }), [vot], []],
    ['afgewezen na in onderzoek', jw319({ referentieAanbieder: 'VOT-1' }), [vot, jw319(onderzoek)], []],
    ['opnieuw afgewezen', jw319({ referentieAanbieder: 'VOT-1' }), [vot, jw319({ referentieAanbieder: 'VOT-1' })], ['client']],
  ] as const)('%s', (_naam, bericht, eerdere, verwacht) => {
    expectBevindingen(TR365, runVerzoekHistorie(TR365, bericht, [...eerdere]), [...verwacht]);
  });
});
