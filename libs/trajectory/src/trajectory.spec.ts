import fc from 'fast-check';
import { addDays, canonicalJson, CODELISTS, type RedenWijzigingEffect } from '@trajectwacht/ijw';
import { stateContentHash } from './hash';
import { DEFAULT_INTENSITY_MAPPING } from './intensity';
import { buildJw301, buildJw305, buildJw307 } from './test-fixtures';
import { deriveTrajectory, groupByTrajectory, type AcceptedMessage, type TrajectoryState } from './trajectory';

const M = DEFAULT_INTENSITY_MAPPING;

/** A current (non-expired) reden wijziging code with the given effect, taken from the codelist. */
function reden(effect: RedenWijzigingEffect, predicate: (omschrijving: string) => boolean = () => true): string {
  const entry = CODELISTS.redenWijziging.entries.find((e) => e.effect === effect && !e.vervallen && predicate(e.omschrijving));
  if (!entry) throw new Error(`no reden wijziging with effect ${effect}`);
  return entry.code;
}
const CORRECTIE = reden('correctie');
const VERLENGING = reden('wijziging', (o) => /verlenging/i.test(o));
const VERKORTING = reden('wijziging', (o) => /verkorting/i.test(o));
const INTREKKING = reden('intrekking');
const BEEINDIGING = reden('beeindiging', (o) => /andere aanbieder/i.test(o));

function derive(messages: AcceptedMessage[]): TrajectoryState {
  const s = deriveTrajectory(messages, M);
  if (!s) throw new Error('no state');
  return s;
}

function permutations<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  const a = [...items];
  const c = new Array<number>(a.length).fill(0);
  out.push([...a]);
  let i = 0;
  while (i < a.length) {
    if (c[i] < i) {
      const j = i % 2 === 0 ? 0 : c[i];
      [a[j], a[i]] = [a[i], a[j]];
      out.push([...a]);
      c[i] += 1;
      i = 0;
    } else {
      c[i] = 0;
      i += 1;
    }
  }
  return out;
}

describe('codes used in these tests', () => {
  it('come from reden-wijziging.json', () => {
    expect([CORRECTIE, VERLENGING, VERKORTING, INTREKKING, BEEINDIGING]).toEqual(['14', '04', '05', '13', '09']);
  });
});

