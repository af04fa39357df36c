import { CD025 } from './CD025';
import { clientBoom, contact, expectBevindingen, jw301, run } from './test-builders';
import type { BoomObject } from './types';

describe('CD025 (regels/condities-constraints/Condities_constraints_per_data-element.md)', () => {
  it.each<[string, BoomObject, (string | number)[]]>([
    ['Nederlands adres met huis', { huis: { huisnummer: '9' }, postcode: '1073AB', landCode: 'NL' }, []],
    ['Nederlands adres zonder huis', { postcode: '1073AB', landCode: 'NL' }, ['client']],
    ['Belgisch adres zonder huis', { postcode: '1000', landCode: 'BE' }, []],
  ])('%s', (_naam, adres, verwacht) => {
    const boom = clientBoom((c) => {
      c['contactgegevens'] = {
        contact: [contact({ soort: '02', adres, telefoon: { telefoon01: { telefoonnummer: '1', landnummer: '0031' } } })],
      };
    });
    expectBevindingen(CD025, run(CD025, jw301(), { boom }), verwacht);
  });
});
