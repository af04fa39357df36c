/**
 * A frozen corpus of message sets as the platform recorded them BEFORE iJw 3.2 conformance (no toewijzingsdatum,
 * statusAanlevering, budget, datumGebruik or toewijzingIngangsdatum): fixed scenarios plus a seeded random sample.
 * The legacy specs (legacy.spec.ts here and in @trajectwacht/signals) pin the states, events and alerts these sets
 * derived before the 3.2 changes (snapshots in legacy-corpus.snapshot.json), so "old messages derive exactly the
 * state they derived before" is tested, not assumed. Do not change this file: its output is the reference.
 */
import fc from 'fast-check';
import { addDays, CODELISTS } from '@trajectwacht/ijw';
import { buildJw301, buildJw305, buildJw307 } from './test-fixtures';
import type { AcceptedMessage } from './trajectory';

const day = (n: number): string => addDays('2024-01-01', n);
const REDEN_WIJZIGING = CODELISTS.redenWijziging.entries.map((e) => e.code);
const REDEN_BEEINDIGING = CODELISTS.redenBeeindiging.entries.map((e) => e.code);
const PRODUCTS = [
  { categorie: '45', code: '45A01' },
  { categorie: '45', code: '45A02' },
  { categorie: '43', code: '43A04' },
  { categorie: '44' },
  { categorie: '46', code: '46A02' },
  { categorie: '43', code: '43A02' },
];

const jw301Arb = fc
  .record({
    ingang: fc.integer({ min: 0, max: 200 }),
    duur: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
    dagtekening: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
    reden: fc.option(fc.constantFrom(...REDEN_WIJZIGING), { nil: undefined }),
    product: fc.constantFrom(...PRODUCTS),
  })
  .map(
    (r) => (i: number) =>
      buildJw301({
        berichtId: `b301-${i}`,
        ingangsdatum: day(r.ingang),
        ...(r.duur !== undefined ? { einddatum: day(r.ingang + r.duur) } : {}),
        ...(r.dagtekening !== undefined ? { dagtekening: day(r.dagtekening) } : {}),
        ...(r.reden !== undefined ? { redenWijziging: r.reden } : {}),
        product: r.product,
      }),
  );
const jw305Arb = fc
  .record({ begin: fc.integer({ min: 0, max: 400 }), product: fc.constantFrom(...PRODUCTS) })
  .map((r) => (i: number) => buildJw305({ berichtId: `b305-${i}`, begindatum: day(r.begin), product: r.product }));
const jw307Arb = fc
  .record({ begin: fc.integer({ min: 0, max: 300 }), duur: fc.integer({ min: 0, max: 200 }), reden: fc.constantFrom(...REDEN_BEEINDIGING) })
  .map(
    (r) => (i: number) =>
      buildJw307({ berichtId: `b307-${i}`, begindatum: day(r.begin), einddatum: day(r.begin + r.duur), redenBeeindiging: r.reden }),
  );

/** Random legacy message sets of one toewijzing (with redeliveries), as the old property tests generated them. */
export const legacyMessageSetArb: fc.Arbitrary<AcceptedMessage[]> = fc
  .tuple(
    fc.array(jw301Arb, { maxLength: 4 }),
    fc.array(jw305Arb, { maxLength: 3 }),
    fc.array(jw307Arb, { maxLength: 2 }),
    fc.array(fc.nat(), { maxLength: 2 }),
  )
  .map(([a, b, c, dupIdx]) => {
    const base: AcceptedMessage[] = [...a.map((f, i) => f(i)), ...b.map((f, i) => f(i)), ...c.map((f, i) => f(i))];
    const dups = base.length
      ? dupIdx.map((n, k) => ({
          ...base[n % base.length],
          ontvangst: { ...base[n % base.length].ontvangst, ontvangenOp: `2030-01-0${k + 1}T00:00:00.000Z` },
        }))
      : [];
    return [...base, ...dups];
  })
  .filter((ms) => ms.length > 0);

