import type { HistorieRegel } from './types';
import { alsStop, stopGroepSleutel, stopSleutel } from './historie';
import { productBevinding, statusAanlevering } from './util';

const meta = { code: 'TR413', niveau: 3 as const, retourcode: '9413' };

/**
 * TR413 (regels/technische-regels/berichtoverstijgend/TR413.md): is er al een StopProduct voor hetzelfde Bsn,
 * ToewijzingNummer en Begindatum met RedenBeeindiging 20, dan is RedenBeeindiging niet 20 (bij StatusAanlevering 1),
 * retourcode 9413: after a temporary stop only the definitive stop may follow without a new start (OP377, OP378).
 */
export const TR413: HistorieRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/berichtoverstijgend/TR413.md',
  niveau: 3,
  retourcode: meta.retourcode,
  berichten: ['JW307'],
  check(regel, index, historie) {
    if (regel.berichtcode !== 'JW307' || statusAanlevering(regel) === '3' || regel.redenBeeindiging !== '20') return null;
    const nieuw = alsStop(regel);
    const groep = stopGroepSleutel(nieuw);
    const key = stopSleutel(nieuw);
    if (!historie.stops.some((s) => s.redenBeeindiging === '20' && stopGroepSleutel(s) === groep && stopSleutel(s) !== key)) return null;
    return productBevinding(
      meta,
      regel,
      index,
      'RedenBeeindiging',
      'voor deze levering is al een tijdelijke beëindiging (reden 20) gemeld; meld nu de definitieve beëindiging met een andere reden, ' +
        'of eerst een nieuwe start',
    );
  },
};
