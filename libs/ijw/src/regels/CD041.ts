import type { BerichtRegel } from './types';
import { RETOURCODE_TECHNISCH, perToegewezenProduct, productBevinding } from './util';

const meta = { code: 'CD041', niveau: 2 as const, retourcode: RETOURCODE_TECHNISCH };

/**
 * CD041 (regels/condities-constraints/Condities_constraints_per_data-element.md): Omvang verplicht als Code in Product gevuld is
 * (specifieke toewijzing).
 */
export const CD041: BerichtRegel = {
  code: meta.code,
  bron: 'regels/condities-constraints/Condities_constraints_per_data-element.md',
  niveau: 2,
  retourcode: meta.retourcode,
  berichten: ['JW301'],
  check(bericht) {
    return perToegewezenProduct(bericht, (regel, i) =>
      regel.product?.code && !regel.omvang
        ? productBevinding(meta, regel, i, 'Omvang', `een specifieke toewijzing (productcode ${regel.product.code}) moet een omvang hebben`)
        : undefined,
    );
  },
};
