import { CD080 } from './CD080';
import { expectBevindingen, jw301, run } from './test-builders';

const omvang = { volume: 4, eenheid: '04', frequentie: '2' };

describe('CD080 (regels/condities-constraints/Condities_constraints_per_data-element.md)', () => {
  it.each([
    ['specifiek met omvang', jw301(), []],
    ['aspecifiek zonder omvang', jw301([{ product: { categorie: '45' }, omvang: undefined }]), []],
    ['aspecifiek met omvang, einddatum 2026', jw301([{ product: { categorie: '45' }, omvang }]), [0]],
    ['aspecifiek met omvang, zonder einddatum', jw301([{ product: { categorie: '45' }, omvang, einddatum: undefined }]), [0]],
    [
      'aspecifiek met omvang, geëindigd in 2020',
      jw301([{ product: { categorie: '45' }, omvang, ingangsdatum: '2020-01-01', einddatum: '2020-12-31' }]),
      [],
    ],
  ])('%s', (_naam, bericht, verwacht) => {
    expectBevindingen(CD080, run(CD080, bericht), verwacht);
  });
});
