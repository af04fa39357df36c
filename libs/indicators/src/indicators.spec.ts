import { computeIndicators, type IndicatorName, type IndicatorResult, type IndicatorRow } from '@trajectwacht/indicators';
import { A1, A2, DATA, FROM, G1, G2, G3, TO, traj } from './test-data';

/** The values of one row (null for suppressed / not measurable). */
function values(row: IndicatorRow): Record<IndicatorName, number | null> {
  return Object.fromEntries(Object.entries(row.indicators).map(([k, c]) => [k, c.value])) as Record<IndicatorName, number | null>;
}

function row(result: IndicatorResult, group: string): IndicatorRow {
  const r = result.rows.find((x) => x.group === group);
  if (!r) throw new Error(`no row ${group}`);
  return r;
}

/*
 * HAND COMPUTATION — period 2024-01-01 … 2024-06-30, t13 excluded (status ingetrokken), 13 trajectories counted.
 *
 * instroom (begindatum in period): t1 01-10 G1, t2 05-15 G1, t4 02-10 G1, t6 05-20 G2, t8 06-01 G2, t9 02-01 G3,
 *   t10 03-29 G3, t14 04-01 G3 (t12 begins 07-02: no)                                → G1 3, G2 2, G3 3, totaal 8
 * uitstroom (stopdatum in period): t1 03-10 G1, t3 02-09 G1, t9 06-30 G3, t14 05-31 G3 (t5, t7 stopped in 2023)
 *                                                                                    → G1 2, G2 0, G3 2, totaal 4
 * actief (begin ≤ 06-30, no stop or stop > 06-30): t2, t4 (G1), t6, t8 (G2), t10, t11 (G3); t9 stops ON 06-30: no
 *                                                                                    → G1 2, G2 2, G3 2, totaal 6
 *   check: active on 2023-12-31 = t3, t11 = 2; 2 + 8 − 4 = 6 ✓
 * ratio uitstroom/instroom: G1 2/3 = 0.6667, G2 0/2 = 0, G3 2/3 = 0.6667, totaal 4/8 = 0.5
 * duration ended (stop − begin): t1 01-10→03-10 = 31 + 29 = 60; t3 2023-01-10→2024-02-09 = 365 + 30 = 395;
 *   t9 02-01→06-30 = 29 + 31 + 30 + 31 + 29 = 150; t14 04-01→05-31 = 30 + 30 = 60
 *   totaal [60, 60, 150, 395]: p50 rank ⌈2⌉=2 → 60, p75 rank 3 → 150, p90 rank ⌈3.6⌉=4 → 395
 *   G1 [60, 395]: p50 rank 1 → 60, p75 rank ⌈1.5⌉=2 → 395, p90 rank 2 → 395; G2 none → null; G3 [60, 150] → 60, 150, 150
 * duration running at 06-30 (to − begin): t2 05-15 → 16 + 30 = 46; t4 02-10 → 20 + 29 + 31 + 30 + 31 = 141;
 *   t6 05-20 → 11 + 30 = 41; t8 06-01 → 29; t10 03-29 → 2 + 30 + 31 + 30 = 93; t11 2023-06-05 → 366 + 25 = 391
 *   totaal [29, 41, 46, 93, 141, 391]: p50 rank 3 → 46, p75 rank ⌈4.5⌉=5 → 141, p90 rank ⌈5.4⌉=6 → 391
 *   G1 [46, 141] → 46, 141, 141; G2 [29, 41] → 29, 41, 41; G3 [93, 391] → 93, 391, 391
 * wachttijd of instroom (t14 has none): t1 21, t2 14, t4 9, t6 5, t8 16, t9 27, t10 28
 *   totaal [5, 9, 14, 16, 21, 27, 28]: p50 rank ⌈3.5⌉=4 → 16, p75 rank ⌈5.25⌉=6 → 27, p90 rank ⌈6.3⌉=7 → 28
 *   G1 [9, 14, 21] → rank 2 → 14, rank ⌈2.25⌉=3 → 21, rank 3 → 21; G2 [5, 16] → 5, 16, 16; G3 [27, 28] → 27, 28, 28
 * aandeel verblijf (of instroom): t4 (G1), t10 (G3) → G1 1/3 = 0.3333, G2 0/2 = 0, G3 1/3 = 0.3333, totaal 2/8 = 0.25
 * aandeel volgens plan (of uitstroom with a known reden): t1 true, t3 false, t9 true, t14 unknown (left out)
 *   → G1 1/2 = 0.5, G2 null (no uitstroom), G3 1/1 = 1, totaal 2/3 = 0.6667
 * herinstroom (children in instroom, by the group of the new trajectory; start = ingangsdatum):
 *   c1 (t1: no earlier stop; t2 ingang 05-01, t1 stopped 03-10 → within 6 m) → 6m ✓ 12m ✓        [G1]
 *   c2 (t4 ingang 02-01 lies BEFORE t3's stop 02-09: a transfer, not herinstroom) → ✗ ✗          [G1]
 *   c3 (t6 ingang 2024-05-15 = t5 stop 2023-11-15 + exactly 6 months: inclusive) → ✓ ✓           [G2]
 *   c4 (t8 ingang 2024-05-16 = t7 stop + 6 months + 1 day) → 6m ✗, 12m ✓                          [G2]
 *   c5, c7, c10: no earlier ended trajectory → ✗ ✗                                               [G3]
 *   → 6m: G1 1/2 = 0.5, G2 1/2 = 0.5, G3 0/3 = 0, totaal 2/7 = 0.2857
 *   → 12m: G1 1/2 = 0.5, G2 2/2 = 1, G3 0/3 = 0, totaal 3/7 = 0.4286
 */
