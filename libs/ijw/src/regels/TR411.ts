import { bevinding } from './util';
import { teWijzigenMetToewijzing, teWijzigenPad } from './verzoek-historie-util';
import type { VerzoekHistorieRegel } from './verzoek-historie';

const meta = { code: 'TR411', niveau: 3 as const, retourcode: '9411' };

/**
 * TR411 (regels/technische-regels/berichtoverstijgend/TR411.md): Indien Code in Product bij de toewijzing met ToewijzingNummer gevuld
 * is, dan Omvang verplicht vullen, retourcode 9411.
 * A TeWijzigenProduct of a JW317 whose toewijzing (the current version, by ToewijzingNummer) has a Product with a
 * Code must carry an Omvang; else 9411 on it. A TeWijzigenProduct whose toewijzing TR351 refuses is left to TR351.
 */
export const TR411: VerzoekHistorieRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/berichtoverstijgend/TR411.md',
  niveau: 3,
  retourcode: meta.retourcode,
  berichten: ['JW317'],
  check(bericht, historie) {
    return teWijzigenMetToewijzing(bericht, historie).flatMap(({ product, index, toewijzing }) =>
      toewijzing.product?.code && !product.omvang
        ? [
            bevinding(
              meta,
              'product',
              `TeWijzigenProduct ${index + 1}: Omvang is leeg, terwijl de toewijzing ${product.toewijzingNummer} ` +
                `productcode ${toewijzing.product.code} heeft (${meta.code}).`,
              { pad: teWijzigenPad(index, 'Omvang') },
            ),
          ]
        : [],
    );
  },
};
