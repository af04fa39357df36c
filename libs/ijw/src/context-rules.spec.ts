import { RETOUR } from './codelists';
import { afzenderId, authorise, decide, type Afzender, type BekendeToewijzing, type Decision } from './context-rules';
import type { Jw301Toewijzing, Jw305StartZorg, Jw307StopZorg, PseudonymisedBericht } from './model';

const CHILD = 'a'.repeat(32);
const OTHER_CHILD = 'b'.repeat(32);
const GEMEENTE = '0363';
const AGB = '12345678';

const GEMEENTE_AFZENDER: Afzender = { role: 'toegang', gemeente: GEMEENTE };
const AANBIEDER_AFZENDER: Afzender = { role: 'aanbieder', agb: AGB };

type P301 = PseudonymisedBericht<Jw301Toewijzing>;
type P305 = PseudonymisedBericht<Jw305StartZorg>;
type P307 = PseudonymisedBericht<Jw307StopZorg>;

const common = {
  gemeente: GEMEENTE,
  aanbieder: AGB,
  client: { pseudonym: CHILD, geboortedatum: '2012-03-14' },
  toewijzingNummer: '12345',
  product: { categorie: '45', code: '45A53' },
};

const jw301 = (over: Partial<P301> = {}): P301 => ({ ...common, berichtcode: 'JW301', berichtId: 'g-1', ingangsdatum: '2025-05-01', einddatum: '2025-12-31', ...over });
const jw305 = (over: Partial<P305> = {}): P305 => ({ ...common, berichtcode: 'JW305', berichtId: 'a-1', begindatum: '2025-05-06', ...over });
const jw307 = (over: Partial<P307> = {}): P307 => ({ ...common, berichtcode: 'JW307', berichtId: 'a-2', begindatum: '2025-05-06', einddatum: '2025-05-30', redenBeeindiging: '31', ...over });

const toewijzing = (over: Partial<BekendeToewijzing> = {}): BekendeToewijzing => ({
  gemeente: GEMEENTE,
  toewijzingNummer: '12345',
  aanbieder: AGB,
  clientPseudonym: CHILD,
  productcategorie: '45',
  productcode: '45A53',
  ingangsdatum: '2025-05-01',
  einddatum: '2025-12-31',
  ingetrokken: false,
  ...over,
});

/** Decision reduced to outcome + [code, field] pairs, so tables can state it compactly. */
function summary(d: Decision): { outcome: string; problems: [string, string | undefined][] } {
  const problems = d.outcome === 'geaccepteerd' ? [] : (d.problems ?? []);
  return { outcome: d.outcome, problems: problems.map((p) => [p.code, p.field] as [string, string | undefined]) };
}

describe('afzenderId', () => {
  it('names gemeenten and aanbieders distinctly', () => {
    expect(afzenderId(GEMEENTE_AFZENDER)).toBe('gemeente:0363');
    expect(afzenderId(AANBIEDER_AFZENDER)).toBe('aanbieder:12345678');
  });
});

describe('authorise', () => {
  const cases: { name: string; bericht: PseudonymisedBericht; afzender: Afzender; expected: [string, string][] }[] = [
    { name: 'gemeente sends its own JW301', bericht: jw301(), afzender: GEMEENTE_AFZENDER, expected: [] },
    { name: 'aanbieder sends its own JW305', bericht: jw305(), afzender: AANBIEDER_AFZENDER, expected: [] },
    { name: 'aanbieder sends its own JW307', bericht: jw307(), afzender: AANBIEDER_AFZENDER, expected: [] },
    { name: 'gemeente publishes a JW301 as another gemeente', bericht: jw301({ gemeente: '0344' }), afzender: GEMEENTE_AFZENDER, expected: [[RETOUR.NOT_AUTHORISED, 'gemeente']] },
    { name: 'aanbieder sends a JW301', bericht: jw301(), afzender: AANBIEDER_AFZENDER, expected: [[RETOUR.NOT_AUTHORISED, 'berichtcode']] },
    { name: 'gemeente sends a JW305', bericht: jw305(), afzender: GEMEENTE_AFZENDER, expected: [[RETOUR.NOT_AUTHORISED, 'berichtcode']] },
    { name: 'gemeente sends a JW307', bericht: jw307(), afzender: GEMEENTE_AFZENDER, expected: [[RETOUR.NOT_AUTHORISED, 'berichtcode']] },
    { name: 'aanbieder publishes a JW305 as another AGB', bericht: jw305({ aanbieder: '87654321' }), afzender: AANBIEDER_AFZENDER, expected: [[RETOUR.NOT_AUTHORISED, 'aanbieder']] },
    { name: 'aanbieder publishes a JW307 as another AGB', bericht: jw307({ aanbieder: '87654321' }), afzender: AANBIEDER_AFZENDER, expected: [[RETOUR.NOT_AUTHORISED, 'aanbieder']] },
    { name: 'aanbieder whose AGB differs by a leading zero', bericht: jw305({ aanbieder: '02345678' }), afzender: { role: 'aanbieder', agb: '2345678' }, expected: [[RETOUR.NOT_AUTHORISED, 'aanbieder']] },
    { name: 'gemeente sends a JW301 for another gemeente\'s toewijzing to any aanbieder', bericht: jw301({ gemeente: '0034', aanbieder: '99999999' }), afzender: GEMEENTE_AFZENDER, expected: [[RETOUR.NOT_AUTHORISED, 'gemeente']] },
  ];

  it.each(cases)('$name', ({ bericht, afzender, expected }) => {
    const problems = authorise(bericht, afzender);
    expect(problems.map((p) => [p.code, p.field])).toEqual(expected);
    for (const p of problems) expect(p.message).toMatch(/\S/);
  });
});

