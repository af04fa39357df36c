import { CD043 } from './CD043';
import { expectBevindingen, jw315, runVerzoek } from './test-builders';

describe('CD043 (regels/condities-constraints/Condities_constraints_per_data-element.md)', () => {
  it.each([
    ['geen beschikking', jw315(), []],
    ['nummer en ingangsdatum', jw315([{ beschikkingNummer: '123', beschikkingIngangsdatum: '2026-03-15' }]), []],
    ['nummer zonder ingangsdatum', jw315([{ beschikkingNummer: '123' }]), [0]],
    ['ingangsdatum zonder nummer', jw315([{}, { beschikkingIngangsdatum: '2026-03-15' }]), [1]],
  ])('%s', (_naam, bericht, verwacht) => {
    expectBevindingen(CD043, runVerzoek(CD043, bericht), verwacht as (number | string)[]);
  });

  it('is not a rule of JW301, JW305 or JW307', () => {
    expect(CD043.berichten).toEqual([]);
  });
});
