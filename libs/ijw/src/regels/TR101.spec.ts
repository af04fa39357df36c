import { TR101 } from './TR101';
import { expectBevindingen, jw301, jw305, jw307, run } from './test-builders';

describe('TR101 (regels/technische-regels/xslt/TR101.md)', () => {
  it.each([
    ['JW301 twee verschillende toewijzingnummers', jw301([{}, {}]), []],
    ['JW301 hetzelfde toewijzingnummer twee keer', jw301([{ toewijzingNummer: '300201' }, { toewijzingNummer: '300201' }]), [1]],
    ['JW305 twee starts met andere begindatum', jw305([{}, { begindatum: '2026-04-10' }]), []],
    ['JW305 dezelfde start twee keer', jw305([{}, {}]), [1]],
    [
      'JW305 verwijderen (3) en vervangen (1) met andere begindatum: mag (IV008)',
      jw305([{ statusAanlevering: '3' }, { begindatum: '2026-04-05' }]),
      [],
    ],
    [
      'JW305 verwijderen en opnieuw met dezelfde sleutel (andere ToewijzingIngangsdatum): afgekeurd (IV008)',
      jw305([{ statusAanlevering: '3' }, { toewijzingIngangsdatum: '2026-04-02' }]),
      [1],
    ],
    ['JW305 zelfde nummer en datum, ander product', jw305([{}, { product: { categorie: '45', code: '45A12' } }]), []],
    ['JW307 tijdelijke en definitieve stop: andere reden', jw307([{ redenBeeindiging: '20' }, { redenBeeindiging: '31' }]), []],
    ['JW307 dezelfde stop twee keer', jw307([{}, {}]), [1]],
    ['JW307 stop verwijderen en met andere einddatum opnieuw', jw307([{ statusAanlevering: '3' }, { einddatum: '2026-07-10' }]), []],
  ])('%s', (_naam, bericht, verwacht) => {
    expectBevindingen(TR101, run(TR101, bericht), verwacht);
  });
});
