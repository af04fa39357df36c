import { TR377 } from './TR377';
import { expectBevindingen, jw319, runVerzoek } from './test-builders';

describe('TR377 (regels/technische-regels/xslt/TR377.md)', () => {
  it.each([
    ['reden 8 met woonplaatsbeginsel', jw319(), []],
    ['reden 8 zonder woonplaatsbeginsel', jw319({ woonplaatsbeginsel: undefined }), ['client']],
    ['andere reden zonder woonplaatsbeginsel', jw319({ redenAfwijzingVerzoek: '3', woonplaatsbeginsel: undefined }), []],
  ])('%s', (_naam, bericht, verwacht) => {
    expectBevindingen(TR377, runVerzoek(TR377, bericht), verwacht as (number | string)[]);
  });

  it('is not a rule of JW301, JW305 or JW307', () => {
    expect(TR377.berichten).toEqual([]);
  });
});
