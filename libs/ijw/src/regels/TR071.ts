import type { HistorieRegel } from './types';
import { alsStart, startSleutel } from './historie';
import { productBevinding, statusAanlevering } from './util';

const meta = { code: 'TR071', niveau: 3 as const, retourcode: '9071' };

/**
 * TR071 (regels/technische-regels/berichtoverstijgend/TR071.md): StatusAanlevering 3 is niet toegestaan als voor de
 * betreffende start al een stop is verstuurd (a stop with the same ToewijzingNummer, Product and Begindatum that is
 * not deleted), retourcode 9071. First delete the stop, then the start (OP033).
 */
export const TR071: HistorieRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/berichtoverstijgend/TR071.md',
  niveau: 3,
  retourcode: meta.retourcode,
  berichten: ['JW305'],
  check(regel, index, historie) {
    if (regel.berichtcode !== 'JW305' || statusAanlevering(regel) !== '3') return null;
    const key = startSleutel(alsStart(regel));
    if (!historie.stops.some((s) => startSleutel(s) === key)) return null;
    return productBevinding(
      meta,
      regel,
      index,
      'StatusAanlevering',
      'deze start kan niet verwijderd worden omdat er al een stopbericht voor is gestuurd; verwijder eerst de stop',
    );
  },
};
