import { TR380 } from './TR380';
import { expectBevindingen, jw317, runVerzoek } from './test-builders';

describe('TR380 (regels/technische-regels/xslt/TR380.md)', () => {
  it.each([
    ['gewenste ingangsdatum na de dagtekening', jw317(), []],
    [
      'gewenste ingangsdatum gelijk aan de dagtekening',
      jw317({ nieuweProducten: { nieuwProduct: [{ product: { categorie: '45' }, gewensteIngangsdatum: '2026-07-20' }] } }),
      ['Client/Verzoek/NieuweProducten/NieuwProduct[1]/GewensteIngangsdatum'],
    ],
    [
      'te wijzigen product met een gewenste ingangsdatum in het verleden',
      jw317({
        teWijzigenProducten: {
          teWijzigenProduct: [
            { toewijzingNummer: '300201', gewensteIngangsdatum: '2026-09-01' },
            { toewijzingNummer: '300202', gewensteIngangsdatum: '2026-07-01' },
          ],
        },
      }),
      ['Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct[2]/GewensteIngangsdatum'],
    ],
  ])('%s', (_naam, bericht, verwacht) => {
    expectBevindingen(TR380, runVerzoek(TR380, bericht), verwacht as (number | string)[]);
  });

  it('is not a rule of JW301, JW305 or JW307', () => {
    expect(TR380.berichten).toEqual([]);
  });
});