describe('deriveTrajectory: status transitions', () => {
  const toewijzing = buildJw301({ einddatum: '2024-12-31', dagtekening: '2024-01-10' });
  const start = buildJw305({ begindatum: '2024-01-22' });
  const stop = buildJw307({ begindatum: '2024-01-22', einddatum: '2024-06-30', redenBeeindiging: '31' });

  it('no messages → null', () => {
    expect(deriveTrajectory([], M)).toBeNull();
  });

  it('JW301 only → toegewezen', () => {
    const s = derive([toewijzing]);
    expect(s).toMatchObject({
      id: '0034-TW000001',
      gemeente: '0034',
      toewijzingNummer: 'TW000001',
      aanbieder: '12345678',
      clientPseudonym: 'pseudo-client-1',
      geboortedatum: '2010-05-17',
      productcategorie: '45',
      productcode: '45A01',
      intensiteit: 'licht_ambulant',
      status: 'toegewezen',
      ingetrokken: false,
      toewijzingOntbreekt: false,
      ingangsdatum: '2024-01-15',
      einddatum: '2024-12-31',
      begindatum: null,
      stopdatum: null,
      redenBeeindiging: null,
      volgensPlan: null,
      redenWijziging: null,
      aantalWijzigingen: 0,
      aantalVerlengingen: 0,
      wachttijdDagen: null,
    });
    expect(s.timeline).toEqual([
      { berichtId: toewijzing.berichtId, berichtcode: 'JW301', datum: '2024-01-15', soort: 'toewijzing', effect: null },
    ]);
  });

  it('JW301 + JW305 → gestart with wachttijd', () => {
    expect(derive([toewijzing, start])).toMatchObject({ status: 'gestart', begindatum: '2024-01-22', wachttijdDagen: 7, stopdatum: null });
  });

  it('JW301 + JW305 + JW307 → beeindigd, volgens plan from JZ588', () => {
    const s = derive([toewijzing, start, stop]);
    expect(s).toMatchObject({
      status: 'beeindigd',
      begindatum: '2024-01-22',
      stopdatum: '2024-06-30',
      redenBeeindiging: '31',
      volgensPlan: true,
    });
    expect(s.timeline.map((e) => e.soort)).toEqual(['toewijzing', 'start', 'stop']);
    expect(derive([toewijzing, start, buildJw307({ redenBeeindiging: '33' })]).volgensPlan).toBe(false);
  });

  it('JW301 + JW307 without JW305 → beeindigd, begindatum from the JW307', () => {
    expect(derive([toewijzing, buildJw307({ begindatum: '2024-02-01' })])).toMatchObject({
      status: 'beeindigd',
      begindatum: '2024-02-01',
      wachttijdDagen: 17,
    });
  });

  it('intrekking → ingetrokken', () => {
    const intrekking = buildJw301({ redenWijziging: INTREKKING, einddatum: '2024-01-15', dagtekening: '2024-01-18' });
    const s = derive([toewijzing, intrekking]);
    expect(s).toMatchObject({
      status: 'ingetrokken',
      ingetrokken: true,
      einddatum: '2024-01-15',
      redenWijziging: INTREKKING,
      aantalWijzigingen: 1,
    });
    expect(s.timeline.map((e) => [e.soort, e.effect, e.datum])).toEqual([
      ['toewijzing', null, '2024-01-15'],
      ['intrekking', 'intrekking', '2024-01-18'],
    ]);
  });

  it('intrekking after a start (no stop) → ingetrokken; after a stop → beeindigd (still flagged ingetrokken)', () => {
    const intrekking = buildJw301({ redenWijziging: INTREKKING, einddatum: '2024-01-15', dagtekening: '2024-08-01' });
    expect(derive([toewijzing, start, intrekking]).status).toBe('ingetrokken');
    expect(derive([toewijzing, start, stop, intrekking])).toMatchObject({ status: 'beeindigd', ingetrokken: true });
  });

  it('a withdrawal is final: a later wijziging does not revive it', () => {
    const intrekking = buildJw301({ redenWijziging: INTREKKING, einddatum: '2024-01-15', dagtekening: '2024-01-18' });
    const later = buildJw301({ redenWijziging: VERLENGING, einddatum: '2025-12-31', dagtekening: '2024-03-01' });
    expect(derive([toewijzing, intrekking, later])).toMatchObject({ status: 'ingetrokken', einddatum: '2025-12-31' });
  });

  it('a JW301 with effect beeindiging ends the toewijzing early but does not end the trajectory', () => {
    const eind = buildJw301({ redenWijziging: BEEINDIGING, einddatum: '2024-04-30', dagtekening: '2024-04-15' });
    const s = derive([toewijzing, start, eind]);
    expect(s).toMatchObject({
      status: 'gestart',
      einddatum: '2024-04-30',
      aantalWijzigingen: 1,
      aantalVerlengingen: 0,
      redenWijziging: BEEINDIGING,
    });
    expect(s.timeline[s.timeline.length - 1]).toMatchObject({ soort: 'wijziging', effect: 'beeindiging', datum: '2024-04-30' });
    expect(derive([toewijzing, start, eind, buildJw307({ einddatum: '2024-04-30', redenBeeindiging: '38' })]).status).toBe('beeindigd');
  });

  it('a start after the last stop re-opens the trajectory (tijdelijk beëindigd, reden 20)', () => {
    const pauze = buildJw307({ einddatum: '2024-03-31', redenBeeindiging: '20' });
    const hervat = buildJw305({ begindatum: '2024-05-01' });
    expect(derive([toewijzing, start, pauze])).toMatchObject({ status: 'beeindigd', stopdatum: '2024-03-31', volgensPlan: false });
    expect(derive([toewijzing, start, pauze, hervat])).toMatchObject({
      status: 'gestart',
      begindatum: '2024-01-22',
      stopdatum: null,
      redenBeeindiging: null,
      volgensPlan: null,
    });
    expect(derive([toewijzing, start, pauze, hervat, stop])).toMatchObject({
      status: 'beeindigd',
      stopdatum: '2024-06-30',
      redenBeeindiging: '31',
    });
  });

  it('throws when messages of two toewijzingen are mixed', () => {
    expect(() => deriveTrajectory([toewijzing, buildJw305({ toewijzingNummer: 'OTHER' })], M)).toThrow(/more than one toewijzing/);
  });
});

