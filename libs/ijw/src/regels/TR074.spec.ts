import { TR074 } from './TR074';
import { expectBevindingen, jw305, jw307, runHistorie } from './test-builders';

const start = jw305();
const stop = jw307();

describe('TR074 (regels/technische-regels/berichtoverstijgend/TR074.md)', () => {
  it.each([
    ['eerste start', jw305(), [], []],
    ['dezelfde start nog eens', jw305(), [start], [0]],
    ['dezelfde start met andere ToewijzingIngangsdatum (geen sleutel)', jw305([{ toewijzingIngangsdatum: '2026-03-01' }]), [start], [0]],
    [
      'opnieuw na verwijdering (IV008: correctie in een apart bericht)',
      jw305([{ toewijzingIngangsdatum: '2026-03-01' }]),
      [start, jw305([{ statusAanlevering: '3' }])],
      [],
    ],
    ['andere begindatum is een andere sleutel', jw305([{ begindatum: '2026-05-01' }]), [start], []],
    ['dezelfde stop nog eens', jw307(), [start, stop], [0]],
    [
      'definitieve stop na tijdelijke stop met dezelfde einddatum (casus 2)',
      jw307([{ redenBeeindiging: '34' }]),
      [start, jw307([{ redenBeeindiging: '20' }])],
      [],
    ],
    ['status 3 valt er buiten', jw305([{ statusAanlevering: '3' }]), [start], []],
  ])('%s', (_naam, bericht, eerdere, verwacht) => {
    expectBevindingen(TR074, runHistorie(TR074, bericht, eerdere), verwacht);
  });
});
