import { TR135 } from './TR135';
import { expectBevindingen, jw301, jw305, jw307, jw315, jw317, jw319, run, runVerzoek } from './test-builders';

describe('TR135 (regels/technische-regels/externe-bon/TR135.md)', () => {
  it.each([
    ['dagtekening gelijk aan ontvangstdatum', jw301([{}], { header: { dagtekening: '2026-07-20' } }), '2026-07-20', []],
    ['dagtekening voor ontvangstdatum', jw305([{}], { header: { dagtekening: '2026-07-01' } }), '2026-07-20', []],
    ['dagtekening na ontvangstdatum', jw307([{}], { header: { dagtekening: '2026-07-21' } }), '2026-07-20', ['header']],
  ])('%s', (_naam, bericht, today, verwacht) => {
    const found = run(TR135, bericht, { today });
    expectBevindingen(TR135, found, verwacht);
    if (found[0]) expect(found[0]).toMatchObject({ retourcode: '8848', niveau: 4, pad: 'Header/BerichtIdentificatie/Dagtekening' });
  });
});

describe('TR135 on the request side (regels/technische-regels/externe-bon/TR135.md)', () => {
  it.each([
    ['JW315 dagtekening gelijk aan ontvangst', jw315([{}], { header: { dagtekening: '2026-07-20' } }), []],
    ['JW317 dagtekening na ontvangst', jw317({}, { header: { dagtekening: '2026-07-21' } }), ['header']],
    ['JW319 dagtekening na ontvangst', jw319({}, { header: { dagtekening: '2026-07-21' } }), ['header']],
  ])('%s', (_naam, bericht, verwacht) => {
    expectBevindingen(TR135, runVerzoek(TR135, bericht), verwacht as (number | string)[]);
  });
});
