import type { Bevinding } from '../model';
import type { BerichtRegel } from './types';
import { RETOURCODE_TECHNISCH, bevinding, contacten, obj, str } from './util';

const meta = { code: 'CS089', niveau: 2 as const, retourcode: RETOURCODE_TECHNISCH };

/** The Dutch postcode format given in the uitleg of CS089. */
export const NEDERLANDSE_POSTCODE = /^[1-9][0-9]{3}[a-zA-Z]{2}$/;

/**
 * CS089 (regels/condities-constraints/Condities_constraints_per_data-element.md): bij LandCode NL heeft de Postcode het formaat van een
 * Nederlandse postcode (Contact in JW301, uit de boom).
 */
export const CS089: BerichtRegel = {
  code: meta.code,
  bron: 'regels/condities-constraints/Condities_constraints_per_data-element.md',
  niveau: 2,
  retourcode: meta.retourcode,
  berichten: ['JW301'],
  check(bericht, ctx) {
    if (bericht.berichtcode !== 'JW301') return [];
    const out: Bevinding[] = [];
    for (const c of contacten(ctx.boom?.client)) {
      const adres = obj(c.contact['adres']);
      const postcode = str(adres?.['postcode']);
      if (adres && str(adres['landCode']) === 'NL' && postcode !== undefined && !NEDERLANDSE_POSTCODE.test(postcode)) {
        out.push(
          bevinding(
            meta,
            'client',
            `Adres van ${c.naam}: de postcode heeft niet het formaat van een Nederlandse postcode (1234AB) (CS089).`,
            { pad: `${c.pad}/Adres/Postcode` },
          ),
        );
      }
    }
    return out;
  },
};
