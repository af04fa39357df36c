/**
 * deriveVerzoek / diffVerzoek / verzoekKeten (issue 17): the state of a verzoek from the set of its messages (its
 * JW315, the JW319s and the JW301 with its ReferentieAanbieder), order-independent, and the events between states.
 */
import { buildJw301, buildJw305, buildJw315, buildJw319 } from './test-fixtures';
import { deriveTrajectory, type AcceptedMessage } from './trajectory';
import { DEFAULT_INTENSITY_MAPPING } from './intensity';
import { deriveVerzoek, diffVerzoek, verzoekKeten, type VerzoekInput } from './verzoek';

const verzoek = buildJw315();
const onderzoek = buildJw319();
const afgewezen = buildJw319({
  berichtId: 'AW-2/1',
  identificatie: 'AW-2',
  verzoekAntwoord: '1',
  redenAfwijzingVerzoek: '4',
  ontvangenOp: '2024-03-20T10:00:00.000Z',
});
const toewijzing = buildJw301({
  client: { pseudonym: 'pseudo-kind-1' },
  gemeente: '0034',
  aanbieder: '12345678',
  toewijzingNummer: '900',
  referentieAanbieder: 'VOT-1',
  ingangsdatum: '2024-03-11',
  toewijzingsdatum: '2024-03-07',
  toewijzingstijd: '09:00:00',
  ontvangst: { ontvangenOp: '2024-03-07T12:00:00.000Z' },
} as Parameters<typeof buildJw301>[0]);

describe('deriveVerzoek', () => {
  it('a JW315 alone: ontvangen on its Dutch receipt date, product and verwijzer, no answer', () => {
    expect(deriveVerzoek([verzoek])).toMatchObject({
      id: '0034|12345678|VOT-1',
      soort: 'JW315',
      status: 'ontvangen',
      ontvangen: '2024-03-04',
      dagtekening: '2024-03-04',
      productcategorie: '45',
      productcode: '45A01',
      verwijzer: { type: '02', zorgverlenerCode: '01234567' },
      beantwoordOp: null,
      toewijzingNummers: [],
    });
  });

  it('no verzoek, no state (a JW301 with the reference of a verzoek never received)', () => {
    expect(deriveVerzoek([toewijzing as VerzoekInput])).toBeNull();
  });

  it('in onderzoek, then toegewezen: dates of each answer, the toewijzing it led to', () => {
    const s = deriveVerzoek([verzoek, onderzoek, toewijzing as VerzoekInput])!;
    expect(s).toMatchObject({
      status: 'toegewezen',
      inOnderzoekOp: '2024-03-06',
      beantwoordOp: '2024-03-06',
      toegewezenOp: '2024-03-07',
      toewijzingsdatum: '2024-03-07',
      afgehandeldOp: '2024-03-07',
      toewijzingNummers: ['900'],
      trajectoryIds: ['0034-900'],
    });
    expect(s.antwoorden.map((a) => a.berichtcode)).toEqual(['JW319', 'JW301']);
  });

  it('afgewezen with its reden', () => {
    expect(deriveVerzoek([verzoek, onderzoek, afgewezen])).toMatchObject({
      status: 'afgewezen',
      afgewezenOp: '2024-03-20',
      redenAfwijzing: '4',
    });
  });

  it('depends only on the set of messages (every order, duplicates)', () => {
    const set: VerzoekInput[] = [verzoek, onderzoek, toewijzing as VerzoekInput];
    const expected = JSON.stringify(deriveVerzoek(set));
    for (const order of [
      [2, 1, 0],
      [1, 0, 2],
      [0, 2, 1, 2],
    ])
      expect(JSON.stringify(deriveVerzoek(order.map((i) => set[i]!)))).toBe(expected);
  });
});

describe('diffVerzoek', () => {
  it('one event per new fact, ids from the states only', () => {
    const a = deriveVerzoek([verzoek])!;
    const b = deriveVerzoek([verzoek, onderzoek])!;
    const c = deriveVerzoek([verzoek, onderzoek, toewijzing as VerzoekInput])!;
    expect(diffVerzoek(null, a).map((e) => e.type)).toEqual(['VerzoekOntvangen']);
    expect(diffVerzoek(a, b).map((e) => [e.type, e.effectiveDate])).toEqual([['VerzoekInOnderzoek', '2024-03-06']]);
    expect(diffVerzoek(b, c).map((e) => [e.type, e.facts.toewijzingNummers])).toEqual([['VerzoekToegewezen', ['900']]]);
    expect(diffVerzoek(c, c)).toEqual([]);
    expect(diffVerzoek(b, c)[0]!.eventId).toBe('0034|12345678|VOT-1:VerzoekToegewezen:2024-03-07');
  });
});

describe('verzoekKeten', () => {
  it('verzoek → toewijzing → start, with the waiting days', () => {
    const state = deriveVerzoek([verzoek, onderzoek, toewijzing as VerzoekInput])!;
    const start = buildJw305({
      client: { pseudonym: 'pseudo-kind-1' },
      gemeente: '0034',
      aanbieder: '12345678',
      toewijzingNummer: '900',
      begindatum: '2024-03-18',
    } as Parameters<typeof buildJw305>[0]);
    const traject = deriveTrajectory([toewijzing, start] as AcceptedMessage[], DEFAULT_INTENSITY_MAPPING)!;
    const keten = verzoekKeten(state, [traject]);
    expect(keten.toewijzingen).toEqual([
      expect.objectContaining({
        trajectoryId: '0034-900',
        toegewezenOp: '2024-03-07',
        ingangsdatum: '2024-03-11',
        begindatum: '2024-03-18',
        status: 'gestart',
      }),
    ]);
    expect(keten.wachtdagen).toEqual({ verzoekToewijzing: 3, toewijzingStart: 7, verzoekStart: 14 });
    // a trajectory the caller may not see: the toewijzing is named, without its dates
    expect(verzoekKeten(state, []).toewijzingen[0]).toMatchObject({ trajectoryId: '0034-900', begindatum: null });
  });
});
