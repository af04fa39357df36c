import { CS058 } from './CS058';
import type { Jw305StartZorg } from '../model';
import { expectBevindingen, jw305, jw307, run } from './test-builders';

/** The flat model types StatusAanlevering as 1 | 3; a parser that passes the XML value through may yield 2 or 9. */
const status = (waarde: string): Partial<Jw305StartZorg> => ({ statusAanlevering: waarde as Jw305StartZorg['statusAanlevering'] });

describe('CS058 (regels/condities-constraints/Condities_constraints_per_data-element.md)', () => {
  it.each([
    ['status 1', jw305([status('1')]), undefined, []],
    ['status 3', jw307([{ statusAanlevering: '3' }]), undefined, []],
    ['status 2 in het platte bericht', jw305([{}, status('2')]), undefined, [1]],
    ['status 9 in de boom', jw305([{}]), { header: {}, client: { startProducten: { startProduct: [{ statusAanlevering: '9' }] } } }, [0]],
    [
      'status 2 in de boom van een JW307',
      jw307([{}]),
      { header: {}, client: { stopProducten: { stopProduct: [{ statusAanlevering: '2' }] } } },
      [0],
    ],
  ])('%s', (_naam, bericht, boom, verwacht) => {
    expectBevindingen(CS058, run(CS058, bericht, boom ? { boom } : {}), verwacht);
  });
});