const EXPECTED: Record<string, Record<IndicatorName, number | null>> = {
  [G1]: {
    instroom: 3, uitstroom: 2, actief: 2, ratioUitstroomInstroom: 0.6667,
    duurBeeindigdMediaan: 60, duurBeeindigdP75: 395, duurBeeindigdP90: 395,
    duurLopendMediaan: 46, duurLopendP75: 141, duurLopendP90: 141,
    wachttijdMediaan: 14, wachttijdP75: 21, wachttijdP90: 21,
    aandeelVerblijf: 0.3333, aandeelVolgensPlan: 0.5, herinstroom6m: 0.5, herinstroom12m: 0.5,
  },
  [G2]: {
    instroom: 2, uitstroom: 0, actief: 2, ratioUitstroomInstroom: 0,
    duurBeeindigdMediaan: null, duurBeeindigdP75: null, duurBeeindigdP90: null,
    duurLopendMediaan: 29, duurLopendP75: 41, duurLopendP90: 41,
    wachttijdMediaan: 5, wachttijdP75: 16, wachttijdP90: 16,
    aandeelVerblijf: 0, aandeelVolgensPlan: null, herinstroom6m: 0.5, herinstroom12m: 1,
  },
  [G3]: {
    instroom: 3, uitstroom: 2, actief: 2, ratioUitstroomInstroom: 0.6667,
    duurBeeindigdMediaan: 60, duurBeeindigdP75: 150, duurBeeindigdP90: 150,
    duurLopendMediaan: 93, duurLopendP75: 391, duurLopendP90: 391,
    wachttijdMediaan: 27, wachttijdP75: 28, wachttijdP90: 28,
    aandeelVerblijf: 0.3333, aandeelVolgensPlan: 1, herinstroom6m: 0, herinstroom12m: 0,
  },
  totaal: {
    instroom: 8, uitstroom: 4, actief: 6, ratioUitstroomInstroom: 0.5,
    duurBeeindigdMediaan: 60, duurBeeindigdP75: 150, duurBeeindigdP90: 395,
    duurLopendMediaan: 46, duurLopendP75: 141, duurLopendP90: 391,
    wachttijdMediaan: 16, wachttijdP75: 27, wachttijdP90: 28,
    aandeelVerblijf: 0.25, aandeelVolgensPlan: 0.6667, herinstroom6m: 0.2857, herinstroom12m: 0.4286,
  },
};

