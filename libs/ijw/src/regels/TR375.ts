import { bevinding } from './util';
import { teWijzigenMetToewijzing, teWijzigenPad } from './verzoek-historie-util';
import type { VerzoekHistorieRegel } from './verzoek-historie';

const meta = { code: 'TR375', niveau: 3 as const, retourcode: '9375' };

/** TR375, TR412: the toewijzing's Einddatum is "groter dan 31-12-2020 of leeg". */
export const eindtNa2020 = (einddatum: string | undefined): boolean => !einddatum || einddatum > '2020-12-31';

/**
 * TR375 (regels/technische-regels/berichtoverstijgend/TR375.md): Indien Product in de toewijzing met ToewijzingNummer leeg is en
 * Einddatum groter dan 31-12-2020 of leeg is, dan leeg laten, retourcode 9375 ("Omvang is gevuld, terwijl …", WJ001).
 * A TeWijzigenProduct of a JW317 whose toewijzing (current version) has no Product (a generieke toewijzing) and an
 * Einddatum after 31-12-2020 or none carries no Omvang; else 9375 on its Omvang. "Einddatum" is read as the Einddatum
 * of that toewijzing (the rule names "de toewijzing met ToewijzingNummer", the WJ001 text the same), not the Einddatum
 * of the TeWijzigenProduct. A TeWijzigenProduct whose toewijzing TR351 refuses is left to TR351. Such a toewijzing has
 * no Code either, so TR412 finds the same Omvang (both texts hold; both codes go back).
 */
export const TR375: VerzoekHistorieRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/berichtoverstijgend/TR375.md',
  niveau: 3,
  retourcode: meta.retourcode,
  berichten: ['JW317'],
  check(bericht, historie) {
    return teWijzigenMetToewijzing(bericht, historie).flatMap(({ product, index, toewijzing }) =>
      !toewijzing.product && eindtNa2020(toewijzing.einddatum) && product.omvang
        ? [
            bevinding(
              meta,
              'product',
              `TeWijzigenProduct ${index + 1}: Omvang is gevuld, terwijl de toewijzing ${product.toewijzingNummer} geen Product heeft ` +
                `en ${toewijzing.einddatum ? `Einddatum ${toewijzing.einddatum}` : 'geen Einddatum'} (${meta.code}).`,
              { pad: teWijzigenPad(index, 'Omvang') },
            ),
          ]
        : [],
    );
  },
};
