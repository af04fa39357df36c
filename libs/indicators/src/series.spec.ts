import { durationHistogram, flowsBetweenLevels, trendSeries } from '@trajectwacht/indicators';
import { DATA, FROM, TO, traj } from './test-data';

describe('flowsBetweenLevels', () => {
  /*
   * New trajectories starting in the period with a predecessor of the same child at another level that began earlier
   * and was running at the new start or ended ≤ 30 days before it:
   * - t4 (c2, pleegzorg, begin 02-10): t3 residentieel stopped 02-09 (1 day before) → residentieel → pleegzorg (afschalen)
   * - t10 (c7, residentieel, begin 03-29): t11 licht ambulant still running → licht → residentieel (opschalen)
   * - t2 (c1): t1 stopped 03-10, 66 days before 05-15 → no flow; t6, t8: predecessors stopped in 2023 → no flow
   * - t8 (c4) licht → licht would be the same level anyway (left out)
   */
  it('counts children per level pair, sorted by level rank', () => {
    expect(flowsBetweenLevels(DATA, FROM, TO, { minCount: 1 })).toEqual([
      { van: 'licht_ambulant', naar: 'residentieel', richting: 'opschalen', kinderen: { value: 1, suppressed: false } },
      { van: 'residentieel', naar: 'pleegzorg_gezinshuis', richting: 'afschalen', kinderen: { value: 1, suppressed: false } },
    ]);
  });

  it('suppresses small counts by default', () => {
    expect(flowsBetweenLevels(DATA, FROM, TO).map((f) => f.kinderen)).toEqual([
      { value: null, suppressed: true },
      { value: null, suppressed: true },
    ]);
  });

  it('window edge: a stop exactly windowDays before the new start counts, one day more does not', () => {
    const a = traj({ id: 'a', child: 'k', level: 'residentieel', ingang: '2023-01-01', begin: '2023-01-01', stop: '2024-03-01' });
    const onEdge = traj({ id: 'b', child: 'k', level: 'licht_ambulant', ingang: '2024-03-31', begin: '2024-03-31' }); // 30 days
    const tooLate = traj({ id: 'c', child: 'k', level: 'licht_ambulant', ingang: '2024-04-01', begin: '2024-04-01' }); // 31 days
    expect(flowsBetweenLevels([a, onEdge], FROM, TO, { minCount: 1 })).toHaveLength(1);
    expect(flowsBetweenLevels([a, tooLate], FROM, TO, { minCount: 1 })).toEqual([]);
    expect(flowsBetweenLevels([a, tooLate], FROM, TO, { minCount: 1, windowDays: 31 })).toHaveLength(1);
  });

  it('counts a child once per pair, and several children', () => {
    const kids = ['k1', 'k2', 'k3', 'k4', 'k5'].flatMap((k) => [
      traj({ id: `${k}a`, child: k, level: 'specialistisch_ambulant', ingang: '2023-06-01', begin: '2023-06-01' }),
      traj({ id: `${k}b`, child: k, level: 'dagbehandeling', ingang: '2024-02-01', begin: '2024-02-01', stop: '2024-02-10' }),
      traj({ id: `${k}c`, child: k, level: 'dagbehandeling', ingang: '2024-03-01', begin: '2024-03-01' }),
    ]);
    // each child: spec → dag via b and via c (one child, counted once); b → c is the same level (left out)
    expect(flowsBetweenLevels(kids, FROM, TO)).toEqual([
      { van: 'specialistisch_ambulant', naar: 'dagbehandeling', richting: 'opschalen', kinderen: { value: 5, suppressed: false } },
    ]);
  });
});

