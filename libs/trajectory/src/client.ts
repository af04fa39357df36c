/**
 * The picture of one child (client pseudonym) over all its trajectories.
 */
import { intensityRank, type IntensityLevel, type IsoDate } from '@trajectwacht/ijw';
import type { TrajectoryState } from './trajectory';

export interface ClientSummary {
  clientPseudonym: string;
  geboortedatum: IsoDate;
  /** Age in whole years on `today`. */
  leeftijd: number;
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
  if (trajectories.some((t) => t.clientPseudonym !== clientPseudonym)) throw new Error('summariseClient: trajectories of more than one client');
  const history = [...trajectories].sort((a, b) => {
    const ka = historyKey(a);
    const kb = historyKey(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  const withToewijzing = history.filter((t) => !t.toewijzingOntbreekt);
  const source = withToewijzing.length ? withToewijzing : history;
  const geboortedatum = source[source.length - 1].geboortedatum;
  const active = history.filter((t) => isActive(t, today));
  return {
    clientPseudonym,
    geboortedatum,
    leeftijd: ageOn(geboortedatum, today),
    active,
    highestActiveIntensity: highestIntensity(active),
    crisisActive: active.some((t) => t.crisis),
    history,
  };
}
