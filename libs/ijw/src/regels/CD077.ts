import type { BerichtRegel } from './types';
import { RETOURCODE_TECHNISCH, perToegewezenProduct, productBevinding } from './util';

const meta = { code: 'CD077', niveau: 2 as const, retourcode: RETOURCODE_TECHNISCH };

/** CD077 (regels/condities-constraints/Condities_constraints_per_data-element.md): Omvang leeg laten als Budget gevuld is. */
export const CD077: BerichtRegel = {
  code: meta.code,
  bron: 'regels/condities-constraints/Condities_constraints_per_data-element.md',
  niveau: 2,
  retourcode: meta.retourcode,
  berichten: ['JW301'],
  check(bericht) {
    return perToegewezenProduct(bericht, (regel, i) =>
      regel.budget !== undefined && regel.omvang
        ? productBevinding(meta, regel, i, 'Omvang', 'een toewijzing met budget mag geen omvang hebben')
        : undefined,
    );
  },
};
