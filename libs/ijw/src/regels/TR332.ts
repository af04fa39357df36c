import type { HistorieRegel } from './types';
import { toewijzingSleutel } from './historie';
import { productBevinding, productOmschrijving, sameProduct } from './util';

const meta = { code: 'TR332', niveau: 3 as const, retourcode: '9332' };

/**
 * TR332 (regels/technische-regels/berichtoverstijgend/TR332.md): ieder ToegewezenProduct binnen één gemeente heeft
 * een uniek nummer, retourcode 9332. A known ToewijzingNummer may come again only for the same ToegewezenProduct
 * (a new version, OP033x1): same client, same aanbieder, same Product. Other changes (dates, omvang, budget) are
 * versions, not a new product. A deleted toewijzing keeps its number.
 */
export const TR332: HistorieRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/berichtoverstijgend/TR332.md',
  niveau: 3,
  retourcode: meta.retourcode,
  berichten: ['JW301'],
  check(regel, index, historie) {
    if (regel.berichtcode !== 'JW301') return null;
    const t = historie.toewijzingen[toewijzingSleutel(regel.gemeente, regel.toewijzingNummer)];
    if (!t) return null;
    let reden: string | undefined;
    if (t.clientPseudonym !== regel.client.pseudonym) reden = 'is al gebruikt voor een toewijzing aan een andere cliënt';
    else if (t.aanbieder !== regel.aanbieder) reden = 'is al gebruikt voor een toewijzing aan een andere aanbieder';
    else if (!sameProduct(t.product, regel.product))
      reden = `is al gebruikt voor ${productOmschrijving(t.product)}; een ander product krijgt een nieuw toewijzingnummer`;
    return reden ? productBevinding(meta, regel, index, 'ToewijzingNummer', `toewijzingnummer ${regel.toewijzingNummer} ${reden}`) : null;
  },
};
