import type { BerichtRegel } from './types';
import { RETOURCODE_TECHNISCH, perToegewezenProduct, productBevinding } from './util';

const meta = { code: 'CD076', niveau: 2 as const, retourcode: RETOURCODE_TECHNISCH };

/** CD076 (regels/condities-constraints/Condities_constraints_per_data-element.md): Einddatum verplicht als Frequentie 2 (per week) is. */
export const CD076: BerichtRegel = {
  code: meta.code,
  bron: 'regels/condities-constraints/Condities_constraints_per_data-element.md',
  niveau: 2,
  retourcode: meta.retourcode,
  berichten: ['JW301'],
  check(bericht) {
    return perToegewezenProduct(bericht, (regel, i) =>
      regel.omvang?.frequentie === '2' && regel.einddatum === undefined
        ? productBevinding(meta, regel, i, 'Einddatum', 'een toewijzing met een omvang per week moet een einddatum hebben')
        : undefined,
    );
  },
};
