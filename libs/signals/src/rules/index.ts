/**
 * The rule registry and the three entry points of the service.
 *
 * AUTO-RESOLVE CONVENTION: an open (or acknowledged) alert of a child is auto-resolved when its dedupKey is no longer
 * among `rule.situations(input)` of its rule for that child (resolvedSituations does exactly this). Every rule's
 * answer depends only on (child, now, config/overrides) — never on the trigger — so a timer evaluation and an event
 * evaluation agree. 'toestand' rules stop producing a key when the condition ends; 'gebeurtenis' rules (ESCALATIE,
 * DOORPLAATSING, HERINSTROOM) keep producing it as long as the data shows the event, so they auto-resolve only on
 * corrections/withdrawals. `evaluate` (what to open) may be a subset of `situations` (the event horizon); resolution
 * always uses `situations`, so an old event outside the horizon never auto-resolves.
 */
import type { IsoDate } from '@trajectwacht/ijw';
import { minDate } from '@trajectwacht/dates';
import { isRuleId, RULE_IDS, type AlertCandidate, type RuleId, type RuleInput, type SignalRule } from '../model';
import { berichtAfwijking } from './bericht-afwijking';
import { doorplaatsing } from './doorplaatsing';
import { escalatie } from './escalatie';
import { herinstroom } from './herinstroom';
import { overgang18 } from './overgang-18';
import { stapeling } from './stapeling';
import { startZonderToewijzing } from './start-zonder-toewijzing';
import { stopOntbreekt } from './stop-ontbreekt';
import { uitstroomStagnatie } from './uitstroom-stagnatie';
import { verzoekOnbeantwoord } from './verzoek-onbeantwoord';
import { wachttijdGeenStart } from './wachttijd-geen-start';

export const RULES: Readonly<Record<RuleId, SignalRule>> = Object.freeze({
  WACHTTIJD_GEEN_START: wachttijdGeenStart,
  START_ZONDER_TOEWIJZING: startZonderToewijzing,
  STOP_ONTBREEKT: stopOntbreekt,
  UITSTROOM_STAGNATIE: uitstroomStagnatie,
  ESCALATIE: escalatie,
  DOORPLAATSING: doorplaatsing,
  OVERGANG_18: overgang18,
  HERINSTROOM: herinstroom,
  STAPELING: stapeling,
  BERICHT_AFWIJKING: berichtAfwijking,
  VERZOEK_ONBEANTWOORD: verzoekOnbeantwoord,
});

/** Rules in the order of the public contract table. */
export const RULE_LIST: readonly SignalRule[] = RULE_IDS.map((id) => RULES[id]);

function selected(only?: readonly RuleId[]): readonly SignalRule[] {
  return only ? RULE_LIST.filter((r) => only.includes(r.id)) : RULE_LIST;
}

/** Candidates of all (or the given) rules, sorted by dedupKey. Dedup against stored alerts is the service's job. */
export function evaluateAll(input: RuleInput, only?: readonly RuleId[]): AlertCandidate[] {
  return selected(only)
    .flatMap((r) => r.evaluate(input))
    .sort((a, b) => (a.dedupKey < b.dedupKey ? -1 : a.dedupKey > b.dedupKey ? 1 : 0));
}

/** Every situation that currently holds (no event horizon). */
export function situationsAll(input: RuleInput, only?: readonly RuleId[]): AlertCandidate[] {
  return selected(only)
    .flatMap((r) => r.situations(input))
    .sort((a, b) => (a.dedupKey < b.dedupKey ? -1 : a.dedupKey > b.dedupKey ? 1 : 0));
}

/** Earliest nextCheck over all (or the given) rules; null when no rule needs a timer. Always > input.now. */
export function nextCheckAll(input: RuleInput, only?: readonly RuleId[]): IsoDate | null {
  return minDate(...selected(only).map((r) => r.nextCheck(input)));
}

/** The rule id encoded in a dedupKey (the part before the first '|'), or null for a foreign key. */
export function ruleIdOfKey(dedupKey: string): RuleId | null {
  const id = dedupKey.split('|', 1)[0];
  return isRuleId(id) ? id : null;
}

/**
 * Of the given open dedupKeys (of THIS child), those whose situation has ended: their rule no longer produces them in
 * situations(input). Keys of unknown rules are never returned. Order follows the input.
 */
export function resolvedSituations(input: RuleInput, openDedupKeys: readonly string[]): string[] {
  const produced = new Map<RuleId, Set<string>>();
  const keysOf = (id: RuleId): Set<string> => {
    let set = produced.get(id);
    if (!set) {
      set = new Set(RULES[id].situations(input).map((c) => c.dedupKey));
      produced.set(id, set);
    }
    return set;
  };
  return openDedupKeys.filter((key) => {
    const id = ruleIdOfKey(key);
    return id !== null && !keysOf(id).has(key);
  });
}

/** One evaluation of a child: what evaluateAll proposes, and resolvedSituations for the open keys, from one pass. */
export interface Assessment {
  /** evaluateAll(input): candidates of all rules, sorted by dedupKey. */
  candidates: AlertCandidate[];
  /** resolvedSituations(input, openDedupKeys), from the situations computed for the candidates. */
  resolved(openDedupKeys: readonly string[]): string[];
}

/**
 * evaluateAll and resolvedSituations of the same input with each rule's situations computed once (they were computed
 * twice per evaluation: once to propose, once to find the ended ones). Same answers as the two functions.
 */
export function assessAll(input: RuleInput): Assessment {
  const produced = new Map<RuleId, Set<string>>();
  const candidates: AlertCandidate[] = [];
  for (const rule of RULE_LIST) {
    const all = rule.situations(input);
    produced.set(rule.id, new Set(all.map((c) => c.dedupKey)));
    for (const c of rule.propose ? rule.propose(input, all) : rule.evaluate(input)) candidates.push(c);
  }
  candidates.sort((a, b) => (a.dedupKey < b.dedupKey ? -1 : a.dedupKey > b.dedupKey ? 1 : 0));
  return {
    candidates,
    resolved: (openDedupKeys) =>
      openDedupKeys.filter((key) => {
        const id = ruleIdOfKey(key);
        return id !== null && !produced.get(id)!.has(key);
      }),
  };
}

export {
  berichtAfwijking,
  doorplaatsing,
  escalatie,
  herinstroom,
  overgang18,
  stapeling,
  startZonderToewijzing,
  stopOntbreekt,
  uitstroomStagnatie,
  verzoekOnbeantwoord,
  wachttijdGeenStart,
};
export { verzoekTermijn } from './verzoek-onbeantwoord';
export { wachttijdNormDagen } from './wachttijd-geen-start';
export { uiterlijkeStopdatum } from './stop-ontbreekt';
export { duurNorm, type DuurNorm } from './uitstroom-stagnatie';
export { findEscalations, type EscalationFinding } from './escalatie';
export { findReplacements, type Replacement } from './doorplaatsing';
export { overgang18Dates, type Overgang18Dates, type Overgang18Milestone } from './overgang-18';
export { stapelingOn } from './stapeling';
export { activeOn, activeFrom, activeUntil } from './common';
