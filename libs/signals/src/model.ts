/**
 * The common model of the signal rules. Everything here is pure data: rules read a ChildContext and return
 * AlertCandidates; the service turns candidates into stored alerts (with id and detectedAt).
 */
import type { DatumGebruik, IsoDate } from '@trajectwacht/ijw';
import type { TrajectoryEventType, TrajectoryState, VerzoekState } from '@trajectwacht/trajectory';
import type { SignalConfig, SignalOverrides } from './config';
import type { Severity } from './severity';

export const RULE_IDS = [
  'WACHTTIJD_GEEN_START',
  'START_ZONDER_TOEWIJZING',
  'STOP_ONTBREEKT',
  'UITSTROOM_STAGNATIE',
  'ESCALATIE',
  'DOORPLAATSING',
  'OVERGANG_18',
  'HERINSTROOM',
  'STAPELING',
  'BERICHT_AFWIJKING',
  'VERZOEK_ONBEANTWOORD',
] as const;
/** Public contract (domain README, signals table). */
export type RuleId = (typeof RULE_IDS)[number];

export function isRuleId(value: unknown): value is RuleId {
  return typeof value === 'string' && (RULE_IDS as readonly string[]).includes(value);
}

export { SEVERITIES, severityRank, maxSeverity, type Severity } from './severity';

export type Recipient = 'toegang' | 'aanbieder' | 'regio';
export type AlertFactValue = string | number | boolean | null;

export const VERVOLG_SOORTEN = ['plan', 'verlengde_jeugdhulp', 'wmo', 'wlz', 'zvw', 'geen_vervolg_nodig'] as const;
export type VervolgSoort = (typeof VERVOLG_SOORTEN)[number];

/**
 * A follow-up for the 18-/18+ transition recorded outside the iJw messages (by toegang, README "The recorded
 * follow-up"): a plan (from 16), verlengde jeugdhulp decided until `totDatum`, a hand-over to the Wmo, Wlz or Zvw
 * arranged per `perDatum` (to `overdrachtAan`), or no follow-up needed (`reden`). Only soort and vastgelegdOp
 * change the rules' answers; the rest is what the alert's facts and the timeline show.
 */
export interface VervolgRegistratie {
  soort: VervolgSoort;
  /** Business date (Europe/Amsterdam) on which it was recorded: it counts from that day on. */
  vastgelegdOp: IsoDate;
  /** verlengde_jeugdhulp: decided until this date (inclusive). Absent: until the 23rd birthday. */
  totDatum?: IsoDate;
  /** wmo/wlz/zvw: the hand-over is arranged per this date. */
  perDatum?: IsoDate;
  id?: string;
}

export interface ChildContext {
  clientPseudonym: string;
  geboortedatum: IsoDate;
  /**
   * COD170 DatumGebruik of geboortedatum (take it from the same trajectory as geboortedatum): 1 day unknown, 2 day and
   * month unknown, 3 unknown. Absent = exact. The age rules never treat an inexact date as exact (README).
   */
  geboortedatumGebruik?: DatumGebruik;
  /** ALL trajectories of this child, in any gemeente, in any order. */
  trajectories: readonly TrajectoryState[];
  /**
   * Optional: Dutch business date on which the FIRST message of each trajectory was received (keyed by trajectory id).
   * START_ZONDER_TOEWIJZING counts its grace period from it; without it, from the start's begindatum.
   */
  ontvangen?: Readonly<Record<string, IsoDate>>;
  /** Optional: follow-ups recorded for OVERGANG_18 (which milestone each answers: README, OVERGANG_18). */
  vervolg?: readonly VervolgRegistratie[];
  /** Optional: the child's verzoeken (JW315/JW317 with their answers; issue 17), for VERZOEK_ONBEANTWOORD. */
  verzoeken?: readonly VerzoekState[];
}

export interface RuleTrigger {
  trajectoryId: string;
  eventType: TrajectoryEventType;
}

export interface RuleInput {
  child: ChildContext;
  /**
   * The trajectory event that caused this evaluation; absent for a time-driven (timer) evaluation. Informational:
   * every rule's answer depends ONLY on child, now and config (so replays and timers give the same result).
   */
  trigger?: RuleTrigger;
  /** Business "today" (Dutch calendar). In replay it follows event time. */
  now: IsoDate;
  /** Base config (usually DEFAULT_SIGNAL_CONFIG or the region's). */
  config: SignalConfig;
  /** Per-region/gemeente/intensity overrides, resolved per trajectory with resolveConfig. */
  overrides?: SignalOverrides;
}

export interface AlertCandidate {
  ruleId: RuleId;
  severity: Severity;
  gemeente: string;
  aanbieder?: string;
  clientPseudonym: string;
  /** Sorted, distinct. */
  trajectoryIds: string[];
  /** Deterministic: `${ruleId}|…`; one situation → one key. Always starts with the rule id and a '|'. */
  dedupKey: string;
  /** Business date on which the situation began (may lie before `now`). */
  effectiveAt: IsoDate;
  facts: Record<string, AlertFactValue>;
  recipients: Recipient[];
  /** Dutch, short. */
  title: string;
}

/**
 * 'toestand': a condition that holds now and ends (auto-resolve) when it no longer holds.
 * 'gebeurtenis': something that happened; its key keeps being produced while the data still shows it, so it only
 * auto-resolves when the data is corrected (e.g. the toewijzing is withdrawn).
 */
export type RuleKind = 'toestand' | 'gebeurtenis';

export interface SignalRule {
  id: RuleId;
  kind: RuleKind;
  description: string;
  /** Every situation that currently holds (no horizon). The basis of auto-resolve. */
  situations(input: RuleInput): AlertCandidate[];
  /** The candidates to propose now: situations(), minus events older than config.gebeurtenisHorizonDagen for 'gebeurtenis' rules. */
  evaluate(input: RuleInput): AlertCandidate[];
  /** Next business date (> now) on which the answer could change without a new message; null when none. */
  nextCheck(input: RuleInput): IsoDate | null;
  /** evaluate(input) from situations(input) already computed (so that one evaluation computes them once; assessAll). */
  propose?(input: RuleInput, situations: readonly AlertCandidate[]): AlertCandidate[];
}
