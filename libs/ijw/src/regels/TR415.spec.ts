import { TR415 } from './TR415';
import { expectBevindingen, jw305, jw307, runHistorie } from './test-builders';

const start = jw305();
const definitief = jw307([{ redenBeeindiging: '31', einddatum: '2026-06-20' }]);

describe('TR415 (regels/technische-regels/berichtoverstijgend/TR415.md)', () => {
  it.each([
    ['eerste stop', jw307(), [start], []],
    ['stop na definitieve stop', jw307([{ redenBeeindiging: '34', einddatum: '2026-07-01' }]), [start, definitief], [0]],
    ['tijdelijke stop na definitieve stop', jw307([{ redenBeeindiging: '20', einddatum: '2026-07-01' }]), [start, definitief], [0]],
    ['definitieve stop na tijdelijke stop', jw307([{ redenBeeindiging: '31' }]), [start, jw307([{ redenBeeindiging: '20' }])], []],
    [
      'definitieve stop verwijderd en vervangen in één bericht (IV008)',
      jw307([
        { redenBeeindiging: '31', einddatum: '2026-06-20', statusAanlevering: '3' },
        { redenBeeindiging: '33', einddatum: '2026-06-20' },
      ]),
      [start, definitief],
      [],
    ],
  ])('%s', (_naam, bericht, eerdere, verwacht) => {
    expectBevindingen(TR415, runHistorie(TR415, bericht, eerdere), verwacht);
  });
});
