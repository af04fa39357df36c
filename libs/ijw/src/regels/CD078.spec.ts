import { CD078 } from './CD078';
import { expectBevindingen, jw301, run } from './test-builders';

describe('CD078 (regels/condities-constraints/Condities_constraints_per_data-element.md)', () => {
  it.each([
    ['omvang zonder budget', jw301(), []],
    ['budget 0 naast omvang', jw301([{ budget: 0 }]), [0]],
    ['budget zonder omvang', jw301([{ product: undefined, omvang: undefined, budget: 100 }]), []],
  ])('%s', (_naam, bericht, verwacht) => {
    const found = run(CD078, bericht);
    expectBevindingen(CD078, found, verwacht);
    found.forEach((b) => expect(b.pad).toMatch(/\/Budget$/));
  });
});
