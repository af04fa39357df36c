import { CBS_GEMEENTECODES, TR378 } from './TR378';
import { expectBevindingen, jw301, jw305, jw307, jw315, jw317, jw319, run, runVerzoek } from './test-builders';

describe('TR378 (regels/technische-regels/externe-bon/TR378.md)', () => {
  it('de CBS-lijst van 2026 heeft 342 gemeenten', () => {
    expect(CBS_GEMEENTECODES.size).toBe(342);
    expect(CBS_GEMEENTECODES.has('0363')).toBe(true);
  });

  it.each([
    ['JW301 van Amsterdam (0363)', jw301([{}], { header: { afzender: '0363' } }), undefined, []],
    ['JW301 van onbekende gemeente 9999', jw301([{}], { header: { afzender: '9999' } }), undefined, ['header']],
    ['JW305 aan onbekende gemeente 0000', jw305([{}], { header: { ontvanger: '0000' } }), undefined, ['header']],
    ['JW307 aan Zwolle (0193)', jw307([{}], { header: { ontvanger: '0193' } }), undefined, []],
    ['eigen lijst met een oude gemeentecode', jw305([{}], { header: { ontvanger: '0370' } }), new Set(['0370']), []],
  ])('%s', (_naam, bericht, gemeentecodes, verwacht) => {
    const found = run(TR378, bericht, gemeentecodes ? { gemeentecodes } : {});
    expectBevindingen(TR378, found, verwacht);
    found.forEach((b) => expect(b.retourcode).toBe('S300'));
  });
});

describe('TR378 on the request side (regels/technische-regels/externe-bon/TR378.md)', () => {
  it.each([
    ['JW315 ontvanger in de CBS-lijst', jw315(), []],
    ['JW315 ontvanger niet in de CBS-lijst', jw315([{}], { header: { ontvanger: '0001' } }), ['header']],
    ['JW317 ontvanger niet in de CBS-lijst', jw317({}, { header: { ontvanger: '0001' } }), ['header']],
    ['JW319 afzender niet in de CBS-lijst', jw319({}, { header: { afzender: '0001' } }), ['header']],
    ['JW319 afzender in de CBS-lijst', jw319(), []],
  ])('%s', (_naam, bericht, verwacht) => {
    expectBevindingen(TR378, runVerzoek(TR378, bericht), verwacht as (number | string)[]);
  });
});
