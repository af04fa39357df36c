import type { Bevinding } from '../model';
import type { BerichtRegel } from './types';
import { bevinding, nlDatum } from './util';

const meta = { code: 'TR135', niveau: 4 as const, retourcode: '8848' };

/**
 * TR135 (regels/technische-regels/externe-bon/TR135.md): Dagtekening is een bestaande datum die niet in de toekomst ligt (systeemdatum),
 * retourcode 8848.
 */
export const TR135: BerichtRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/externe-bon/TR135.md',
  niveau: 4,
  retourcode: meta.retourcode,
  berichten: ['JW301', 'JW305', 'JW307'],
  check(bericht, ctx) {
    return dagtekeningNaOntvangst(bericht.header.dagtekening, ctx.today);
  },
  verzoek: {
    berichten: ['JW315', 'JW317', 'JW319'],
    check: (bericht, ctx) => dagtekeningNaOntvangst(bericht.header.dagtekening, ctx.today),
  },
};

function dagtekeningNaOntvangst(dagtekening: string, today: string): Bevinding[] {
  if (dagtekening <= today) return [];
  return [
    bevinding(
      meta,
      'header',
      `De dagtekening van het bericht (${nlDatum(dagtekening)}) ligt na de datum van ontvangst (${nlDatum(today)}) (TR135).`,
      {
        pad: 'Header/BerichtIdentificatie/Dagtekening',
      },
    ),
  ];
}
