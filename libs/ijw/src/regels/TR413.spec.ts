import { TR413 } from './TR413';
import { expectBevindingen, jw305, jw307, runHistorie } from './test-builders';

const start = jw305();
const tijdelijk = jw307([{ redenBeeindiging: '20', einddatum: '2026-06-20' }]);

describe('TR413 (regels/technische-regels/berichtoverstijgend/TR413.md)', () => {
  it.each([
    ['eerste tijdelijke stop', jw307([{ redenBeeindiging: '20' }]), [start], []],
    ['tweede tijdelijke stop voor dezelfde start', jw307([{ redenBeeindiging: '20', einddatum: '2026-07-01' }]), [start, tijdelijk], [0]],
    ['definitieve stop na tijdelijke stop', jw307([{ redenBeeindiging: '34', einddatum: '2026-06-20' }]), [start, tijdelijk], []],
    [
      'tijdelijke stop na verwijderde tijdelijke stop',
      jw307([{ redenBeeindiging: '20', einddatum: '2026-07-01' }]),
      [start, tijdelijk, jw307([{ redenBeeindiging: '20', einddatum: '2026-06-20', statusAanlevering: '3' }])],
      [],
    ],
    [
      'tijdelijke stop van een andere start (andere begindatum)',
      jw307([{ redenBeeindiging: '20', begindatum: '2026-06-25', einddatum: '2026-07-01' }]),
      [start, tijdelijk],
      [],
    ],
  ])('%s', (_naam, bericht, eerdere, verwacht) => {
    expectBevindingen(TR413, runHistorie(TR413, bericht, eerdere), verwacht);
  });
});
