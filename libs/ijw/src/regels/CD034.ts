import type { Bevinding } from '../model';
import type { BerichtRegel } from './types';
import { RETOURCODE_TECHNISCH, bevinding, contacten, obj, str } from './util';

const meta = { code: 'CD034', niveau: 2 as const, retourcode: RETOURCODE_TECHNISCH };

/**
 * CD034 (regels/condities-constraints/Condities_constraints_per_data-element.md): Postcode verplicht als Soort adres 01 (BRP-adres) of 03
 * (verblijfadres) is (Contact in JW301, uit de boom).
 */
export const CD034: BerichtRegel = {
  code: meta.code,
  bron: 'regels/condities-constraints/Condities_constraints_per_data-element.md',
  niveau: 2,
  retourcode: meta.retourcode,
  berichten: ['JW301'],
  check(bericht, ctx) {
    if (bericht.berichtcode !== 'JW301') return [];
    const out: Bevinding[] = [];
    for (const c of contacten(ctx.boom?.client)) {
      const soort = str(c.contact['soort']);
      if ((soort === '01' || soort === '03') && obj(c.contact['adres'])?.['postcode'] === undefined) {
        out.push(
          bevinding(meta, 'client', `In ${c.naam} (soort adres ${soort}) moet de postcode gevuld zijn (CD034).`, {
            pad: `${c.pad}/Adres/Postcode`,
          }),
        );
      }
    }
    return out;
  },
};
