import { CS336 } from './CS336';
import { expectBevindingen, jw301, run } from './test-builders';

describe('CS336 (regels/condities-constraints/Condities_constraints_per_data-element.md)', () => {
  it.each([
    ['reden 14 (administratieve correctie)', jw301([{ redenWijziging: '14' }]), []],
    ['reden 01 (vervallen)', jw301([{}, { redenWijziging: '01' }]), [1]],
  ])('%s', (_naam, bericht, verwacht) => {
    expectBevindingen(CS336, run(CS336, bericht), verwacht);
  });
});
