import type { HistorieRegel, HistorieStart } from './types';
import { alsStart, startSleutel } from './historie';
import { nlDatum, productBevinding, productSleutel, statusAanlevering } from './util';

const meta = { code: 'TR326', niveau: 3 as const, retourcode: '9326' };

/**
 * TR326 (regels/technische-regels/berichtoverstijgend/TR326.md, OP289): een startbericht mag pas verstuurd worden als
 * er géén actueel startbericht bij het ToegewezenProduct is, retourcode 9326. Actueel = not deleted and no stop with
 * the same key fields. The ToegewezenProduct is the ToewijzingNummer; without one (taakgericht) the Product. A start
 * deleted earlier in the same bericht no longer counts (IV008). A start with exactly the same key is TR074's finding.
 */
export const TR326: HistorieRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/berichtoverstijgend/TR326.md',
  niveau: 3,
  retourcode: meta.retourcode,
  berichten: ['JW305'],
  check(regel, index, historie) {
    if (regel.berichtcode !== 'JW305' || statusAanlevering(regel) === '3') return null;
    const nieuw = alsStart(regel);
    const nieuwKey = startSleutel(nieuw);
    const zelfdeToegewezenProduct = (s: HistorieStart): boolean =>
      s.gemeente === nieuw.gemeente &&
      s.aanbieder === nieuw.aanbieder &&
      s.clientPseudonym === nieuw.clientPseudonym &&
      (nieuw.toewijzingNummer
        ? s.toewijzingNummer === nieuw.toewijzingNummer
        : !s.toewijzingNummer && productSleutel(s.product) === productSleutel(nieuw.product));
    const actueel = historie.starts.find((s) => {
      const key = startSleutel(s);
      return key !== nieuwKey && zelfdeToegewezenProduct(s) && !historie.stops.some((stop) => startSleutel(stop) === key);
    });
    if (!actueel) return null;
    return productBevinding(
      meta,
      regel,
      index,
      undefined,
      `de levering die op ${nlDatum(actueel.begindatum)} is gestart is nog niet gestopt met een stopbericht; stuur eerst een stop (of ` +
        `verwijder die start met status aanlevering 3)`,
    );
  },
};