describe('computeIndicators on the fixed data set (minCount 1: no suppression)', () => {
  const result = computeIndicators(DATA, { from: FROM, to: TO, groupBy: 'gemeente', minCount: 1 });

  it('has one row per gemeente, sorted, and the totaal row last', () => {
    expect(result.rows.map((r) => r.group)).toEqual([G1, G2, G3, 'totaal']);
    expect(result).toMatchObject({ from: FROM, to: TO, groupBy: 'gemeente', minCount: 1, norms: {} });
  });

  it.each([G1, G2, G3, 'totaal'])('matches the hand computation for %s', (group) => {
    expect(values(row(result, group))).toEqual(EXPECTED[group]);
  });

  it('marks no cell as suppressed and sets no stoplicht without norms', () => {
    for (const r of result.rows) {
      for (const cell of Object.values(r.indicators)) expect(cell).toMatchObject({ suppressed: false, stoplicht: null });
      expect(r.openAlerts).toEqual([]);
    }
  });

  it('totaal is the same whatever the grouping, and groupBy totaal has only that row', () => {
    for (const groupBy of ['aanbieder', 'intensiteit', 'totaal'] as const) {
      const other = computeIndicators(DATA, { from: FROM, to: TO, groupBy, minCount: 1 });
      expect(values(row(other, 'totaal'))).toEqual(EXPECTED.totaal);
    }
    expect(computeIndicators(DATA, { from: FROM, to: TO, groupBy: 'totaal', minCount: 1 }).rows.map((r) => r.group)).toEqual(['totaal']);
  });

  it('groups by aanbieder and by intensiteit', () => {
    // instroom A1: t1, t4, t8 = 3; A2: t2, t6, t9, t10, t14 = 5
    const byAanbieder = computeIndicators(DATA, { from: FROM, to: TO, groupBy: 'aanbieder', minCount: 1 });
    expect(byAanbieder.rows.map((r) => [r.group, r.indicators.instroom.value])).toEqual([[A1, 3], [A2, 5], ['totaal', 8]]);
    // instroom by level: licht t1, t8, t14 = 3; specialistisch t2, t9 = 2; dagbehandeling t6; pleegzorg t4; residentieel t10
    const byLevel = computeIndicators(DATA, { from: FROM, to: TO, groupBy: 'intensiteit', minCount: 1 });
    expect(byLevel.rows.map((r) => [r.group, r.indicators.instroom.value])).toEqual([
      ['dagbehandeling', 1],
      ['licht_ambulant', 3],
      ['pleegzorg_gezinshuis', 1],
      ['residentieel', 1],
      ['specialistisch_ambulant', 2],
      ['totaal', 8],
    ]);
  });

  it('puts trajectories without a level in group onbekend', () => {
    const r = computeIndicators([traj({ id: 'x', child: 'cx', level: null, ingang: '2024-01-01', begin: '2024-01-02' })], {
      from: FROM, to: TO, groupBy: 'intensiteit', minCount: 1,
    });
    expect(r.rows.map((x) => [x.group, x.indicators.instroom.value])).toEqual([['onbekend', 1], ['totaal', 1]]);
  });

  it('keeps actief(to) = actief(from − 1) + instroom − uitstroom', () => {
    const before = computeIndicators(DATA, { from: '2023-01-01', to: '2023-12-31', groupBy: 'totaal', minCount: 1 });
    const t = EXPECTED.totaal;
    expect(before.rows[0].indicators.actief.value).toBe(2);
    expect(2 + (t.instroom as number) - (t.uitstroom as number)).toBe(t.actief);
  });

  it('includes a withdrawn toewijzing whose care had stopped (status beeindigd)', () => {
    const stopped = traj({ id: 'w', child: 'cw', level: 'licht_ambulant', ingang: '2024-01-01', begin: '2024-01-02', stop: '2024-02-01', ingetrokken: true });
    expect(stopped.status).toBe('beeindigd');
    const r = computeIndicators([stopped], { from: FROM, to: TO, groupBy: 'totaal', minCount: 1 });
    expect([r.rows[0].indicators.instroom.value, r.rows[0].indicators.uitstroom.value]).toEqual([1, 1]);
  });

  it('ratio is null (not suppressed) when instroom is 0', () => {
    const r = computeIndicators(DATA, { from: '2024-07-01', to: '2024-07-01', groupBy: 'totaal', minCount: 1 });
    // 2024-07-01: nothing begins or stops (t12 begins 07-02)
    expect(r.rows[0].indicators.instroom.value).toBe(0);
    expect(r.rows[0].indicators.ratioUitstroomInstroom).toEqual({ value: null, suppressed: false, stoplicht: null });
  });

  it('rejects invalid periods, minCount and norms', () => {
    expect(() => computeIndicators(DATA, { from: TO, to: FROM, groupBy: 'totaal' })).toThrow(RangeError);
    expect(() => computeIndicators(DATA, { from: '2024-02-30', to: TO, groupBy: 'totaal' })).toThrow(RangeError);
    expect(() => computeIndicators(DATA, { from: FROM, to: TO, groupBy: 'totaal', minCount: 0 })).toThrow(RangeError);
    expect(() =>
      computeIndicators(DATA, { from: FROM, to: TO, groupBy: 'totaal', norms: { instroom: { groen: 1, oranje: 2, direction: 'higher-is-better' } } }),
    ).toThrow(RangeError);
  });
});

