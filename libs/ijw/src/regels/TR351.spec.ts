import { TR351 } from './TR351';
import { expectBevindingen, jw301, jw317, runVerzoekHistorie } from './test-builders';

const toewijzing = jw301([{ toewijzingNummer: '300201' }]);
const teWijzigen = (nummer: string) => ({
  ongewijzigdeProducten: undefined,
  teWijzigenProducten: { teWijzigenProduct: [{ toewijzingNummer: nummer, gewensteIngangsdatum: '2026-09-01', einddatum: '2027-06-30' }] },
});

describe('TR351 (regels/technische-regels/berichtoverstijgend/TR351.md)', () => {
  it.each([
    ['bekende toewijzing', jw317(teWijzigen('300201')), [toewijzing], []],
    [
      'onbekende toewijzing',
      jw317(teWijzigen('300299')),
      [toewijzing],
      ['Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct[1]/ToewijzingNummer'],
    ],
    [
      'toewijzing aan een andere aanbieder',
      jw317(teWijzigen('300201')),
      [jw301([{ toewijzingNummer: '300201' }], { header: { ontvanger: '12345678' } })],
      ['Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct[1]/ToewijzingNummer'],
    ],
  ] as const)('%s', (_naam, bericht, eerdere, verwacht) => {
    expectBevindingen(TR351, runVerzoekHistorie(TR351, bericht, [...eerdere]), [...verwacht]);
  });
});
