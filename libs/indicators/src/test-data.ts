/**
 * Small fixed data set for the indicator tests (test-only; not exported from index.ts).
 * Period under test: 2024-01-01 … 2024-06-30.
 */
import { daysBetween, type IntensityLevel } from '@trajectwacht/ijw';
import type { TrajectoryState } from '@trajectwacht/trajectory';
import type { IndicatorName } from './model';
import type { WachttijdVerzoek } from './wachttijden';

export const G1 = '0034';
export const G2 = '0363';
export const G3 = '0599';
export const A1 = '11111111';
export const A2 = '22222222';
export const FROM = '2024-01-01';
export const TO = '2024-06-30';

export interface TrajectorySpec {
  id: string;
  child: string;
  gemeente?: string;
  aanbieder?: string;
  level: IntensityLevel | null;
  ingang: string | null;
  begin: string | null;
  stop?: string | null;
  plan?: boolean | null;
  verblijf?: boolean;
  ingetrokken?: boolean;
}

/** Builds a complete TrajectoryState; status and wachttijdDagen are derived as the trajectory fold would. */
export function traj(spec: TrajectorySpec): TrajectoryState {
  const stop = spec.stop ?? null;
  const status: TrajectoryState['status'] =
    spec.ingetrokken && stop === null ? 'ingetrokken' : stop !== null ? 'beeindigd' : spec.begin !== null ? 'gestart' : 'toegewezen';
  const gemeente = spec.gemeente ?? G1;
  return {
    id: `${gemeente}-${spec.id}`,
    gemeente,
    toewijzingNummer: spec.id,
    aanbieder: spec.aanbieder ?? A1,
    clientPseudonym: spec.child,
    geboortedatum: '2012-01-01',
    productcategorie: '45',
    productcode: null,
    intensiteit: spec.level,
    crisis: false,
    verblijf: spec.verblijf ?? false,
    gedwongenKader: false,
    status,
    ingetrokken: spec.ingetrokken ?? false,
    toewijzingOntbreekt: spec.ingang === null,
    ingangsdatum: spec.ingang,
    einddatum: null,
    begindatum: spec.begin,
    stopdatum: stop,
    redenBeeindiging: null,
    volgensPlan: stop === null ? null : (spec.plan ?? null),
    redenWijziging: null,
    aantalWijzigingen: 0,
    aantalVerlengingen: 0,
    wachttijdDagen: spec.ingang !== null && spec.begin !== null ? daysBetween(spec.ingang, spec.begin) : null,
    timeline: [],
    berichtIds: [],
  };
}

/**
 * 14 trajectories, 10 children, 3 gemeenten, 2 aanbieders, 5 levels.
 * wachttijd (begin − ingang) is noted per trajectory; durations are computed in indicators.spec.ts.
 */
