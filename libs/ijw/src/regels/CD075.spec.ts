import { CD075 } from './CD075';
import { expectBevindingen, jw301, run } from './test-builders';

describe('CD075 (regels/condities-constraints/Condities_constraints_per_data-element.md)', () => {
  it.each([
    ['generiek met budget en einddatum', jw301([{ product: undefined, omvang: undefined, budget: 250000 }]), []],
    ['generiek met budget zonder einddatum', jw301([{ product: undefined, omvang: undefined, budget: 250000, einddatum: undefined }]), [0]],
    [
      'aspecifiek met budget zonder einddatum',
      jw301([{ product: { categorie: '55' }, omvang: undefined, budget: 0, einddatum: undefined }]),
      [0],
    ],
    ['zonder budget, zonder einddatum', jw301([{ einddatum: undefined, omvang: { volume: 4, eenheid: '04', frequentie: '4' } }]), []],
  ])('%s', (_naam, bericht, verwacht) => {
    expectBevindingen(CD075, run(CD075, bericht), verwacht);
  });
});
