import { TR332 } from './TR332';
import { BSN_2, expectBevindingen, jw301, runHistorie } from './test-builders';

const eerste = jw301([{ toewijzingNummer: '300201', product: { categorie: '45', code: '45A11' } }]);

describe('TR332 (regels/technische-regels/berichtoverstijgend/TR332.md)', () => {
  it.each([
    ['nieuw nummer', jw301([{ toewijzingNummer: '300299' }]), [eerste], []],
    [
      'nieuwe versie (andere einddatum) van dezelfde toewijzing',
      jw301([{ toewijzingNummer: '300201', einddatum: '2027-03-31' }]),
      [eerste],
      [],
    ],
    ['zelfde nummer voor een andere cliënt', jw301([{ toewijzingNummer: '300201' }], { client: { bsn: BSN_2 } }), [eerste], [0]],
    [
      'zelfde nummer voor een andere aanbieder',
      jw301([{ toewijzingNummer: '300201' }], { header: { ontvanger: '12345678' } }),
      [eerste],
      [0],
    ],
    [
      'zelfde nummer voor een ander product',
      jw301([{}, { toewijzingNummer: '300201', product: { categorie: '45', code: '45A12' } }]),
      [eerste],
      [1],
    ],
    [
      'zelfde nummer bij een andere gemeente is een andere toewijzing',
      jw301([{ toewijzingNummer: '300201' }], { header: { afzender: '0193' }, client: { bsn: BSN_2 } }),
      [eerste],
      [],
    ],
  ])('%s', (_naam, bericht, eerdere, verwacht) => {
    expectBevindingen(TR332, runHistorie(TR332, bericht, eerdere), verwacht);
  });
});
