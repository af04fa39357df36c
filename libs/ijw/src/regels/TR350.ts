import { bevinding } from './util';
import { toewijzingProbleem } from './verzoek-historie-util';
import type { VerzoekHistorieRegel } from './verzoek-historie';

const meta = { code: 'TR350', niveau: 3 as const, retourcode: '9350' };

/**
 * TR350 (regels/technische-regels/berichtoverstijgend/TR350.md): Ieder OngewijzigdProduct in een verzoek om wijziging bericht is
 * gerelateerd aan een actueel toegewezen product op basis van het ToewijzingNummer, retourcode 9350.
 * Every OngewijzigdProduct of a JW317 names, by ToewijzingNummer, a toewijzing of this gemeente that is known to the
 * platform, addressed to this aanbieder, for this client, and not deleted (RedenWijziging 13); else 9350 on it.
 * "Actueel" as to its dates (einddatum not passed) is not checked: a toewijzing that ended is still the one the
 * aanbieder refers to.
 */
export const TR350: VerzoekHistorieRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/berichtoverstijgend/TR350.md',
  niveau: 3,
  retourcode: meta.retourcode,
  berichten: ['JW317'],
  check(bericht, historie) {
    const v = bericht.regels.find((r) => r.berichtcode === 'JW317');
    if (!v || v.berichtcode !== 'JW317') return [];
    return v.ongewijzigd.flatMap((nummer, i) => {
      const reden = toewijzingProbleem(historie, v, nummer);
      return reden
        ? [
            bevinding(meta, 'product', `OngewijzigdProduct ${i + 1}: toewijzingnummer ${nummer} ${reden} (${meta.code}).`, {
              pad: `Client/Verzoek/OngewijzigdeProducten/OngewijzigdProduct[${i + 1}]/ToewijzingNummer`,
            }),
          ]
        : [];
    });
  },
};
