import { TR382 } from './TR382';
import { expectBevindingen, jw305, jw307, runHistorie } from './test-builders';

const start = jw305();

describe('TR382 (regels/technische-regels/berichtoverstijgend/TR382.md)', () => {
  it.each([
    ['stop met de sleutel van de start', jw307(), [start], []],
    ['stop zonder start', jw307(), [], [0]],
    ['stop met andere begindatum', jw307([{ begindatum: '2026-04-04' }]), [start], [0]],
    ['stop met ander product', jw307([{ product: { categorie: '45', code: '45A12' } }]), [start], [0]],
    ['stop van een verwijderde start', jw307(), [start, jw305([{ statusAanlevering: '3' }])], [0]],
    ['verwijdering van een stop valt er buiten (TR063)', jw307([{ statusAanlevering: '3' }]), [], []],
  ])('%s', (_naam, bericht, eerdere, verwacht) => {
    const found = runHistorie(TR382, bericht, eerdere);
    expectBevindingen(TR382, found, verwacht);
    found.forEach((b) => expect(b.retourcode).toBe('9069'));
  });
});
