import type { BerichtRegel } from './types';
import { RETOURCODE_TECHNISCH, nlDatum, productBevinding } from './util';
import type { Bevinding } from '../model';

const meta = { code: 'TR018', niveau: 2 as const, retourcode: RETOURCODE_TECHNISCH };

/** TR018 (regels/technische-regels/xslt/TR018.md): Einddatum moet groter dan of gelijk zijn aan Begindatum (StopProduct). */
export const TR018: BerichtRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/xslt/TR018.md',
  niveau: 2,
  retourcode: meta.retourcode,
  berichten: ['JW307'],
  check(bericht) {
    const out: Bevinding[] = [];
    bericht.regels.forEach((regel, i) => {
      if (regel.berichtcode === 'JW307' && regel.einddatum < regel.begindatum) {
        out.push(
          productBevinding(
            meta,
            regel,
            i,
            'Einddatum',
            `de einddatum ${nlDatum(regel.einddatum)} ligt voor de begindatum ${nlDatum(regel.begindatum)}`,
          ),
        );
      }
    });
    return out;
  },
};
