import type { Bevinding } from '../model';
import type { BerichtRegel } from './types';
import { RETOURCODE_TECHNISCH, bevinding, contacten, str } from './util';

const meta = { code: 'CD009', niveau: 2 as const, retourcode: RETOURCODE_TECHNISCH };

/**
 * CD009 (regels/condities-constraints/Condities_constraints_per_data-element.md): Periode alleen vullen als Soort adres 04 (tijdelijk
 * adres) is (Contact in JW301, uit de boom).
 */
export const CD009: BerichtRegel = {
  code: meta.code,
  bron: 'regels/condities-constraints/Condities_constraints_per_data-element.md',
  niveau: 2,
  retourcode: meta.retourcode,
  berichten: ['JW301'],
  check(bericht, ctx) {
    if (bericht.berichtcode !== 'JW301') return [];
    const out: Bevinding[] = [];
    for (const c of contacten(ctx.boom?.client)) {
      if (c.contact['periode'] !== undefined && str(c.contact['soort']) !== '04') {
        out.push(
          bevinding(meta, 'client', `In ${c.naam} mag een periode alleen bij soort adres 04 (tijdelijk adres) (CD009).`, {
            pad: `${c.pad}/Periode`,
          }),
        );
      }
    }
    return out;
  },
};
