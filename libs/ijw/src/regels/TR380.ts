import type { Bevinding } from '../model';
import type { BerichtRegel } from './types';
import { RETOURCODE_TECHNISCH, nlDatum } from './util';
import { verzoekProductBevinding, verzoekVan } from './verzoek-util';

const meta = { code: 'TR380', niveau: 2 as const, retourcode: RETOURCODE_TECHNISCH };

/**
 * TR380 (regels/technische-regels/xslt/TR380.md): Vullen met een datum die groter is dan de dagtekening van het bericht. The file names no
 * element; applied to the GewensteIngangsdatum of every TeWijzigenProduct and NieuwProduct, the only dates of a JW317 that lie ahead
 * (OP343: a VOW is sent before the wished ingangsdatum).
 */
export const TR380: BerichtRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/xslt/TR380.md',
  niveau: 2,
  retourcode: meta.retourcode,
  berichten: [], // not a rule of JW301, JW305 or JW307
  check: () => [],
  verzoek: {
    berichten: ['JW317'],
    check(bericht) {
      const v = verzoekVan(bericht);
      const dagtekening = bericht.header.dagtekening;
      const out: Bevinding[] = [];
      for (const [soort, lijst] of [
        ['TeWijzigenProduct', v?.teWijzigen ?? []],
        ['NieuwProduct', v?.nieuw ?? []],
      ] as const) {
        lijst.forEach((p, i) => {
          if (p.gewensteIngangsdatum <= dagtekening) {
            out.push(
              verzoekProductBevinding(
                meta,
                soort,
                i,
                'GewensteIngangsdatum',
                `de gewenste ingangsdatum ${nlDatum(p.gewensteIngangsdatum)} ligt niet na de dagtekening van het bericht ` +
                  `(${nlDatum(dagtekening)})`,
              ),
            );
          }
        });
      }
      return out;
    },
  },
};
