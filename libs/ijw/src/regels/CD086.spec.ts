import { CD086 } from './CD086';
import { expectBevindingen, jw319, runVerzoek } from './test-builders';

describe('CD086 (regels/condities-constraints/Condities_constraints_per_data-element.md)', () => {
  it.each([
    ['in onderzoek zonder reden', jw319({ verzoekAntwoord: '2', redenAfwijzingVerzoek: undefined, woonplaatsbeginsel: undefined }), []],
    ['in onderzoek met reden', jw319({ verzoekAntwoord: '2', redenAfwijzingVerzoek: '3', woonplaatsbeginsel: undefined }), ['client']],
    ['afgewezen met reden', jw319(), []],
  ])('%s', (_naam, bericht, verwacht) => {
    expectBevindingen(CD086, runVerzoek(CD086, bericht), verwacht as (number | string)[]);
  });

  it('is not a rule of JW301, JW305 or JW307', () => {
    expect(CD086.berichten).toEqual([]);
  });
});
