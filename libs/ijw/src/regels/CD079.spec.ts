import { CD079 } from './CD079';
import { expectBevindingen, jw301, run } from './test-builders';

describe('CD079 (regels/condities-constraints/Condities_constraints_per_data-element.md)', () => {
  it.each([
    ['specifiek product', jw301(), []],
    ['generiek: geen product, wel budget', jw301([{ product: undefined, omvang: undefined, budget: 500000 }]), []],
    ['geen product en geen budget', jw301([{}, { product: undefined, omvang: undefined }]), [1]],
  ])('%s', (_naam, bericht, verwacht) => {
    expectBevindingen(CD079, run(CD079, bericht), verwacht);
  });
});
