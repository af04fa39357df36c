import { computeIndicators } from './indicators';
import { FROM, G1, G2, TO } from './test-data';
import {
  DEFAULT_WACHTTIJD_NORMS,
  computeVerwijsroutes,
  computeWachttijden,
  routesOf,
  type WachttijdResult,
  type WachttijdVerzoek,
  type VerwijsrouteResult,
} from './wachttijden';
import { W_TRAJECTORIES, W_VERZOEKEN } from './test-data';

/**
 * The hand computation over W_TRAJECTORIES / W_VERZOEKEN of test-data.ts (period 2024-01-01 … 2024-06-30).
 *
 * verzoek → toewijzing (toegewezenOp in the period): v1 4, v2 14, v3 3, v4 21, v6 14 (v7 was toegewezen in 2023, v5 is
 *   open) → sorted [3, 4, 14, 14, 21]: median rank ⌈2.5⌉ = 3 → 14, p90 rank ⌈4.5⌉ = 5 → 21.
 * toewijzing → start (begindatum in the period, wachttijd known): w1 21, e1 5, w2 60, w3 10, w6 7, w7 63, z1 14, z2 30,
 *   n9 3 (z3 has no JW301, w4 starts in July, z4 is withdrawn) → [3, 5, 7, 10, 14, 21, 30, 60, 63]: median rank 5 → 14,
 *   p90 rank ⌈8.1⌉ = 9 → 63 — the wachttijd of computeIndicators.
 * verzoek → start (first linked start in the period): v1 02-05 − 01-08 = 28, v2 04-15 − 02-01 = 74 (leap year),
 *   v3 10, v6 2024-01-10 − 2023-12-20 = 21, v7 2024-01-22 − 2023-11-01 = 82 → [10, 21, 28, 74, 82]: median 28, p90 82.
 */
type Values = Record<string, [n: number | null, p50: number | null, p90: number | null]>;

function valuesOf(result: WachttijdResult): Record<string, Values> {
  return Object.fromEntries(
    result.rows.map((r) => [
      r.group,
      Object.fromEntries(
        (['verzoekToewijzing', 'toewijzingStart', 'verzoekStart'] as const).map((m) => [
          m,
          [r[m].aantal.value, r[m].mediaan.value, r[m].p90.value],
        ]),
      ),
    ]),
  );
}