describe('privacy suppression (default minCount 5)', () => {
  it('suppresses counts 1–4 and every cell derived from them in the totaal row', () => {
    const r = computeIndicators(DATA, { from: FROM, to: TO, groupBy: 'totaal' });
    expect(r.minCount).toBe(5);
    const c = r.rows[0].indicators;
    const shown = { value: expect.any(Number), suppressed: false };
    const hidden = { value: null, suppressed: true };
    expect(c.instroom).toMatchObject({ value: 8, suppressed: false }); // 8 ≥ 5
    expect(c.uitstroom).toMatchObject(hidden); // 4
    expect(c.actief).toMatchObject({ value: 6, suppressed: false });
    expect(c.ratioUitstroomInstroom).toMatchObject(hidden); // uitstroom is suppressed
    expect(c.duurBeeindigdMediaan).toMatchObject(hidden); // 4 values
    expect(c.duurBeeindigdP90).toMatchObject(hidden);
    expect(c.duurLopendMediaan).toMatchObject({ value: 46, suppressed: false }); // 6 values
    expect(c.wachttijdP90).toMatchObject({ value: 28, suppressed: false }); // 7 values
    expect(c.aandeelVerblijf).toMatchObject(hidden); // numerator 2
    expect(c.aandeelVolgensPlan).toMatchObject(hidden); // denominator 3
    expect(c.herinstroom6m).toMatchObject(hidden); // numerator 2 (of 7 children)
    expect(c.herinstroom12m).toMatchObject(hidden); // numerator 3
    expect(c.wachttijdMediaan).toMatchObject(shown);
  });

  it('does not suppress a count of 0 (nor a median over 0 values)', () => {
    const r = computeIndicators(DATA, { from: FROM, to: TO, groupBy: 'gemeente' });
    const g2 = row(r, G2).indicators;
    expect(g2.uitstroom).toMatchObject({ value: 0, suppressed: false });
    expect(g2.duurBeeindigdMediaan).toMatchObject({ value: null, suppressed: false });
    expect(g2.instroom).toMatchObject({ value: null, suppressed: true }); // 2
  });

  it('shows exactly minCount and suppresses minCount − 1', () => {
    const make = (n: number) =>
      Array.from({ length: n }, (_, i) => traj({ id: `s${i}`, child: `s${i}`, level: 'licht_ambulant', ingang: '2024-01-01', begin: '2024-01-11' }));
    const five = computeIndicators(make(5), { from: FROM, to: TO, groupBy: 'totaal' }).rows[0].indicators;
    expect(five.instroom).toMatchObject({ value: 5, suppressed: false });
    expect(five.wachttijdMediaan).toMatchObject({ value: 10, suppressed: false });
    expect(five.aandeelVerblijf).toMatchObject({ value: 0, suppressed: false }); // numerator 0 is not small
    const four = computeIndicators(make(4), { from: FROM, to: TO, groupBy: 'totaal' }).rows[0].indicators;
    expect(four.instroom).toMatchObject({ value: null, suppressed: true });
    expect(four.wachttijdMediaan).toMatchObject({ value: null, suppressed: true });
    expect(four.aandeelVerblijf).toMatchObject({ value: null, suppressed: true });
    const one = computeIndicators(make(1), { from: FROM, to: TO, groupBy: 'totaal' }).rows[0].indicators;
    expect(one.instroom).toMatchObject({ value: null, suppressed: true });
  });

  it('never outputs child-level data', () => {
    const r = computeIndicators(DATA, { from: FROM, to: TO, groupBy: 'gemeente', minCount: 1 });
    const json = JSON.stringify(r);
    for (const t of DATA) {
      expect(json).not.toContain(t.clientPseudonym + '"');
      expect(json).not.toContain(t.id);
      if (t.begindatum) expect(json).not.toContain(t.begindatum);
    }
  });
});

