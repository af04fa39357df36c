import type { BerichtRegel } from './types';
import { RETOURCODE_TECHNISCH, naEind2020, perToegewezenProduct, productBevinding } from './util';

const meta = { code: 'CS338', niveau: 2 as const, retourcode: RETOURCODE_TECHNISCH };

const EENHEDEN = new Set(['14', '16', '83', '84']);
const FREQUENTIES = new Set(['2', '4', '6']);

/**
 * CS338 (regels/condities-constraints/Condities_constraints_per_data-element.md): bij Eenheid 14 (etmaal), 16
 * (dagdeel), 83 (euro's) of 84 (stuks inspanning) en een Einddatum na 31-12-2020 of leeg: Frequentie 2 (per week),
 * 4 (per maand) of 6 (totaal binnen geldigheidsduur toewijzing).
 */
export const CS338: BerichtRegel = {
  code: meta.code,
  bron: 'regels/condities-constraints/Condities_constraints_per_data-element.md',
  niveau: 2,
  retourcode: meta.retourcode,
  berichten: ['JW301'],
  check(bericht) {
    return perToegewezenProduct(bericht, (regel, i) =>
      regel.omvang && EENHEDEN.has(regel.omvang.eenheid) && !FREQUENTIES.has(regel.omvang.frequentie) && naEind2020(regel.einddatum)
        ? productBevinding(
            meta,
            regel,
            i,
            'Omvang/Frequentie',
            `bij eenheid ${regel.omvang.eenheid} moet de frequentie per week (2), per maand (4) of totaal binnen de geldigheidsduur ` +
              `(6) zijn`,
          )
        : undefined,
    );
  },
};
