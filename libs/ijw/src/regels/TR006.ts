import type { Bevinding } from '../model';
import type { BerichtRegel } from './types';
import { RETOURCODE_TECHNISCH, bevinding, contacten, obj } from './util';

const meta = { code: 'TR006', niveau: 2 as const, retourcode: RETOURCODE_TECHNISCH };

/**
 * TR006 (regels/technische-regels/xslt/TR006.md): de berichtklasse Contact bevat Telefoon en/of de combinatie Huis en Postcode (JW301, uit
 * de boom).
 */
export const TR006: BerichtRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/xslt/TR006.md',
  niveau: 2,
  retourcode: meta.retourcode,
  berichten: ['JW301'],
  check(bericht, ctx) {
    if (bericht.berichtcode !== 'JW301') return [];
    const out: Bevinding[] = [];
    for (const c of contacten(ctx.boom?.client)) {
      const adres = obj(c.contact['adres']);
      const huisEnPostcode = obj(adres?.['huis']) !== undefined && adres?.['postcode'] !== undefined;
      if (c.contact['telefoon'] === undefined && !huisEnPostcode) {
        out.push(
          bevinding(meta, 'client', `In ${c.naam} ontbreekt een telefoonnummer of een adres met huisnummer en postcode (TR006).`, {
            pad: c.pad,
          }),
        );
      }
    }
    return out;
  },
};
