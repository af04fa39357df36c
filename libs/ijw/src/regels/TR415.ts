import type { HistorieRegel } from './types';
import { alsStop, stopGroepSleutel, stopSleutel } from './historie';
import { productBevinding, statusAanlevering } from './util';

const meta = { code: 'TR415', niveau: 3 as const, retourcode: '9415' };

/**
 * TR415 (regels/technische-regels/berichtoverstijgend/TR415.md): er mag geen StopProduct zijn met gelijk Bsn,
 * ToewijzingNummer, Begindatum en RedenBeeindiging ongelijk aan 20 (bij StatusAanlevering 1), retourcode 9415: after a
 * definitive stop no further stop for that start.
 */
export const TR415: HistorieRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/berichtoverstijgend/TR415.md',
  niveau: 3,
  retourcode: meta.retourcode,
  berichten: ['JW307'],
  check(regel, index, historie) {
    if (regel.berichtcode !== 'JW307' || statusAanlevering(regel) === '3') return null;
    const nieuw = alsStop(regel);
    const groep = stopGroepSleutel(nieuw);
    const key = stopSleutel(nieuw);
    if (!historie.stops.some((s) => s.redenBeeindiging !== '20' && stopGroepSleutel(s) === groep && stopSleutel(s) !== key)) return null;
    return productBevinding(
      meta,
      regel,
      index,
      undefined,
      'voor deze levering is al een definitieve beëindiging gemeld; corrigeer die eerst met status aanlevering 3',
    );
  },
};
