import { CD009 } from './CD009';
import { clientBoom, contact, expectBevindingen, jw301, run } from './test-builders';

describe('CD009 (regels/condities-constraints/Condities_constraints_per_data-element.md)', () => {
  it.each([
    ['tijdelijk adres met periode', '04', true, []],
    ['BRP-adres met periode', '01', true, ['client']],
    ['BRP-adres zonder periode', '01', false, []],
  ])('%s', (_naam, soort, metPeriode, verwacht) => {
    const boom = clientBoom((c) => {
      c['contactgegevens'] = { contact: [contact({ soort, ...(metPeriode ? { periode: { begindatum: '2026-01-01' } } : {}) })] };
    });
    expectBevindingen(CD009, run(CD009, jw301(), { boom }), verwacht);
  });
});
