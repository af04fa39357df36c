import { CD068 } from './CD068';
import { expectBevindingen, jw315, runVerzoek } from './test-builders';

describe('CD068 (regels/condities-constraints/Condities_constraints_per_data-element.md)', () => {
  it.each([
    ['huisarts met ZorgverlenerCode', jw315(), []],
    ['gemeente met naam', jw315([{ verwijzer: { type: '01', naam: 'huisarts' } }]), []],
    ['gemeente met ZorgverlenerCode', jw315([{ verwijzer: { type: '01', zorgverlenerCode: '01234567' } }]), [0]],
    ['rechter met ZorgverlenerCode', jw315([{}, { verwijzer: { type: '08', zorgverlenerCode: '01234567' } }]), [1]],
  ])('%s', (_naam, bericht, verwacht) => {
    expectBevindingen(CD068, runVerzoek(CD068, bericht), verwacht as (number | string)[]);
  });

  it('is not a rule of JW301, JW305 or JW307', () => {
    expect(CD068.berichten).toEqual([]);
  });
});
