import type { BerichtRegel } from './types';
import { RETOURCODE_TECHNISCH, bevinding } from './util';
import { antwoordVan } from './verzoek-util';

const meta = { code: 'TR377', niveau: 2 as const, retourcode: RETOURCODE_TECHNISCH };

/**
 * TR377 (regels/technische-regels/xslt/TR377.md): Indien RedenAfwijzingVerzoek de waarde 8 (Woonplaatsbeginsel) heeft, dan berichtklasse
 * Woonplaatsbeginsel opnemen.
 */
export const TR377: BerichtRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/xslt/TR377.md',
  niveau: 2,
  retourcode: meta.retourcode,
  berichten: [], // not a rule of JW301, JW305 or JW307
  check: () => [],
  verzoek: {
    berichten: ['JW319'],
    check(bericht) {
      const a = antwoordVan(bericht);
      if (!a || a.redenAfwijzingVerzoek !== '8' || a.woonplaatsbeginselGemeente !== undefined) return [];
      return [
        bevinding(
          meta,
          'client',
          'Bij RedenAfwijzingVerzoek 8 (woonplaatsbeginsel) hoort de berichtklasse Woonplaatsbeginsel met de verantwoordelijke ' +
            'gemeente (TR377).',
          { pad: 'Antwoord/RedenAfwijzingVerzoek' },
        ),
      ];
    },
  },
};