describe('computeWachttijden: the hand-computed set', () => {
  it('in total', () => {
    const result = computeWachttijden(W_TRAJECTORIES, W_VERZOEKEN, { from: FROM, to: TO, groupBy: 'totaal', minCount: 1 });
    expect(valuesOf(result)).toEqual({
      totaal: { verzoekToewijzing: [5, 14, 21], toewijzingStart: [9, 14, 63], verzoekStart: [5, 28, 82] },
    });
  });

  it('toewijzing → start is the wachttijd of the indicator table', () => {
    const table = computeIndicators(W_TRAJECTORIES, { from: FROM, to: TO, groupBy: 'totaal', minCount: 1 });
    const totaal = computeWachttijden(W_TRAJECTORIES, W_VERZOEKEN, { from: FROM, to: TO, groupBy: 'totaal', minCount: 1 }).rows[0]!;
    expect([totaal.toewijzingStart.mediaan.value, totaal.toewijzingStart.p90.value]).toEqual([
      table.rows[0]!.indicators.wachttijdMediaan.value,
      table.rows[0]!.indicators.wachttijdP90.value,
    ]);
  });

  it('per gemeente', () => {
    const result = computeWachttijden(W_TRAJECTORIES, W_VERZOEKEN, { from: FROM, to: TO, groupBy: 'gemeente', minCount: 1 });
    expect(valuesOf(result)).toEqual({
      // v→t [3, 4, 14, 14]: rank 2 → 4, rank ⌈3.6⌉ = 4 → 14; t→s [5, 7, 10, 14, 21, 60, 63]: rank 4 → 14, rank 7 → 63
      [G1]: { verzoekToewijzing: [4, 4, 14], toewijzingStart: [7, 14, 63], verzoekStart: [5, 28, 82] },
      // v4 21; t→s [3, 30]: rank 1 → 3, rank ⌈1.8⌉ = 2 → 30; no start after a verzoek
      [G2]: { verzoekToewijzing: [1, 21, 21], toewijzingStart: [2, 3, 30], verzoekStart: [0, null, null] },
      totaal: { verzoekToewijzing: [5, 14, 21], toewijzingStart: [9, 14, 63], verzoekStart: [5, 28, 82] },
    });
  });

  it('per verwijzer: the COD327 type of the verzoek, wijziging for a JW317, zonder_verzoek for a toewijzing without one', () => {
    const result = computeWachttijden(W_TRAJECTORIES, W_VERZOEKEN, { from: FROM, to: TO, groupBy: 'verwijzer', minCount: 1 });
    expect(valuesOf(result)).toEqual({
      // huisarts: v1 4, v2 14 | w1 21, w2 60, w7 63 | v1 28, v2 74, v7 82
      '02': { verzoekToewijzing: [2, 4, 14], toewijzingStart: [3, 60, 63], verzoekStart: [3, 74, 82] },
      // GI: v4 only; its care starts after the period
      '04': { verzoekToewijzing: [1, 21, 21], toewijzingStart: [0, null, null], verzoekStart: [0, null, null] },
      '05': { verzoekToewijzing: [1, 3, 3], toewijzingStart: [1, 10, 10], verzoekStart: [1, 10, 10] },
      wijziging: { verzoekToewijzing: [1, 14, 14], toewijzingStart: [1, 7, 7], verzoekStart: [1, 21, 21] },
      // e1 5, z1 14, z2 30, n9 3 → [3, 5, 14, 30]: rank 2 → 5, rank 4 → 30
      zonder_verzoek: { verzoekToewijzing: [0, null, null], toewijzingStart: [4, 5, 30], verzoekStart: [0, null, null] },
      totaal: { verzoekToewijzing: [5, 14, 21], toewijzingStart: [9, 14, 63], verzoekStart: [5, 28, 82] },
    });
  });

  it('per productcategorie (of the verzoek, of the trajectory)', () => {
    const result = computeWachttijden(W_TRAJECTORIES, W_VERZOEKEN, { from: FROM, to: TO, groupBy: 'productcategorie', minCount: 1 });
    expect(valuesOf(result)).toEqual({
      // v3 | w3 10, e1 5, z2 30, n9 3 → [3, 5, 10, 30] | v3 10
      '43': { verzoekToewijzing: [1, 3, 3], toewijzingStart: [4, 5, 30], verzoekStart: [1, 10, 10] },
      // v1 4, v2 14, v4 21, v6 14 | w1 21, w2 60, w6 7, w7 63, z1 14 | v1 28, v2 74, v6 21, v7 82
      '45': { verzoekToewijzing: [4, 14, 21], toewijzingStart: [5, 21, 63], verzoekStart: [4, 28, 82] },
      totaal: { verzoekToewijzing: [5, 14, 21], toewijzingStart: [9, 14, 63], verzoekStart: [5, 28, 82] },
    });
  });

  it('per aanbieder', () => {
    const result = computeWachttijden(W_TRAJECTORIES, W_VERZOEKEN, { from: FROM, to: TO, groupBy: 'aanbieder', minCount: 1 });
    expect(result.rows.map((r) => r.group)).toEqual(['11111111', '22222222', 'totaal']);
    // A2: v3 3, v4 21 | w3 10, z2 30, n9 3 | v3 10
    expect(valuesOf(result)['22222222']).toEqual({
      verzoekToewijzing: [2, 3, 21],
      toewijzingStart: [3, 10, 30],
      verzoekStart: [1, 10, 10],
    });
  });

  it('suppresses small groups and gives the stoplicht against the norms', () => {
    const result = computeWachttijden(W_TRAJECTORIES, W_VERZOEKEN, {
      from: FROM,
      to: TO,
      groupBy: 'gemeente',
      minCount: 5,
      norms: DEFAULT_WACHTTIJD_NORMS,
    });
    const [g1, g2, totaal] = result.rows;
    expect(g1!.verzoekToewijzing).toEqual({
      aantal: { value: null, suppressed: true },
      mediaan: { value: null, suppressed: true, stoplicht: null },
      p90: { value: null, suppressed: true, stoplicht: null },
    });
    expect(g1!.toewijzingStart.mediaan).toEqual({ value: 14, suppressed: false, stoplicht: 'groen' });
    expect(g2!.verzoekStart).toEqual({
      aantal: { value: 0, suppressed: false },
      mediaan: { value: null, suppressed: false, stoplicht: null },
      p90: { value: null, suppressed: false, stoplicht: null },
    });
    // 14 ≤ 14 oranje (boundary inclusive), 21 > 14 rood; 14 ≤ 28 groen, 63 ≤ 70 oranje; 28 ≤ 70 groen, 82 ≤ 98 oranje
    expect(
      (['verzoekToewijzing', 'toewijzingStart', 'verzoekStart'] as const).map((m) => [
        totaal![m].mediaan.stoplicht,
        totaal![m].p90.stoplicht,
      ]),
    ).toEqual([
      ['oranje', 'rood'],
      ['groen', 'oranje'],
      ['groen', 'oranje'],
    ]);
  });

  it('refuses a wrong grouping, norm or period', () => {
    const base = { from: FROM, to: TO, groupBy: 'gemeente' as const };
    expect(() => computeWachttijden([], [], { ...base, groupBy: 'intensiteit' as never })).toThrow(/groupBy/);
    expect(() =>
      computeWachttijden([], [], { ...base, norms: { wachttijdMediaan: DEFAULT_WACHTTIJD_NORMS.verzoekStartP90 } as never }),
    ).toThrow(/unknown/);
    expect(() => computeWachttijden([], [], { ...base, from: TO, to: FROM })).toThrow(/after/);
  });
});

