import { TR357 } from './TR357';
import { expectBevindingen, jw301, jw317, runVerzoekHistorie } from './test-builders';

// The toewijzing runs from 2026-04-01; the JW317 has dagtekening 2026-07-20 (TODAY).
const teWijzigen = (...data: string[]) => ({
  ongewijzigdeProducten: undefined,
  teWijzigenProducten: {
    teWijzigenProduct: data.map((d, i) => ({ toewijzingNummer: String(300201 + i), gewensteIngangsdatum: d, einddatum: '2027-06-30' })),
  },
});
const toewijzing = jw301([{ toewijzingNummer: '300201' }]);
const PAD = 'Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct[1]/GewensteIngangsdatum';

describe('TR357 (regels/technische-regels/berichtoverstijgend/TR357.md)', () => {
  it.each([
    ['in het verleden, gelijk aan de ingangsdatum', jw317(teWijzigen('2026-04-01')), [toewijzing], []],
    ['in het verleden, niet de ingangsdatum', jw317(teWijzigen('2026-06-01')), [toewijzing], [PAD]],
    ['gelijk aan de dagtekening, niet de ingangsdatum', jw317(teWijzigen('2026-07-20')), [toewijzing], [PAD]],
    ['na de dagtekening (wijziging in de toekomst)', jw317(teWijzigen('2026-07-21')), [toewijzing], []],
    [
      'tweede TeWijzigenProduct in het verleden',
      jw317(teWijzigen('2026-08-01', '2026-05-01')),
      [jw301([{ toewijzingNummer: '300201' }, {}])],
      ['Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct[2]/GewensteIngangsdatum'],
    ],
    [
      'de actuele versie telt',
      jw317(teWijzigen('2026-05-01')),
      [toewijzing, jw301([{ toewijzingNummer: '300201', ingangsdatum: '2026-05-01', redenWijziging: '01', toewijzingstijd: '11:00:00' }])],
      [],
    ],
    ['onbekende toewijzing (TR351)', jw317(teWijzigen('2026-06-01')), [], []],
  ] as const)('%s', (_naam, bericht, eerdere, verwacht) => {
    expectBevindingen(TR357, runVerzoekHistorie(TR357, bericht, [...eerdere]), [...verwacht]);
  });
});
