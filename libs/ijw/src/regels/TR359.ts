import { antwoordBevinding, antwoorden, sameKey } from './verzoek-historie-util';
import type { VerzoekHistorieRegel } from './verzoek-historie';

const meta = { code: 'TR359', niveau: 3 as const, retourcode: '9359' };

/**
 * TR359 (regels/technische-regels/berichtoverstijgend/TR359.md): Als een antwoordbericht wordt verstuurd, mag er niet al eerder een
 * toewijzingsbericht gestuurd zijn met dezelfde ReferentieAanbieder, retourcode 9359.
 * A JW319 for a verzoek that a JW301 with its ReferentieAanbieder has already honoured is refused, 9359 on the
 * Antwoord: once toegewezen, the verzoek is decided.
 */
export const TR359: VerzoekHistorieRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/berichtoverstijgend/TR359.md',
  niveau: 3,
  retourcode: meta.retourcode,
  berichten: ['JW319'],
  check(bericht, historie) {
    return antwoorden(bericht).flatMap((a) => {
      const t = historie.berichten.find((b) => b.berichtcode === 'JW301' && sameKey(b, a));
      return t
        ? [antwoordBevinding(meta, `het verzoek ${a.referentieAanbieder} is al toegewezen (toewijzingnummer ${t.toewijzingNummer ?? '?'})`)]
        : [];
    });
  },
};
