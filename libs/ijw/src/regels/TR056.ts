import type { HistorieRegel } from './types';
import { beoordeelIdentificatie } from './historie';
import { bevinding } from './util';

const meta = { code: 'TR056', niveau: 3 as const, retourcode: '9056' };

/**
 * TR056 (regels/technische-regels/berichtoverstijgend/TR056.md): Identificatie moet per berichtsoort uniek zijn voor
 * de verzendende partij, retourcode 9056 on the header. The predicate is `beoordeelIdentificatie` (historie.ts): a
 * repeat with the same content is not a finding here: the ingest answers it with the earlier decision.
 */
export const TR056: HistorieRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/berichtoverstijgend/TR056.md',
  niveau: 3,
  retourcode: meta.retourcode,
  berichten: ['JW301', 'JW305', 'JW307'],
  check(_regel, index, historie, bericht) {
    if (index !== 0 || bericht.inhoudHash === undefined) return null;
    if (beoordeelIdentificatie(historie, bericht, bericht.inhoudHash) !== 'conflict') return null;
    return bevinding(
      meta,
      'header',
      `Identificatie ${bericht.header.identificatie} is door deze afzender al gebruikt voor een ander ${bericht.berichtcode}-bericht; ` +
        `geef ieder bericht een eigen identificatie (TR056).`,
      {
        pad: 'Header/BerichtIdentificatie/Identificatie',
      },
    );
  },
};