export const DATA: TrajectoryState[] = [
  // c1: licht ambulant, ended in the period; then re-enters (herinstroom within 6 months) at specialistisch.
  traj({
    id: 't1',
    child: 'c1',
    gemeente: G1,
    aanbieder: A1,
    level: 'licht_ambulant',
    ingang: '2023-12-20',
    begin: '2024-01-10',
    stop: '2024-03-10',
    plan: true,
  }), // wacht 21
  // wacht 14
  traj({ id: 't2', child: 'c1', gemeente: G1, aanbieder: A2, level: 'specialistisch_ambulant', ingang: '2024-05-01', begin: '2024-05-15' }),
  // c2: residentieel since 2023, ends in February; pleegzorg starts the next day (toewijzing before the stop).
  traj({
    id: 't3',
    child: 'c2',
    gemeente: G1,
    aanbieder: A1,
    level: 'residentieel',
    verblijf: true,
    ingang: '2023-01-01',
    begin: '2023-01-10',
    stop: '2024-02-09',
    plan: false,
  }),
  traj({
    id: 't4',
    child: 'c2',
    gemeente: G1,
    aanbieder: A1,
    level: 'pleegzorg_gezinshuis',
    verblijf: true,
    ingang: '2024-02-01',
    begin: '2024-02-10',
  }), // wacht 9
  // c3: stopped 2023-11-15, new toewijzing EXACTLY 6 months later (2024-05-15).
  traj({
    id: 't5',
    child: 'c3',
    gemeente: G2,
    aanbieder: A2,
    level: 'specialistisch_ambulant',
    ingang: '2023-05-01',
    begin: '2023-05-15',
    stop: '2023-11-15',
    plan: true,
  }),
  // wacht 5
  traj({ id: 't6', child: 'c3', gemeente: G2, aanbieder: A2, level: 'dagbehandeling', ingang: '2024-05-15', begin: '2024-05-20' }),
  // c4: stopped 2023-11-15, new toewijzing 6 months + 1 day later (2024-05-16).
  traj({
    id: 't7',
    child: 'c4',
    gemeente: G2,
    aanbieder: A1,
    level: 'licht_ambulant',
    ingang: '2023-03-01',
    begin: '2023-03-10',
    stop: '2023-11-15',
    plan: true,
  }),
  // wacht 16
  traj({ id: 't8', child: 'c4', gemeente: G2, aanbieder: A1, level: 'licht_ambulant', ingang: '2024-05-16', begin: '2024-06-01' }),
  // c5: stops exactly on `to` (uitstroom, not active at the end).
  traj({
    id: 't9',
    child: 'c5',
    gemeente: G3,
    aanbieder: A2,
    level: 'specialistisch_ambulant',
    ingang: '2024-01-05',
    begin: '2024-02-01',
    stop: '2024-06-30',
    plan: true,
  }), // wacht 27
  // c7: licht ambulant running since 2023; residentieel starts while it runs (flow licht → residentieel).
  traj({
    id: 't10',
    child: 'c7',
    gemeente: G3,
    aanbieder: A2,
    level: 'residentieel',
    verblijf: true,
    ingang: '2024-03-01',
    begin: '2024-03-29',
  }), // wacht 28
  traj({ id: 't11', child: 'c7', gemeente: G3, aanbieder: A1, level: 'licht_ambulant', ingang: '2023-06-01', begin: '2023-06-05' }),
  // c8: starts after the period: neither instroom nor active.
  traj({ id: 't12', child: 'c8', gemeente: G1, aanbieder: A2, level: 'licht_ambulant', ingang: '2024-06-20', begin: '2024-07-02' }),
  // c9: withdrawn (status 'ingetrokken'): excluded everywhere.
  traj({
    id: 't13',
    child: 'c9',
    gemeente: G2,
    aanbieder: A1,
    level: 'specialistisch_ambulant',
    ingang: '2024-02-01',
    begin: '2024-02-05',
    ingetrokken: true,
  }),
  // c10: no JW301 (toewijzingOntbreekt): counted, but no waiting time; reden beëindiging unknown (volgensPlan null).
  traj({
    id: 't14',
    child: 'c10',
    gemeente: G3,
    aanbieder: A2,
    level: 'licht_ambulant',
    ingang: null,
    begin: '2024-04-01',
    stop: '2024-05-31',
    plan: null,
  }),
];

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
export const EXPECTED: Record<string, Record<IndicatorName, number | null>> = {
  [G1]: {
    instroom: 3,
    uitstroom: 2,
    actief: 2,
    ratioUitstroomInstroom: 0.6667,
    duurBeeindigdMediaan: 60,
    duurBeeindigdP75: 395,
    duurBeeindigdP90: 395,
    duurLopendMediaan: 46,
    duurLopendP75: 141,
    duurLopendP90: 141,
    wachttijdMediaan: 14,
    wachttijdP75: 21,
    wachttijdP90: 21,
    aandeelVerblijf: 0.3333,
    aandeelVolgensPlan: 0.5,
    herinstroom6m: 0.5,
    herinstroom12m: 0.5,
  },
  [G2]: {
    instroom: 2,
    uitstroom: 0,
    actief: 2,
    ratioUitstroomInstroom: 0,
    duurBeeindigdMediaan: null,
    duurBeeindigdP75: null,
    duurBeeindigdP90: null,
    duurLopendMediaan: 29,
    duurLopendP75: 41,
    duurLopendP90: 41,
    wachttijdMediaan: 5,
    wachttijdP75: 16,
    wachttijdP90: 16,
    aandeelVerblijf: 0,
    aandeelVolgensPlan: null,
    herinstroom6m: 0.5,
    herinstroom12m: 1,
  },
  [G3]: {
    instroom: 3,
    uitstroom: 2,
    actief: 2,
    ratioUitstroomInstroom: 0.6667,
    duurBeeindigdMediaan: 60,
    duurBeeindigdP75: 150,
    duurBeeindigdP90: 150,
    duurLopendMediaan: 93,
    duurLopendP75: 391,
    duurLopendP90: 391,
    wachttijdMediaan: 27,
    wachttijdP75: 28,
    wachttijdP90: 28,
    aandeelVerblijf: 0.3333,
    aandeelVolgensPlan: 1,
    herinstroom6m: 0,
    herinstroom12m: 0,
  },
  totaal: {
    instroom: 8,
    uitstroom: 4,
    actief: 6,
    ratioUitstroomInstroom: 0.5,
    duurBeeindigdMediaan: 60,
    duurBeeindigdP75: 150,
    duurBeeindigdP90: 395,
    duurLopendMediaan: 46,
    duurLopendP75: 141,
    duurLopendP90: 391,
    wachttijdMediaan: 16,
    wachttijdP75: 27,
    wachttijdP90: 28,
    aandeelVerblijf: 0.25,
    aandeelVolgensPlan: 0.6667,
    herinstroom6m: 0.2857,
    herinstroom12m: 0.4286,
  },
};

// ---------------------------------------------------------------------------------------------------------------------
// The hand-computed set of the waiting-time and referral-route indicators (wachttijden.ts): period 2024-01-01 …
// 2024-06-30 as above; the expected values are worked out in wachttijden.spec.ts. Gemeenten G1 (0034) and G2 (0363),
// aanbieders A1 and A2.

