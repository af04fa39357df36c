import { CS003 } from './CS003';
import { clientBoom, contact, expectBevindingen, jw301, run } from './test-builders';

describe('CS003 (regels/condities-constraints/Condities_constraints_per_data-element.md)', () => {
  it.each([
    ['einddatum na ingangsdatum', jw301([{ ingangsdatum: '2026-04-01', einddatum: '2026-12-31' }]), []],
    ['einddatum gelijk aan ingangsdatum', jw301([{ ingangsdatum: '2026-04-01', einddatum: '2026-04-01' }]), []],
    ['geen einddatum', jw301([{ einddatum: undefined, omvang: { volume: 4, eenheid: '04', frequentie: '4' } }]), []],
    ['einddatum voor ingangsdatum', jw301([{}, { ingangsdatum: '2026-04-01', einddatum: '2026-03-31' }]), [1]],
  ])('%s', (_naam, bericht, verwacht) => {
    expectBevindingen(CS003, run(CS003, bericht), verwacht);
  });

  it.each([
    ['periode in goede volgorde', { begindatum: '2026-01-01', einddatum: '2026-02-01' }, []],
    ['periode eindigt voor begin', { begindatum: '2026-02-01', einddatum: '2026-01-01' }, ['client']],
  ])('contact: %s (uit de boom)', (_naam, periode, verwacht) => {
    const boom = clientBoom((c) => {
      c['contactgegevens'] = { contact: [contact(), contact({ soort: '04', periode })] };
    });
    const found = run(CS003, jw301(), { boom });
    expectBevindingen(CS003, found, verwacht);
    if (verwacht.length) expect(found[0]!.pad).toBe('Client/Contactgegevens/Contact[2]/Periode/Einddatum');
  });
});
