import { TR360 } from './TR360';
import { expectBevindingen, jw315, jw319, runVerzoekHistorie } from './test-builders';

const vot = jw315([{ referentieAanbieder: 'VOT-1' }]);
const onderzoek = { referentieAanbieder: 'VOT-1', verzoekAntwoord: '2', redenAfwijzingVerzoek: undefined, woonplaatsbeginsel: undefined };

describe('TR360 (regels/technische-regels/berichtoverstijgend/TR360.md)', () => {
  it.each([
    ['in onderzoek als eerste antwoord', jw319(onderzoek), [vot], []],
    ['in onderzoek na een eerder in onderzoek', jw319(onderzoek), [vot, jw319(onderzoek)], ['client']],
    ['afgewezen na in onderzoek', jw319({ referentieAanbieder: 'VOT-1' }), [vot, jw319(onderzoek)], []],
  ] as const)('%s', (_naam, bericht, eerdere, verwacht) => {
    expectBevindingen(TR360, runVerzoekHistorie(TR360, bericht, [...eerdere]), [...verwacht]);
  });
});
