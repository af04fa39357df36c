import { antwoordBevinding, antwoorden, sameKey } from './verzoek-historie-util';
import type { VerzoekHistorieRegel } from './verzoek-historie';

const meta = { code: 'TR360', niveau: 3 as const, retourcode: '9360' };

/**
 * TR360 (regels/technische-regels/berichtoverstijgend/TR360.md): Een antwoordbericht met in VerzoekAntwoord de waarde 2 (Aanvraag in
 * onderzoek), mag alleen gestuurd worden indien er nog geen antwoordbericht is met deze ReferentieAanbieder, retourcode 9360.
 * "Aanvraag in onderzoek" (VerzoekAntwoord 2) may be answered once per verzoek, and only as its first answer; a
 * JW319 with 2 after any earlier JW319 with the same ReferentieAanbieder is refused, 9360 on the Antwoord.
 */
export const TR360: VerzoekHistorieRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/berichtoverstijgend/TR360.md',
  niveau: 3,
  retourcode: meta.retourcode,
  berichten: ['JW319'],
  check(bericht, historie) {
    return antwoorden(bericht).flatMap((a) =>
      a.verzoekAntwoord === '2' && historie.berichten.some((b) => b.berichtcode === 'JW319' && sameKey(b, a))
        ? [
            antwoordBevinding(
              meta,
              `het verzoek ${a.referentieAanbieder} is al eerder beantwoord; "in onderzoek" kan alleen als eerste antwoord`,
            ),
          ]
        : [],
    );
  },
};
