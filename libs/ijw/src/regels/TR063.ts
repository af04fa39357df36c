import type { HistorieRegel } from './types';
import { alsStart, alsStop, startSleutel, stopSleutel } from './historie';
import { productBevinding, statusAanlevering } from './util';

const meta = { code: 'TR063', niveau: 3 as const, retourcode: '9063' };

/**
 * TR063 (regels/technische-regels/berichtoverstijgend/TR063.md): bij StatusAanlevering 3 moet voor de cliënt een
 * eerdere aanlevering met dezelfde logische sleutel verstuurd zijn (and not already deleted), retourcode 9063.
 */
export const TR063: HistorieRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/berichtoverstijgend/TR063.md',
  niveau: 3,
  retourcode: meta.retourcode,
  berichten: ['JW305', 'JW307'],
  check(regel, index, historie) {
    if (regel.berichtcode === 'JW301' || statusAanlevering(regel) !== '3') return null;
    if (regel.berichtcode === 'JW305') {
      const key = startSleutel(alsStart(regel));
      if (historie.starts.some((s) => startSleutel(s) === key)) return null;
      return productBevinding(
        meta,
        regel,
        index,
        'StatusAanlevering',
        'te verwijderen start niet gevonden: er is geen eerder startbericht met dezelfde toewijzing, hetzelfde product en dezelfde ' +
          'begindatum (of het is al verwijderd)',
      );
    }
    const key = stopSleutel(alsStop(regel));
    if (historie.stops.some((s) => stopSleutel(s) === key)) return null;
    return productBevinding(
      meta,
      regel,
      index,
      'StatusAanlevering',
      'te verwijderen stop niet gevonden: er is geen eerder stopbericht met dezelfde toewijzing, hetzelfde product, dezelfde ' +
        'begindatum, reden beëindiging en einddatum (of het is al verwijderd)',
    );
  },
};
