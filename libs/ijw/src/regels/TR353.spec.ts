import { TR353 } from './TR353';
import { expectBevindingen, jw317, runVerzoek } from './test-builders';

describe('TR353 (regels/technische-regels/xslt/TR353.md)', () => {
  it.each([
    ['een NieuwProduct', jw317(), []],
    [
      'alleen een TeWijzigenProduct',
      jw317({
        nieuweProducten: undefined,
        teWijzigenProducten: { teWijzigenProduct: [{ toewijzingNummer: '300201', gewensteIngangsdatum: '2026-09-01' }] },
      }),
      [],
    ],
    ['alleen een OngewijzigdProduct', jw317({ nieuweProducten: undefined }), ['client']],
  ])('%s', (_naam, bericht, verwacht) => {
    expectBevindingen(TR353, runVerzoek(TR353, bericht), verwacht as (number | string)[]);
  });

  it('is not a rule of JW301, JW305 or JW307', () => {
    expect(TR353.berichten).toEqual([]);
  });
});
