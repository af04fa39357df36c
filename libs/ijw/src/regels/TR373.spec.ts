import { TR373 } from './TR373';
import { expectBevindingen, jw301, jw317, runVerzoekHistorie } from './test-builders';

// The toewijzing runs from 2026-04-01.
const teWijzigen = (p: Record<string, unknown>) => ({
  ongewijzigdeProducten: undefined,
  teWijzigenProducten: {
    teWijzigenProduct: [{ toewijzingNummer: '300201', gewensteIngangsdatum: '2026-09-01', einddatum: '2027-06-30', ...p }],
  },
});
const metBudget = jw301([{ toewijzingNummer: '300201', product: undefined, omvang: undefined, budget: 100000 }]);
const totaal = jw301([{ toewijzingNummer: '300201', omvang: { volume: 40, eenheid: '04', frequentie: '6' } }]);
const perWeek = jw301([{ toewijzingNummer: '300201' }]);
const TOTAAL_60 = { volume: '60', eenheid: '04', frequentie: '6' };
const PAD = 'Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct[1]/GewensteIngangsdatum';

describe('TR373 (regels/technische-regels/berichtoverstijgend/TR373.md)', () => {
  it.each([
    [
      'Budget gewijzigd, vanaf de ingangsdatum',
      jw317(teWijzigen({ budget: '150000', gewensteIngangsdatum: '2026-04-01' })),
      [metBudget],
      [],
    ],
    ['Budget gewijzigd, later ingaand', jw317(teWijzigen({ budget: '150000' })), [metBudget], [PAD]],
    ['Budget ongewijzigd, later ingaand', jw317(teWijzigen({ budget: '100000' })), [metBudget], []],
    ['geen Budget, later ingaand', jw317(teWijzigen({})), [metBudget], []],
    ['Budget nieuw bij een toewijzing zonder Budget', jw317(teWijzigen({ budget: '5000' })), [perWeek], [PAD]],
    ['totaal gewijzigd, later ingaand', jw317(teWijzigen({ omvang: TOTAAL_60 })), [totaal], [PAD]],
    ['totaal gewijzigd, vanaf de ingangsdatum', jw317(teWijzigen({ omvang: TOTAAL_60, gewensteIngangsdatum: '2026-04-01' })), [totaal], []],
    ['totaal ongewijzigd', jw317(teWijzigen({ omvang: { volume: '40', eenheid: '04', frequentie: '6' } })), [totaal], []],
    ['per week naar totaal, later ingaand', jw317(teWijzigen({ omvang: TOTAAL_60 })), [perWeek], [PAD]],
    [
      'omvang per week gewijzigd (geen totaal)',
      jw317(teWijzigen({ omvang: { volume: '6', eenheid: '04', frequentie: '2' } })),
      [perWeek],
      [],
    ],
    ['onbekende toewijzing (TR351)', jw317(teWijzigen({ budget: '150000' })), [], []],
  ] as const)('%s', (_naam, bericht, eerdere, verwacht) => {
    expectBevindingen(TR373, runVerzoekHistorie(TR373, bericht, [...eerdere]), [...verwacht]);
  });
});
