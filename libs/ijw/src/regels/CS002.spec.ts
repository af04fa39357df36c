import { CS002 } from './CS002';
import { BSN_2, expectBevindingen, jw301, jw305, jw307, jw315, jw317, run, runVerzoek } from './test-builders';

describe('CS002 (regels/condities-constraints/Condities_constraints_per_data-element.md)', () => {
  it.each([
    ['JW301 met geldig BSN', jw301(), []],
    ['JW305 met ander geldig BSN', jw305([{}], { client: { bsn: BSN_2 } }), []],
    ['JW305 BSN zonder elfproef', jw305([{}], { client: { bsn: '123456789' } }), ['client']],
    ['JW307 BSN 000000000', jw307([{}], { client: { bsn: '000000000' } }), ['client']],
    ['JW301 BSN met één cijfer fout', jw301([{}], { client: { bsn: '999900007' } }), ['client']],
  ])('%s', (_naam, bericht, verwacht) => {
    expectBevindingen(CS002, run(CS002, bericht), verwacht);
  });
});

describe('CS002 on the request side (regels/condities-constraints/Condities_constraints_per_data-element.md)', () => {
  it.each([
    ['JW315 geldig BSN', jw315(), []],
    ['JW315 BSN faalt de elfproef', jw315([{}], { client: { bsn: '111111111' } }), ['client']],
    ['JW317 BSN faalt de elfproef', jw317({}, { bsn: '111111111' }), ['client']],
  ])('%s', (_naam, bericht, verwacht) => {
    expectBevindingen(CS002, runVerzoek(CS002, bericht), verwacht as (number | string)[]);
  });
});
