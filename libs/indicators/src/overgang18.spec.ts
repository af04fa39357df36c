import { trajectory } from '@trajectwacht/signals/testing';
import type { VervolgRegistratie } from '@trajectwacht/signals';
import { overgang18Csv, overgang18Indicator, overgang18Outcomes, type Overgang18Youth } from './overgang18';

const PERIOD = { from: '2026-01-01', to: '2026-06-30' };

/** A youth born on `geb` with one kind of care since 2023 (toewijzing running past 18), and follow-ups. */
function youth(
  n: number,
  geb: string,
  product: { code?: string; categorie?: string },
  vervolg: VervolgRegistratie[] = [],
  extra: { gemeente?: string; aanbieder?: string } = {},
): Overgang18Youth {
  const client = `kind-${n}`;
  const t = trajectory({
    nr: String(n),
    client,
    geboortedatum: geb,
    ingang: '2023-06-01',
    start: '2023-06-01',
    eind: '2028-01-01',
    ...product,
    ...extra,
  });
  return { clientPseudonym: client, geboortedatum: geb, trajectories: [t], vervolg };
}
const BEGELEIDING = { code: '45A01' };
const PLEEG = { code: '44A01' };
const BEHANDELGROEP = { code: '43A02' };
const wmo = (op: string): VervolgRegistratie => ({ soort: 'wmo', vastgelegdOp: op, perDatum: op });
const plan = (op: string): VervolgRegistratie => ({ soort: 'plan', vastgelegdOp: op });

describe('overgang-18 indicator: who counts and who was in time', () => {
  // [description, youth, expected outcomes milestone:tijdig]
  it.each<[string, Overgang18Youth, string[]]>([
    ['begeleiding, 18 in the period, hand-over recorded before', youth(1, '2008-03-15', BEGELEIDING, [wmo('2026-01-10')]), ['18:true']],
    ['begeleiding, hand-over recorded on the birthday', youth(1, '2008-03-15', BEGELEIDING, [wmo('2026-03-15')]), ['18:true']],
    ['begeleiding, hand-over recorded the day after', youth(1, '2008-03-15', BEGELEIDING, [wmo('2026-03-16')]), ['18:false']],
    [
      'begeleiding, only verlengde jeugdhulp (cannot continue it)',
      youth(1, '2008-03-15', BEGELEIDING, [{ soort: 'verlengde_jeugdhulp', vastgelegdOp: '2026-01-10', totDatum: '2027-01-01' }]),
      ['18:false'],
    ],
    [
      'behandelgroep, verlengde jeugdhulp decided',
      youth(1, '2008-03-15', BEHANDELGROEP, [{ soort: 'verlengde_jeugdhulp', vastgelegdOp: '2026-01-10', totDatum: '2027-01-01' }]),
      ['18:true'],
    ],
    ['pleegzorg runs to 21: not in the 18 cohort', youth(1, '2008-03-15', PLEEG), []],
    ['18 outside the period', youth(1, '2008-07-01', BEGELEIDING), []],
    [
      '16 in verblijf, deadline (16½) in the period, plan in time',
      youth(1, '2009-09-15', BEHANDELGROEP, [plan('2026-01-20')]),
      ['16:true'],
    ],
    ['16 in verblijf, plan after the deadline', youth(1, '2009-09-15', BEHANDELGROEP, [plan('2026-03-16')]), ['16:false']],
    ['16 in pleegzorg (verblijf), no plan', youth(1, '2009-09-15', PLEEG), ['16:false']],
    ['16 without verblijf: not in the 16 cohort', youth(1, '2009-09-15', BEGELEIDING), []],
  ])('%s', (_name, y, expected) => {
    expect(overgang18Outcomes(y, PERIOD).map((o) => `${o.milestone}:${o.tijdig}`)).toEqual(expected);
  });

  it('shares per gemeente, aanbieder and in total, suppressed below minCount, with a stoplicht', () => {
    const youths = [
      ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) =>
        youth(n, '2008-03-15', BEGELEIDING, [wmo('2026-01-10')], { gemeente: '0034', aanbieder: '11111111' }),
      ),
      youth(10, '2008-03-15', BEGELEIDING, [], { gemeente: '0034', aanbieder: '22222222' }),
      youth(11, '2008-04-15', BEGELEIDING, [], { gemeente: '0050', aanbieder: '22222222' }),
    ];
    const byGemeente = overgang18Indicator(youths, { ...PERIOD, groupBy: 'gemeente', minCount: 5 });
    expect(
      byGemeente.rows.map((r) => [
        r.group,
        r.achttien.bereikt.value,
        r.achttien.tijdig.value,
        r.achttien.aandeelTijdig.value,
        r.achttien.aandeelTijdig.stoplicht,
      ]),
    ).toEqual([
      ['0034', 10, 9, 0.9, 'groen'],
      ['0050', null, 0, null, null], // one youth: suppressed (0 never is)
      ['totaal', 11, 9, 0.8182, 'oranje'],
    ]);
    expect(byGemeente.rows[1]!.achttien.bereikt.suppressed).toBe(true);
    const byAanbieder = overgang18Indicator(youths, {
      ...PERIOD,
      groupBy: 'aanbieder',
      minCount: 1,
      norm: { groen: 0.95, oranje: 0.5, direction: 'higher-is-better' },
    });
    expect(
      byAanbieder.rows.map((r) => [r.group, r.achttien.bereikt.value, r.achttien.aandeelTijdig.value, r.achttien.aandeelTijdig.stoplicht]),
    ).toEqual([
      ['11111111', 9, 1, 'groen'],
      ['22222222', 2, 0, 'rood'],
      ['totaal', 11, 0.8182, 'oranje'],
    ]);
    const csv = overgang18Csv(byAanbieder);
    expect(csv.split('\r\n')[0]).toBe(
      'aanbieder;overgang18_bereikt;overgang18_tijdig;overgang18_aandeelTijdig;overgang18_aandeelTijdig_stoplicht;' +
        'plan16_bereikt;plan16_tijdig;plan16_aandeelTijdig;plan16_aandeelTijdig_stoplicht',
    );
    expect(csv.split('\r\n')[3]).toBe('totaal;11;9;0,8182;oranje;0;0;;');
  });

  it('refuses bad options', () => {
    expect(() => overgang18Indicator([], { from: '2026-02-01', to: '2026-01-01', groupBy: 'totaal' })).toThrow(
      'from must not lie after to',
    );
    expect(() =>
      overgang18Indicator([], { ...PERIOD, groupBy: 'totaal', norm: { groen: 0.5, oranje: 0.9, direction: 'higher-is-better' } }),
    ).toThrow(/groen boundary/);
  });
});
