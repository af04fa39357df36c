/**
 * STAPELING (toestand, per child): at least stapeling.drempel (3) trajectories active on `now` (activeOn), not
 * counting uitgeslotenCategorieen (42 vervoer) nor gedwongen kader (47/48/49) unless telGedwongenKader.
 * Severity midden; hoog from drempel + 1. Key `STAPELING|<clientPseudonym>|<episodeStart>`, where episodeStart is the
 * first day of the current uninterrupted period with count ≥ drempel (a later extra trajectory keeps the key; after the
 * count drops below the threshold the situation ends, and a new period gets a new key).
 */
import type { IsoDate } from '@trajectwacht/ijw';
import type { TrajectoryState } from '@trajectwacht/trajectory';
import type { SignalConfig } from '../config';
import { addDays } from '@trajectwacht/dates';
import type { RuleInput } from '../model';
import {
  activeOn,
  activityChangeDates,
  candidate,
  cfgForChild,
  dedupKey,
  defineRule,
  primaryTrajectory,
  verwijderingEpisode,
} from './common';

export const STAPELING_ID = 'STAPELING' as const;

function childConfig(input: RuleInput): SignalConfig {
  return cfgForChild(input, primaryTrajectory(input.child.trajectories.filter((t) => activeOn(t, input.now))));
}

function counted(t: TrajectoryState, cfg: SignalConfig): boolean {
  return (
    (t.productcategorie === null || !cfg.stapeling.uitgeslotenCategorieen.includes(t.productcategorie)) &&
    (cfg.stapeling.telGedwongenKader || !t.gedwongenKader)
  );
}

export function stapelingOn(trajectories: readonly TrajectoryState[], date: IsoDate, cfg: SignalConfig): TrajectoryState[] {
  return trajectories.filter((t) => counted(t, cfg) && activeOn(t, date));
}

export const stapeling = defineRule({
  id: STAPELING_ID,
  kind: 'toestand',
  description: 'Drie of meer trajecten tegelijk actief (vervoer en gedwongen kader tellen standaard niet mee).',
  situations(input) {
    const cfg = childConfig(input);
    const list = input.child.trajectories;
    const active = stapelingOn(list, input.now, cfg);
    const drempel = cfg.stapeling.drempel;
    if (active.length < drempel) return [];
    const changes = activityChangeDates(list).filter((d) => d <= input.now);
    let episodeStart = changes[0] ?? input.now;
    for (let i = changes.length - 1; i >= 0; i--) {
      if (stapelingOn(list, addDays(changes[i], -1), cfg).length < drempel) {
        episodeStart = changes[i];
        break;
      }
    }
    const primary = primaryTrajectory(active);
    return [
      candidate({
        ruleId: STAPELING_ID,
        severity: active.length > drempel ? 'hoog' : 'midden',
        gemeente: primary?.gemeente ?? active[0].gemeente,
        clientPseudonym: input.child.clientPseudonym,
        trajectoryIds: active.map((t) => t.id),
        dedupKey: dedupKey(STAPELING_ID, input.child.clientPseudonym, episodeStart, ...verwijderingEpisode(active)),
        effectiveAt: episodeStart,
        facts: {
          aantalActief: active.length,
          drempel,
          aanbieders: [...new Set(active.map((t) => t.aanbieder))].sort().join(','),
          productcategorieen: [...new Set(active.map((t) => t.productcategorie))].sort().join(','),
          gemeenten: [...new Set(active.map((t) => t.gemeente))].sort().join(','),
        },
        recipients: ['toegang'],
        title: `${active.length} trajecten tegelijk actief`,
      }),
    ];
  },
  checkDates(input) {
    return activityChangeDates(input.child.trajectories);
  },
});
