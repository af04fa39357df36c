/**
 * HERINSTROOM (gebeurtenis): the child re-enters care. A new toewijzing T (JW301 known, not withdrawn, ingangsdatum ≤
 * now) whose ingangsdatum lies after the latest stopdatum L of the child's other trajectories (strictly before it),
 * with ingangsdatum ≤ L + herinstroom.binnenMaanden months, a care-free gap of at least minimaleOnderbrekingDagen
 * days (gap = ingangsdatum − L − 1; a seamless next-day toewijzing is a continuation), and NO other trajectory active
 * on any day of the gap. Toewijzingen of the same child with the same ingangsdatum form ONE re-entry.
 * Severity midden; hoog when a new trajectory is heavier on the ladder than the ended one.
 * Key `HERINSTROOM|<clientPseudonym>|<ingangsdatum>`; disappears only when the data is corrected (withdrawal etc.).
 */
import { intensityRank, type IsoDate } from '@trajectwacht/ijw';
import type { TrajectoryState } from '@trajectwacht/trajectory';
import { addDays, addMonthsRolledOver, daysBetween } from '@trajectwacht/dates';
import type { AlertCandidate, RuleInput } from '../model';
import { activeFrom, activeUntil, candidate, cfgFor, dedupKey, defineRule } from './common';

export const HERINSTROOM_ID = 'HERINSTROOM' as const;

interface Reentry {
  t: TrajectoryState;
  ingangsdatum: IsoDate;
  previous: TrajectoryState & { stopdatum: IsoDate };
  gapDays: number;
}

function findReentry(input: RuleInput, t: TrajectoryState, all: readonly TrajectoryState[]): Reentry | null {
  if (t.toewijzingOntbreekt || t.status === 'ingetrokken' || t.ingangsdatum === null || t.ingangsdatum > input.now) return null;
  const ingang = t.ingangsdatum;
  const cfg = cfgFor(input, t).herinstroom;
  let previous: (TrajectoryState & { stopdatum: IsoDate }) | null = null;
  for (const o of all) {
    if (o.id === t.id || o.stopdatum === null || o.stopdatum >= ingang) continue;
    const stop = o.stopdatum;
    if (previous === null || stop > previous.stopdatum || (stop === previous.stopdatum && o.id < previous.id))
      previous = { ...o, stopdatum: stop };
  }
  if (previous === null) return null;
  const gapDays = daysBetween(previous.stopdatum, ingang) - 1;
  if (gapDays < cfg.minimaleOnderbrekingDagen) return null;
  if (ingang > addMonthsRolledOver(previous.stopdatum, cfg.binnenMaanden)) return null;
  if (gapDays > 0) {
    const gapStart = addDays(previous.stopdatum, 1);
    const gapEnd = addDays(ingang, -1);
    const overlaps = all.some((o) => {
      if (o.id === t.id) return false;
      const from = activeFrom(o);
      const until = activeUntil(o);
      return from !== null && from <= gapEnd && (until === null || until >= gapStart);
    });
    if (overlaps) return null;
  }
  return { t, ingangsdatum: ingang, previous, gapDays };
}

export const herinstroom = defineRule({
  id: HERINSTROOM_ID,
  kind: 'gebeurtenis',
  description: 'Een nieuwe toewijzing binnen 6 maanden nadat de zorg voor het kind was beëindigd.',
  situations(input) {
    const all = input.child.trajectories.filter((t) => t.status !== 'ingetrokken');
    const byDate = new Map<IsoDate, Reentry[]>();
    for (const t of all) {
      const r = findReentry(input, t, all);
      if (r === null) continue;
      const list = byDate.get(r.ingangsdatum) ?? [];
      list.push(r);
      byDate.set(r.ingangsdatum, list);
    }
    const out: AlertCandidate[] = [];
    for (const [ingangsdatum, list] of byDate) {
      list.sort((a, b) => (a.t.id < b.t.id ? -1 : 1));
      const first = list[0];
      const prev = first.previous;
      const heavier = list.some(
        (r) => r.t.intensiteit !== null && prev.intensiteit !== null && intensityRank(r.t.intensiteit) > intensityRank(prev.intensiteit),
      );
      out.push(
        candidate({
          ruleId: HERINSTROOM_ID,
          severity: heavier ? 'hoog' : 'midden',
          gemeente: first.t.gemeente,
          aanbieder: list.length === 1 ? first.t.aanbieder : null,
          clientPseudonym: input.child.clientPseudonym,
          trajectoryIds: [prev.id, ...list.map((r) => r.t.id)],
          dedupKey: dedupKey(HERINSTROOM_ID, input.child.clientPseudonym, ingangsdatum),
          effectiveAt: ingangsdatum,
          facts: {
            ingangsdatum,
            vorigeStopdatum: prev.stopdatum,
            onderbrekingDagen: first.gapDays,
            vorigeRedenBeeindiging: prev.redenBeeindiging,
            vorigVolgensPlan: prev.volgensPlan,
            vorigeIntensiteit: prev.intensiteit,
            intensiteit: first.t.intensiteit,
            aantalNieuweToewijzingen: list.length,
            binnenMaanden: cfgFor(input, first.t).herinstroom.binnenMaanden,
          },
          recipients: ['toegang', 'regio'],
          title: `Herinstroom na ${first.gapDays} dagen zonder zorg`,
        }),
      );
    }
    return out;
  },
  checkDates(input) {
    return input.child.trajectories.filter((t) => t.status !== 'ingetrokken' && !t.toewijzingOntbreekt).map((t) => t.ingangsdatum);
  },
});
