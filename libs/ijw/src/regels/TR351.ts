import { bevinding } from './util';
import { toewijzingProbleem } from './verzoek-historie-util';
import type { VerzoekHistorieRegel } from './verzoek-historie';

const meta = { code: 'TR351', niveau: 3 as const, retourcode: '9351' };

/**
 * TR351 (regels/technische-regels/berichtoverstijgend/TR351.md): Ieder TeWijzigenProduct in een verzoek om wijziging is gerelateerd aan
 * een actueel ToegewezenProduct op basis van ToewijzingNummer, retourcode 9351.
 * Every TeWijzigenProduct of a JW317 names, by ToewijzingNummer, a known toewijzing of this gemeente, addressed to
 * this aanbieder, for this client, not deleted; else 9351 on it (the dates as in TR350).
 */
export const TR351: VerzoekHistorieRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/berichtoverstijgend/TR351.md',
  niveau: 3,
  retourcode: meta.retourcode,
  berichten: ['JW317'],
  check(bericht, historie) {
    const v = bericht.regels.find((r) => r.berichtcode === 'JW317');
    if (!v || v.berichtcode !== 'JW317') return [];
    return v.teWijzigen.flatMap((t, i) => {
      const reden = toewijzingProbleem(historie, v, t.toewijzingNummer);
      return reden
        ? [
            bevinding(meta, 'product', `TeWijzigenProduct ${i + 1}: toewijzingnummer ${t.toewijzingNummer} ${reden} (${meta.code}).`, {
              pad: `Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct[${i + 1}]/ToewijzingNummer`,
            }),
          ]
        : [];
    });
  },
};
