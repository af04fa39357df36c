import type { BerichtRegel } from './types';
import { RETOURCODE_TECHNISCH, naEind2020, perToegewezenProduct, productBevinding } from './util';

const meta = { code: 'CD080', niveau: 2 as const, retourcode: RETOURCODE_TECHNISCH };

/**
 * CD080 (regels/condities-constraints/Condities_constraints_per_data-element.md): Omvang leeg laten als Code in
 * Product leeg is en de Einddatum na 31-12-2020 ligt of leeg is (aspecifieke en generieke toewijzing).
 */
export const CD080: BerichtRegel = {
  code: meta.code,
  bron: 'regels/condities-constraints/Condities_constraints_per_data-element.md',
  niveau: 2,
  retourcode: meta.retourcode,
  berichten: ['JW301'],
  check(bericht) {
    return perToegewezenProduct(bericht, (regel, i) =>
      !regel.product?.code && regel.omvang && naEind2020(regel.einddatum)
        ? productBevinding(meta, regel, i, 'Omvang', 'een toewijzing zonder productcode (aspecifiek of generiek) mag geen omvang hebben')
        : undefined,
    );
  },
};
