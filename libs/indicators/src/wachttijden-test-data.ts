/**
 * The hand-computed data set of the waiting-time and referral-route indicators (test-only, exported through
 * @trajectwacht/indicators/testing). Period 2024-01-01 … 2024-06-30; the expected values are worked out in
 * wachttijden.spec.ts. Gemeenten G1 (0034) and G2 (0363), aanbieders A1 and A2.
 */
import type { IntensityLevel } from '@trajectwacht/ijw';
import type { TrajectoryState } from '@trajectwacht/trajectory';
import { A1, A2, G1, G2, traj } from './test-data';
import type { WachttijdVerzoek } from './wachttijden';

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
