import { TR019 } from './TR019';
import { AANBIEDER, BSN_2, expectBevindingen, jw301, jw305, jw307, runHistorie } from './test-builders';

const toewijzing = jw301([{ toewijzingNummer: '300201' }]);

describe('TR019 (regels/technische-regels/berichtoverstijgend/TR019.md)', () => {
  it.each([
    ['start op bekende toewijzing', jw305(), [toewijzing], []],
    ['start zonder eerdere toewijzing', jw305(), [], [0]],
    ['stop op onbekend toewijzingnummer', jw307([{}, { toewijzingNummer: '999' }]), [toewijzing], [1]],
    ['toewijzing van een andere cliënt', jw305([{}], { client: { bsn: BSN_2 } }), [toewijzing], [0]],
    ['toewijzing aan een andere aanbieder', jw305([{}], { header: { afzender: '12345678' } }), [toewijzing], [0]],
    ['toewijzing van een andere gemeente', jw305([{}], { header: { ontvanger: '0193' } }), [toewijzing], [0]],
    [
      'verwijderde toewijzing (reden 13)',
      jw305(),
      [toewijzing, jw301([{ toewijzingNummer: '300201', einddatum: '2026-04-01', redenWijziging: '13', toewijzingsdatum: '2026-03-25' }])],
      [0],
    ],
    [
      'nieuwste versie telt (Toewijzingsdatum), niet de volgorde van aankomst',
      jw305(),
      [jw301([{ redenWijziging: '13', einddatum: '2026-04-01', toewijzingsdatum: '2026-03-01' }]), toewijzing],
      [],
    ],
    ['verwijdering (status 3) wordt niet aan de toewijzing getoetst', jw305([{ statusAanlevering: '3' }]), [], []],
    ['start zonder toewijzingnummer (taakgericht: Trajectwacht volgt zorg per toewijzing)', jw305([{ toewijzingNummer: '' }]), [], [0]],
  ])('%s', (_naam, bericht, eerdere, verwacht) => {
    const found = runHistorie(TR019, bericht, eerdere);
    expectBevindingen(TR019, found, verwacht);
    found.forEach((b) => expect(b.toelichting).not.toContain(AANBIEDER + 'x'));
  });
});
