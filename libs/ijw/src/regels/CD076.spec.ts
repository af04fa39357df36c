import { CD076 } from './CD076';
import { expectBevindingen, jw301, run } from './test-builders';

describe('CD076 (regels/condities-constraints/Condities_constraints_per_data-element.md)', () => {
  it.each([
    ['per week met einddatum', jw301(), []],
    ['per week zonder einddatum', jw301([{ einddatum: undefined }]), [0]],
    ['per maand zonder einddatum', jw301([{ einddatum: undefined, omvang: { volume: 10, eenheid: '04', frequentie: '4' } }]), []],
  ])('%s', (_naam, bericht, verwacht) => {
    expectBevindingen(CD076, run(CD076, bericht), verwacht);
  });
});
