import { TR375 } from './TR375';
import { expectBevindingen, jw301, jw317, runVerzoekHistorie } from './test-builders';

const OMVANG = { volume: '4', eenheid: '04', frequentie: '2' };
const teWijzigen = (p: Record<string, unknown>) => ({
  ongewijzigdeProducten: undefined,
  teWijzigenProducten: {
    teWijzigenProduct: [{ toewijzingNummer: '300201', gewensteIngangsdatum: '2026-04-01', einddatum: '2027-06-30', ...p }],
  },
});
const toewijzing = (p: Record<string, unknown>) => jw301([{ toewijzingNummer: '300201', omvang: undefined, budget: 100000, ...p }]);
const generiek = toewijzing({ product: undefined });
const alleenCategorie = toewijzing({ product: { categorie: '45' } });
const metCode = jw301([{ toewijzingNummer: '300201' }]);
const PAD = 'Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct[1]/Omvang';

describe('TR375 (regels/technische-regels/berichtoverstijgend/TR375.md)', () => {
  it.each([
    ['geen Product in de toewijzing, Omvang leeg', jw317(teWijzigen({})), [generiek], []],
    ['geen Product in de toewijzing, Omvang gevuld', jw317(teWijzigen({ omvang: OMVANG })), [generiek], [PAD]],
    [
      'geen Product, geen Einddatum, Omvang gevuld',
      jw317(teWijzigen({ omvang: OMVANG })),
      [toewijzing({ product: undefined, einddatum: undefined })],
      [PAD],
    ],
    [
      'geen Product, Einddatum 31-12-2020 (niet groter), Omvang gevuld',
      jw317(teWijzigen({ omvang: OMVANG })),
      [toewijzing({ product: undefined, ingangsdatum: '2020-01-01', einddatum: '2020-12-31' })],
      [],
    ],
    [
      'geen Product, Einddatum 01-01-2021, Omvang gevuld',
      jw317(teWijzigen({ omvang: OMVANG })),
      [toewijzing({ product: undefined, ingangsdatum: '2020-01-01', einddatum: '2021-01-01' })],
      [PAD],
    ],
    ['alleen Categorie in de toewijzing, Omvang gevuld', jw317(teWijzigen({ omvang: OMVANG })), [alleenCategorie], []],
    ['productcode in de toewijzing, Omvang gevuld', jw317(teWijzigen({ omvang: OMVANG })), [metCode], []],
    ['onbekende toewijzing (TR351)', jw317(teWijzigen({ omvang: OMVANG })), [], []],
  ] as const)('%s', (_naam, bericht, eerdere, verwacht) => {
    expectBevindingen(TR375, runVerzoekHistorie(TR375, bericht, [...eerdere]), [...verwacht]);
  });
});
