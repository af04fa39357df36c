import type { Bevinding } from '../model';
import type { BerichtRegel } from './types';
import { RETOURCODE_TECHNISCH, arr, bevinding, obj, str } from './util';
import type { BoomObject } from './types';

const meta = { code: 'CS050', niveau: 2 as const, retourcode: RETOURCODE_TECHNISCH };

function fout(naam: BoomObject | undefined): string | undefined {
  if (!naam) return undefined;
  const gebruik = str(naam['naamGebruik']);
  if (gebruik === undefined) return undefined;
  if (obj(naam['partnernaam']))
    return ['1', '2', '3', '4'].includes(gebruik) ? undefined : `met een partnernaam moet naamgebruik 1, 2, 3 of 4 zijn (nu ${gebruik})`;
  return ['1', '6'].includes(gebruik) ? undefined : `zonder partnernaam moet naamgebruik 1 of 6 zijn (nu ${gebruik})`;
}

/**
 * CS050 (regels/condities-constraints/Condities_constraints_per_data-element.md): als Partnernaam gevuld is, dan
 * NaamGebruik 1, 2, 3 of 4, anders 1 of 6. Client and Relatie names in a JW301 (from the boom).
 */
export const CS050: BerichtRegel = {
  code: meta.code,
  bron: 'regels/condities-constraints/Condities_constraints_per_data-element.md',
  niveau: 2,
  retourcode: meta.retourcode,
  berichten: ['JW301'],
  check(bericht, ctx) {
    if (bericht.berichtcode !== 'JW301') return [];
    const client = ctx.boom?.client;
    const out: Bevinding[] = [];
    const f = fout(obj(client?.['naam']));
    if (f) out.push(bevinding(meta, 'client', `Naam van de cliënt: ${f} (CS050).`, { pad: 'Client/Naam/NaamGebruik' }));
    arr(obj(client?.['relaties'])?.['relatie']).forEach((relatie, i) => {
      const r = fout(obj(relatie['naam']));
      if (r)
        out.push(
          bevinding(meta, 'client', `Naam van relatie ${i + 1}: ${r} (CS050).`, {
            pad: `Client/Relaties/Relatie[${i + 1}]/Naam/NaamGebruik`,
          }),
        );
    });
    return out;
  },
};