describe('deriveTrajectory: wijzigingen', () => {
  const original = buildJw301({ einddatum: '2024-06-30', dagtekening: '2024-01-10' });

  it('correctie replaces fields but is no verlenging', () => {
    const corr = buildJw301({
      redenWijziging: CORRECTIE,
      einddatum: '2024-09-30',
      dagtekening: '2024-01-12',
      product: { categorie: '45', code: '45A02' },
      client: { geboortedatum: '2010-05-18' },
    });
    expect(derive([original, corr])).toMatchObject({
      productcode: '45A02',
      intensiteit: 'specialistisch_ambulant',
      geboortedatum: '2010-05-18',
      einddatum: '2024-09-30',
      aantalWijzigingen: 1,
      aantalVerlengingen: 0,
      redenWijziging: CORRECTIE,
      status: 'toegewezen',
    });
  });

  it('verlenging (04) moves einddatum later and counts', () => {
    const v1 = buildJw301({ redenWijziging: VERLENGING, einddatum: '2024-12-31', dagtekening: '2024-06-01' });
    const v2 = buildJw301({ redenWijziging: VERLENGING, einddatum: '2025-06-30', dagtekening: '2024-12-01' });
    expect(derive([original, v1])).toMatchObject({ einddatum: '2024-12-31', aantalVerlengingen: 1, aantalWijzigingen: 1 });
    expect(derive([v2, original, v1])).toMatchObject({
      einddatum: '2025-06-30',
      aantalVerlengingen: 2,
      aantalWijzigingen: 2,
      redenWijziging: VERLENGING,
    });
  });

  it('removing the einddatum is a verlenging; setting one where none was is not', () => {
    const open = buildJw301({ redenWijziging: VERLENGING, dagtekening: '2024-06-01' });
    expect(derive([original, open])).toMatchObject({ einddatum: null, aantalVerlengingen: 1 });
    const originalOpen = buildJw301({ dagtekening: '2024-01-10' });
    const set = buildJw301({ redenWijziging: VERKORTING, einddatum: '2024-12-31', dagtekening: '2024-06-01' });
    expect(derive([originalOpen, set])).toMatchObject({ einddatum: '2024-12-31', aantalVerlengingen: 0, aantalWijzigingen: 1 });
  });

  it('verkorting (05) shortens and does not count as verlenging', () => {
    const kort = buildJw301({ redenWijziging: VERKORTING, einddatum: '2024-03-31', dagtekening: '2024-02-01' });
    expect(derive([original, kort])).toMatchObject({ einddatum: '2024-03-31', aantalVerlengingen: 0, aantalWijzigingen: 1 });
  });

  it('an unknown reden wijziging is read as a wijziging', () => {
    const x = buildJw301({ redenWijziging: '99', einddatum: '2024-12-31', dagtekening: '2024-06-01' });
    expect(derive([original, x])).toMatchObject({ aantalVerlengingen: 1, aantalWijzigingen: 1, status: 'toegewezen' });
  });

  it('the intensity follows the product of the latest toewijzing', () => {
    const naarGesloten = buildJw301({
      redenWijziging: reden('wijziging', (o) => /aanbieder/i.test(o)),
      dagtekening: '2024-03-01',
      product: { categorie: '43', code: '43A04' },
    });
    expect(derive([original, naarGesloten])).toMatchObject({ productcategorie: '43', intensiteit: 'gesloten', verblijf: true });
  });

  it('duplicates (same berichtId and sender, other receipt time) count once', () => {
    const v1 = buildJw301({ redenWijziging: VERLENGING, einddatum: '2024-12-31', dagtekening: '2024-06-01' });
    const again = { ...v1, ontvangst: { ...v1.ontvangst, ontvangenOp: '2024-06-05T10:00:00.000Z' } };
    expect(derive([original, v1, again])).toEqual(derive([original, v1]));
  });
});

