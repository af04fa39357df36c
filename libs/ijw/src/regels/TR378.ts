import cbs from './data/cbs-gemeenten.json';
import type { Bevinding } from '../model';
import type { BerichtRegel } from './types';
import { bevinding } from './util';

const meta = { code: 'TR378', niveau: 4 as const, retourcode: 'S300' };

/** The CBS gemeentelijke indeling of 1 January 2026 (ijw-3.2/codelijsten/CBS_Gemeentecodes.md). */
export const CBS_GEMEENTECODES: ReadonlySet<string> = new Set(cbs.codes);
export const CBS_PEILDATUM: string = cbs.peildatum;

/**
 * TR378 (regels/technische-regels/externe-bon/TR378.md): de gemeentecode (Afzender van een JW301, Ontvanger van een
 * JW305/JW307/JW315/JW317; Afzender van een JW319) komt voor in de CBS-lijst, retourcode S300. The standard allows an older CBS list that
 * is current on
 * the Ingangsdatum after a herindeling; only the 2026 list is in the standard's files, so a caller that needs older
 * codes passes them in `ctx.gemeentecodes`.
 */
export const TR378: BerichtRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/externe-bon/TR378.md',
  niveau: 4,
  retourcode: meta.retourcode,
  berichten: ['JW301', 'JW305', 'JW307'],
  check(bericht, ctx) {
    return gemeentecode(bericht.berichtcode === 'JW301', bericht.header, ctx.gemeentecodes);
  },
  // JW319 is sent by the gemeente (Afzender), JW315/JW317 to it (Ontvanger).
  verzoek: {
    berichten: ['JW315', 'JW317', 'JW319'],
    check: (bericht, ctx) => gemeentecode(bericht.berichtcode === 'JW319', bericht.header, ctx.gemeentecodes),
  },
};

function gemeentecode(
  gemeenteZendt: boolean,
  header: { afzender: string; ontvanger: string },
  codes: ReadonlySet<string> | undefined,
): Bevinding[] {
  const code = gemeenteZendt ? header.afzender : header.ontvanger;
  if ((codes ?? CBS_GEMEENTECODES).has(code)) return [];
  return [
    bevinding(meta, 'header', `Gemeentecode ${code} komt niet voor in de gemeentelijke indeling van het CBS (TR378).`, {
      pad: gemeenteZendt ? 'Header/Afzender' : 'Header/Ontvanger',
    }),
  ];
}
