import type { Bevinding, IsoDate } from '../model';
import type { BerichtRegel } from './types';
import { RETOURCODE_TECHNISCH, arr, bevinding, obj, str } from './util';

const meta = { code: 'CS139', niveau: 2 as const, retourcode: RETOURCODE_TECHNISCH };

/** The form Datum must have for a DatumGebruik (CS139 uitleg), or undefined when it fits. */
export function datumGebruikFout(datum: IsoDate, datumGebruik: string | undefined): string | undefined {
  if (datumGebruik === '3' && datum !== '1900-01-01') return 'bij DatumGebruik 3 (datum onbekend) moet Datum 01-01-1900 zijn';
  if (datumGebruik === '2' && datum.slice(5) !== '01-01') return 'bij DatumGebruik 2 (dag en maand onbekend) moet Datum 01-01-JJJJ zijn';
  if (datumGebruik === '1' && datum.slice(8) !== '01') return 'bij DatumGebruik 1 (dag onbekend) moet Datum 01-MM-JJJJ zijn';
  return undefined;
}

/**
 * CS139 (regels/condities-constraints/Condities_constraints_per_data-element.md): DatumGebruik en Datum van een
 * Geboortedatum zijn met elkaar in overeenstemming (Client in JW301/JW305/JW307, Relatie in JW301 via de boom).
 */
export const CS139: BerichtRegel = {
  code: meta.code,
  bron: 'regels/condities-constraints/Condities_constraints_per_data-element.md',
  niveau: 2,
  retourcode: meta.retourcode,
  berichten: ['JW301', 'JW305', 'JW307'],
  check(bericht, ctx) {
    const out: Bevinding[] = [];
    const fout = datumGebruikFout(bericht.client.geboortedatum, bericht.client.datumGebruik);
    if (fout) out.push(bevinding(meta, 'client', `Geboortedatum van de cliënt: ${fout} (CS139).`, { pad: 'Client/Geboortedatum/Datum' }));
    arr(obj(ctx.boom?.client?.['relaties'])?.['relatie']).forEach((relatie, i) => {
      const gd = obj(relatie['geboortedatum']);
      const datum = str(gd?.['datum']);
      if (!datum) return;
      const f = datumGebruikFout(datum, str(gd?.['datumGebruik']));
      if (f)
        out.push(
          bevinding(meta, 'client', `Geboortedatum van relatie ${i + 1}: ${f} (CS139).`, {
            pad: `Client/Relaties/Relatie[${i + 1}]/Geboortedatum/Datum`,
          }),
        );
    });
    return out;
  },
  verzoek: {
    berichten: ['JW315'],
    check(bericht) {
      const fout = bericht.client?.geboortedatum ? datumGebruikFout(bericht.client.geboortedatum, bericht.client.datumGebruik) : undefined;
      return fout
        ? [bevinding(meta, 'client', `Geboortedatum van de cliënt: ${fout} (CS139).`, { pad: 'Client/Geboortedatum/Datum' })]
        : [];
    },
  },
};
