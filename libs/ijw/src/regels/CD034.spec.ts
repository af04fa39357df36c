import { CD034 } from './CD034';
import { clientBoom, contact, expectBevindingen, jw301, run } from './test-builders';

describe('CD034 (regels/condities-constraints/Condities_constraints_per_data-element.md)', () => {
  it.each([
    ['BRP-adres met postcode', '01', true, []],
    ['BRP-adres zonder postcode', '01', false, ['client']],
    ['verblijfadres zonder postcode', '03', false, ['client']],
    ['correspondentieadres zonder postcode', '02', false, []],
  ])('%s', (_naam, soort, metPostcode, verwacht) => {
    const adres = metPostcode
      ? { huis: { huisnummer: '9' }, postcode: '1073AB', landCode: 'NL' }
      : { huis: { huisnummer: '9' }, plaatsnaam: 'Amsterdam' };
    const boom = clientBoom((c) => {
      c['contactgegevens'] = { contact: [contact({ soort, adres })] };
    });
    expectBevindingen(CD034, run(CD034, jw301(), { boom }), verwacht);
  });
});
