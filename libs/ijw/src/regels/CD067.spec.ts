import { CD067 } from './CD067';
import { expectBevindingen, jw315, runVerzoek } from './test-builders';

describe('CD067 (regels/condities-constraints/Condities_constraints_per_data-element.md)', () => {
  it.each([
    ['huisarts met ZorgverlenerCode', jw315(), []],
    ['jeugdarts met alleen een naam', jw315([{ verwijzer: { type: '03', naam: 'Jeugdarts GGD' } }]), []],
    ['gecertificeerde instelling zonder code en zonder naam', jw315([{ verwijzer: { type: '04' } }]), [0]],
    ['zelfverwijzer zonder code en naam', jw315([{ verwijzer: { type: '06' } }]), []],
  ])('%s', (_naam, bericht, verwacht) => {
    expectBevindingen(CD067, runVerzoek(CD067, bericht), verwacht as (number | string)[]);
  });

  it('is not a rule of JW301, JW305 or JW307', () => {
    expect(CD067.berichten).toEqual([]);
  });
});
