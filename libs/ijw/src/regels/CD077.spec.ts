import { CD077 } from './CD077';
import { expectBevindingen, jw301, run } from './test-builders';

describe('CD077 (regels/condities-constraints/Condities_constraints_per_data-element.md)', () => {
  it.each([
    ['omvang zonder budget', jw301(), []],
    ['budget zonder omvang', jw301([{ product: { categorie: '55' }, omvang: undefined, budget: 100 }]), []],
    ['budget en omvang', jw301([{ budget: 100 }]), [0]],
  ])('%s', (_naam, bericht, verwacht) => {
    const found = run(CD077, bericht);
    expectBevindingen(CD077, found, verwacht);
    found.forEach((b) => expect(b.pad).toMatch(/\/Omvang$/));
  });
});
