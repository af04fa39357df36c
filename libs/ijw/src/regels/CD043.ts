import type { BerichtRegel } from './types';
import { RETOURCODE_TECHNISCH } from './util';
import { aangevraagdBevinding, aangevraagdeProducten } from './verzoek-util';

const meta = { code: 'CD043', niveau: 2 as const, retourcode: RETOURCODE_TECHNISCH };

/**
 * CD043 (regels/condities-constraints/Condities_constraints_per_data-element.md): AangevraagdProduct/BeschikkingIngangsdatum: indien
 * BeschikkingNummer gevuld is verplicht vullen, anders leeg laten.
 */
export const CD043: BerichtRegel = {
  code: meta.code,
  bron: 'regels/condities-constraints/Condities_constraints_per_data-element.md',
  niveau: 2,
  retourcode: meta.retourcode,
  berichten: [], // not a rule of JW301, JW305 or JW307
  check: () => [],
  verzoek: {
    berichten: ['JW315'],
    check(bericht) {
      return aangevraagdeProducten(bericht).flatMap((p, i) => {
        if ((p.beschikkingNummer !== undefined) === (p.beschikkingIngangsdatum !== undefined)) return [];
        const tekst =
          p.beschikkingNummer !== undefined
            ? 'bij een BeschikkingNummer hoort een BeschikkingIngangsdatum'
            : 'een BeschikkingIngangsdatum hoort alleen bij een BeschikkingNummer';
        return [aangevraagdBevinding(meta, p, i, 'BeschikkingIngangsdatum', tekst)];
      });
    },
  },
};
