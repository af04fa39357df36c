import type { HistorieRegel } from './types';
import { alsStart, alsStop, startSleutel, stopSleutel } from './historie';
import { productBevinding, statusAanlevering } from './util';

const meta = { code: 'TR074', niveau: 3 as const, retourcode: '9074' };

/**
 * TR074 (regels/technische-regels/berichtoverstijgend/TR074.md): bij StatusAanlevering 1 is de sleutel ook uniek ten
 * opzichte van alle reeds ontvangen berichten, retourcode 9074. A deleted delivery does not count (IV008: after the
 * deletion the same key may be sent again, e.g. to correct the ToewijzingIngangsdatum).
 */
export const TR074: HistorieRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/berichtoverstijgend/TR074.md',
  niveau: 3,
  retourcode: meta.retourcode,
  berichten: ['JW305', 'JW307'],
  check(regel, index, historie) {
    if (regel.berichtcode === 'JW301' || statusAanlevering(regel) === '3') return null;
    if (regel.berichtcode === 'JW305') {
      const key = startSleutel(alsStart(regel));
      if (!historie.starts.some((s) => startSleutel(s) === key)) return null;
      return productBevinding(
        meta,
        regel,
        index,
        undefined,
        'er is al een startbericht met dezelfde toewijzing, hetzelfde product en dezelfde begindatum ontvangen; verwijder dat eerst ' +
          'met status aanlevering 3 om het te corrigeren',
      );
    }
    const key = stopSleutel(alsStop(regel));
    if (!historie.stops.some((s) => stopSleutel(s) === key)) return null;
    return productBevinding(
      meta,
      regel,
      index,
      undefined,
      'er is al een stopbericht met dezelfde toewijzing, hetzelfde product, dezelfde begindatum, reden beëindiging en einddatum ontvangen',
    );
  },
};
