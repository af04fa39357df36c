import { TR326 } from './TR326';
import { expectBevindingen, jw305, jw307, runHistorie } from './test-builders';

const start = jw305([{ begindatum: '2026-04-03' }]);
const tijdelijkeStop = jw307([{ begindatum: '2026-04-03', redenBeeindiging: '20', einddatum: '2026-05-01' }]);

describe('TR326 (regels/technische-regels/berichtoverstijgend/TR326.md)', () => {
  it.each([
    ['eerste start', jw305([{ begindatum: '2026-06-01' }]), [], []],
    ['nieuwe start terwijl de levering nog loopt', jw305([{ begindatum: '2026-06-01' }]), [start], [0]],
    ['nieuwe start na een (tijdelijke) stop', jw305([{ begindatum: '2026-06-01' }]), [start, tijdelijkeStop], []],
    ['nieuwe start voor een andere toewijzing', jw305([{ toewijzingNummer: '300202', begindatum: '2026-06-01' }]), [start], []],
    ['oude start eerder verwijderd', jw305([{ begindatum: '2026-06-01' }]), [start, jw305([{ statusAanlevering: '3' }])], []],
    [
      'verwijderen en nieuwe start in hetzelfde bericht (IV008)',
      jw305([{ statusAanlevering: '3' }, { begindatum: '2026-04-05' }]),
      [start],
      [],
    ],
    ['twee nieuwe starts voor één toewijzing in één bericht', jw305([{ begindatum: '2026-04-03' }, { begindatum: '2026-04-05' }]), [], [1]],
    [
      'stop van de start verwijderd: levering loopt weer',
      jw305([{ begindatum: '2026-06-01' }]),
      [
        start,
        tijdelijkeStop,
        jw307([{ begindatum: '2026-04-03', redenBeeindiging: '20', einddatum: '2026-05-01', statusAanlevering: '3' }]),
      ],
      [0],
    ],
  ])('%s', (_naam, bericht, eerdere, verwacht) => {
    expectBevindingen(TR326, runHistorie(TR326, bericht, eerdere), verwacht);
  });
});
