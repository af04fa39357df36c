import { TR350 } from './TR350';
import { BSN_2, expectBevindingen, jw301, jw317, runVerzoekHistorie } from './test-builders';

const toewijzing = jw301([{ toewijzingNummer: '300201' }]);

describe('TR350 (regels/technische-regels/berichtoverstijgend/TR350.md)', () => {
  it.each([
    ['bekende toewijzing van deze cliënt en aanbieder', jw317(), [toewijzing], []],
    ['onbekend toewijzingnummer', jw317(), [], ['Client/Verzoek/OngewijzigdeProducten/OngewijzigdProduct[1]/ToewijzingNummer']],
    [
      'toewijzing van een andere cliënt',
      jw317({}, { bsn: BSN_2 }),
      [toewijzing],
      ['Client/Verzoek/OngewijzigdeProducten/OngewijzigdProduct[1]/ToewijzingNummer'],
    ],
    [
      'toewijzing verwijderd',
      jw317(),
      [toewijzing, jw301([{ toewijzingNummer: '300201', redenWijziging: '13', einddatum: '2026-08-01', toewijzingstijd: '11:00:00' }])],
      ['Client/Verzoek/OngewijzigdeProducten/OngewijzigdProduct[1]/ToewijzingNummer'],
    ],
  ] as const)('%s', (_naam, bericht, eerdere, verwacht) => {
    expectBevindingen(TR350, runVerzoekHistorie(TR350, bericht, [...eerdere]), [...verwacht]);
  });
});
