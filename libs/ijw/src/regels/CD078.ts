import type { BerichtRegel } from './types';
import { RETOURCODE_TECHNISCH, perToegewezenProduct, productBevinding } from './util';

const meta = { code: 'CD078', niveau: 2 as const, retourcode: RETOURCODE_TECHNISCH };

/** CD078 (regels/condities-constraints/Condities_constraints_per_data-element.md): Budget leeg laten als Omvang gevuld is. */
export const CD078: BerichtRegel = {
  code: meta.code,
  bron: 'regels/condities-constraints/Condities_constraints_per_data-element.md',
  niveau: 2,
  retourcode: meta.retourcode,
  berichten: ['JW301'],
  check(bericht) {
    return perToegewezenProduct(bericht, (regel, i) =>
      regel.omvang && regel.budget !== undefined
        ? productBevinding(meta, regel, i, 'Budget', 'een toewijzing met omvang mag geen budget hebben')
        : undefined,
    );
  },
};
