import { TR063 } from './TR063';
import { expectBevindingen, jw305, jw307, runHistorie } from './test-builders';

const start = jw305();
const stop = jw307();

describe('TR063 (regels/technische-regels/berichtoverstijgend/TR063.md)', () => {
  it.each([
    ['start verwijderen die eerder is gestuurd', jw305([{ statusAanlevering: '3' }]), [start], []],
    ['start verwijderen die nooit is gestuurd (IV028-voorbeeld)', jw305([{ statusAanlevering: '3' }]), [], [0]],
    ['start verwijderen met andere begindatum', jw305([{ statusAanlevering: '3', begindatum: '2026-04-04' }]), [start], [0]],
    ['start verwijderen die al verwijderd is', jw305([{ statusAanlevering: '3' }]), [start, jw305([{ statusAanlevering: '3' }])], [0]],
    [
      'ToewijzingIngangsdatum is geen sleutel: verwijderen lukt',
      jw305([{ statusAanlevering: '3', toewijzingIngangsdatum: '2026-03-01' }]),
      [start],
      [],
    ],
    ['stop verwijderen die eerder is gestuurd', jw307([{ statusAanlevering: '3' }]), [start, stop], []],
    ['stop verwijderen met andere einddatum', jw307([{ statusAanlevering: '3', einddatum: '2026-07-01' }]), [start, stop], [0]],
    ['status 1 valt er buiten', jw305(), [], []],
    [
      'tweede verwijdering van dezelfde start in één bericht',
      jw305([{ statusAanlevering: '3' }, { statusAanlevering: '3', toewijzingIngangsdatum: '2026-03-01' }]),
      [start],
      [1],
    ],
  ])('%s', (_naam, bericht, eerdere, verwacht) => {
    expectBevindingen(TR063, runHistorie(TR063, bericht, eerdere), verwacht);
  });
});