describe('stoplicht', () => {
  /*
   * wachttijdMediaan, lower-is-better, groen ≤ 14, oranje ≤ 21: G1 14 → groen (boundary), G2 5 → groen,
   *   G3 27 → rood, totaal 16 → oranje.
   * ratioUitstroomInstroom, higher-is-better, groen ≥ 0.6667, oranje ≥ 0.5: G1 0.6667 → groen (boundary),
   *   G2 0 → rood, G3 0.6667 → groen, totaal 0.5 → oranje (boundary).
   * aandeelVolgensPlan (higher, groen ≥ 0.8, oranje ≥ 0.6): G2 null → null.
   */
  const result = computeIndicators(DATA, {
    from: FROM,
    to: TO,
    groupBy: 'gemeente',
    minCount: 1,
    norms: {
      wachttijdMediaan: { groen: 14, oranje: 21, direction: 'lower-is-better' },
      ratioUitstroomInstroom: { groen: 0.6667, oranje: 0.5, direction: 'higher-is-better' },
      aandeelVolgensPlan: { groen: 0.8, oranje: 0.6, direction: 'higher-is-better' },
    },
  });

  it('colours each indicator with a norm, boundaries inclusive', () => {
    const colours = result.rows.map((r) => [
      r.group,
      r.indicators.wachttijdMediaan.stoplicht,
      r.indicators.ratioUitstroomInstroom.stoplicht,
      r.indicators.aandeelVolgensPlan.stoplicht,
      r.indicators.instroom.stoplicht,
    ]);
    expect(colours).toEqual([
      [G1, 'groen', 'groen', 'rood', null], // volgens plan 0.5 < 0.6
      [G2, 'groen', 'rood', null, null],
      [G3, 'rood', 'groen', 'groen', null], // volgens plan 1
      ['totaal', 'oranje', 'oranje', 'oranje', null], // volgens plan 0.6667 ≥ 0.6
    ]);
  });

  it('has no stoplicht for a suppressed cell', () => {
    const r = computeIndicators(DATA, {
      from: FROM, to: TO, groupBy: 'totaal',
      norms: { uitstroom: { groen: 10, oranje: 5, direction: 'higher-is-better' } },
    });
    expect(r.rows[0].indicators.uitstroom).toEqual({ value: null, suppressed: true, stoplicht: null });
  });
});

