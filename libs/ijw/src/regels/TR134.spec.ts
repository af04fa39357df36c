import { TR134 } from './TR134';
import { clientBoom, contact, expectBevindingen, jw301, jw305, jw307, jw315, run, runVerzoek } from './test-builders';

const dag = { header: { dagtekening: '2026-07-20' } };

describe('TR134 (regels/technische-regels/xslt/TR134.md)', () => {
  it.each([
    ['JW301 toewijzingsdatum voor dagtekening', jw301([{}], dag), []],
    ['JW301 toewijzingsdatum op dagtekening', jw301([{ toewijzingsdatum: '2026-07-20' }], dag), []],
    ['JW301 toewijzingsdatum na dagtekening', jw301([{}, { toewijzingsdatum: '2026-07-21' }], dag), [1]],
    ['JW301 ingangsdatum in de toekomst mag', jw301([{ ingangsdatum: '2026-09-01' }], dag), []],
    ['JW305 begindatum na dagtekening', jw305([{ begindatum: '2026-07-21' }], dag), [0]],
    ['JW305 geboortedatum na dagtekening', jw305([{}], { ...dag, client: { geboortedatum: '2026-08-01' } }), ['client']],
    ['JW307 einddatum na dagtekening', jw307([{ einddatum: '2026-08-01' }], dag), [0]],
    ['JW307 begin- en einddatum na dagtekening', jw307([{ begindatum: '2026-07-25', einddatum: '2026-08-01' }], dag), [0, 0]],
    ['JW307 alles op of voor dagtekening', jw307([{ einddatum: '2026-07-20' }], dag), []],
  ])('%s', (_naam, bericht, verwacht) => {
    expectBevindingen(TR134, run(TR134, bericht), verwacht);
  });

  it('geboortedatum van een relatie na de dagtekening (JW301, uit de boom)', () => {
    const boom = clientBoom((c) => {
      c['relaties'] = {
        relatie: [
          {
            nummer: '1',
            soort: '12',
            geboortedatum: { datum: '2027-01-01' },
            naam: { geslachtsnaam: { achternaam: 'X' }, naamGebruik: '1' },
            contact: contact(),
          },
        ],
      };
    });
    expectBevindingen(TR134, run(TR134, jw301([{}], dag), { boom }), ['client']);
  });
});

describe('TR134 on the request side (regels/technische-regels/xslt/TR134.md)', () => {
  it.each([
    ['JW315 geboortedatum voor de dagtekening, toewijzingsperiode in de toekomst', jw315(), []],
    ['JW315 geboortedatum na de dagtekening', jw315([{}], { client: { geboortedatum: { datum: '2026-07-21' } } }), ['client']],
  ])('%s', (_naam, bericht, verwacht) => {
    expectBevindingen(TR134, runVerzoek(TR134, bericht), verwacht as (number | string)[]);
  });
});
