import { CS139 } from './CS139';
import { clientBoom, contact, expectBevindingen, jw301, jw305, jw315, run, runVerzoek } from './test-builders';

describe('CS139 (regels/condities-constraints/Condities_constraints_per_data-element.md)', () => {
  it.each([
    ['exacte datum', jw305([{}], { client: { geboortedatum: '2010-02-14' } }), []],
    ['DatumGebruik 1 met dag 01', jw305([{}], { client: { geboortedatum: '2010-02-01', datumGebruik: '1' } }), []],
    ['DatumGebruik 1 met dag 14', jw305([{}], { client: { geboortedatum: '2010-02-14', datumGebruik: '1' } }), ['client']],
    ['DatumGebruik 2 met 01-01', jw305([{}], { client: { geboortedatum: '2010-01-01', datumGebruik: '2' } }), []],
    ['DatumGebruik 2 met 01-02', jw305([{}], { client: { geboortedatum: '2010-02-01', datumGebruik: '2' } }), ['client']],
    ['DatumGebruik 3 met 01-01-1900', jw305([{}], { client: { geboortedatum: '1900-01-01', datumGebruik: '3' } }), []],
    ['DatumGebruik 3 met andere datum', jw305([{}], { client: { geboortedatum: '2010-01-01', datumGebruik: '3' } }), ['client']],
  ])('%s', (_naam, bericht, verwacht) => {
    expectBevindingen(CS139, run(CS139, bericht), verwacht);
  });

  it.each([
    ['relatie met passende datum', { datum: '1971-01-01', datumGebruik: '2' }, []],
    ['relatie met DatumGebruik 3 en echte datum', { datum: '1971-04-07', datumGebruik: '3' }, ['client']],
  ])('%s (JW301, uit de boom)', (_naam, geboortedatum, verwacht) => {
    const boom = clientBoom((c) => {
      c['relaties'] = {
        relatie: [
          {
            nummer: '1',
            soort: '12',
            geboortedatum,
            naam: { geslachtsnaam: { achternaam: 'Galen' }, naamGebruik: '1' },
            contact: contact(),
          },
        ],
      };
    });
    const found = run(CS139, jw301(), { boom });
    expectBevindingen(CS139, found, verwacht);
    if (verwacht.length) expect(found[0]!.pad).toBe('Client/Relaties/Relatie[1]/Geboortedatum/Datum');
  });
});

describe('CS139 on the request side (regels/condities-constraints/Condities_constraints_per_data-element.md)', () => {
  it.each([
    ['JW315 exacte datum', jw315(), []],
    ['JW315 DatumGebruik 1 met dag 01', jw315([{}], { client: { geboortedatum: { datum: '2010-02-01', datumGebruik: '1' } } }), []],
    [
      'JW315 DatumGebruik 3 zonder 01-01-1900',
      jw315([{}], { client: { geboortedatum: { datum: '2010-02-14', datumGebruik: '3' } } }),
      ['client'],
    ],
  ])('%s', (_naam, bericht, verwacht) => {
    expectBevindingen(CS139, runVerzoek(CS139, bericht), verwacht as (number | string)[]);
  });
});
