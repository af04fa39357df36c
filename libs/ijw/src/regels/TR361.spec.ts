import { TR361 } from './TR361';
import { expectBevindingen, jw301, jw317, runVerzoekHistorie } from './test-builders';

// Toewijzing 300201: product 45/45A11, 2026-04-01 – 2026-12-31 (jw301's defaults).
const toewijzing = jw301([{ toewijzingNummer: '300201' }]);
const OMVANG = { volume: '4', eenheid: '04', frequentie: '2' };
const nieuw = (...producten: Record<string, unknown>[]) => ({
  nieuweProducten: {
    nieuwProduct: producten.map((p) => ({
      product: { categorie: '45', code: '45A11' },
      gewensteIngangsdatum: '2026-09-01',
      omvang: OMVANG,
      ...p,
    })),
  },
});
const teWijzigen = (p: Record<string, unknown>) => ({
  ongewijzigdeProducten: undefined,
  teWijzigenProducten: { teWijzigenProduct: [{ toewijzingNummer: '300201', gewensteIngangsdatum: '2026-09-01', ...p }] },
});
const NIEUW_1 = 'Client/Verzoek/NieuweProducten/NieuwProduct[1]/GewensteIngangsdatum';

describe('TR361 (regels/technische-regels/berichtoverstijgend/TR361.md)', () => {
  it.each([
    ['ander product in de overlappende periode', jw317(), [toewijzing], []],
    ['zelfde product, overlappend met de ongewijzigde toewijzing', jw317(nieuw({})), [toewijzing], [NIEUW_1]],
    ['zelfde product, aansluitend na de toewijzing', jw317(nieuw({ gewensteIngangsdatum: '2027-01-01' })), [toewijzing], []],
    [
      'zelfde product, start op de einddatum (overlapt één dag)',
      jw317(nieuw({ gewensteIngangsdatum: '2026-12-31' })),
      [toewijzing],
      [NIEUW_1],
    ],
    ['zonder productcode: zelfde categorie overlapt', jw317(nieuw({ product: { categorie: '45' } })), [toewijzing], [NIEUW_1]],
    ['zonder productcode: andere categorie', jw317(nieuw({ product: { categorie: '46' } })), [toewijzing], []],
    [
      'zonder product (generiek): overlapt met elk product',
      jw317(nieuw({ product: undefined, omvang: undefined, budget: '5000' })),
      [toewijzing],
      [NIEUW_1],
    ],
    [
      'te wijzigen tot de dag vóór het nieuwe product (IV092)',
      jw317({ ...teWijzigen({ einddatum: '2026-08-31' }), ...nieuw({}) }),
      [toewijzing],
      [],
    ],
    [
      'te wijzigen zonder einddatum: geen einde, overlapt',
      jw317({ ...teWijzigen({}), ...nieuw({ gewensteIngangsdatum: '2027-03-01' }) }),
      [toewijzing],
      [NIEUW_1],
    ],
    [
      'twee ongewijzigde toewijzingen van hetzelfde product',
      jw317({
        ongewijzigdeProducten: { ongewijzigdProduct: [{ toewijzingNummer: '300201' }, { toewijzingNummer: '300202' }] },
        nieuweProducten: undefined,
      }),
      [jw301([{ toewijzingNummer: '300201' }, { product: { categorie: '45', code: '45A11' }, ingangsdatum: '2026-06-01' }])],
      ['Client/Verzoek/OngewijzigdeProducten/OngewijzigdProduct[2]/ToewijzingNummer'],
    ],
    [
      'twee nieuwe van hetzelfde product na elkaar',
      jw317(nieuw({ einddatum: '2026-10-31' }, { gewensteIngangsdatum: '2026-11-01' })),
      [],
      [],
    ],
    [
      'twee nieuwe van hetzelfde product overlappend',
      jw317(nieuw({ einddatum: '2026-11-30' }, { gewensteIngangsdatum: '2026-11-01' })),
      [],
      ['Client/Verzoek/NieuweProducten/NieuwProduct[2]/GewensteIngangsdatum'],
    ],
    ['onbekende toewijzing (TR350)', jw317(nieuw({})), [], []],
  ] as const)('%s', (_naam, bericht, eerdere, verwacht) => {
    expectBevindingen(TR361, runVerzoekHistorie(TR361, bericht, [...eerdere]), [...verwacht]);
  });
});
