import { TR409 } from './TR409';
import { expectBevindingen, jw319, runVerzoek } from './test-builders';

describe('TR409 (regels/technische-regels/xslt/TR409.md)', () => {
  it.each([
    ['reden 8 met woonplaatsbeginsel', jw319(), []],
    ['reden 3 met woonplaatsbeginsel', jw319({ redenAfwijzingVerzoek: '3' }), ['client']],
    ['in onderzoek zonder reden met woonplaatsbeginsel', jw319({ verzoekAntwoord: '2', redenAfwijzingVerzoek: undefined }), ['client']],
    ['reden 3 zonder woonplaatsbeginsel', jw319({ redenAfwijzingVerzoek: '3', woonplaatsbeginsel: undefined }), []],
  ])('%s', (_naam, bericht, verwacht) => {
    expectBevindingen(TR409, runVerzoek(TR409, bericht), verwacht as (number | string)[]);
  });

  it('is not a rule of JW301, JW305 or JW307', () => {
    expect(TR409.berichten).toEqual([]);
  });
});
