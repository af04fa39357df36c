import { CD085 } from './CD085';
import { expectBevindingen, jw319, runVerzoek } from './test-builders';

describe('CD085 (regels/condities-constraints/Condities_constraints_per_data-element.md)', () => {
  it.each([
    ['afgewezen met reden', jw319(), []],
    ['afgewezen zonder reden', jw319({ redenAfwijzingVerzoek: undefined, woonplaatsbeginsel: undefined }), ['client']],
    ['in onderzoek zonder reden', jw319({ verzoekAntwoord: '2', redenAfwijzingVerzoek: undefined, woonplaatsbeginsel: undefined }), []],
  ])('%s', (_naam, bericht, verwacht) => {
    expectBevindingen(CD085, runVerzoek(CD085, bericht), verwacht as (number | string)[]);
  });

  it('is not a rule of JW301, JW305 or JW307', () => {
    expect(CD085.berichten).toEqual([]);
  });
});
