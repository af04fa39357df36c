import { TR411 } from './TR411';
import { BSN_2, expectBevindingen, jw301, jw317, runVerzoekHistorie } from './test-builders';

const OMVANG = { volume: '4', eenheid: '04', frequentie: '2' };
const teWijzigen = (...producten: Record<string, unknown>[]) => ({
  ongewijzigdeProducten: undefined,
  teWijzigenProducten: {
    teWijzigenProduct: producten.map((p) => ({
      toewijzingNummer: '300201',
      gewensteIngangsdatum: '2026-04-01',
      einddatum: '2027-06-30',
      ...p,
    })),
  },
});
const metCode = jw301([{ toewijzingNummer: '300201' }]);
const zonderCode = jw301([{ toewijzingNummer: '300201', product: { categorie: '45' } }]);
const generiek = jw301([{ toewijzingNummer: '300201', product: undefined, omvang: undefined, budget: 100000 }]);
const PAD = 'Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct[1]/Omvang';

describe('TR411 (regels/technische-regels/berichtoverstijgend/TR411.md)', () => {
  it.each([
    ['productcode in de toewijzing, Omvang gevuld', jw317(teWijzigen({ omvang: OMVANG })), [metCode], []],
    ['productcode in de toewijzing, Omvang leeg', jw317(teWijzigen({})), [metCode], [PAD]],
    [
      'tweede TeWijzigenProduct zonder Omvang',
      jw317(teWijzigen({ omvang: OMVANG }, { toewijzingNummer: '300202' })),
      [jw301([{ toewijzingNummer: '300201' }, {}])],
      ['Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct[2]/Omvang'],
    ],
    ['alleen categorie in de toewijzing, Omvang leeg', jw317(teWijzigen({})), [zonderCode], []],
    ['generieke toewijzing, Omvang leeg', jw317(teWijzigen({})), [generiek], []],
    ['onbekende toewijzing (TR351)', jw317(teWijzigen({})), [], []],
    ['toewijzing van een andere cliënt (TR351)', jw317(teWijzigen({}), { bsn: BSN_2 }), [metCode], []],
    [
      'de actuele versie telt: later zonder code',
      jw317(teWijzigen({})),
      [metCode, jw301([{ toewijzingNummer: '300201', product: { categorie: '45' }, redenWijziging: '01', toewijzingstijd: '11:00:00' }])],
      [],
    ],
  ] as const)('%s', (_naam, bericht, eerdere, verwacht) => {
    expectBevindingen(TR411, runVerzoekHistorie(TR411, bericht, [...eerdere]), [...verwacht]);
  });
});
