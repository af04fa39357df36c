import type { BerichtRegel } from './types';
import { RETOURCODE_TECHNISCH } from './util';
import { ZORGVERLENER_TYPES, aangevraagdBevinding, aangevraagdeProducten } from './verzoek-util';

const meta = { code: 'CD066', niveau: 2 as const, retourcode: RETOURCODE_TECHNISCH };

/**
 * CD066 (regels/condities-constraints/Condities_constraints_per_data-element.md): AangevraagdProduct/Verwijzer: als Type 02, 03, 04 of 05
 * is en ZorgverlenerCode gevuld is, dan is Naam leeg.
 */
export const CD066: BerichtRegel = {
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
        ZORGVERLENER_TYPES.has(p.verwijzer.type) && p.verwijzer.zorgverlenerCode !== undefined && p.verwijzer.naam !== undefined
          ? [
              aangevraagdBevinding(
                meta,
                p,
                i,
                'Verwijzer/Naam',
                `bij verwijzer type ${p.verwijzer.type} met een ZorgverlenerCode blijft de naam van de verwijzer leeg`,
              ),
            ]
          : [],
      );
    },
  },
};
