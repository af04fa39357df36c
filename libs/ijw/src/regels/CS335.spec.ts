import { CS335 } from './CS335';
import { expectBevindingen, jw301, run } from './test-builders';

describe('CS335 (regels/condities-constraints/Condities_constraints_per_data-element.md)', () => {
  it.each([
    ['geen reden wijziging', jw301(), []],
    ['reden 13 met einddatum = ingangsdatum', jw301([{ redenWijziging: '13', einddatum: '2026-04-01' }]), []],
    ['reden 13 met latere einddatum', jw301([{ redenWijziging: '13', einddatum: '2026-05-01' }]), [0]],
    ['reden 13 zonder einddatum', jw301([{ redenWijziging: '13', einddatum: undefined }]), [0]],
    ['reden 05 met latere einddatum', jw301([{ redenWijziging: '05', einddatum: '2026-05-01' }]), []],
  ])('%s', (_naam, bericht, verwacht) => {
    expectBevindingen(CS335, run(CS335, bericht), verwacht);
  });
});
