import { CS003 } from './CS003';
import { clientBoom, contact, expectBevindingen, jw301, jw315, jw317, run, runVerzoek } from './test-builders';

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

describe('CS003 on the request side (regels/condities-constraints/Condities_constraints_per_data-element.md)', () => {
  it.each([
    ['JW315 einddatum na ingangsdatum', jw315(), []],
    ['JW315 einddatum gelijk aan ingangsdatum', jw315([{ toewijzingEinddatum: '2026-08-01' }]), []],
    ['JW315 einddatum voor ingangsdatum', jw315([{}, { toewijzingEinddatum: '2026-07-31' }]), [1]],
    [
      'JW317 NieuwProduct einddatum voor gewenste ingangsdatum',
      jw317({
        nieuweProducten: { nieuwProduct: [{ product: { categorie: '45' }, gewensteIngangsdatum: '2026-09-01', einddatum: '2026-08-31' }] },
      }),
      ['Client/Verzoek/NieuweProducten/NieuwProduct[1]/Einddatum'],
    ],
    [
      'JW317 TeWijzigenProduct einddatum voor gewenste ingangsdatum',
      jw317({
        teWijzigenProducten: {
          teWijzigenProduct: [{ toewijzingNummer: '1', gewensteIngangsdatum: '2026-09-01', einddatum: '2026-08-01' }],
        },
      }),
      ['Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct[1]/Einddatum'],
    ],
    [
      'JW317 zonder einddatum',
      jw317({ nieuweProducten: { nieuwProduct: [{ product: { categorie: '45' }, gewensteIngangsdatum: '2026-09-01' }] } }),
      [],
    ],
  ])('%s', (_naam, bericht, verwacht) => {
    expectBevindingen(CS003, runVerzoek(CS003, bericht), verwacht as (number | string)[]);
  });
});
