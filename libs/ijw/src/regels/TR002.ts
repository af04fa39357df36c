import { lastDayOfMonth } from '@trajectwacht/dates';
import type { Bevinding, IsoDate } from '../model';
import type { BerichtRegel } from './types';
import { RETOURCODE_TECHNISCH, bevinding } from './util';

const meta = { code: 'TR002', niveau: 2 as const, retourcode: RETOURCODE_TECHNISCH };

/** The latest real date a Geboortedatum with this DatumGebruik can stand for (1: end of the month, 2: end of the year). */
export function laatstMogelijkeDatum(datum: IsoDate, datumGebruik: string | undefined): IsoDate {
  if (datumGebruik === '2') return `${datum.slice(0, 4)}-12-31`;
  if (datumGebruik === '1') {
    const [y, m] = [Number(datum.slice(0, 4)), Number(datum.slice(5, 7))];
    const last = lastDayOfMonth(y, m);
    return `${datum.slice(0, 8)}${String(last).padStart(2, '0')}`;
  }
  return datum;
}

/**
 * TR002 (regels/technische-regels/xslt/TR002.md): Geboortedatum mag niet meer dan 120 jaar voor de Dagtekening
 * liggen, tenzij Geboortedatum onbekend is (DatumGebruik 3 en Datum 01-01-1900). A date with an unknown day or month
 * (DatumGebruik 1/2) is not treated as exact: the latest date it can stand for is compared.
 */
export const TR002: BerichtRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/xslt/TR002.md',
  niveau: 2,
  retourcode: meta.retourcode,
  berichten: ['JW301', 'JW305', 'JW307'],
  check(bericht) {
    return teOud(bericht.client.geboortedatum, bericht.client.datumGebruik, bericht.header.dagtekening);
  },
  verzoek: {
    berichten: ['JW315'],
    check: (bericht) =>
      bericht.client?.geboortedatum ? teOud(bericht.client.geboortedatum, bericht.client.datumGebruik, bericht.header.dagtekening) : [],
  },
};

function teOud(geboortedatum: IsoDate, datumGebruik: string | undefined, dagtekening: IsoDate): Bevinding[] {
  if (datumGebruik === '3' && geboortedatum === '1900-01-01') return [];
  const grens = `${String(Number(dagtekening.slice(0, 4)) - 120).padStart(4, '0')}${dagtekening.slice(4)}`;
  if (laatstMogelijkeDatum(geboortedatum, datumGebruik) >= grens) return [];
  return [
    bevinding(
      meta,
      'client',
      'De geboortedatum van de cliënt ligt meer dan 120 jaar voor de dagtekening van het bericht. Is de geboortedatum onbekend, vul ' +
        'dan DatumGebruik 3 met Datum 01-01-1900 (TR002).',
      { pad: 'Client/Geboortedatum/Datum' },
    ),
  ];
}