function t(
  id: string,
  child: string,
  gemeente: string,
  aanbieder: string,
  categorie: string,
  level: IntensityLevel | null,
  ingang: string | null,
  begin: string | null,
  stop: string | null = null,
  extra: Partial<TrajectoryState> = {},
): TrajectoryState {
  return { ...traj({ id, child, gemeente, aanbieder, level, ingang, begin, stop }), productcategorie: categorie, ...extra };
}

/** id | child | route | wachttijd (begin − ingang) */
export const W_TRAJECTORIES: TrajectoryState[] = [
  t('w1', 'c1', G1, A1, '45', 'licht_ambulant', '2024-01-15', '2024-02-05', '2024-04-30'), // v1 (02) | 21
  t('e1', 'c1', G1, A1, '43', 'residentieel', '2024-05-15', '2024-05-20'), // zonder | 5: escalation of w1, herinstroom after w1
  t('w2', 'c2', G1, A1, '45', 'specialistisch_ambulant', '2024-02-15', '2024-04-15'), // v2 (02) | 60
  t('w3', 'c3', G1, A2, '43', 'residentieel', '2024-03-01', '2024-03-11', '2024-03-31'), // v3 (05) | 10
  t('x3', 'c3', G1, A2, '45', 'licht_ambulant', '2024-11-15', '2024-11-20'), // after the period: herinstroom 12m after w3
  t('w4', 'c4', G2, A2, '45', 'specialistisch_ambulant', '2024-06-10', '2024-07-15'), // v4 (04): starts after the period
  t('w6', 'c6', G1, A1, '45', 'licht_ambulant', '2024-01-03', '2024-01-10'), // v6 (JW317) | 7
  t('y6', 'c6', G1, A1, '46', null, '2024-08-01', '2024-08-01', null, { crisis: true }), // crisis: escalation of w6
  t('w7', 'c7', G1, A1, '45', 'specialistisch_ambulant', '2023-11-20', '2024-01-22', '2024-06-28'), // v7 (02) | 63
  t('n7', 'c7', G1, A1, '41', 'dagbehandeling', '2025-02-01', '2025-02-03'), // 7 months after w7's stop; too late for its baseline
  t('z1', 'c8', G1, A1, '45', 'licht_ambulant', '2024-01-10', '2024-01-24'), // zonder | 14
  t('e8', 'c8', G1, A1, '41', 'dagbehandeling', '2025-03-01', '2025-03-05'), // escalation of z1, but after 12 months
  t('z2', 'c9', G2, A2, '43', 'residentieel', '2024-02-01', '2024-03-02', '2024-05-31'), // zonder | 30
  t('n9', 'c9', G2, A2, '43', 'pleegzorg_gezinshuis', '2024-05-31', '2024-06-03'), // zonder | 3: toewijzing ON z2's stop
  t('z3', 'c10', G1, A2, '45', 'specialistisch_ambulant', null, '2024-04-01'), // zonder, no JW301: no wachttijd
  traj({
    id: 'z4',
    child: 'c11',
    gemeente: G1,
    aanbieder: A1,
    level: 'licht_ambulant',
    ingang: '2024-02-01',
    begin: null,
    ingetrokken: true,
  }),
];

function v(
  id: string,
  soort: 'JW315' | 'JW317',
  child: string,
  gemeente: string,
  aanbieder: string,
  verwijzer: string | null,
  ontvangen: string,
  toegewezenOp: string | null,
  trajectoryIds: string[],
): WachttijdVerzoek {
  return {
    id: `${gemeente}|${aanbieder}|${id}`,
    soort,
    gemeente,
    aanbieder,
    clientPseudonym: child,
    productcategorie: id === 'v3' ? '43' : '45',
    verwijzer: verwijzer === null ? null : { type: verwijzer },
    ontvangen,
    toegewezenOp,
    trajectoryIds,
  };
}

/** id | verzoek → toewijzing | verzoek → start */
export const W_VERZOEKEN: WachttijdVerzoek[] = [
  v('v1', 'JW315', 'c1', G1, A1, '02', '2024-01-08', '2024-01-12', [`${G1}-w1`]), // 4 | 28
  v('v2', 'JW315', 'c2', G1, A1, '02', '2024-02-01', '2024-02-15', [`${G1}-w2`]), // 14 | 74
  v('v3', 'JW315', 'c3', G1, A2, '05', '2024-03-01', '2024-03-04', [`${G1}-w3`]), // 3 | 10
  v('v4', 'JW315', 'c4', G2, A2, '04', '2024-05-20', '2024-06-10', [`${G2}-w4`]), // 21 | (start after the period)
  v('v5', 'JW315', 'c5', G2, A1, '02', '2024-06-20', null, []), // still open
  v('v6', 'JW317', 'c6', G1, A1, null, '2023-12-20', '2024-01-03', [`${G1}-w6`]), // 14 | 21
  v('v7', 'JW315', 'c7', G1, A1, '02', '2023-11-01', '2023-11-20', [`${G1}-w7`]), // (toegewezen before the period) | 82
];
