import type { Omvang } from '../model';
import { bevinding } from './util';
import { teWijzigenMetToewijzing, teWijzigenPad } from './verzoek-historie-util';
import type { VerzoekHistorieRegel } from './verzoek-historie';

const meta = { code: 'TR373', niveau: 3 as const, retourcode: '9373' };

/** WMO757 Frequentie 6: totaal binnen geldigheidsduur toewijzing. */
const TOTAAL = '6';

const gelijk = (a: Omvang | undefined, b: Omvang | undefined): boolean =>
  a?.volume === b?.volume && a?.eenheid === b?.eenheid && a?.frequentie === b?.frequentie;

/**
 * TR373 (regels/technische-regels/berichtoverstijgend/TR373.md): Indien in een TeWijzigenProduct het Budget of het totaal over
 * toewijzingsperiode wordt gewijzigd, dient GewensteIngangsdatum gelijk te zijn aan de actuele toewijzing, retourcode 9373.
 * A TeWijzigenProduct of a JW317 that changes the Budget (a Budget other than the toewijzing's current one) or the
 * total over the toewijzingsperiode (an Omvang with Frequentie 6 "totaal binnen geldigheidsduur toewijzing", in the
 * TeWijzigenProduct or in the toewijzing, that differs from the toewijzing's Omvang) must wish the Ingangsdatum of the
 * current toewijzing; else 9373 on GewensteIngangsdatum. A TeWijzigenProduct without Budget changes no Budget. A
 * TeWijzigenProduct whose toewijzing TR351 refuses is left to TR351.
 */
export const TR373: VerzoekHistorieRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/berichtoverstijgend/TR373.md',
  niveau: 3,
  retourcode: meta.retourcode,
  berichten: ['JW317'],
  check(bericht, historie) {
    return teWijzigenMetToewijzing(bericht, historie).flatMap(({ product, index, toewijzing }) => {
      const budget = product.budget !== undefined && product.budget !== toewijzing.budget;
      const totaal =
        (product.omvang?.frequentie === TOTAAL || toewijzing.omvang?.frequentie === TOTAAL) &&
        product.omvang !== undefined &&
        !gelijk(product.omvang, toewijzing.omvang);
      if (!(budget || totaal) || !toewijzing.ingangsdatum || product.gewensteIngangsdatum === toewijzing.ingangsdatum) return [];
      return [
        bevinding(
          meta,
          'product',
          `TeWijzigenProduct ${index + 1}: ${budget ? 'het Budget' : 'het totaal over de toewijzingsperiode'} wijzigt, maar ` +
            `GewensteIngangsdatum ${product.gewensteIngangsdatum} is niet de ingangsdatum ${toewijzing.ingangsdatum} van toewijzing ` +
            `${product.toewijzingNummer} (${meta.code}).`,
          { pad: teWijzigenPad(index, 'GewensteIngangsdatum') },
        ),
      ];
    });
  },
};
