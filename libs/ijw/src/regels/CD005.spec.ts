import { CD005 } from './CD005';
import { clientBoom, contact, expectBevindingen, jw301, run } from './test-builders';
import type { BoomObject } from './types';

describe('CD005 (regels/condities-constraints/Condities_constraints_per_data-element.md)', () => {
  it.each<[string, BoomObject, (string | number)[]]>([
    ['postcode en landcode', { huis: { huisnummer: '9' }, postcode: '1073AB', landCode: 'NL' }, []],
    ['postcode zonder landcode', { huis: { huisnummer: '9' }, postcode: '1073AB' }, ['client']],
    ['landcode zonder postcode', { plaatsnaam: 'Brussel', landCode: 'BE' }, ['client']],
    ['geen postcode en geen landcode', { plaatsnaam: 'Amsterdam' }, []],
  ])('%s', (_naam, adres, verwacht) => {
    const boom = clientBoom((c) => {
      c['contactgegevens'] = { contact: [contact({ soort: '02', adres })] };
    });
    expectBevindingen(CD005, run(CD005, jw301(), { boom }), verwacht);
  });
});
