import type { BerichtRegel } from './types';
import { RETOURCODE_TECHNISCH, arr, bevinding, obj, str } from './util';

const meta = { code: 'TR061', niveau: 2 as const, retourcode: RETOURCODE_TECHNISCH };

const SOORTEN = new Set(['01', '02', '03']);

/**
 * TR061 (regels/technische-regels/xslt/TR061.md): bij een Client komt minimaal één Adres voor met Soort 01 (BRP), 02 (correspondentie) of
 * 03 (verblijf) (JW301, uit de boom).
 */
export const TR061: BerichtRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/xslt/TR061.md',
  niveau: 2,
  retourcode: meta.retourcode,
  berichten: ['JW301'],
  check(bericht, ctx) {
    const client = ctx.boom?.client;
    if (bericht.berichtcode !== 'JW301' || !client) return [];
    const ok = arr(obj(client['contactgegevens'])?.['contact']).some((c) => SOORTEN.has(str(c['soort']) ?? ''));
    if (ok) return [];
    return [
      bevinding(
        meta,
        'client',
        'De cliënt heeft geen contact met een BRP-adres (01), correspondentieadres (02) of verblijfadres (03) (TR061).',
        { pad: 'Client/Contactgegevens' },
      ),
    ];
  },
};
