import type { Bevinding } from '../model';
import type { BerichtRegel } from './types';
import { RETOURCODE_TECHNISCH, arr, obj, productBevinding, statusAanlevering, str } from './util';

const meta = { code: 'CS058', niveau: 2 as const, retourcode: RETOURCODE_TECHNISCH };

const TOEGESTAAN = new Set(['1', '3']);

/**
 * CS058 (regels/condities-constraints/Condities_constraints_per_data-element.md): StatusAanlevering 1 (eerste
 * aanlevering) of 3 (verwijderen aanlevering); the XSD allows 1, 2, 3 and 9 (COD467), OP033x2 forbids 2. Read from
 * the boom when given (the flat model types only 1 and 3), else from the flat message.
 */
export const CS058: BerichtRegel = {
  code: meta.code,
  bron: 'regels/condities-constraints/Condities_constraints_per_data-element.md',
  niveau: 2,
  retourcode: meta.retourcode,
  berichten: ['JW305', 'JW307'],
  check(bericht, ctx) {
    if (bericht.berichtcode === 'JW301') return [];
    const lijst = bericht.berichtcode === 'JW305' ? ['startProducten', 'startProduct'] : ['stopProducten', 'stopProduct'];
    const uitBoom = arr(obj(ctx.boom?.client?.[lijst[0]!])?.[lijst[1]!]);
    const out: Bevinding[] = [];
    bericht.regels.forEach((regel, i) => {
      if (regel.berichtcode === 'JW301') return;
      const waarde = str(uitBoom[i]?.['statusAanlevering']) ?? statusAanlevering(regel);
      if (!TOEGESTAAN.has(waarde)) {
        out.push(
          productBevinding(
            meta,
            regel,
            i,
            'StatusAanlevering',
            `status aanlevering ${waarde} is niet toegestaan; gebruik 1 (eerste aanlevering) of 3 (verwijderen aanlevering)`,
          ),
        );
      }
    });
    return out;
  },
};
