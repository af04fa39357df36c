import type { BerichtRegel } from './types';
import { RETOURCODE_TECHNISCH, bevinding, obj, str } from './util';

const meta = { code: 'CD007', niveau: 2 as const, retourcode: RETOURCODE_TECHNISCH };

/**
 * CD007 (regels/condities-constraints/Condities_constraints_per_data-element.md): Taal verplicht als Communicatie/Vorm 1 (tolk taal) is,
 * anders leeg laten (JW301, uit de boom).
 */
export const CD007: BerichtRegel = {
  code: meta.code,
  bron: 'regels/condities-constraints/Condities_constraints_per_data-element.md',
  niveau: 2,
  retourcode: meta.retourcode,
  berichten: ['JW301'],
  check(bericht, ctx) {
    if (bericht.berichtcode !== 'JW301') return [];
    const communicatie = obj(ctx.boom?.client?.['communicatie']);
    if (!communicatie) return [];
    const tolkTaal = str(communicatie['vorm']) === '1';
    const taal = str(communicatie['taal']) !== undefined;
    if (tolkTaal === taal) return [];
    const tekst = tolkTaal
      ? 'bij communicatievorm 1 (tolk taal) moet de taal gevuld zijn'
      : 'de taal mag alleen gevuld zijn bij communicatievorm 1 (tolk taal)';
    return [bevinding(meta, 'client', `Communicatie van de cliënt: ${tekst} (CD007).`, { pad: 'Client/Communicatie/Taal' })];
  },
};
