import type { BerichtRegel } from './types';
import { RETOURCODE_TECHNISCH, bevinding } from './util';
import { antwoordVan } from './verzoek-util';

const meta = { code: 'TR409', niveau: 2 as const, retourcode: RETOURCODE_TECHNISCH };

/**
 * TR409 (regels/technische-regels/xslt/TR409.md): Als RedenAfwijzingVerzoek ongelijk is aan 8 (Woonplaatsbeginsel), dan berichtklasse
 * Woonplaatsbeginsel weglaten (also when RedenAfwijzingVerzoek is empty).
 */
export const TR409: BerichtRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/xslt/TR409.md',
  niveau: 2,
  retourcode: meta.retourcode,
  berichten: [], // not a rule of JW301, JW305 or JW307
  check: () => [],
  verzoek: {
    berichten: ['JW319'],
    check(bericht) {
      const a = antwoordVan(bericht);
      if (!a || a.redenAfwijzingVerzoek === '8' || a.woonplaatsbeginselGemeente === undefined) return [];
      return [
        bevinding(
          meta,
          'client',
          'De berichtklasse Woonplaatsbeginsel hoort alleen bij RedenAfwijzingVerzoek 8 (woonplaatsbeginsel) (TR409).',
          { pad: 'Antwoord/Woonplaatsbeginsel' },
        ),
      ];
    },
  },
};
