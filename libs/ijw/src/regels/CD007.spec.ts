import { CD007 } from './CD007';
import { clientBoom, expectBevindingen, jw301, run } from './test-builders';
import type { BoomObject } from './types';

describe('CD007 (regels/condities-constraints/Condities_constraints_per_data-element.md)', () => {
  it.each<[string, BoomObject | undefined, (string | number)[]]>([
    ['tolk taal met taal', { vorm: '1', taal: 'Zweeds' }, []],
    ['tolk taal zonder taal', { vorm: '1' }, ['client']],
    ['gebarentolk met taal', { vorm: '2', taal: 'NGT' }, ['client']],
    ['gebarentolk zonder taal', { vorm: '2' }, []],
    ['geen communicatie', undefined, []],
  ])('%s', (_naam, communicatie, verwacht) => {
    const boom = clientBoom((c) => {
      if (communicatie) c['communicatie'] = communicatie;
      else delete c['communicatie'];
    });
    expectBevindingen(CD007, run(CD007, jw301(), { boom }), verwacht);
  });
});
