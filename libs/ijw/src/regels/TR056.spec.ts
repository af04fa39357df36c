import { TR056 } from './TR056';
import { beoordeelIdentificatie, bouwHistorie } from './historie';
import { AANBIEDER, GEMEENTE, expectBevindingen, historieBericht, jw301, jw305, runHistorie } from './test-builders';

const eerder = [{ berichtcode: 'JW305', afzender: AANBIEDER, identificatie: 'ID-1', inhoudHash: 'hash-a' }];

describe('TR056 (regels/technische-regels/berichtoverstijgend/TR056.md)', () => {
  it.each([
    ['nieuwe identificatie', jw305([{}], { header: { identificatie: 'ID-2' } }), 'hash-b', []],
    ['zelfde identificatie, zelfde inhoud (herhaling: geen bevinding)', jw305(), 'hash-a', []],
    ['zelfde identificatie, andere inhoud', jw305([{}, { begindatum: '2026-05-01' }]), 'hash-b', ['header']],
    [
      'zelfde identificatie in een andere berichtsoort',
      jw301([{}], { header: { identificatie: 'ID-1', afzender: GEMEENTE } }),
      'hash-b',
      [],
    ],
    ['zonder inhoudHash niet gecontroleerd', jw305(), undefined, []],
  ])('%s', (_naam, bericht, inhoudHash, verwacht) => {
    const found = runHistorie(TR056, bericht, [], { identificaties: eerder, ...(inhoudHash ? { inhoudHash } : {}) });
    expectBevindingen(TR056, found, verwacht);
    found.forEach((b) =>
      expect(b).toMatchObject({ retourcode: '9056', klasse: 'header', pad: 'Header/BerichtIdentificatie/Identificatie' }),
    );
  });

  it.each([
    ['ID-2', 'hash-a', 'nieuw'],
    ['ID-1', 'hash-a', 'herhaling'],
    ['ID-1', 'hash-b', 'conflict'],
  ] as const)('beoordeelIdentificatie(%s, %s) = %s', (identificatie, hash, uitkomst) => {
    const hb = historieBericht(jw305([{}], { header: { identificatie } }));
    expect(beoordeelIdentificatie(bouwHistorie([], eerder), hb, hash)).toBe(uitkomst);
  });
});
