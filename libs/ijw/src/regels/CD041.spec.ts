import { CD041 } from './CD041';
import { expectBevindingen, jw301, run } from './test-builders';

describe('CD041 (regels/condities-constraints/Condities_constraints_per_data-element.md)', () => {
  it.each([
    ['specifiek met omvang', jw301(), []],
    ['specifiek zonder omvang', jw301([{ omvang: undefined }]), [0]],
    ['aspecifiek zonder omvang', jw301([{ product: { categorie: '45' }, omvang: undefined }]), []],
  ])('%s', (_naam, bericht, verwacht) => {
    expectBevindingen(CD041, run(CD041, bericht), verwacht);
  });
});
