import type { BerichtRegel } from './types';
import { RETOURCODE_TECHNISCH, perToegewezenProduct, productBevinding } from './util';

const meta = { code: 'CS335', niveau: 2 as const, retourcode: RETOURCODE_TECHNISCH };

/**
 * CS335 (regels/condities-constraints/Condities_constraints_per_data-element.md): RedenWijziging 13 (verwijderd) alleen als de Ingangsdatum
 * gelijk is aan de Einddatum.
 */
export const CS335: BerichtRegel = {
  code: meta.code,
  bron: 'regels/condities-constraints/Condities_constraints_per_data-element.md',
  niveau: 2,
  retourcode: meta.retourcode,
  berichten: ['JW301'],
  check(bericht) {
    return perToegewezenProduct(bericht, (regel, i) =>
      regel.redenWijziging === '13' && regel.einddatum !== regel.ingangsdatum
        ? productBevinding(
            meta,
            regel,
            i,
            'RedenWijziging',
            'reden wijziging 13 (verwijderd) mag alleen als de einddatum gelijk is aan de ingangsdatum',
          )
        : undefined,
    );
  },
};
