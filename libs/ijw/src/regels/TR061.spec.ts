import { TR061 } from './TR061';
import { clientBoom, contact, expectBevindingen, jw301, run } from './test-builders';

describe('TR061 (regels/technische-regels/xslt/TR061.md)', () => {
  it.each([
    ['BRP-adres (01)', ['01'], []],
    ['verblijfadres (03) naast tijdelijk adres', ['04', '03'], []],
    ['alleen tijdelijk adres (04)', ['04'], ['client']],
  ])('%s', (_naam, soorten, verwacht) => {
    const boom = clientBoom((c) => {
      c['contactgegevens'] = { contact: soorten.map((soort) => contact({ soort })) };
    });
    expectBevindingen(TR061, run(TR061, jw301(), { boom }), verwacht);
  });
});
