import type { Bevinding } from '../model';
import type { BerichtRegel } from './types';
import { RETOURCODE_TECHNISCH, bevinding, contacten, obj } from './util';

const meta = { code: 'CD005', niveau: 2 as const, retourcode: RETOURCODE_TECHNISCH };

/**
 * CD005 (regels/condities-constraints/Condities_constraints_per_data-element.md): LandCode verplicht als Postcode gevuld is, anders leeg
 * laten (Contact in JW301, uit de boom).
 */
export const CD005: BerichtRegel = {
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
      if (!adres) continue;
      const postcode = adres['postcode'] !== undefined;
      const land = adres['landCode'] !== undefined;
      if (postcode === land) continue;
      const tekst = postcode
        ? 'bij een postcode moet de landcode gevuld zijn'
        : 'de landcode mag alleen gevuld zijn als de postcode gevuld is';
      out.push(bevinding(meta, 'client', `Adres van ${c.naam}: ${tekst} (CD005).`, { pad: `${c.pad}/Adres/LandCode` }));
    }
    return out;
  },
};
