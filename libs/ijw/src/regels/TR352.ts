import type { BerichtRegel } from './types';
import { RETOURCODE_TECHNISCH, bevinding } from './util';
import { verzoekVan } from './verzoek-util';

const meta = { code: 'TR352', niveau: 2 as const, retourcode: RETOURCODE_TECHNISCH };

/**
 * TR352 (regels/technische-regels/xslt/TR352.md): Bij een verzoek om wijziging komt minstens 1 OngewijzigdProduct of TeWijzigenProduct
 * voor: the VOW names every current toewijzing of the client (TR352 toelichting).
 */
export const TR352: BerichtRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/xslt/TR352.md',
  niveau: 2,
  retourcode: meta.retourcode,
  berichten: [], // not a rule of JW301, JW305 or JW307
  check: () => [],
  verzoek: {
    berichten: ['JW317'],
    check(bericht) {
      const v = verzoekVan(bericht);
      if (!v || v.ongewijzigd.length + v.teWijzigen.length > 0) return [];
      return [
        bevinding(
          meta,
          'client',
          'Het verzoek om wijziging bevat geen OngewijzigdProduct en geen TeWijzigenProduct; neem alle actuele toewijzingen van de ' +
            'cliënt op (TR352).',
          { pad: 'Client/Verzoek' },
        ),
      ];
    },
  },
};