describe('routesOf', () => {
  it('takes the earliest JW315, then a JW317, else none', () => {
    const base: Omit<WachttijdVerzoek, 'id' | 'soort' | 'verwijzer' | 'ontvangen'> = {
      gemeente: G1,
      aanbieder: 'a',
      clientPseudonym: 'c',
      productcategorie: null,
      toegewezenOp: null,
      trajectoryIds: ['t1'],
    };
    const routes = routesOf([
      { ...base, id: 'b', soort: 'JW315', verwijzer: { type: '05' }, ontvangen: '2024-01-02' },
      { ...base, id: 'a', soort: 'JW317', verwijzer: null, ontvangen: '2024-01-01', trajectoryIds: ['t1', 't2'] },
      { ...base, id: 'c', soort: 'JW315', verwijzer: { type: '02' }, ontvangen: '2024-01-02' },
    ]);
    expect(Object.fromEntries(routes)).toEqual({ t1: '05', t2: 'wijziging' });
  });
});

describe('computeVerwijsroutes: the hand-computed set', () => {
  /**
   * Instroom (begindatum in the period): w1, w2, w7 (huisarts, 02), w3 (medisch specialist, 05), w6 (JW317), e1, z1, z2,
   * n9, z3 (zonder verzoek) = 10.
   * Escalated within 12 months: w1 (e1 residentieel, 15 days after w1's stop: in its baseline), w6 (y6 crisis while w6
   * runs). Not: z1 (e8 comes after 12 months), w7 (n7 7 months after its stop: out of the 90-day baseline), z2 (n9 is
   * lighter).
   * Came back after the stop: w1 → e1 (15 days: 6 and 12 months), w7 → n7 (7 months: 12 only), w3 → x3 (7½ months:
   * 12 only); z2 → n9 starts ON its stop: not herinstroom.
   */
  const result: VerwijsrouteResult = computeVerwijsroutes(W_TRAJECTORIES, W_VERZOEKEN, { from: FROM, to: TO, minCount: 1 });
  const values = Object.fromEntries(
    result.rows.map((r) => [
      r.route,
      [r.instroom, r.aandeelInstroom, r.geescaleerd, r.aandeelGeescaleerd, r.beeindigd, r.herinstroom6m, r.herinstroom12m].map(
        (c) => c.value,
      ),
    ]),
  );

  it('gives instroom, escalation and herinstroom per route', () => {
    expect(result.rows.map((r) => r.route)).toEqual(['02', '05', 'wijziging', 'zonder_verzoek', 'totaal']);
    expect(values).toEqual({
      '02': [3, 0.3, 1, 0.3333, 2, 0.5, 1],
      '05': [1, 0.1, 0, 0, 1, 0, 1],
      wijziging: [1, 0.1, 1, 1, 0, null, null],
      zonder_verzoek: [5, 0.5, 0, 0, 1, 0, 0],
      totaal: [10, 1, 2, 0.2, 4, 0.25, 0.75],
    });
  });

  it('follows the escalation settings and window', () => {
    const noCrisis = computeVerwijsroutes(W_TRAJECTORIES, W_VERZOEKEN, {
      from: FROM,
      to: TO,
      minCount: 1,
      escalatie: { terugkijkDagen: 90, crisis: false },
    });
    expect(noCrisis.rows.find((r) => r.route === 'wijziging')!.geescaleerd.value).toBe(0);
    // 14 months: e8 (2025-03-01) is within 2024-01-24 + 14 months
    const longer = computeVerwijsroutes(W_TRAJECTORIES, W_VERZOEKEN, { from: FROM, to: TO, minCount: 1, volgMaanden: 14 });
    expect(longer.rows.find((r) => r.route === 'zonder_verzoek')!.geescaleerd.value).toBe(1);
    // 10 days back: e1 comes 15 days after w1's stop, so w1 is no longer its baseline
    const short = computeVerwijsroutes(W_TRAJECTORIES, W_VERZOEKEN, {
      from: FROM,
      to: TO,
      minCount: 1,
      escalatie: { terugkijkDagen: 10, crisis: true },
    });
    expect(short.rows.find((r) => r.route === '02')!.geescaleerd.value).toBe(0);
  });

  it('suppresses small counts and the shares computed from them', () => {
    const suppressed = computeVerwijsroutes(W_TRAJECTORIES, W_VERZOEKEN, { from: FROM, to: TO, minCount: 3 });
    const r02 = suppressed.rows[0]!;
    expect(r02.instroom).toEqual({ value: 3, suppressed: false });
    expect(r02.geescaleerd).toEqual({ value: null, suppressed: true });
    expect(r02.aandeelGeescaleerd).toEqual({ value: null, suppressed: true, stoplicht: null });
    expect(r02.herinstroom12m).toEqual({ value: null, suppressed: true, stoplicht: null });
  });
});
