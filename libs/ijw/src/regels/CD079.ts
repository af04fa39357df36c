import type { BerichtRegel } from './types';
import { RETOURCODE_TECHNISCH, perToegewezenProduct, productBevinding } from './util';

const meta = { code: 'CD079', niveau: 2 as const, retourcode: RETOURCODE_TECHNISCH };

/**
 * CD079 (regels/condities-constraints/Condities_constraints_per_data-element.md): Product verplicht als Budget leeg
 * is. A toewijzing without Product is a generieke toewijzing and needs a Budget (Toewijzingsvarianten_inspanning-output.md).
 */
export const CD079: BerichtRegel = {
  code: meta.code,
  bron: 'regels/condities-constraints/Condities_constraints_per_data-element.md',
  niveau: 2,
  retourcode: meta.retourcode,
  berichten: ['JW301'],
  check(bericht) {
    return perToegewezenProduct(bericht, (regel, i) =>
      !regel.product && regel.budget === undefined ? productBevinding(meta, regel, i, 'Product', 'een toewijzing zonder product (generieke toewijzing) moet een budget hebben') : undefined,
    );
  },
};