describe('open alerts by rule and age', () => {
  /*
   * to = 2024-06-30. Ages: a1 06-25 → 5 (<7); a2 06-23 → 7 (7–30); a3 05-31 → 30 (7–30); a4 2024-05-30T10:00Z → 31 (>30);
   * a5 2024-06-24T23:30:00Z = 2024-06-25 01:30 in Amsterdam → 5 (<7); a6 07-02 lies after `to` → not counted.
   * G1: R1 [1, 1, 0] = 2, R2 0; G2: R1 [0, 1, 1] = 2; G3: R2 [1, 0, 0] = 1; totaal R1 [1, 2, 1] = 4, R2 [1, 0, 0] = 1.
   */
  const openAlerts = [
    { ruleId: 'R1', gemeente: G1, aanbieder: A1, detectedAt: '2024-06-25' },
    { ruleId: 'R1', gemeente: G1, aanbieder: A2, detectedAt: '2024-06-23' },
    { ruleId: 'R1', gemeente: G2, detectedAt: '2024-05-31' },
    { ruleId: 'R1', gemeente: G2, detectedAt: '2024-05-30T10:00:00Z' },
    { ruleId: 'R2', gemeente: G3, detectedAt: '2024-06-24T23:30:00Z' },
    { ruleId: 'R2', gemeente: G3, detectedAt: '2024-07-02' },
  ];
  const counts = (r: IndicatorRow) =>
    r.openAlerts.map((a) => [a.ruleId, a.jongerDan7Dagen.value, a.van7Tot30Dagen.value, a.ouderDan30Dagen.value, a.totaal.value]);

  it('counts per gemeente and in total', () => {
    const result = computeIndicators(DATA, { from: FROM, to: TO, groupBy: 'gemeente', minCount: 1, openAlerts });
    expect(result.rows.map((r) => [r.group, counts(r)])).toEqual([
      [G1, [['R1', 1, 1, 0, 2], ['R2', 0, 0, 0, 0]]],
      [G2, [['R1', 0, 1, 1, 2], ['R2', 0, 0, 0, 0]]],
      [G3, [['R1', 0, 0, 0, 0], ['R2', 1, 0, 0, 1]]],
      ['totaal', [['R1', 1, 2, 1, 4], ['R2', 1, 0, 0, 1]]],
    ]);
  });

  it('counts alerts without an aanbieder and by level only in the totaal row', () => {
    const byAanbieder = computeIndicators(DATA, { from: FROM, to: TO, groupBy: 'aanbieder', minCount: 1, openAlerts });
    expect(byAanbieder.rows.map((r) => [r.group, counts(r)[0]])).toEqual([
      [A1, ['R1', 1, 0, 0, 1]],
      [A2, ['R1', 0, 1, 0, 1]],
      ['totaal', ['R1', 1, 2, 1, 4]],
    ]);
    const byLevel = computeIndicators(DATA, { from: FROM, to: TO, groupBy: 'intensiteit', minCount: 1, openAlerts });
    expect(byLevel.rows.slice(0, -1).every((r) => r.openAlerts.every((a) => a.totaal.value === 0))).toBe(true);
  });

  it('suppresses small alert counts', () => {
    const result = computeIndicators(DATA, { from: FROM, to: TO, groupBy: 'totaal', openAlerts });
    expect(result.rows[0].openAlerts[0].totaal).toEqual({ value: null, suppressed: true });
    expect(result.rows[0].openAlerts[0].ouderDan30Dagen).toEqual({ value: null, suppressed: true });
    expect(result.rows[0].openAlerts[1].van7Tot30Dagen).toEqual({ value: 0, suppressed: false });
  });
});
