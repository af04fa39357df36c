import { TR302 } from './TR302';
import { expectBevindingen, jw301, run } from './test-builders';

const p = (categorie: string, code?: string) => (code ? { categorie, code } : { categorie });

describe('TR302 (regels/technische-regels/xslt/TR302.md)', () => {
  it.each([
    ['twee verschillende producten', jw301([{ product: p('45', '45A11') }, { product: p('45', '45A12') }]), []],
    [
      'zelfde product, overlappende periodes',
      jw301([{ product: p('45', '45A11') }, { product: p('45', '45A11'), ingangsdatum: '2026-06-01' }]),
      [1],
    ],
    [
      'zelfde product, aansluitende periodes',
      jw301([
        { product: p('45', '45A11'), einddatum: '2026-05-31' },
        { product: p('45', '45A11'), ingangsdatum: '2026-06-01' },
      ]),
      [],
    ],
    [
      'zelfde product, eerste zonder einddatum',
      jw301([
        { product: p('45', '45A11'), einddatum: undefined },
        { product: p('45', '45A11'), ingangsdatum: '2027-01-01' },
      ]),
      [1],
    ],
    [
      'aspecifiek (alleen categorie) overlapt specifiek van dezelfde categorie',
      jw301([{ product: p('45'), omvang: undefined }, { product: p('45', '45A12') }]),
      [1],
    ],
    ['aspecifiek van andere categorie', jw301([{ product: p('43'), omvang: undefined }, { product: p('45', '45A12') }]), []],
    [
      'generiek (geen product) overlapt met alles',
      jw301([{ product: p('45', '45A11') }, { product: undefined, omvang: undefined, budget: 100000 }]),
      [1],
    ],
    [
      'verwijderde toewijzing (reden 13, einddatum = ingangsdatum) telt niet mee',
      jw301([{ product: p('45', '45A11'), einddatum: '2026-04-01', redenWijziging: '13' }, { product: p('45', '45A11') }]),
      [],
    ],
  ])('%s', (_naam, bericht, verwacht) => {
    expectBevindingen(TR302, run(TR302, bericht), verwacht);
  });
});
