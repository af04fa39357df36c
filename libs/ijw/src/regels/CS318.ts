import type { BerichtRegel } from './types';
import { RETOURCODE_TECHNISCH, bevinding, obj, str } from './util';

const meta = { code: 'CS318', niveau: 2 as const, retourcode: RETOURCODE_TECHNISCH };

/**
 * CS318 (regels/condities-constraints/Condities_constraints_per_data-element.md): NaamGebruik 6 (niet-natuurlijk persoon) niet vullen bij
 * de Naam van de Client (JW301, uit de boom).
 */
export const CS318: BerichtRegel = {
  code: meta.code,
  bron: 'regels/condities-constraints/Condities_constraints_per_data-element.md',
  niveau: 2,
  retourcode: meta.retourcode,
  berichten: ['JW301'],
  check(bericht, ctx) {
    if (bericht.berichtcode !== 'JW301') return [];
    if (str(obj(ctx.boom?.client?.['naam'])?.['naamGebruik']) !== '6') return [];
    return [
      bevinding(
        meta,
        'client',
        'De cliënt is een natuurlijk persoon: naamgebruik 6 (niet-natuurlijk persoon) is niet toegestaan (CS318).',
        { pad: 'Client/Naam/NaamGebruik' },
      ),
    ];
  },
};
