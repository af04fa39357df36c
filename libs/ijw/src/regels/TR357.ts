import { bevinding } from './util';
import { teWijzigenMetToewijzing, teWijzigenPad } from './verzoek-historie-util';
import type { VerzoekHistorieRegel } from './verzoek-historie';

const meta = { code: 'TR357', niveau: 3 as const, retourcode: '9357' };

/**
 * TR357 (regels/technische-regels/berichtoverstijgend/TR357.md): Als GewensteIngangsdatum kleiner dan of gelijk is aan de dagtekening,
 * dan is GewensteIngangsdatum gelijk aan ingangsdatum van het originele ToegewezenProduct, retourcode 9357.
 * A TeWijzigenProduct of a JW317 whose GewensteIngangsdatum is on or before the Dagtekening of the bericht (a change
 * that does not start in the future: it holds for the whole looptijd) must wish the Ingangsdatum of its toewijzing;
 * else 9357 on GewensteIngangsdatum. "Het originele ToegewezenProduct" is taken as the current version of the
 * toewijzing by ToewijzingNummer (a later version keeps the toewijzing's number; the historie keeps the current
 * version's Ingangsdatum). A TeWijzigenProduct whose toewijzing TR351 refuses is left to TR351. NieuwProducten have no
 * original ToegewezenProduct and are not checked. Note: TR380 (niveau 2) as applied here also asks every
 * TeWijzigenProduct's GewensteIngangsdatum to lie after the dagtekening, so in ingest such a JW317 is refused at
 * niveau 2 (0001) before this rule is reached; the two readings of the standard disagree (see docs/messages.md §16).
 */
export const TR357: VerzoekHistorieRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/berichtoverstijgend/TR357.md',
  niveau: 3,
  retourcode: meta.retourcode,
  berichten: ['JW317'],
  check(bericht, historie) {
    return teWijzigenMetToewijzing(bericht, historie).flatMap(({ product, index, toewijzing, verzoek }) =>
      toewijzing.ingangsdatum &&
      product.gewensteIngangsdatum <= verzoek.dagtekening &&
      product.gewensteIngangsdatum !== toewijzing.ingangsdatum
        ? [
            bevinding(
              meta,
              'product',
              `TeWijzigenProduct ${index + 1}: GewensteIngangsdatum ${product.gewensteIngangsdatum} ligt niet na de dagtekening ` +
                `${verzoek.dagtekening}, maar is niet de ingangsdatum ${toewijzing.ingangsdatum} ` +
                `van toewijzing ${product.toewijzingNummer} (${meta.code}).`,
              { pad: teWijzigenPad(index, 'GewensteIngangsdatum') },
            ),
          ]
        : [],
    );
  },
};
