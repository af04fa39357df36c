import { CS050 } from './CS050';
import { clientBoom, contact, expectBevindingen, jw301, run } from './test-builders';
import type { BoomObject } from './types';

const naam = (naamGebruik: string, partner = false): BoomObject => ({
  geslachtsnaam: { achternaam: 'Galen', voorvoegsel: 'van' },
  ...(partner ? { partnernaam: { achternaam: 'Vries', voorvoegsel: 'de' } } : {}),
  naamGebruik,
});

describe('CS050 (regels/condities-constraints/Condities_constraints_per_data-element.md)', () => {
  it.each([
    ['cliënt zonder partnernaam, naamgebruik 1', naam('1'), undefined, []],
    ['cliënt zonder partnernaam, naamgebruik 2', naam('2'), undefined, ['client']],
    ['cliënt met partnernaam, naamgebruik 3', naam('3', true), undefined, []],
    ['cliënt met partnernaam, naamgebruik 6', naam('6', true), undefined, ['client']],
    ['relatie met partnernaam, naamgebruik 1 (voorbeeldbericht)', naam('1'), naam('1', true), []],
    ['relatie zonder partnernaam, naamgebruik 4', naam('1'), naam('4'), ['client']],
  ])('%s', (_naam, clientNaam, relatieNaam, verwacht) => {
    const boom = clientBoom((c) => {
      c['naam'] = clientNaam;
      if (relatieNaam) c['relaties'] = { relatie: [{ nummer: '1', soort: '12', naam: relatieNaam, contact: contact() }] };
    });
    expectBevindingen(CS050, run(CS050, jw301(), { boom }), verwacht);
  });
});