describe('deriveTrajectory: start/stop without JW301', () => {
  it('stop only → beeindigd with toewijzingOntbreekt', () => {
    const s = derive([buildJw307({ begindatum: '2024-02-01', einddatum: '2024-03-01', product: { categorie: '43', code: '43A02' } })]);
    expect(s).toMatchObject({
      status: 'beeindigd',
      toewijzingOntbreekt: true,
      ingangsdatum: null,
      einddatum: null,
      begindatum: '2024-02-01',
      stopdatum: '2024-03-01',
      productcode: '43A02',
      intensiteit: 'residentieel',
      wachttijdDagen: null,
    });
  });
  it('start only → gestart with toewijzingOntbreekt; the JW301 arriving later fills it in', () => {
    const start = buildJw305({ begindatum: '2024-01-22' });
    expect(derive([start])).toMatchObject({ status: 'gestart', toewijzingOntbreekt: true });
    expect(derive([start, buildJw301()])).toMatchObject({ status: 'gestart', toewijzingOntbreekt: false, wachttijdDagen: 7 });
  });
});

describe('deriveTrajectory: order independence', () => {
  const messages: AcceptedMessage[] = [
    buildJw301({ einddatum: '2024-07-14', dagtekening: '2024-01-10', product: { categorie: '43', code: '43A01' } }),
    buildJw301({
      redenWijziging: CORRECTIE,
      einddatum: '2024-07-14',
      dagtekening: '2024-01-12',
      product: { categorie: '43', code: '43A02' },
    }),
    buildJw305({ begindatum: '2024-01-22', product: { categorie: '43', code: '43A02' } }),
    buildJw301({
      redenWijziging: VERLENGING,
      einddatum: '2025-01-14',
      dagtekening: '2024-07-01',
      product: { categorie: '43', code: '43A02' },
    }),
    buildJw301({
      redenWijziging: BEEINDIGING,
      einddatum: '2024-10-31',
      dagtekening: '2024-10-01',
      product: { categorie: '43', code: '43A02' },
    }),
    buildJw307({ begindatum: '2024-01-22', einddatum: '2024-10-31', redenBeeindiging: '38', product: { categorie: '43', code: '43A02' } }),
  ];
  // a redelivery of the start, received later
  const start = messages[2];
  messages.push({ ...start, ontvangst: { ...start.ontvangst, ontvangenOp: '2024-01-30T12:00:00.000Z' } });

  it('gives the expected state', () => {
    expect(derive(messages)).toMatchObject({
      status: 'beeindigd',
      productcode: '43A02',
      intensiteit: 'residentieel',
      verblijf: true,
      einddatum: '2024-10-31',
      begindatum: '2024-01-22',
      stopdatum: '2024-10-31',
      volgensPlan: false,
      aantalWijzigingen: 3,
      aantalVerlengingen: 1,
      redenWijziging: BEEINDIGING,
      wachttijdDagen: 7,
    });
    expect(derive(messages).timeline).toHaveLength(6);
  });

  it('all 5040 permutations of 7 messages give a deep-equal state and the same hash', () => {
    const reference = derive(messages);
    const referenceJson = canonicalJson(reference);
    const referenceHash = stateContentHash([reference]);
    const perms = permutations(messages);
    expect(perms).toHaveLength(5040);
    let different = 0;
    let otherHash = 0;
    for (const p of perms) {
      const s = derive(p);
      if (canonicalJson(s) !== referenceJson) different += 1;
      if (stateContentHash([s]) !== referenceHash) otherHash += 1;
    }
    expect(different).toBe(0);
    expect(otherHash).toBe(0);
    expect(derive(perms[perms.length - 1])).toStrictEqual(reference);
  });

  it('does not modify its input', () => {
    const copy = JSON.parse(JSON.stringify(messages));
    derive(messages);
    expect(messages).toEqual(copy);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Property: random valid message sets of one toewijzing, random permutations.

const day = (n: number): string => addDays('2024-01-01', n);
const REDEN_WIJZIGING = CODELISTS.redenWijziging.entries.map((e) => e.code);
const REDEN_BEEINDIGING = CODELISTS.redenBeeindiging.entries.map((e) => e.code);
const PRODUCTS = [
  { categorie: '45', code: '45A01' },
  { categorie: '45', code: '45A02' },
  { categorie: '43', code: '43A04' },
  { categorie: '44' },
  { categorie: '46', code: '46A02' },
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
  .record({ begin: fc.integer({ min: 0, max: 400 }) })
  .map((r) => (i: number) => buildJw305({ berichtId: `b305-${i}`, begindatum: day(r.begin) }));
const jw307Arb = fc
  .record({ begin: fc.integer({ min: 0, max: 300 }), duur: fc.integer({ min: 0, max: 200 }), reden: fc.constantFrom(...REDEN_BEEINDIGING) })
  .map(
    (r) => (i: number) =>
      buildJw307({ berichtId: `b307-${i}`, begindatum: day(r.begin), einddatum: day(r.begin + r.duur), redenBeeindiging: r.reden }),
  );

const messageSetArb = fc
  .tuple(
    fc.array(jw301Arb, { maxLength: 4 }),
    fc.array(jw305Arb, { maxLength: 2 }),
    fc.array(jw307Arb, { maxLength: 2 }),
    fc.array(fc.nat(), { maxLength: 2 }),
  )
  .map(([a, b, c, dupIdx]) => {
    const base: AcceptedMessage[] = [...a.map((f, i) => f(i)), ...b.map((f, i) => f(i)), ...c.map((f, i) => f(i))];
    // redeliveries of some messages, received later
    const dups = base.length
      ? dupIdx.map((n, k) => ({
          ...base[n % base.length],
          ontvangst: { ...base[n % base.length].ontvangst, ontvangenOp: `2030-01-0${k + 1}T00:00:00.000Z` },
        }))
      : [];
    return [...base, ...dups];
  })
  .filter((ms) => ms.length > 0);

describe('deriveTrajectory: property', () => {
  it('the state and its hash do not depend on the order of the messages', () => {
    fc.assert(
      fc.property(
        messageSetArb.chain((ms) => fc.tuple(fc.constant(ms), fc.shuffledSubarray(ms, { minLength: ms.length, maxLength: ms.length }))),
        ([ms, shuffled]) => {
          const a = derive(ms);
          const b = derive(shuffled);
          expect(b).toStrictEqual(a);
          expect(stateContentHash([b])).toBe(stateContentHash([a]));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps its invariants', () => {
    fc.assert(
      fc.property(messageSetArb, (ms) => {
        const s = derive(ms);
        expect(s.berichtIds).toEqual([...new Set(ms.map((m) => m.berichtId))].sort());
        expect(s.timeline).toHaveLength(s.berichtIds.length);
        expect(s.toewijzingOntbreekt).toBe(!ms.some((m) => m.berichtcode === 'JW301'));
        expect(s.aantalVerlengingen).toBeLessThanOrEqual(s.aantalWijzigingen);
        if (s.status === 'beeindigd') expect(s.stopdatum).not.toBeNull();
        if (s.status === 'gestart') expect(s.begindatum).not.toBeNull();
        if (s.status === 'ingetrokken') expect(s.ingetrokken).toBe(true);
        if (s.stopdatum === null) expect(s.volgensPlan).toBeNull();
        const dates = s.timeline.map((e) => e.datum);
        expect(dates).toEqual([...dates].sort());
      }),
      { numRuns: 300 },
    );
  });
});

describe('groupByTrajectory', () => {
  it('groups by gemeente + toewijzingNummer', () => {
    const groups = groupByTrajectory([
      buildJw301(),
      buildJw305(),
      buildJw301({ toewijzingNummer: 'X2' }),
      buildJw301({ gemeente: '0363' }),
    ]);
    expect([...groups.keys()].sort()).toEqual(['0034-TW000001', '0034-X2', '0363-TW000001']);
    expect(groups.get('0034-TW000001')).toHaveLength(2);
  });
});
