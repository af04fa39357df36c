/**
 * DOORPLAATSING (gebeurtenis): a residential trajectory A ended (stopdatum) and another residential trajectory B at a
 * DIFFERENT aanbieder started (begindatum) in [A.stopdatum − overlapDagen, A.stopdatum + binnenDagen], with
 * A.begindatum < B.begindatum and B.begindatum ≤ now. Residential = the `verblijf` flag of the product classification
 * (pleegzorg/gezinshuis, residentieel and gesloten alike), excluding crisis products unless
 * doorplaatsing.inclusiefCrisis. When several A qualify for one B, the A with the latest stopdatum (then id) is taken.
 * Severity: midden; when this is the herhaalAantal-th (2nd) doorplaatsing of the child within herhaalMaanden (12)
 * months up to its date: hoog; one more: kritiek. Key `DOORPLAATSING|<A.id>|<B.id>`; disappears only when A or B is
 * withdrawn or corrected.
 */
import type { IsoDate } from '@trajectwacht/ijw';
import type { TrajectoryState } from '@trajectwacht/trajectory';
import { addDays, addMonthsRolledOver, daysBetween } from '@trajectwacht/dates';
import type { AlertCandidate, RuleInput, Severity } from '../model';
import { candidate, cfgFor, dedupKey, defineRule } from './common';

export const DOORPLAATSING_ID = 'DOORPLAATSING' as const;

export interface Replacement {
  from: TrajectoryState & { stopdatum: IsoDate };
  to: TrajectoryState & { begindatum: IsoDate };
  date: IsoDate;
}

/** All doorplaatsingen of the child up to now, sorted by date then key. */
export function findReplacements(input: RuleInput): Replacement[] {
  const residential = input.child.trajectories.filter(
    (t) => t.status !== 'ingetrokken' && t.verblijf && (cfgFor(input, t).doorplaatsing.inclusiefCrisis || !t.crisis),
  );
  const out: Replacement[] = [];
  for (const b of residential) {
    if (b.begindatum === null || b.begindatum > input.now) continue;
    const bStart = b.begindatum;
    const cfg = cfgFor(input, b).doorplaatsing;
    let best: (TrajectoryState & { stopdatum: IsoDate }) | null = null;
    for (const a of residential) {
      if (a.id === b.id || a.stopdatum === null || a.begindatum === null || a.aanbieder === b.aanbieder) continue;
      if (a.begindatum >= bStart) continue;
      if (bStart < addDays(a.stopdatum, -cfg.overlapDagen) || bStart > addDays(a.stopdatum, cfg.binnenDagen)) continue;
      const stop = a.stopdatum;
      if (best === null || stop > best.stopdatum || (stop === best.stopdatum && a.id < best.id)) best = { ...a, stopdatum: stop };
    }
    if (best !== null) out.push({ from: best, to: { ...b, begindatum: bStart }, date: bStart });
  }
  return out.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : x.to.id < y.to.id ? -1 : 1));
}

export const doorplaatsing = defineRule({
  id: DOORPLAATSING_ID,
  kind: 'gebeurtenis',
  description: 'Een verblijfstraject eindigt en binnen 30 dagen start een ander verblijfstraject bij een andere aanbieder.',
  situations(input) {
    const all = findReplacements(input);
    return all.map((r): AlertCandidate => {
      const cfg = cfgFor(input, r.to).doorplaatsing;
      const windowStart = addMonthsRolledOver(r.date, -cfg.herhaalMaanden);
      const count = all.filter((o) => o.date > windowStart && o.date <= r.date).length;
      const severity: Severity = count >= cfg.herhaalAantal + 1 ? 'kritiek' : count >= cfg.herhaalAantal ? 'hoog' : 'midden';
      return candidate({
        ruleId: DOORPLAATSING_ID,
        severity,
        gemeente: r.to.gemeente,
        aanbieder: r.to.aanbieder,
        clientPseudonym: r.to.clientPseudonym,
        trajectoryIds: [r.from.id, r.to.id],
        dedupKey: dedupKey(DOORPLAATSING_ID, r.from.id, r.to.id),
        effectiveAt: r.date,
        facts: {
          vorigeAanbieder: r.from.aanbieder,
          nieuweAanbieder: r.to.aanbieder,
          vorigeStopdatum: r.from.stopdatum,
          begindatum: r.date,
          tussenDagen: daysBetween(r.from.stopdatum, r.date),
          vorigeIntensiteit: r.from.intensiteit,
          intensiteit: r.to.intensiteit,
          redenBeeindiging: r.from.redenBeeindiging,
          aantalInPeriode: count,
          periodeMaanden: cfg.herhaalMaanden,
        },
        recipients: ['toegang', 'regio'],
        title:
          count >= cfg.herhaalAantal
            ? `Herhaalde doorplaatsing (${count}× in ${cfg.herhaalMaanden} maanden)`
            : 'Doorplaatsing naar andere aanbieder',
      });
    });
  },
  checkDates() {
    // Only messages (a start or a stop) can create a doorplaatsing: starts are never in the future.
    return [];
  },
});
