import type { BerichtRegel } from './types';
import { RETOURCODE_TECHNISCH, perToegewezenProduct, productBevinding } from './util';

const meta = { code: 'CD075', niveau: 2 as const, retourcode: RETOURCODE_TECHNISCH };

/**
 * CD075 (regels/condities-constraints/Condities_constraints_per_data-element.md): Einddatum verplicht als Budget
 * gevuld is. Followed over Toewijzingsvarianten_inspanning-output.md, whose outputgerichte table marks Einddatum
 * "Optioneel" for a generieke and an aspecifieke toewijzing met budget: the condition is the checkable rule.
 */
export const CD075: BerichtRegel = {
  code: meta.code,
  bron: 'regels/condities-constraints/Condities_constraints_per_data-element.md',
  niveau: 2,
  retourcode: meta.retourcode,
  berichten: ['JW301'],
  check(bericht) {
    return perToegewezenProduct(bericht, (regel, i) =>
      regel.budget !== undefined && regel.einddatum === undefined
        ? productBevinding(meta, regel, i, 'Einddatum', 'een toewijzing met budget moet een einddatum hebben')
        : undefined,
    );
  },
};
