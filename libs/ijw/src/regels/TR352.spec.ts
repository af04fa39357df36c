import { TR352 } from './TR352';
import { expectBevindingen, jw317, runVerzoek } from './test-builders';

describe('TR352 (regels/technische-regels/xslt/TR352.md)', () => {
  it.each([
    ['een OngewijzigdProduct', jw317(), []],
    [
      'alleen een TeWijzigenProduct',
      jw317({
        ongewijzigdeProducten: undefined,
        teWijzigenProducten: {
          teWijzigenProduct: [{ toewijzingNummer: '300201', gewensteIngangsdatum: '2026-09-01', einddatum: '2026-12-31' }],
        },
      }),
      [],
    ],
    ['alleen een NieuwProduct', jw317({ ongewijzigdeProducten: undefined }), ['client']],
  ])('%s', (_naam, bericht, verwacht) => {
    expectBevindingen(TR352, runVerzoek(TR352, bericht), verwacht as (number | string)[]);
  });

  it('is not a rule of JW301, JW305 or JW307', () => {
    expect(TR352.berichten).toEqual([]);
  });
});
