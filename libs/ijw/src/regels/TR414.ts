import type { HistorieRegel } from './types';
import { alsStop, stopGroepSleutel } from './historie';
import { nlDatum, productBevinding, statusAanlevering } from './util';

const meta = { code: 'TR414', niveau: 3 as const, retourcode: '9414' };

/**
 * TR414 (regels/technische-regels/berichtoverstijgend/TR414.md): is er al een StopProduct voor hetzelfde Bsn,
 * ToewijzingNummer en Begindatum, dan is de Einddatum groter dan of gelijk aan de Einddatum van het actuele
 * StopProduct, retourcode 9414. With more than one earlier stop the latest Einddatum is the bound.
 */
export const TR414: HistorieRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/berichtoverstijgend/TR414.md',
  niveau: 3,
  retourcode: meta.retourcode,
  berichten: ['JW307'],
  check(regel, index, historie) {
    if (regel.berichtcode !== 'JW307' || statusAanlevering(regel) === '3') return null;
    const groep = stopGroepSleutel(alsStop(regel));
    const eerdere = historie.stops.filter((s) => stopGroepSleutel(s) === groep).map((s) => s.einddatum);
    if (eerdere.length === 0) return null;
    const grens = eerdere.reduce((a, b) => (a > b ? a : b));
    if (regel.einddatum >= grens) return null;
    return productBevinding(
      meta,
      regel,
      index,
      'Einddatum',
      `de einddatum ${nlDatum(regel.einddatum)} ligt voor de einddatum ${nlDatum(grens)} van het eerdere stopbericht voor deze levering`,
    );
  },
};
