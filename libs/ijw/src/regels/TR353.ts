import type { BerichtRegel } from './types';
import { RETOURCODE_TECHNISCH, bevinding } from './util';
import { verzoekVan } from './verzoek-util';

const meta = { code: 'TR353', niveau: 2 as const, retourcode: RETOURCODE_TECHNISCH };

/**
 * TR353 (regels/technische-regels/xslt/TR353.md): Bij een verzoek om wijziging komt minstens 1 TeWijzigenProduct of NieuwProduct voor: a
 * VOW that changes nothing has no reason.
 */
export const TR353: BerichtRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/xslt/TR353.md',
  niveau: 2,
  retourcode: meta.retourcode,
  berichten: [], // not a rule of JW301, JW305 or JW307
  check: () => [],
  verzoek: {
    berichten: ['JW317'],
    check(bericht) {
      const v = verzoekVan(bericht);
      if (!v || v.teWijzigen.length + v.nieuw.length > 0) return [];
      return [
        bevinding(
          meta,
          'client',
          'Het verzoek om wijziging bevat geen TeWijzigenProduct en geen NieuwProduct: er wordt niets gewijzigd (TR353).',
          { pad: 'Client/Verzoek' },
        ),
      ];
    },
  },
};
