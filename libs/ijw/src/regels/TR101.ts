import type { Bevinding } from '../model';
import type { BerichtRegel } from './types';
import { RETOURCODE_TECHNISCH, productBevinding, productOmschrijving, productSleutel } from './util';

const meta = { code: 'TR101', niveau: 2 as const, retourcode: RETOURCODE_TECHNISCH };

/**
 * TR101 (regels/technische-regels/xslt/TR101.md): binnen een bericht zijn dubbele regels niet toegestaan: de logische
 * sleutel van iedere berichtklasse is uniek binnen het bericht. Keys (see historie.ts): ToegewezenProduct =
 * ToewijzingNummer; StartProduct = ToewijzingNummer + Product + Begindatum; StopProduct = that + RedenBeeindiging +
 * Einddatum. StatusAanlevering is not part of the key, so a deletion (3) and a new delivery (1) with the same key in
 * one bericht are refused, while a deletion and its replacement with another key are fine (IV008).
 */
export const TR101: BerichtRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/xslt/TR101.md',
  niveau: 2,
  retourcode: meta.retourcode,
  berichten: ['JW301', 'JW305', 'JW307'],
  check(bericht) {
    const gezien = new Map<string, number>();
    const out: Bevinding[] = [];
    bericht.regels.forEach((regel, i) => {
      let key: string;
      let omschrijving: string;
      if (regel.berichtcode === 'JW301') {
        key = regel.toewijzingNummer;
        omschrijving = `ToewijzingNummer ${regel.toewijzingNummer}`;
      } else {
        key = [regel.toewijzingNummer ?? '', productSleutel(regel.product), regel.begindatum].join('|');
        omschrijving = `ToewijzingNummer, ${productOmschrijving(regel.product)} en begindatum`;
        if (regel.berichtcode === 'JW307') {
          key += `|${regel.redenBeeindiging}|${regel.einddatum}`;
          omschrijving = `ToewijzingNummer, ${productOmschrijving(regel.product)}, begindatum, reden beëindiging en einddatum`;
        }
      }
      const eerder = gezien.get(key);
      if (eerder === undefined) {
        gezien.set(key, i);
        return;
      }
      out.push(
        productBevinding(
          meta,
          regel,
          i,
          undefined,
          `heeft dezelfde logische sleutel (${omschrijving}) als product ${eerder + 1} in dit bericht; een correctie van een element ` +
            `buiten de sleutel moet in een apart bericht (IV008)`,
        ),
      );
    });
    return out;
  },
};
