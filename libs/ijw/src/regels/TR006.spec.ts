import { TR006 } from './TR006';
import { clientBoom, contact, expectBevindingen, jw301, run } from './test-builders';
import type { BoomObject } from './types';

describe('TR006 (regels/technische-regels/xslt/TR006.md)', () => {
  it.each<[string, BoomObject, (string | number)[]]>([
    ['huis en postcode', contact(), []],
    ['alleen telefoon', { soort: '02', telefoon: { telefoon01: { telefoonnummer: '0201234567', landnummer: '0031' } } }, []],
    ['adres zonder postcode en geen telefoon', { soort: '02', adres: { huis: { huisnummer: '9' }, plaatsnaam: 'Amsterdam' } }, ['client']],
    ['alleen e-mail', { soort: '02', emailadres: 'a@b.nl' }, ['client']],
  ])('%s', (_naam, tweede, verwacht) => {
    const boom = clientBoom((c) => {
      c['contactgegevens'] = { contact: [contact(), tweede] };
    });
    const found = run(TR006, jw301(), { boom });
    expectBevindingen(TR006, found, verwacht);
    if (verwacht.length) expect(found[0]!.pad).toBe('Client/Contactgegevens/Contact[2]');
  });

  it('ook het contact van een relatie', () => {
    const boom = clientBoom((c) => {
      c['relaties'] = {
        relatie: [{ nummer: '1', soort: '12', naam: { geslachtsnaam: { achternaam: 'X' }, naamGebruik: '1' }, contact: { soort: '01' } }],
      };
    });
    const found = run(TR006, jw301(), { boom });
    expectBevindingen(TR006, found, ['client']);
    expect(found[0]!.pad).toBe('Client/Relaties/Relatie[1]/Contact');
  });
});
