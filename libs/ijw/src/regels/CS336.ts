import type { BerichtRegel } from './types';
import { RETOURCODE_TECHNISCH, perToegewezenProduct, productBevinding } from './util';

const meta = { code: 'CS336', niveau: 2 as const, retourcode: RETOURCODE_TECHNISCH };

/**
 * CS336 (regels/condities-constraints/Condities_constraints_per_data-element.md): RedenWijziging 01 (Administratieve correctie (vervallen))
 * niet gebruiken.
 */
export const CS336: BerichtRegel = {
  code: meta.code,
  bron: 'regels/condities-constraints/Condities_constraints_per_data-element.md',
  niveau: 2,
  retourcode: meta.retourcode,
  berichten: ['JW301'],
  check(bericht) {
    return perToegewezenProduct(bericht, (regel, i) =>
      regel.redenWijziging === '01'
        ? productBevinding(
            meta,
            regel,
            i,
            'RedenWijziging',
            'reden wijziging 01 (administratieve correctie, vervallen) mag niet meer gebruikt worden; gebruik 14 (administratieve ' +
              'correctie)',
          )
        : undefined,
    );
  },
};
