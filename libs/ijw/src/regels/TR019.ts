import type { HistorieRegel } from './types';
import { toewijzingSleutel } from './historie';
import { productBevinding, statusAanlevering } from './util';

const meta = { code: 'TR019', niveau: 3 as const, retourcode: '9019' };

/**
 * TR019 (regels/technische-regels/berichtoverstijgend/TR019.md): bij een output- of inspanningsgerichte werkwijze is
 * de start of stop gerelateerd aan een toewijzing op basis van het ToewijzingNummer, retourcode 9019. The toewijzing
 * must be known for the gemeente, addressed to this aanbieder, for this client, and not deleted (RedenWijziging 13:
 * counts as not sent). Not applied to a deletion (StatusAanlevering 3: TR063 says no other content checks are needed).
 * A start/stop without ToewijzingNummer (the taakgerichte variant, IV096) is refused here too: Trajectwacht follows
 * care per toewijzing and serves gemeenten that work output- or inspanningsgericht, where TR019 requires the number;
 * accepting it would leave a start that no trajectory can hold.
 */
export const TR019: HistorieRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/berichtoverstijgend/TR019.md',
  niveau: 3,
  retourcode: meta.retourcode,
  berichten: ['JW305', 'JW307'],
  check(regel, index, historie) {
    if (regel.berichtcode === 'JW301' || statusAanlevering(regel) === '3') return null;
    if (!regel.toewijzingNummer) {
      return productBevinding(
        meta,
        regel,
        index,
        'ToewijzingNummer',
        'kan niet gekoppeld worden aan een toewijzing: het ToewijzingNummer ontbreekt (Trajectwacht volgt zorg per toewijzing; de ' +
          'taakgerichte werkwijze zonder toewijzing wordt niet ondersteund)',
      );
    }
    const t = historie.toewijzingen[toewijzingSleutel(regel.gemeente, regel.toewijzingNummer)];
    let reden: string | undefined;
    if (!t) reden = `er is geen toewijzing met dit nummer van gemeente ${regel.gemeente} bekend`;
    else if (t.verwijderd) reden = 'deze toewijzing is door de gemeente verwijderd (reden wijziging 13) en geldt als niet verzonden';
    else if (t.aanbieder !== regel.aanbieder) reden = 'deze toewijzing is aan een andere aanbieder afgegeven';
    else if (t.clientPseudonym !== regel.client.pseudonym) reden = 'deze toewijzing hoort bij een andere cliënt';
    return reden
      ? productBevinding(meta, regel, index, 'ToewijzingNummer', `kan niet gekoppeld worden aan een toewijzing: ${reden}`)
      : null;
  },
};
