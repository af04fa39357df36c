import { CS318 } from './CS318';
import { clientBoom, expectBevindingen, jw301, jw305, run } from './test-builders';

const naamGebruik = (waarde: string) =>
  clientBoom((c) => {
    c['naam'] = { geslachtsnaam: { achternaam: 'Wit' }, naamGebruik: waarde };
  });

describe('CS318 (regels/condities-constraints/Condities_constraints_per_data-element.md)', () => {
  it.each([
    ['naamgebruik 1', jw301(), naamGebruik('1'), []],
    ['naamgebruik 6 bij de cliënt', jw301(), naamGebruik('6'), ['client']],
    ['zonder boom: niet gecontroleerd', jw301(), undefined, []],
    ['niet van toepassing op JW305', jw305(), naamGebruik('6'), []],
  ])('%s', (_naam, bericht, boom, verwacht) => {
    expectBevindingen(CS318, run(CS318, bericht, boom ? { boom } : {}), verwacht);
  });
});
