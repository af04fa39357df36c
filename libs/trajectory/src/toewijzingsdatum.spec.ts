/**
 * Which toewijzing version is current: Toewijzingsdatum + Toewijzingstijd decide (IV013, OP033x1 in
 * ../shared/ijw-3.2/regels/invulinstructies/invulinstructie_IV013.md and regels/bedrijfsregels/OP033x1.md), not the
 * order in which the messages arrive or were received, nor the original-before-change heuristic of before iJw 3.2.
 */
import fc from 'fast-check';
import { addDays, canonicalJson, type Jw301Toewijzing } from '@trajectwacht/ijw';
import { diffTrajectory } from './events';
import { DEFAULT_INTENSITY_MAPPING } from './intensity';
import { buildJw301, buildJw305, buildJw307 } from './test-fixtures';
import { deriveTrajectory, type AcceptedMessage, type TrajectoryState } from './trajectory';

const M = DEFAULT_INTENSITY_MAPPING;
const derive = (ms: readonly AcceptedMessage[]): TrajectoryState => deriveTrajectory(ms, M)!;
const received = (at: string) => ({ ontvangst: { ontvangenOp: at } });

describe('the current toewijzing version', () => {
  const v1 = buildJw301({
    toewijzingsdatum: '2024-01-10',
    toewijzingstijd: '10:00:00',
    einddatum: '2024-06-30',
    product: { categorie: '45', code: '45A01' },
  });
  const v2 = buildJw301({
    toewijzingsdatum: '2024-03-01',
    toewijzingstijd: '09:00:00',
    einddatum: '2024-12-31',
    redenWijziging: '04',
    dagtekening: '2024-01-05', // a wrong dagtekening does not matter
    product: { categorie: '45', code: '45A02' },
    ...received('2024-01-02T08:00:00.000Z'), // nor does receiving it before v1
  });

  it('is the one with the latest toewijzingsdatum, whatever dagtekening and receipt say', () => {
    for (const ms of [
      [v1, v2],
      [v2, v1],
    ]) {
      expect(derive(ms)).toMatchObject({
        productcode: '45A02',
        einddatum: '2024-12-31',
        aantalWijzigingen: 1,
        aantalVerlengingen: 1,
        toewijzingsdatum: '2024-03-01',
        toewijzingstijd: '09:00:00',
      });
    }
  });

  it('an older version received later (a resend) does not become current', () => {
    const resendV1 = { ...v1, berichtId: 'resend-v1', ontvangst: { ...v1.ontvangst, ontvangenOp: '2024-05-01T09:00:00.000Z' } };
    expect(derive([v1, v2, resendV1])).toMatchObject({ productcode: '45A02', einddatum: '2024-12-31' });
  });

  it('on the same toewijzingsdatum the toewijzingstijd decides (HH:MM:SS and HH:MM:SS.mmm)', () => {
    const a = buildJw301({
      berichtId: 'a',
      toewijzingsdatum: '2024-03-01',
      toewijzingstijd: '13:59:41',
      redenWijziging: '14',
      product: { categorie: '45', code: '45A02' },
    });
    const b = buildJw301({
      berichtId: 'b',
      toewijzingsdatum: '2024-03-01',
      toewijzingstijd: '13:59:41.123',
      redenWijziging: '14',
      product: { categorie: '43', code: '43A02' },
    });
    const c = buildJw301({
      berichtId: 'c',
      toewijzingsdatum: '2024-03-01',
      toewijzingstijd: '09:00:00',
      redenWijziging: '14',
      product: { categorie: '44' },
    });
    expect(derive([b, a, c, v1])).toMatchObject({ productcode: '43A02', aantalWijzigingen: 3 });
  });

  it('the same version sent again (same toewijzingsdatum + -tijd) counts once and is marked herhaling', () => {
    const again = {
      ...v2,
      berichtId: 'v2-opnieuw',
      dagtekening: '2024-04-01',
      ontvangst: { ...v2.ontvangst, ontvangenOp: '2024-04-01T09:00:00.000Z' },
    };
    const s = derive([v1, v2, again]);
    expect(s).toMatchObject({ aantalWijzigingen: 1, aantalVerlengingen: 1, productcode: '45A02' });
    expect(s.timeline.filter((e) => e.herhaling).map((e) => e.berichtId)).toEqual(['v2-opnieuw']);
    expect(s.berichtIds).toContain('v2-opnieuw');
  });

  it('versions recorded before iJw 3.2 (no toewijzingsdatum) fold first, in the order of before', () => {
    const oud = buildJw301({ berichtId: 'oud', einddatum: '2024-05-31', dagtekening: '2024-01-10' });
    const oudeWijziging = buildJw301({
      berichtId: 'oud-w',
      redenWijziging: '04',
      einddatum: '2025-05-31',
      dagtekening: '2024-09-01',
      product: { categorie: '43', code: '43A04' },
    });
    const nieuw = buildJw301({
      berichtId: 'nieuw',
      toewijzingsdatum: '2024-06-01',
      toewijzingstijd: '12:00:00',
      redenWijziging: '05',
      einddatum: '2024-11-30',
    });
    // the 3.2 version follows the recorded history although its dagtekening lies before the old wijziging's
    const s = derive([nieuw, oudeWijziging, oud]);
    expect(s).toMatchObject({
      einddatum: '2024-11-30',
      productcode: '45A01',
      aantalWijzigingen: 2,
      aantalVerlengingen: 1,
      toewijzingsdatum: '2024-06-01',
    });
    expect(derive([oudeWijziging, oud])).not.toHaveProperty('toewijzingsdatum');
  });

  it('the timeline dates an iJw 3.2 wijziging or intrekking on its toewijzingsdatum', () => {
    const intrekking = buildJw301({
      berichtId: 'in',
      toewijzingsdatum: '2024-02-20',
      toewijzingstijd: '08:00:00',
      redenWijziging: '13',
      einddatum: '2024-01-15',
      dagtekening: '2024-02-22',
    });
    expect(derive([v1, intrekking]).timeline.map((e) => [e.soort, e.datum])).toEqual([
      ['toewijzing', '2024-01-15'],
      ['intrekking', '2024-02-20'],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Property: random iJw 3.2 message sets with random receipt times and dagtekeningen.

const day = (n: number): string => addDays('2024-01-01', n);
const PRODUCTS = [
  { categorie: '45', code: '45A01' },
  { categorie: '45', code: '45A02' },
  { categorie: '43', code: '43A04' },
  { categorie: '44' },
  undefined,
];
const time = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00`);

const jw301Arb = fc
  .record({
    toewijzing: fc.integer({ min: 0, max: 30 }),
    tijd: time,
    ingang: fc.integer({ min: 0, max: 60 }),
    duur: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }),
    reden: fc.option(fc.constantFrom('04', '05', '13', '14', '09'), { nil: undefined }),
    product: fc.constantFrom(...PRODUCTS),
    budget: fc.option(fc.integer({ min: 0, max: 99_999_999 }), { nil: undefined }),
    dagtekening: fc.integer({ min: 0, max: 400 }),
    ontvangen: fc.integer({ min: 0, max: 400 }),
  })
  .map(
    (r) => (i: number) =>
      buildJw301({
        berichtId: `id${i}/1`,
        identificatie: `id${i}`,
        toewijzingsdatum: day(r.toewijzing),
        toewijzingstijd: r.tijd,
        ingangsdatum: day(r.ingang),
        ...(r.duur !== undefined ? { einddatum: day(r.ingang + r.duur) } : {}),
        ...(r.reden !== undefined ? { redenWijziging: r.reden } : {}),
        ...(r.product !== undefined ? { product: r.product } : { product: undefined, budget: r.budget ?? 100_000 }),
        ...(r.product !== undefined && r.budget !== undefined ? { budget: r.budget } : {}),
        dagtekening: day(r.dagtekening),
        ontvangst: { ontvangenOp: `${day(r.ontvangen)}T10:00:00.000Z` },
      }),
  );
const startArb = fc.record({ begin: fc.integer({ min: 0, max: 300 }), ontvangen: fc.integer({ min: 0, max: 400 }) }).map(
  (r) => (i: number) =>
    buildJw305({
      berichtId: `s${i}/1`,
      identificatie: `s${i}`,
      begindatum: day(r.begin),
      ontvangst: { ontvangenOp: `${day(r.ontvangen)}T11:00:00.000Z` },
    }),
);
const stopArb = fc
  .record({ begin: fc.integer({ min: 0, max: 200 }), duur: fc.integer({ min: 0, max: 200 }), ontvangen: fc.integer({ min: 0, max: 400 }) })
  .map(
    (r) => (i: number) =>
      buildJw307({
        berichtId: `e${i}/1`,
        identificatie: `e${i}`,
        begindatum: day(r.begin),
        einddatum: day(r.begin + r.duur),
        ontvangst: { ontvangenOp: `${day(r.ontvangen)}T12:00:00.000Z` },
      }),
  );

const setArb = fc
  .tuple(
    fc.array(jw301Arb, { minLength: 1, maxLength: 5 }),
    fc.array(startArb, { maxLength: 2 }),
    fc.array(stopArb, { maxLength: 2 }),
    // deletions (StatusAanlevering 3) of some of the starts/stops, received at a random moment
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 400 })), { maxLength: 3 }),
  )
  .map(([a, b, c, del]) => {
    const regieberichten = [...b.map((f, i) => f(i)), ...c.map((f, i) => f(i))];
    const deletions = regieberichten.length
      ? del.map(([n, d], k) => ({
          ...regieberichten[n % regieberichten.length],
          berichtId: `d${k}/1`,
          identificatie: `d${k}`,
          statusAanlevering: '3' as const,
          ontvangst: { ...regieberichten[n % regieberichten.length].ontvangst, ontvangenOp: `${day(d)}T13:00:00.000Z` },
        }))
      : [];
    return [...a.map((f, i) => f(i)), ...regieberichten, ...deletions] as AcceptedMessage[];
  });

function latestVersion(ms: readonly AcceptedMessage[]): string {
  return ms
    .filter((m): m is AcceptedMessage<Jw301Toewijzing> => m.berichtcode === 'JW301')
    .map((m) => `${m.toewijzingsdatum}T${m.toewijzingstijd}`)
    .sort()
    .reverse()[0];
}

describe('toewijzing versions, deletions and afwijkingen: property', () => {
  it('the state does not depend on the arrival order, and the current version is the latest decided one', () => {
    fc.assert(
      fc.property(
        setArb.chain((ms) => fc.tuple(fc.constant(ms), fc.shuffledSubarray(ms, { minLength: ms.length, maxLength: ms.length }))),
        ([ms, shuffled]) => {
          const a = derive(ms);
          expect(derive(shuffled)).toStrictEqual(a);
          expect(`${a.toewijzingsdatum}T${a.toewijzingstijd}`).toBe(latestVersion(ms));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('a rebuild (fresh derive of the stored set, read back as JSON) equals the state folded message by message', () => {
    fc.assert(
      fc.property(
        setArb.chain((ms) => fc.shuffledSubarray(ms, { minLength: ms.length, maxLength: ms.length })),
        (arrival) => {
          // live: the projection derives after every message from everything stored so far and diffs the step
          let live: TrajectoryState | null = null;
          for (let i = 1; i <= arrival.length; i++) {
            const next = derive(arrival.slice(0, i));
            diffTrajectory(live, next);
            live = next;
          }
          const stored: AcceptedMessage[] = JSON.parse(JSON.stringify(arrival)); // read back as JSON, as the projection stores it
          const rebuilt = derive([...stored].reverse());
          expect(canonicalJson(rebuilt)).toBe(canonicalJson(live));
        },
      ),
      { numRuns: 200 },
    );
  });
});