describe('trendSeries', () => {
  /*
   * month  instroom              uitstroom        actief at month end
   * 01     t1 → 1                0                t1, t3, t11 → 3
   * 02     t4, t9 → 2            t3 → 1           t1, t4, t9, t11 → 4
   * 03     t10 → 1               t1 → 1           t4, t9, t10, t11 → 4
   * 04     t14 → 1               0                t4, t9, t10, t11, t14 → 5
   * 05     t2, t6 → 2            t14 → 1          t2, t4, t6, t9, t10, t11 → 6
   * 06     t8 → 1                t9 → 1           t2, t4, t6, t8, t10, t11 → 6
   * sums: instroom 8, uitstroom 4 (as in computeIndicators)
   */
  it('gives instroom / uitstroom / actief per month', () => {
    const series = trendSeries(DATA, FROM, TO, 'month', { minCount: 1 });
    expect(series.map((p) => [p.periode, p.from, p.to, p.instroom.value, p.uitstroom.value, p.actief.value])).toEqual([
      ['2024-01', '2024-01-01', '2024-01-31', 1, 0, 3],
      ['2024-02', '2024-02-01', '2024-02-29', 2, 1, 4],
      ['2024-03', '2024-03-01', '2024-03-31', 1, 1, 4],
      ['2024-04', '2024-04-01', '2024-04-30', 1, 0, 5],
      ['2024-05', '2024-05-01', '2024-05-31', 2, 1, 6],
      ['2024-06', '2024-06-01', '2024-06-30', 1, 1, 6],
    ]);
  });

  it('clips the first and last month to the period and suppresses small counts', () => {
    const series = trendSeries(DATA, '2024-01-15', '2024-02-09', 'month');
    expect(series.map((p) => [p.periode, p.from, p.to])).toEqual([
      ['2024-01', '2024-01-15', '2024-01-31'],
      ['2024-02', '2024-02-01', '2024-02-09'],
    ]);
    expect(series[0].instroom).toEqual({ value: 0, suppressed: false }); // t1 began 01-10, before the clip
    expect(series[1].instroom).toEqual({ value: null, suppressed: true }); // t9 (02-01)
  });

  it('supports quarters', () => {
    const series = trendSeries(DATA, FROM, TO, 'quarter', { minCount: 1 });
    expect(series.map((p) => [p.periode, p.instroom.value, p.uitstroom.value, p.actief.value])).toEqual([
      ['2024-Q1', 4, 2, 4],
      ['2024-Q2', 4, 2, 6],
    ]);
  });
});

describe('durationHistogram', () => {
  // ended in the period: t1 60, t3 395, t9 150, t14 60 → < 90: 2; 90–364: 1; ≥ 365: 1
  it('counts ended durations per bucket', () => {
    expect(durationHistogram(DATA, FROM, TO, [90, 365], { minCount: 1 })).toEqual([
      { vanDagen: null, totDagen: 90, label: '< 90', aantal: { value: 2, suppressed: false } },
      { vanDagen: 90, totDagen: 365, label: '90–364', aantal: { value: 1, suppressed: false } },
      { vanDagen: 365, totDagen: null, label: '≥ 365', aantal: { value: 1, suppressed: false } },
    ]);
  });

  it('boundaries are inclusive below, exclusive above', () => {
    // [60, 60, 150, 395] with boundary 60: < 60 → 0; ≥ 60 → 4
    expect(durationHistogram(DATA, FROM, TO, [60], { minCount: 1 }).map((b) => b.aantal.value)).toEqual([0, 4]);
  });

  it('can count running trajectories at the period end', () => {
    // running at 06-30: 29, 41, 46, 93, 141, 391 → < 90: 3; 90–364: 2; ≥ 365: 1
    expect(durationHistogram(DATA, FROM, TO, [90, 365], { minCount: 1, soort: 'lopend' }).map((b) => b.aantal.value)).toEqual([3, 2, 1]);
  });

  it('suppresses small counts and validates the boundaries', () => {
    expect(durationHistogram(DATA, FROM, TO, [90, 365]).map((b) => b.aantal)).toEqual([
      { value: null, suppressed: true },
      { value: null, suppressed: true },
      { value: null, suppressed: true },
    ]);
    expect(() => durationHistogram(DATA, FROM, TO, [])).toThrow(RangeError);
    expect(() => durationHistogram(DATA, FROM, TO, [90, 90])).toThrow(RangeError);
  });
});
