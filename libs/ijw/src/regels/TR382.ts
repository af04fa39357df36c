import type { HistorieRegel } from './types';
import { alsStart, startSleutel } from './historie';
import { productBevinding, statusAanlevering } from './util';

const meta = { code: 'TR382', niveau: 3 as const, retourcode: '9069' };

/**
 * TR382 (regels/technische-regels/berichtoverstijgend/TR382.md): de sleutelelementen uit het startbericht worden in
 * het stopbericht ongewijzigd overgenomen: a stop (StatusAanlevering 1) needs a start, not deleted, with the same
 * ToewijzingNummer, Product and Begindatum.
 *
 * Retourcode 9069, as TR382.md's metadata says. WJ001_Retourcode.md lists 9069 ("Er is geen actueel startbericht met
 * dezelfde sleutel") under TR069, a rule that has no file in this release; the code's meaning is exactly this
 * rule's, the retour XSD (LDT_RetourCode) has 9069 and no other code for it, so the rule file is followed for the
 * code and TR382 is reported as the regel.
 */
export const TR382: HistorieRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/berichtoverstijgend/TR382.md',
  niveau: 3,
  retourcode: meta.retourcode,
  berichten: ['JW307'],
  check(regel, index, historie) {
    if (regel.berichtcode !== 'JW307' || statusAanlevering(regel) === '3') return null;
    const key = startSleutel(alsStart(regel));
    if (historie.starts.some((s) => startSleutel(s) === key)) return null;
    return productBevinding(
      meta,
      regel,
      index,
      undefined,
      'er is geen actueel startbericht met dezelfde toewijzing, hetzelfde product en dezelfde begindatum; neem de gegevens van het ' +
        'startbericht ongewijzigd over',
    );
  },
};
