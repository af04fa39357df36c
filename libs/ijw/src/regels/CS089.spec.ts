import { CS089 } from './CS089';
import { clientBoom, contact, expectBevindingen, jw301, run } from './test-builders';

describe('CS089 (regels/condities-constraints/Condities_constraints_per_data-element.md)', () => {
  it.each([
    ['NL 1073AB', 'NL', '1073AB', []],
    ['NL 9999XX (voorbeeldbericht)', 'NL', '9999XX', []],
    ['NL met spatie', 'NL', '1073 AB', ['client']],
    ['NL beginnend met 0', 'NL', '0123AB', ['client']],
    ['BE 1000', 'BE', '1000', []],
  ])('%s', (_naam, landCode, postcode, verwacht) => {
    const boom = clientBoom((c) => {
      c['contactgegevens'] = { contact: [contact({ adres: { huis: { huisnummer: '1' }, postcode, landCode } })] };
    });
    expectBevindingen(CS089, run(CS089, jw301(), { boom }), verwacht);
  });
});
