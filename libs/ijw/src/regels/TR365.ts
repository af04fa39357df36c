import { antwoordBevinding, antwoorden, sameKey } from './verzoek-historie-util';
import type { VerzoekHistorieRegel } from './verzoek-historie';

const meta = { code: 'TR365', niveau: 3 as const, retourcode: '9365' };

/**
 * TR365 (regels/technische-regels/berichtoverstijgend/TR365.md): Als er al een antwoordbericht is met dezelfde ReferentieAanbieder dan
 * moet VerzoekAntwoord daar de waarde 2 (Aanvraag in onderzoek) hebben, retourcode 9365.
 * After a JW319 "verzoek afgewezen" (VerzoekAntwoord 1) no further JW319 with the same ReferentieAanbieder is
 * accepted: every earlier antwoord must be "aanvraag in onderzoek" (2), else 9365 on the Antwoord.
 */
export const TR365: VerzoekHistorieRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/berichtoverstijgend/TR365.md',
  niveau: 3,
  retourcode: meta.retourcode,
  berichten: ['JW319'],
  check(bericht, historie) {
    return antwoorden(bericht).flatMap((a) =>
      historie.berichten.some((b) => b.berichtcode === 'JW319' && sameKey(b, a) && b.verzoekAntwoord !== '2')
        ? [antwoordBevinding(meta, `het verzoek ${a.referentieAanbieder} is al afgewezen; het kan niet opnieuw beantwoord worden`)]
        : [],
    );
  },
};
