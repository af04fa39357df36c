import { referentieBevinding, verzoekRegels } from './verzoek-historie-util';
import type { VerzoekHistorieRegel } from './verzoek-historie';

const meta = { code: 'TR347', niveau: 3 as const, retourcode: '9347' };

/**
 * TR347 (regels/technische-regels/berichtoverstijgend/TR347.md): ReferentieAanbieder is uniek voor de aanbieder binnen het wettelijk
 * domein, retourcode 9347.
 * A JW315 AangevraagdProduct or a JW317 Verzoek whose ReferentieAanbieder this aanbieder used before for an accepted
 * verzoek (JW315 or JW317, of any gemeente: "uniek voor de aanbieder binnen het wettelijk domein") is refused, 9347
 * on the AangevraagdProduct (JW315) or the Verzoek (JW317). Within one JW315, TR383 (niveau 2) checks the products.
 */
export const TR347: VerzoekHistorieRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/berichtoverstijgend/TR347.md',
  niveau: 3,
  retourcode: meta.retourcode,
  berichten: ['JW315', 'JW317'],
  check(bericht, historie) {
    return verzoekRegels(bericht).flatMap(({ regel, index }) => {
      const eerder = historie.berichten.some(
        (b) =>
          (b.berichtcode === 'JW315' || b.berichtcode === 'JW317') &&
          b.aanbieder === regel.aanbieder &&
          b.referentieAanbieder === regel.referentieAanbieder,
      );
      return eerder
        ? [referentieBevinding(meta, bericht, index, 'deze ReferentieAanbieder is al gebruikt voor een eerder verzoek van deze aanbieder')]
        : [];
    });
  },
};
