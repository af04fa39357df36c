/**
 * Small fixed data set for the indicator tests (test-only; not exported from index.ts).
 * Period under test: 2024-01-01 … 2024-06-30.
 */
import { daysBetween, type IntensityLevel } from '@trajectwacht/ijw';
import type { TrajectoryState } from '@trajectwacht/trajectory';

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
  const status: TrajectoryState['status'] = spec.ingetrokken && stop === null ? 'ingetrokken' : stop !== null ? 'beeindigd' : spec.begin !== null ? 'gestart' : 'toegewezen';
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
  traj({ id: 't1', child: 'c1', gemeente: G1, aanbieder: A1, level: 'licht_ambulant', ingang: '2023-12-20', begin: '2024-01-10', stop: '2024-03-10', plan: true }), // wacht 21
  traj({ id: 't2', child: 'c1', gemeente: G1, aanbieder: A2, level: 'specialistisch_ambulant', ingang: '2024-05-01', begin: '2024-05-15' }), // wacht 14
  // c2: residentieel since 2023, ends in February; pleegzorg starts the next day (toewijzing before the stop).
  traj({ id: 't3', child: 'c2', gemeente: G1, aanbieder: A1, level: 'residentieel', verblijf: true, ingang: '2023-01-01', begin: '2023-01-10', stop: '2024-02-09', plan: false }),
  traj({ id: 't4', child: 'c2', gemeente: G1, aanbieder: A1, level: 'pleegzorg_gezinshuis', verblijf: true, ingang: '2024-02-01', begin: '2024-02-10' }), // wacht 9
  // c3: stopped 2023-11-15, new toewijzing EXACTLY 6 months later (2024-05-15).
  traj({ id: 't5', child: 'c3', gemeente: G2, aanbieder: A2, level: 'specialistisch_ambulant', ingang: '2023-05-01', begin: '2023-05-15', stop: '2023-11-15', plan: true }),
  traj({ id: 't6', child: 'c3', gemeente: G2, aanbieder: A2, level: 'dagbehandeling', ingang: '2024-05-15', begin: '2024-05-20' }), // wacht 5
  // c4: stopped 2023-11-15, new toewijzing 6 months + 1 day later (2024-05-16).
  traj({ id: 't7', child: 'c4', gemeente: G2, aanbieder: A1, level: 'licht_ambulant', ingang: '2023-03-01', begin: '2023-03-10', stop: '2023-11-15', plan: true }),
  traj({ id: 't8', child: 'c4', gemeente: G2, aanbieder: A1, level: 'licht_ambulant', ingang: '2024-05-16', begin: '2024-06-01' }), // wacht 16
  // c5: stops exactly on `to` (uitstroom, not active at the end).
  traj({ id: 't9', child: 'c5', gemeente: G3, aanbieder: A2, level: 'specialistisch_ambulant', ingang: '2024-01-05', begin: '2024-02-01', stop: '2024-06-30', plan: true }), // wacht 27
  // c7: licht ambulant running since 2023; residentieel starts while it runs (flow licht → residentieel).
  traj({ id: 't10', child: 'c7', gemeente: G3, aanbieder: A2, level: 'residentieel', verblijf: true, ingang: '2024-03-01', begin: '2024-03-29' }), // wacht 28
  traj({ id: 't11', child: 'c7', gemeente: G3, aanbieder: A1, level: 'licht_ambulant', ingang: '2023-06-01', begin: '2023-06-05' }),
  // c8: starts after the period: neither instroom nor active.
  traj({ id: 't12', child: 'c8', gemeente: G1, aanbieder: A2, level: 'licht_ambulant', ingang: '2024-06-20', begin: '2024-07-02' }),
  // c9: withdrawn (status 'ingetrokken'): excluded everywhere.
  traj({ id: 't13', child: 'c9', gemeente: G2, aanbieder: A1, level: 'specialistisch_ambulant', ingang: '2024-02-01', begin: '2024-02-05', ingetrokken: true }),
  // c10: no JW301 (toewijzingOntbreekt): counted, but no waiting time; reden beëindiging unknown (volgensPlan null).
  traj({ id: 't14', child: 'c10', gemeente: G3, aanbieder: A2, level: 'licht_ambulant', ingang: null, begin: '2024-04-01', stop: '2024-05-31', plan: null }),
];
