import { antwoordBevinding, antwoorden, isVerzoek, sameKey } from './verzoek-historie-util';
import type { VerzoekHistorieRegel } from './verzoek-historie';

const meta = { code: 'TR355', niveau: 3 as const, retourcode: '9355' };

/**
 * TR355 (regels/technische-regels/berichtoverstijgend/TR355.md): ReferentieAanbieder in het antwoordbericht komt voor in een eerder
 * verzoek om toewijzing of verzoek om wijziging, retourcode 9355.
 * A JW319 answers an accepted JW315 or JW317 of the same gemeente (its Afzender) and aanbieder (its Ontvanger) with
 * the same ReferentieAanbieder; otherwise it is refused, 9355 on the Antwoord. (9355 is in the LDT_RetourCode
 * enumeration of basisschema.xsd and is the retourcode of TR355.md; the WJ001 transcription lacks it, see wj001.json.)
 */
export const TR355: VerzoekHistorieRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/berichtoverstijgend/TR355.md',
  niveau: 3,
  retourcode: meta.retourcode,
  berichten: ['JW319'],
  check(bericht, historie) {
    return antwoorden(bericht).flatMap((a) =>
      historie.berichten.some((b) => isVerzoek(b) && sameKey(b, a))
        ? []
        : [
            antwoordBevinding(
              meta,
              `er is geen verzoek om toewijzing of verzoek om wijziging met ReferentieAanbieder ${a.referentieAanbieder} ` +
                `van aanbieder ${a.aanbieder} aan deze gemeente ontvangen`,
            ),
          ],
    );
  },
};
