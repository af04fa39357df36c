import { isValidBsn } from '../bsn';
import type { Bevinding } from '../model';
import type { BerichtRegel } from './types';
import { RETOURCODE_TECHNISCH, bevinding } from './util';

const meta = { code: 'CS002', niveau: 2 as const, retourcode: RETOURCODE_TECHNISCH };

/** CS002 (regels/condities-constraints/Condities_constraints_per_data-element.md): Bsn voldoet aan de 11-proef. */
export const CS002: BerichtRegel = {
  code: meta.code,
  bron: 'regels/condities-constraints/Condities_constraints_per_data-element.md',
  niveau: 2,
  retourcode: meta.retourcode,
  berichten: ['JW301', 'JW305', 'JW307'],
  check(bericht) {
    return elfproef(bericht.client.bsn);
  },
  verzoek: {
    berichten: ['JW315', 'JW317'],
    check: (bericht) => elfproef(bericht.client?.bsn ?? ''),
  },
};

function elfproef(bsn: string): Bevinding[] {
  if (isValidBsn(bsn)) return [];
  return [bevinding(meta, 'client', 'Het BSN van de cliënt voldoet niet aan de elfproef (CS002).', { pad: 'Client/Bsn' })];
}