function fixedScenarios(): Record<string, AcceptedMessage[]> {
  const toewijzing = buildJw301({ einddatum: '2024-12-31', dagtekening: '2024-01-10' });
  const start = buildJw305({ begindatum: '2024-01-22' });
  const stop = buildJw307({ begindatum: '2024-01-22', einddatum: '2024-06-30', redenBeeindiging: '31' });
  const intrekking = buildJw301({ redenWijziging: '13', einddatum: '2024-01-15', dagtekening: '2024-01-18' });
  const pauze = buildJw307({ einddatum: '2024-03-31', redenBeeindiging: '20' });
  const hervat = buildJw305({ begindatum: '2024-05-01' });
  const original = buildJw301({ einddatum: '2024-06-30', dagtekening: '2024-01-10' });
  return {
    toegewezen: [toewijzing],
    gestart: [toewijzing, start],
    beeindigd: [toewijzing, start, stop],
    stopZonderStart: [toewijzing, buildJw307({ begindatum: '2024-02-01' })],
    ingetrokken: [toewijzing, intrekking],
    ingetrokkenNaStop: [toewijzing, start, stop, buildJw301({ redenWijziging: '13', einddatum: '2024-01-15', dagtekening: '2024-08-01' })],
    beeindigingViaJw301: [toewijzing, start, buildJw301({ redenWijziging: '09', einddatum: '2024-04-30', dagtekening: '2024-04-15' })],
    heropend: [toewijzing, start, pauze, hervat],
    heropendGestopt: [toewijzing, start, pauze, hervat, stop],
    correctie: [
      original,
      buildJw301({
        redenWijziging: '14',
        einddatum: '2024-09-30',
        dagtekening: '2024-01-12',
        product: { categorie: '45', code: '45A02' },
        client: { geboortedatum: '2010-05-18' },
      }),
    ],
    verlengingen: [
      original,
      buildJw301({ redenWijziging: '04', einddatum: '2024-12-31', dagtekening: '2024-06-01' }),
      buildJw301({ redenWijziging: '04', einddatum: '2025-06-30', dagtekening: '2024-12-01' }),
    ],
    open: [original, buildJw301({ redenWijziging: '04', dagtekening: '2024-06-01' })],
    stopZonderToewijzing: [buildJw307({ begindatum: '2024-02-01', einddatum: '2024-03-01', product: { categorie: '43', code: '43A02' } })],
    startZonderToewijzing: [buildJw305({ begindatum: '2024-01-22' })],
    startVoorIngang: [buildJw301({ ingangsdatum: '2024-02-01' }), buildJw305({ begindatum: '2024-01-22' })],
    stopNaEinddatum: [toewijzing, start, buildJw307({ einddatum: '2025-02-01' })],
    productAnders: [toewijzing, buildJw305({ begindatum: '2024-01-22', product: { categorie: '43', code: '43A02' } })],
    aspecifiek: [buildJw301({ product: { categorie: '44' } }), start],
    volledig: [
      buildJw301({ einddatum: '2024-07-14', dagtekening: '2024-01-10', product: { categorie: '43', code: '43A01' } }),
      buildJw301({ redenWijziging: '14', einddatum: '2024-07-14', dagtekening: '2024-01-12', product: { categorie: '43', code: '43A02' } }),
      buildJw305({ begindatum: '2024-01-22', product: { categorie: '43', code: '43A02' } }),
      buildJw301({ redenWijziging: '04', einddatum: '2025-01-14', dagtekening: '2024-07-01', product: { categorie: '43', code: '43A02' } }),
      buildJw301({ redenWijziging: '09', einddatum: '2024-10-31', dagtekening: '2024-10-01', product: { categorie: '43', code: '43A02' } }),
      buildJw307({
        begindatum: '2024-01-22',
        einddatum: '2024-10-31',
        redenBeeindiging: '38',
        product: { categorie: '43', code: '43A02' },
      }),
    ],
  };
}

/** The corpus: named fixed scenarios and `random-<n>` seeded samples (always the same sets). */
export function legacyCorpus(randomCount = 300): Record<string, AcceptedMessage[]> {
  const out: Record<string, AcceptedMessage[]> = fixedScenarios();
  fc.sample(legacyMessageSetArb, { seed: 20261202, numRuns: randomCount }).forEach((ms, i) => {
    out[`random-${i}`] = ms;
  });
  return out;
}
