import { TR374 } from './TR374';
import { BSN_2, expectBevindingen, jw301, jw315, jw317, jw319, runVerzoekHistorie } from './test-builders';

const vot = jw315([{ referentieAanbieder: 'VOT-1' }]);
const afgewezen = jw319({ referentieAanbieder: 'VOT-1', verzoekAntwoord: '1', redenAfwijzingVerzoek: '4', woonplaatsbeginsel: undefined });
const inOnderzoek = jw319({
  referentieAanbieder: 'VOT-1',
  verzoekAntwoord: '2',
  redenAfwijzingVerzoek: undefined,
  woonplaatsbeginsel: undefined,
});
const toewijzing = jw301([{ referentieAanbieder: 'VOT-1' }]);

describe('TR374 (regels/technische-regels/berichtoverstijgend/TR374.md)', () => {
  it.each([
    ['geen eerder verzoek', jw315([{ referentieAanbieder: 'VOT-2' }]), [], []],
    ['een eerder verzoek nog onbeantwoord', jw315([{ referentieAanbieder: 'VOT-2' }]), [vot], ['client']],
    ['een eerder verzoek in onderzoek is nog in behandeling', jw315([{ referentieAanbieder: 'VOT-2' }]), [vot, inOnderzoek], ['client']],
    ['een eerder verzoek afgewezen', jw315([{ referentieAanbieder: 'VOT-2' }]), [vot, afgewezen], []],
    ['een eerder verzoek toegewezen', jw315([{ referentieAanbieder: 'VOT-2' }]), [vot, toewijzing], []],
    ['een verzoek om wijziging terwijl een verzoek open staat', jw317(), [vot], ['client']],
    ['een open verzoek voor een andere cliënt', jw315([{ referentieAanbieder: 'VOT-2' }], { client: { bsn: BSN_2 } }), [vot], []],
  ] as const)('%s', (_naam, bericht, eerdere, verwacht) => {
    expectBevindingen(TR374, runVerzoekHistorie(TR374, bericht, [...eerdere]), [...verwacht]);
  });
});