describe('decide', () => {
  const cases: { name: string; bericht: PseudonymisedBericht; afzender?: Afzender; toewijzing: BekendeToewijzing | undefined; holdExpired?: boolean; outcome: Decision['outcome']; problems?: [string, string][] }[] = [
    // authorisation comes first
    { name: 'provider publishing a JW305 as another AGB', bericht: jw305({ aanbieder: '87654321' }), toewijzing: toewijzing({ aanbieder: '87654321' }), outcome: 'afgewezen', problems: [[RETOUR.NOT_AUTHORISED, 'aanbieder']] },
    { name: 'gemeente publishing a JW301 as another gemeente', bericht: jw301({ gemeente: '0344' }), afzender: GEMEENTE_AFZENDER, toewijzing: undefined, outcome: 'afgewezen', problems: [[RETOUR.NOT_AUTHORISED, 'gemeente']] },
    { name: 'provider sending a JW301', bericht: jw301(), toewijzing: undefined, outcome: 'afgewezen', problems: [[RETOUR.NOT_AUTHORISED, 'berichtcode']] },
    { name: 'gemeente sending a JW305', bericht: jw305(), afzender: GEMEENTE_AFZENDER, toewijzing: toewijzing(), outcome: 'afgewezen', problems: [[RETOUR.NOT_AUTHORISED, 'berichtcode']] },
    { name: 'unauthorised sender is refused even when the toewijzing is unknown (never held)', bericht: jw305({ aanbieder: '87654321' }), toewijzing: undefined, outcome: 'afgewezen', problems: [[RETOUR.NOT_AUTHORISED, 'aanbieder']] },

    // JW301
    { name: 'new JW301', bericht: jw301(), afzender: GEMEENTE_AFZENDER, toewijzing: undefined, outcome: 'geaccepteerd' },
    { name: 'new JW301 starting in the future', bericht: jw301({ ingangsdatum: '2030-01-01', einddatum: undefined }), afzender: GEMEENTE_AFZENDER, toewijzing: undefined, outcome: 'geaccepteerd' },
    { name: 'JW301 update (verlenging) of an existing toewijzing', bericht: jw301({ redenWijziging: '04', einddatum: '2026-06-30' }), afzender: GEMEENTE_AFZENDER, toewijzing: toewijzing(), outcome: 'geaccepteerd' },
    { name: 'JW301 resent without reden for the same client and aanbieder', bericht: jw301(), afzender: GEMEENTE_AFZENDER, toewijzing: toewijzing(), outcome: 'geaccepteerd' },
    { name: 'JW301 update of an existing toewijzing for another client', bericht: jw301({ client: { pseudonym: OTHER_CHILD, geboortedatum: '2012-03-14' } }), afzender: GEMEENTE_AFZENDER, toewijzing: toewijzing(), outcome: 'afgewezen', problems: [[RETOUR.TOEWIJZINGNUMMER_INVALID, 'toewijzingNummer']] },
    { name: 'JW301 update of an existing toewijzing for another aanbieder', bericht: jw301({ aanbieder: '87654321' }), afzender: GEMEENTE_AFZENDER, toewijzing: toewijzing(), outcome: 'afgewezen', problems: [[RETOUR.TOEWIJZINGNUMMER_INVALID, 'aanbieder']] },
    {
      name: 'JW301 update for another client and another aanbieder reports both',
      bericht: jw301({ aanbieder: '87654321', client: { pseudonym: OTHER_CHILD, geboortedatum: '2012-03-14' } }),
      afzender: GEMEENTE_AFZENDER,
      toewijzing: toewijzing(),
      outcome: 'afgewezen',
      problems: [[RETOUR.TOEWIJZINGNUMMER_INVALID, 'toewijzingNummer'], [RETOUR.TOEWIJZINGNUMMER_INVALID, 'aanbieder']],
    },
    { name: 'JW301 reissuing a withdrawn toewijzing without reden', bericht: jw301(), afzender: GEMEENTE_AFZENDER, toewijzing: toewijzing({ ingetrokken: true }), outcome: 'afgewezen', problems: [[RETOUR.TOEWIJZINGNUMMER_INVALID, 'toewijzingNummer']] },
    { name: 'JW301 correcting a withdrawn toewijzing with a reden', bericht: jw301({ redenWijziging: '14' }), afzender: GEMEENTE_AFZENDER, toewijzing: toewijzing({ ingetrokken: true }), outcome: 'geaccepteerd' },
    { name: 'JW301 with an unknown reden wijziging on an existing toewijzing', bericht: jw301({ redenWijziging: '99' }), afzender: GEMEENTE_AFZENDER, toewijzing: toewijzing(), outcome: 'afgewezen', problems: [[RETOUR.REDEN_WIJZIGING_UNKNOWN, 'redenWijziging']] },
    { name: 'JW301 changing the product of an existing toewijzing', bericht: jw301({ redenWijziging: '08', product: { categorie: '41' } }), afzender: GEMEENTE_AFZENDER, toewijzing: toewijzing(), outcome: 'geaccepteerd' },

    // JW305 / JW307 against an unknown toewijzing
    { name: 'JW305 for an unknown toewijzing is held', bericht: jw305(), toewijzing: undefined, outcome: 'wachtend' },
    { name: 'JW307 for an unknown toewijzing is held', bericht: jw307(), toewijzing: undefined, outcome: 'wachtend' },
    { name: 'JW305 for an unknown toewijzing after the hold expired', bericht: jw305(), toewijzing: undefined, holdExpired: true, outcome: 'afgewezen', problems: [[RETOUR.TOEWIJZING_UNKNOWN, 'toewijzingNummer']] },
    { name: 'JW307 for an unknown toewijzing after the hold expired', bericht: jw307(), toewijzing: undefined, holdExpired: true, outcome: 'afgewezen', problems: [[RETOUR.TOEWIJZING_UNKNOWN, 'toewijzingNummer']] },
    { name: 'JW305 for a known toewijzing is accepted even after the hold expired', bericht: jw305(), toewijzing: toewijzing(), holdExpired: true, outcome: 'geaccepteerd' },

    // JW305 / JW307 against a known toewijzing
    { name: 'JW305 matching the toewijzing', bericht: jw305(), toewijzing: toewijzing(), outcome: 'geaccepteerd' },
    { name: 'JW307 matching the toewijzing', bericht: jw307(), toewijzing: toewijzing(), outcome: 'geaccepteerd' },
    { name: 'JW305 for a toewijzing addressed to another aanbieder', bericht: jw305(), toewijzing: toewijzing({ aanbieder: '87654321' }), outcome: 'afgewezen', problems: [[RETOUR.NOT_AUTHORISED, 'toewijzingNummer']] },
    { name: 'JW307 for a toewijzing addressed to another aanbieder', bericht: jw307(), toewijzing: toewijzing({ aanbieder: '87654321' }), outcome: 'afgewezen', problems: [[RETOUR.NOT_AUTHORISED, 'toewijzingNummer']] },
    { name: 'JW305 begindatum on the ingangsdatum (boundary)', bericht: jw305({ begindatum: '2025-05-01' }), toewijzing: toewijzing(), outcome: 'geaccepteerd' },
    { name: 'JW305 begindatum the day before the ingangsdatum', bericht: jw305({ begindatum: '2025-04-30' }), toewijzing: toewijzing(), holdExpired: true, outcome: 'afgewezen', problems: [[RETOUR.START_BEFORE_INGANGSDATUM, 'begindatum']] },
    { name: 'held while the hold lasts: JW305 begindatum the day before the ingangsdatum', bericht: jw305({ begindatum: '2025-04-30' }), toewijzing: toewijzing(), outcome: 'wachtend', problems: [[RETOUR.START_BEFORE_INGANGSDATUM, 'begindatum']] },
    { name: 'JW305 begindatum a year before the ingangsdatum (across a year boundary)', bericht: jw305({ begindatum: '2024-12-31' }), toewijzing: toewijzing({ ingangsdatum: '2025-01-01' }), holdExpired: true, outcome: 'afgewezen', problems: [[RETOUR.START_BEFORE_INGANGSDATUM, 'begindatum']] },
    { name: 'held while the hold lasts: JW305 begindatum a year before the ingangsdatum (across a year boundary)', bericht: jw305({ begindatum: '2024-12-31' }), toewijzing: toewijzing({ ingangsdatum: '2025-01-01' }), outcome: 'wachtend', problems: [[RETOUR.START_BEFORE_INGANGSDATUM, 'begindatum']] },
    { name: 'JW307 begindatum the day before the ingangsdatum', bericht: jw307({ begindatum: '2025-04-30' }), toewijzing: toewijzing(), holdExpired: true, outcome: 'afgewezen', problems: [[RETOUR.START_BEFORE_INGANGSDATUM, 'begindatum']] },
    { name: 'held while the hold lasts: JW307 begindatum the day before the ingangsdatum', bericht: jw307({ begindatum: '2025-04-30' }), toewijzing: toewijzing(), outcome: 'wachtend', problems: [[RETOUR.START_BEFORE_INGANGSDATUM, 'begindatum']] },
    { name: 'JW305 begindatum on the einddatum of the toewijzing', bericht: jw305({ begindatum: '2025-12-31' }), toewijzing: toewijzing(), outcome: 'geaccepteerd' },
    { name: 'JW305 begindatum after the einddatum of the toewijzing', bericht: jw305({ begindatum: '2026-01-01' }), toewijzing: toewijzing(), holdExpired: true, outcome: 'afgewezen', problems: [[RETOUR.STOP_AFTER_EINDDATUM, 'begindatum']] },
    { name: 'held while the hold lasts: JW305 begindatum after the einddatum of the toewijzing', bericht: jw305({ begindatum: '2026-01-01' }), toewijzing: toewijzing(), outcome: 'wachtend', problems: [[RETOUR.STOP_AFTER_EINDDATUM, 'begindatum']] },
    { name: 'JW307 einddatum on the einddatum of the toewijzing (boundary)', bericht: jw307({ einddatum: '2025-12-31' }), toewijzing: toewijzing(), outcome: 'geaccepteerd' },
    { name: 'JW307 einddatum the day after the einddatum of the toewijzing', bericht: jw307({ einddatum: '2026-01-01' }), toewijzing: toewijzing(), holdExpired: true, outcome: 'afgewezen', problems: [[RETOUR.STOP_AFTER_EINDDATUM, 'einddatum']] },
    { name: 'held while the hold lasts: JW307 einddatum the day after the einddatum of the toewijzing', bericht: jw307({ einddatum: '2026-01-01' }), toewijzing: toewijzing(), outcome: 'wachtend', problems: [[RETOUR.STOP_AFTER_EINDDATUM, 'einddatum']] },
    { name: 'JW307 for an open-ended toewijzing', bericht: jw307({ einddatum: '2030-01-01' }), toewijzing: toewijzing({ einddatum: null }), outcome: 'geaccepteerd' },
    { name: 'JW305 for a withdrawn toewijzing', bericht: jw305(), toewijzing: toewijzing({ ingetrokken: true }), outcome: 'afgewezen', problems: [[RETOUR.TOEWIJZING_UNKNOWN, 'toewijzingNummer']] },
    { name: 'JW307 for a withdrawn toewijzing', bericht: jw307(), toewijzing: toewijzing({ ingetrokken: true }), outcome: 'afgewezen', problems: [[RETOUR.TOEWIJZING_UNKNOWN, 'toewijzingNummer']] },
    { name: 'JW305 with another productcategorie', bericht: jw305({ product: { categorie: '43', code: '45A53' } }), toewijzing: toewijzing(), holdExpired: true, outcome: 'afgewezen', problems: [[RETOUR.PRODUCT_MISMATCH, 'product']] },
    { name: 'held while the hold lasts: JW305 with another productcategorie', bericht: jw305({ product: { categorie: '43', code: '45A53' } }), toewijzing: toewijzing(), outcome: 'wachtend', problems: [[RETOUR.PRODUCT_MISMATCH, 'product']] },
    { name: 'JW305 with another productcode', bericht: jw305({ product: { categorie: '45', code: '45A54' } }), toewijzing: toewijzing(), holdExpired: true, outcome: 'afgewezen', problems: [[RETOUR.PRODUCT_MISMATCH, 'product']] },
    { name: 'held while the hold lasts: JW305 with another productcode', bericht: jw305({ product: { categorie: '45', code: '45A54' } }), toewijzing: toewijzing(), outcome: 'wachtend', problems: [[RETOUR.PRODUCT_MISMATCH, 'product']] },
    { name: 'JW307 with another productcode', bericht: jw307({ product: { categorie: '45', code: '45A54' } }), toewijzing: toewijzing(), holdExpired: true, outcome: 'afgewezen', problems: [[RETOUR.PRODUCT_MISMATCH, 'product']] },
    { name: 'held while the hold lasts: JW307 with another productcode', bericht: jw307({ product: { categorie: '45', code: '45A54' } }), toewijzing: toewijzing(), outcome: 'wachtend', problems: [[RETOUR.PRODUCT_MISMATCH, 'product']] },
    { name: 'JW305 with a productcode on an aspecifieke toewijzing', bericht: jw305(), toewijzing: toewijzing({ productcode: null }), outcome: 'geaccepteerd' },
    { name: 'JW305 without productcode on a specifieke toewijzing', bericht: jw305({ product: { categorie: '45' } }), toewijzing: toewijzing(), outcome: 'geaccepteerd' },
    { name: 'JW305 for another client', bericht: jw305({ client: { pseudonym: OTHER_CHILD, geboortedatum: '2012-03-14' } }), toewijzing: toewijzing(), outcome: 'afgewezen', problems: [[RETOUR.TOEWIJZING_UNKNOWN, 'client.bsn']] },
    { name: 'JW307 for another client', bericht: jw307({ client: { pseudonym: OTHER_CHILD, geboortedatum: '2012-03-14' } }), toewijzing: toewijzing(), outcome: 'afgewezen', problems: [[RETOUR.TOEWIJZING_UNKNOWN, 'client.bsn']] },
    {
      name: 'JW307 with several problems reports them all',
      bericht: jw307({ client: { pseudonym: OTHER_CHILD, geboortedatum: '2012-03-14' }, product: { categorie: '46' }, begindatum: '2025-04-01', einddatum: '2026-02-01' }),
      toewijzing: toewijzing({ ingetrokken: true }),
      outcome: 'afgewezen',
      problems: [
        [RETOUR.TOEWIJZING_UNKNOWN, 'client.bsn'],
        [RETOUR.TOEWIJZING_UNKNOWN, 'toewijzingNummer'],
        [RETOUR.PRODUCT_MISMATCH, 'product'],
        [RETOUR.START_BEFORE_INGANGSDATUM, 'begindatum'],
        [RETOUR.STOP_AFTER_EINDDATUM, 'einddatum'],
      ],
    },
  ];

  it.each(cases)('$name → $outcome', ({ bericht, afzender, toewijzing: t, holdExpired, outcome, problems }) => {
    const sender = afzender ?? AANBIEDER_AFZENDER;
    const decision = holdExpired === undefined ? decide(bericht, sender, t) : decide(bericht, sender, t, holdExpired);
    const s = summary(decision);
    expect(s.outcome).toBe(outcome);
    expect([...s.problems].sort()).toEqual([...(problems ?? [])].sort());
    if (decision.outcome === 'afgewezen') for (const p of decision.problems) expect(p.message).toMatch(/\S/);
  });

  it('holds by default (holdExpired defaults to false)', () => {
    expect(decide(jw305(), AANBIEDER_AFZENDER, undefined)).toEqual({ outcome: 'wachtend' });
  });

  it('never mentions the client pseudonym in a retour message', () => {
    const d = decide(jw305({ client: { pseudonym: OTHER_CHILD, geboortedatum: '2012-03-14' } }), AANBIEDER_AFZENDER, toewijzing());
    expect(JSON.stringify(d)).not.toContain(OTHER_CHILD);
    expect(JSON.stringify(d)).not.toContain(CHILD);
  });
});
