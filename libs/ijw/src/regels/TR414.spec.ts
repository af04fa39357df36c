import { TR414 } from './TR414';
import { expectBevindingen, jw305, jw307, runHistorie } from './test-builders';

const start = jw305();
const tijdelijk = jw307([{ redenBeeindiging: '20', einddatum: '2026-06-20' }]);

describe('TR414 (regels/technische-regels/berichtoverstijgend/TR414.md)', () => {
  it.each([
    ['eerste stop', jw307(), [start], []],
    [
      'definitieve stop met dezelfde einddatum (casus 2)',
      jw307([{ redenBeeindiging: '34', einddatum: '2026-06-20' }]),
      [start, tijdelijk],
      [],
    ],
    [
      'definitieve stop met latere einddatum (casus 3)',
      jw307([{ redenBeeindiging: '34', einddatum: '2026-07-01' }]),
      [start, tijdelijk],
      [],
    ],
    ['definitieve stop met eerdere einddatum', jw307([{ redenBeeindiging: '34', einddatum: '2026-06-19' }]), [start, tijdelijk], [0]],
    [
      'eerdere stop verwijderd',
      jw307([{ redenBeeindiging: '34', einddatum: '2026-06-01' }]),
      [start, tijdelijk, jw307([{ redenBeeindiging: '20', einddatum: '2026-06-20', statusAanlevering: '3' }])],
      [],
    ],
  ])('%s', (_naam, bericht, eerdere, verwacht) => {
    expectBevindingen(TR414, runHistorie(TR414, bericht, eerdere), verwacht);
  });
});
