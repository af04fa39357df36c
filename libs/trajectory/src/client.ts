/**
 * The picture of one child (client pseudonym) over all its trajectories.
 */
import { lastDayOfMonth } from '@trajectwacht/dates';
import { intensityRank, type DatumGebruik, type IntensityLevel, type IsoDate } from '@trajectwacht/ijw';
import type { TrajectoryState } from './trajectory';

export interface ClientSummary {
  clientPseudonym: string;
  geboortedatum: IsoDate;
  /** COD170 DatumGebruik of geboortedatum (from the same trajectory); absent = exact. */
  geboortedatumGebruik?: DatumGebruik;
  /**
   * Age in whole years on `today`; with an inexact birth date (DatumGebruik 1/2) the highest possible age (from the
   * earliest possible birth date, geboortedatumBereik); null when the birth date is unknown (DatumGebruik 3).
   */
  leeftijd: number | null;
  /** Active trajectories (see isActive), sorted like history. */
  active: TrajectoryState[];
  /** Heaviest intensity level among the active trajectories; null when none has a level. */
  highestActiveIntensity: IntensityLevel | null;
  crisisActive: boolean;
  /** All trajectories, sorted by ingangsdatum (unknown last, then begindatum), then id. */
  history: TrajectoryState[];
}

/**
 * Age in whole years on `date`. The birthday counts from the day itself ("exact on birthday"). Someone born on
 * 29 February has their birthday on 1 March in non-leap years (so turns 18 on 1 March, not on 28 February).
 * Both dates are ISO YYYY-MM-DD; comparing the MM-DD parts as strings gives exactly this rule.
 */
export function ageOn(geboortedatum: IsoDate, date: IsoDate): number {
  const years = Number(date.slice(0, 4)) - Number(geboortedatum.slice(0, 4));
  return date.slice(5) < geboortedatum.slice(5) ? years - 1 : years;
}

/**
 * The days on which someone with this geboortedatum and COD170 DatumGebruik may have been born: exact (absent) → that
 * day; 1 (dag onbekend) → the whole month of the date; 2 (dag en maand onbekend) → the whole year; 3 (onbekend) →
 * null (IV009: the unknown parts are filled with 01 / 1900 and mean nothing).
 */
export function geboortedatumBereik(
  geboortedatum: IsoDate,
  gebruik: DatumGebruik | undefined,
): { vroegst: IsoDate; laatst: IsoDate } | null {
  if (gebruik === undefined) return { vroegst: geboortedatum, laatst: geboortedatum };
  if (gebruik === '3') return null;
  const y = geboortedatum.slice(0, 4);
  if (gebruik === '2') return { vroegst: `${y}-01-01`, laatst: `${y}-12-31` };
  const m = geboortedatum.slice(5, 7);
  const last = lastDayOfMonth(Number(y), Number(m));
  return { vroegst: `${y}-${m}-01`, laatst: `${y}-${m}-${String(last).padStart(2, '0')}` };
}

/**
 * Active on `today`: status 'gestart' (started and not stopped, even when the toewijzing's einddatum has passed:
 * that is a missing stop, not an end), or 'toegewezen' with ingangsdatum ≤ today and einddatum null or ≥ today.
 * 'beeindigd' and 'ingetrokken' are never active.
 */
export function isActive(t: TrajectoryState, today: IsoDate): boolean {
  if (t.status === 'gestart') return true;
  if (t.status !== 'toegewezen' || t.ingangsdatum === null) return false;
  return t.ingangsdatum <= today && (t.einddatum === null || t.einddatum >= today);
}

function historyKey(t: TrajectoryState): string {
  // '~' sorts after digits, so an unknown ingangsdatum comes last.
  return `${t.ingangsdatum ?? '~'}|${t.begindatum ?? '~'}|${t.id}`;
}

/** Highest level on the intensity ladder (INTENSITY_LADDER) among the given trajectories, ignoring null levels. */
export function highestIntensity(trajectories: readonly TrajectoryState[]): IntensityLevel | null {
  let best: IntensityLevel | null = null;
  for (const t of trajectories) {
    if (t.intensiteit !== null && (best === null || intensityRank(t.intensiteit) > intensityRank(best))) best = t.intensiteit;
  }
  return best;
}

/**
 * Summarises the trajectories of ONE client (throws on an empty list or on mixed pseudonyms). The geboortedatum is
 * taken from the most recent trajectory in history order (the latest correction wins). Input order does not matter.
 */
export function summariseClient(trajectories: readonly TrajectoryState[], today: IsoDate): ClientSummary {
  if (trajectories.length === 0) throw new Error('summariseClient: no trajectories');
  const clientPseudonym = trajectories[0].clientPseudonym;
  if (trajectories.some((t) => t.clientPseudonym !== clientPseudonym))
    throw new Error('summariseClient: trajectories of more than one client');
  const history = [...trajectories].sort((a, b) => {
    const ka = historyKey(a);
    const kb = historyKey(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  const withToewijzing = history.filter((t) => !t.toewijzingOntbreekt);
  const source = withToewijzing.length ? withToewijzing : history;
  const { geboortedatum, geboortedatumGebruik } = source[source.length - 1];
  const bereik = geboortedatumBereik(geboortedatum, geboortedatumGebruik);
  const active = history.filter((t) => isActive(t, today));
  return {
    clientPseudonym,
    geboortedatum,
    ...(geboortedatumGebruik !== undefined ? { geboortedatumGebruik } : {}),
    leeftijd: bereik === null ? null : ageOn(bereik.vroegst, today),
    active,
    highestActiveIntensity: highestIntensity(active),
    crisisActive: active.some((t) => t.crisis),
    history,
  };
}
