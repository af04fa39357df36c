import { TR071 } from './TR071';
import { expectBevindingen, jw305, jw307, runHistorie } from './test-builders';

const start = jw305();
const stop = jw307();

describe('TR071 (regels/technische-regels/berichtoverstijgend/TR071.md)', () => {
  it.each([
    ['start verwijderen zonder stop', jw305([{ statusAanlevering: '3' }]), [start], []],
    ['start verwijderen terwijl er een stop is', jw305([{ statusAanlevering: '3' }]), [start, stop], [0]],
    [
      'start verwijderen nadat de stop is verwijderd',
      jw305([{ statusAanlevering: '3' }]),
      [start, stop, jw307([{ statusAanlevering: '3' }])],
      [],
    ],
    [
      'stop hoort bij een andere start (andere begindatum)',
      jw305([{ statusAanlevering: '3' }]),
      [start, jw305([{ begindatum: '2026-05-01' }]), jw307([{ begindatum: '2026-05-01' }])],
      [],
    ],
  ])('%s', (_naam, bericht, eerdere, verwacht) => {
    expectBevindingen(TR071, runHistorie(TR071, bericht, eerdere), verwacht);
  });
});
