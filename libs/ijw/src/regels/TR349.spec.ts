import { TR349 } from './TR349';
import { bouwVerzoekHistorie } from './verzoek-historie';
import { BSN_2, expectBevindingen, jw301, jw317, pseudo, verzoekHistorieBericht } from './test-builders';
import type { Heenbericht, Jw301Toewijzing } from '../model';

/** TR349 against every toewijzing of the client given (as ingest loads them by client: clientToewijzingen). */
function run(bericht: ReturnType<typeof jw317>, eerdere: Heenbericht[], metClient = true) {
  const historie = bouwVerzoekHistorie(eerdere.flatMap((b) => b.regels.map((r) => ({ message: pseudo(r) }))));
  return TR349.check(verzoekHistorieBericht(bericht), {
    ...historie,
    ...(metClient ? { clientToewijzingen: Object.values(historie.toewijzingen) } : {}),
  });
}

// the JW317 of the builders has Dagtekening 2026-07-20 (TODAY) and names 300201 as OngewijzigdProduct
const t201 = jw301([{ toewijzingNummer: '300201' }]);
const t202 = (p: Partial<Jw301Toewijzing> = {}) =>
  jw301([{ toewijzingNummer: '300202', product: { categorie: '45', code: '45A12' }, ...p }]);
const ONTBREEKT = ['client'];

describe('TR349 (regels/technische-regels/berichtoverstijgend/TR349.md)', () => {
  it.each([
    ['every actual toewijzing named (OngewijzigdProduct)', jw317(), [t201], []],
    ['an actual toewijzing left out', jw317(), [t201, t202()], ONTBREEKT],
    [
      'named as TeWijzigenProduct',
      jw317({
        teWijzigenProducten: {
          teWijzigenProduct: [{ toewijzingNummer: '300202', gewensteIngangsdatum: '2026-08-01', einddatum: '2027-01-31' }],
        },
      }),
      [t201, t202()],
      [],
    ],
    ['one with its Ingangsdatum ahead counts', jw317(), [t201, t202({ ingangsdatum: '2026-09-01' })], ONTBREEKT],
    ['one ended before the Dagtekening is not actual', jw317(), [t201, t202({ ingangsdatum: '2025-01-01', einddatum: '2026-07-19' })], []],
    ['one ending on the Dagtekening is actual', jw317(), [t201, t202({ ingangsdatum: '2025-01-01', einddatum: '2026-07-20' })], ONTBREEKT],
    [
      'a deleted one (RedenWijziging 13) is not actual',
      jw317(),
      [t201, t202(), t202({ redenWijziging: '13', einddatum: '2026-04-01', toewijzingstijd: '11:00:00' })],
      [],
    ],
    ['one of another client does not count', jw317(), [t201, jw301([{ toewijzingNummer: '300202' }], { client: { bsn: BSN_2 } })], []],
    ['one of another aanbieder does not count', jw317(), [t201, t202({ aanbieder: '98100099' })], []],
  ] as const)('%s', (_naam, bericht, eerdere, verwacht) => {
    expectBevindingen(TR349, run(bericht, [...eerdere]), [...verwacht]);
  });

  it('one finding per toewijzing left out, naming it', () => {
    const found = run(jw317(), [t201, t202(), jw301([{ toewijzingNummer: '300203', product: { categorie: '45', code: '45A13' } }])]);
    expect(found.map((b) => [b.retourcode, b.toelichting.match(/toewijzing (\d+)/)?.[1]])).toEqual([
      ['9349', '300202'],
      ['9349', '300203'],
    ]);
  });

  it('is not checked without the toewijzingen of the client (a caller that cannot load them)', () => {
    expect(run(jw317(), [t201, t202()], false)).toEqual([]);
  });
});
