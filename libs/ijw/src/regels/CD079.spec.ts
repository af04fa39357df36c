import { CD079 } from './CD079';
import { expectBevindingen, jw301, jw315, jw317, run, runVerzoek } from './test-builders';

describe('CD079 (regels/condities-constraints/Condities_constraints_per_data-element.md)', () => {
  it.each([
    ['specifiek product', jw301(), []],
    ['generiek: geen product, wel budget', jw301([{ product: undefined, omvang: undefined, budget: 500000 }]), []],
    ['geen product en geen budget', jw301([{}, { product: undefined, omvang: undefined }]), [1]],
  ])('%s', (_naam, bericht, verwacht) => {
    expectBevindingen(CD079, run(CD079, bericht), verwacht);
  });
});

describe('CD079 on the request side (regels/condities-constraints/Condities_constraints_per_data-element.md)', () => {
  it.each([
    ['JW315 met product', jw315(), []],
    ['JW315 zonder product met budget', jw315([{ product: undefined, omvang: undefined, budget: '100000' }]), []],
    ['JW315 zonder product en zonder budget', jw315([{}, { product: undefined }]), [1]],
    [
      'JW317 NieuwProduct zonder product en zonder budget',
      jw317({ nieuweProducten: { nieuwProduct: [{ gewensteIngangsdatum: '2026-09-01' }] } }),
      ['Client/Verzoek/NieuweProducten/NieuwProduct[1]/Product'],
    ],
    [
      'JW317 NieuwProduct zonder product met budget',
      jw317({ nieuweProducten: { nieuwProduct: [{ gewensteIngangsdatum: '2026-09-01', einddatum: '2026-12-31', budget: '50000' }] } }),
      [],
    ],
  ])('%s', (_naam, bericht, verwacht) => {
    expectBevindingen(CD079, runVerzoek(CD079, bericht), verwacht as (number | string)[]);
  });
});
