import { computeIndicators, type IndicatorName, type IndicatorResult, type IndicatorRow } from '@trajectwacht/indicators';
import { A1, A2, DATA, EXPECTED, FROM, G1, G2, G3, TO, traj } from './test-data';

/** The values of one row (null for suppressed / not measurable). */
function values(row: IndicatorRow): Record<IndicatorName, number | null> {
  return Object.fromEntries(Object.entries(row.indicators).map(([k, c]) => [k, c.value])) as Record<IndicatorName, number | null>;
}

function row(result: IndicatorResult, group: string): IndicatorRow {
  const r = result.rows.find((x) => x.group === group);
  if (!r) throw new Error(`no row ${group}`);
  return r;
}

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
    expect(byAanbieder.rows.map((r) => [r.group, r.indicators.instroom.value])).toEqual([
      [A1, 3],
      [A2, 5],
      ['totaal', 8],
    ]);
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
      from: FROM,
      to: TO,
      groupBy: 'intensiteit',
      minCount: 1,
    });
    expect(r.rows.map((x) => [x.group, x.indicators.instroom.value])).toEqual([
      ['onbekend', 1],
      ['totaal', 1],
    ]);
  });

  it('keeps actief(to) = actief(from − 1) + instroom − uitstroom', () => {
    const before = computeIndicators(DATA, { from: '2023-01-01', to: '2023-12-31', groupBy: 'totaal', minCount: 1 });
    const t = EXPECTED.totaal;
    expect(before.rows[0].indicators.actief.value).toBe(2);
    expect(2 + (t.instroom as number) - (t.uitstroom as number)).toBe(t.actief);
  });

  it('includes a withdrawn toewijzing whose care had stopped (status beeindigd)', () => {
    const stopped = traj({
      id: 'w',
      child: 'cw',
      level: 'licht_ambulant',
      ingang: '2024-01-01',
      begin: '2024-01-02',
      stop: '2024-02-01',
      ingetrokken: true,
    });
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
      computeIndicators(DATA, {
        from: FROM,
        to: TO,
        groupBy: 'totaal',
        norms: { instroom: { groen: 1, oranje: 2, direction: 'higher-is-better' } },
      }),
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
      Array.from({ length: n }, (_, i) =>
        traj({ id: `s${i}`, child: `s${i}`, level: 'licht_ambulant', ingang: '2024-01-01', begin: '2024-01-11' }),
      );
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
      from: FROM,
      to: TO,
      groupBy: 'totaal',
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
      [
        G1,
        [
          ['R1', 1, 1, 0, 2],
          ['R2', 0, 0, 0, 0],
        ],
      ],
      [
        G2,
        [
          ['R1', 0, 1, 1, 2],
          ['R2', 0, 0, 0, 0],
        ],
      ],
      [
        G3,
        [
          ['R1', 0, 0, 0, 0],
          ['R2', 1, 0, 0, 1],
        ],
      ],
      [
        'totaal',
        [
          ['R1', 1, 2, 1, 4],
          ['R2', 1, 0, 0, 1],
        ],
      ],
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
