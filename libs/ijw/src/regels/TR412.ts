import { eindtNa2020 } from './TR375';
import { bevinding } from './util';
import { teWijzigenMetToewijzing, teWijzigenPad } from './verzoek-historie-util';
import type { VerzoekHistorieRegel } from './verzoek-historie';

const meta = { code: 'TR412', niveau: 3 as const, retourcode: '9412' };

/**
 * TR412 (regels/technische-regels/berichtoverstijgend/TR412.md): Indien Code in Product bij de toewijzing met ToewijzingNummer leeg is
 * en einddatum groter dan 31-12-2020 of leeg is, dan leeg laten, retourcode 9412 ("Omvang is niet leeg, terwijl …", WJ001).
 * A TeWijzigenProduct of a JW317 whose toewijzing (current version) has no Product Code (only a Categorie, or no
 * Product at all) and an Einddatum after 31-12-2020 or none carries no Omvang; else 9412 on its Omvang. "einddatum" is
 * read as the toewijzing's, as in TR375. With no Product at all TR375 finds the same Omvang (both texts hold).
 * A TeWijzigenProduct whose toewijzing TR351 refuses is left to TR351.
 */
export const TR412: VerzoekHistorieRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/berichtoverstijgend/TR412.md',
  niveau: 3,
  retourcode: meta.retourcode,
  berichten: ['JW317'],
  check(bericht, historie) {
    return teWijzigenMetToewijzing(bericht, historie).flatMap(({ product, index, toewijzing }) =>
      !toewijzing.product?.code && eindtNa2020(toewijzing.einddatum) && product.omvang
        ? [
            bevinding(
              meta,
              'product',
              `TeWijzigenProduct ${index + 1}: Omvang is niet leeg, terwijl de toewijzing ${product.toewijzingNummer} geen productcode ` +
                `heeft en ${toewijzing.einddatum ? `Einddatum ${toewijzing.einddatum}` : 'geen Einddatum'} (${meta.code}).`,
              { pad: teWijzigenPad(index, 'Omvang') },
            ),
          ]
        : [],
    );
  },
};
