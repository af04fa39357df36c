import type { BerichtRegel } from './types';
import { RETOURCODE_TECHNISCH, bevinding } from './util';
import { antwoordVan } from './verzoek-util';

const meta = { code: 'CD085', niveau: 2 as const, retourcode: RETOURCODE_TECHNISCH };

/**
 * CD085 (regels/condities-constraints/Condities_constraints_per_data-element.md): Antwoord/RedenAfwijzingVerzoek: als VerzoekAntwoord 1
 * (verzoek afgewezen) is, dan vullen.
 */
export const CD085: BerichtRegel = {
  code: meta.code,
  bron: 'regels/condities-constraints/Condities_constraints_per_data-element.md',
  niveau: 2,
  retourcode: meta.retourcode,
  berichten: [], // not a rule of JW301, JW305 or JW307
  check: () => [],
  verzoek: {
    berichten: ['JW319'],
    check(bericht) {
      const a = antwoordVan(bericht);
      if (!a || a.verzoekAntwoord !== '1' || a.redenAfwijzingVerzoek !== undefined) return [];
      return [
        bevinding(meta, 'client', 'Bij VerzoekAntwoord 1 (verzoek afgewezen) is RedenAfwijzingVerzoek verplicht (CD085).', {
          pad: 'Antwoord/RedenAfwijzingVerzoek',
        }),
      ];
    },
  },
};
