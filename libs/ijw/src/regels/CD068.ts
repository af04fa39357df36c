import type { BerichtRegel } from './types';
import { RETOURCODE_TECHNISCH } from './util';
import { ZORGVERLENER_TYPES, aangevraagdBevinding, aangevraagdeProducten } from './verzoek-util';

const meta = { code: 'CD068', niveau: 2 as const, retourcode: RETOURCODE_TECHNISCH };

/**
 * CD068 (regels/condities-constraints/Condities_constraints_per_data-element.md): AangevraagdProduct/Verwijzer: als Type ongelijk is aan
 * 02, 03, 04 of 05, dan is ZorgverlenerCode leeg.
 */
export const CD068: BerichtRegel = {
  code: meta.code,
  bron: 'regels/condities-constraints/Condities_constraints_per_data-element.md',
  niveau: 2,
  retourcode: meta.retourcode,
  berichten: [], // not a rule of JW301, JW305 or JW307
  check: () => [],
  verzoek: {
    berichten: ['JW315'],
    check(bericht) {
      return aangevraagdeProducten(bericht).flatMap((p, i) =>
        !ZORGVERLENER_TYPES.has(p.verwijzer.type) && p.verwijzer.zorgverlenerCode !== undefined
          ? [
              aangevraagdBevinding(
                meta,
                p,
                i,
                'Verwijzer/ZorgverlenerCode',
                `bij verwijzer type ${p.verwijzer.type} blijft de ZorgverlenerCode leeg (alleen bij type 02, 03, 04 en 05)`,
              ),
            ]
          : [],
      );
    },
  },
};
