import type { BerichtRegel } from './types';
import { RETOURCODE_TECHNISCH } from './util';
import { ZORGVERLENER_TYPES, aangevraagdBevinding, aangevraagdeProducten } from './verzoek-util';

const meta = { code: 'CD067', niveau: 2 as const, retourcode: RETOURCODE_TECHNISCH };

/**
 * CD067 (regels/condities-constraints/Condities_constraints_per_data-element.md): AangevraagdProduct/Verwijzer: als Type 02, 03, 04 of 05
 * is en ZorgverlenerCode leeg is, dan is Naam gevuld.
 */
export const CD067: BerichtRegel = {
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
        ZORGVERLENER_TYPES.has(p.verwijzer.type) && p.verwijzer.zorgverlenerCode === undefined && p.verwijzer.naam === undefined
          ? [
              aangevraagdBevinding(
                meta,
                p,
                i,
                'Verwijzer',
                `bij verwijzer type ${p.verwijzer.type} zonder ZorgverlenerCode is de naam van de verwijzer verplicht`,
              ),
            ]
          : [],
      );
    },
  },
};
