import type { Bevinding } from '../model';
import type { BerichtRegel } from './types';
import { RETOURCODE_TECHNISCH, bevinding, contacten, obj, str } from './util';

const meta = { code: 'CD025', niveau: 2 as const, retourcode: RETOURCODE_TECHNISCH };

/**
 * CD025 (regels/condities-constraints/Condities_constraints_per_data-element.md): Huis verplicht als Adres/LandCode NL (Nederland) is
 * (Contact in JW301, uit de boom).
 */
export const CD025: BerichtRegel = {
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
      if (adres && str(adres['landCode']) === 'NL' && !obj(adres['huis'])) {
        out.push(
          bevinding(meta, 'client', `Adres van ${c.naam}: bij een Nederlands adres moet het huisnummer gevuld zijn (CD025).`, {
            pad: `${c.pad}/Adres/Huis`,
          }),
        );
      }
    }
    return out;
  },
};
