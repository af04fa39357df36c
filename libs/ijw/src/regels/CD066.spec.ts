import { CD066 } from './CD066';
import { expectBevindingen, jw315, runVerzoek } from './test-builders';

describe('CD066 (regels/condities-constraints/Condities_constraints_per_data-element.md)', () => {
  it.each([
    ['huisarts met ZorgverlenerCode, zonder naam', jw315(), []],
    [
      'medisch specialist met ZorgverlenerCode en naam',
      jw315([{ verwijzer: { type: '05', zorgverlenerCode: '01234567', naam: 'Dr. Proef' } }]),
      [0],
    ],
    ['gemeente met naam', jw315([{ verwijzer: { type: '01', naam: 'Jeugdteam' } }]), []],
  ])('%s', (_naam, bericht, verwacht) => {
    expectBevindingen(CD066, runVerzoek(CD066, bericht), verwacht as (number | string)[]);
  });

  it('is not a rule of JW301, JW305 or JW307', () => {
    expect(CD066.berichten).toEqual([]);
  });
});
