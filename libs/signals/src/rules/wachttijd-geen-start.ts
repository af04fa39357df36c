/**
 * WACHTTIJD_GEEN_START (toestand): a toewijzing (JW301 known, status 'toegewezen', not withdrawn) has no JW305 N
 * calendar days after its ingangsdatum. N = wachttijd.perCategorie[categorie] ?? (crisis ? crisisNormDagen : normDagen).
 * Fires ON day ingangsdatum + N (day N−1: nothing). Severity midden (crisis: hoog); from ernstigFactor × N days hoog
 * (crisis: kritiek). Key `WACHTTIJD_GEEN_START|<trajectoryId>|ingang-<ingangsdatum>` (config changes do not change it).
 * Ends (key gone) when a start or stop arrives, the toewijzing is withdrawn, or its ingangsdatum is corrected. After a
 * StatusAanlevering 3 deleted the start/stop it comes back under the key + `|verwijderd-<n>` (verwijderingEpisode).
 * A toewijzing whose einddatum passed without any start stays signalled: it should be withdrawn.
 */
import type { IsoDate } from '@trajectwacht/ijw';
import type { TrajectoryState } from '@trajectwacht/trajectory';
import type { SignalConfig } from '../config';
import { addDays, daysBetween } from '@trajectwacht/dates';
import type { AlertCandidate } from '../model';
import { candidate, cfgFor, dedupKey, defineRule, verwijderingEpisode } from './common';

export const WACHTTIJD_GEEN_START_ID = 'WACHTTIJD_GEEN_START' as const;

export function wachttijdNormDagen(cfg: SignalConfig, t: Pick<TrajectoryState, 'productcategorie' | 'crisis'>): number {
  // A generieke toewijzing has no productcategorie: the general norm applies.
  const perCategorie = t.productcategorie === null ? undefined : cfg.wachttijd.perCategorie[t.productcategorie];
  if (perCategorie !== undefined) return perCategorie;
  return t.crisis ? cfg.wachttijd.crisisNormDagen : cfg.wachttijd.normDagen;
}

interface Due {
  t: TrajectoryState & { ingangsdatum: IsoDate };
  norm: number;
  normDatum: IsoDate;
  ernstigDatum: IsoDate;
}

function due(t: TrajectoryState, cfg: SignalConfig): Due | null {
  if (t.toewijzingOntbreekt || t.status !== 'toegewezen' || t.ingetrokken || t.ingangsdatum === null) return null;
  const norm = wachttijdNormDagen(cfg, t);
  const ingangsdatum = t.ingangsdatum;
  return {
    t: { ...t, ingangsdatum },
    norm,
    normDatum: addDays(ingangsdatum, norm),
    ernstigDatum: addDays(ingangsdatum, Math.max(norm, Math.ceil(norm * cfg.wachttijd.ernstigFactor))),
  };
}

export const wachttijdGeenStart = defineRule({
  id: WACHTTIJD_GEEN_START_ID,
  kind: 'toestand',
  description: 'Toewijzing zonder JW305 start zorg N dagen na de ingangsdatum (standaard 28, per categorie instelbaar; crisis 2).',
  situations(input) {
    const out: AlertCandidate[] = [];
    for (const t of input.child.trajectories) {
      const d = due(t, cfgFor(input, t));
      if (d === null || input.now < d.normDatum) continue;
      const ernstig = input.now >= d.ernstigDatum;
      const wachtDagen = daysBetween(d.t.ingangsdatum, input.now);
      out.push(
        candidate({
          ruleId: WACHTTIJD_GEEN_START_ID,
          severity: t.crisis ? (ernstig ? 'kritiek' : 'hoog') : ernstig ? 'hoog' : 'midden',
          gemeente: t.gemeente,
          aanbieder: t.aanbieder,
          clientPseudonym: t.clientPseudonym,
          trajectoryIds: [t.id],
          dedupKey: dedupKey(WACHTTIJD_GEEN_START_ID, t.id, `ingang-${d.t.ingangsdatum}`, ...verwijderingEpisode([t])),
          effectiveAt: d.normDatum,
          facts: {
            ingangsdatum: d.t.ingangsdatum,
            einddatum: t.einddatum,
            normDagen: d.norm,
            normDatum: d.normDatum,
            wachtDagen,
            productcategorie: t.productcategorie,
            productcode: t.productcode,
            crisis: t.crisis,
          },
          recipients: ['toegang', 'aanbieder'],
          title: `Toewijzing zonder start na ${wachtDagen} dagen`,
        }),
      );
    }
    return out;
  },
  checkDates(input) {
    return input.child.trajectories.flatMap((t) => {
      const d = due(t, cfgFor(input, t));
      return d ? [d.normDatum, d.ernstigDatum] : [];
    });
  },
});
