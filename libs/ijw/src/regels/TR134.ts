import type { Bevinding } from '../model';
import type { BerichtRegel } from './types';
import { RETOURCODE_TECHNISCH, arr, bevinding, nlDatum, obj, productNaam, productPad, str } from './util';

const meta = { code: 'TR134', niveau: 2 as const, retourcode: RETOURCODE_TECHNISCH };

/**
 * TR134 (regels/technische-regels/xslt/TR134.md): vullen met een bestaande datum die niet groter is dan de
 * Dagtekening van het bericht. Applied to the dates that record something that has happened: Geboortedatum (client,
 * and relaties in a JW301), Toewijzingsdatum (JW301), Begindatum (JW305, JW307) and Einddatum (JW307). Not to
 * Ingangsdatum/Einddatum of a toewijzing nor ToewijzingIngangsdatum, which may lie in the future.
 */
export const TR134: BerichtRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/xslt/TR134.md',
  niveau: 2,
  retourcode: meta.retourcode,
  berichten: ['JW301', 'JW305', 'JW307'],
  check(bericht, ctx) {
    const dagtekening = bericht.header.dagtekening;
    const out: Bevinding[] = [];
    const na = (d: string | undefined): d is string => d !== undefined && d > dagtekening;
    if (na(bericht.client.geboortedatum)) {
      out.push(
        bevinding(
          meta,
          'client',
          `De geboortedatum van de cliënt ligt na de dagtekening van het bericht (${nlDatum(dagtekening)}) (TR134).`,
          { pad: 'Client/Geboortedatum/Datum' },
        ),
      );
    }
    arr(obj(ctx.boom?.client?.['relaties'])?.['relatie']).forEach((relatie, i) => {
      const d = str(obj(relatie['geboortedatum'])?.['datum']);
      if (na(d))
        out.push(
          bevinding(meta, 'client', `De geboortedatum van relatie ${i + 1} ligt na de dagtekening van het bericht (TR134).`, {
            pad: `Client/Relaties/Relatie[${i + 1}]/Geboortedatum/Datum`,
          }),
        );
    });
    bericht.regels.forEach((regel, i) => {
      const velden: [string, string | undefined, string][] =
        regel.berichtcode === 'JW301'
          ? [['Toewijzingsdatum', regel.toewijzingsdatum, 'toewijzingsdatum']]
          : regel.berichtcode === 'JW305'
            ? [['Begindatum', regel.begindatum, 'begindatum']]
            : [
                ['Begindatum', regel.begindatum, 'begindatum'],
                ['Einddatum', regel.einddatum, 'einddatum'],
              ];
      for (const [element, waarde, woord] of velden) {
        if (na(waarde)) {
          out.push(
            bevinding(
              meta,
              'product',
              `${productNaam(regel, i)}: de ${woord} ${nlDatum(waarde)} ligt na de dagtekening van het bericht ` +
                `(${nlDatum(dagtekening)}) (TR134).`,
              {
                productIndex: i,
                pad: productPad(regel.berichtcode, i, element),
              },
            ),
          );
        }
      }
    });
    return out;
  },
  // JW315: the Geboortedatum; the dates of an AangevraagdProduct are the period asked for and may lie in the future.
  verzoek: {
    berichten: ['JW315'],
    check(bericht) {
      const d = bericht.client?.geboortedatum;
      if (d === undefined || d <= bericht.header.dagtekening) return [];
      return [
        bevinding(
          meta,
          'client',
          `De geboortedatum van de cliënt ligt na de dagtekening van het bericht (${nlDatum(bericht.header.dagtekening)}) (TR134).`,
          { pad: 'Client/Geboortedatum/Datum' },
        ),
      ];
    },
  },
};
