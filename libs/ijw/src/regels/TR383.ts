import type { BerichtRegel } from './types';
import { RETOURCODE_TECHNISCH } from './util';
import { aangevraagdBevinding, aangevraagdeProducten } from './verzoek-util';

const meta = { code: 'TR383', niveau: 2 as const, retourcode: RETOURCODE_TECHNISCH };

/**
 * TR383 (regels/technische-regels/xslt/TR383.md): ReferentieAanbieder is uniek voor elk AangevraagdProduct binnen het bericht (exactly as
 * sent, LDT_Referentie). Every repeat after the first is a finding.
 */
export const TR383: BerichtRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/xslt/TR383.md',
  niveau: 2,
  retourcode: meta.retourcode,
  berichten: [], // not a rule of JW301, JW305 or JW307
  check: () => [],
  verzoek: {
    berichten: ['JW315'],
    check(bericht) {
      const gezien = new Set<string>();
      return aangevraagdeProducten(bericht).flatMap((p, i) => {
        if (!gezien.has(p.referentieAanbieder)) {
          gezien.add(p.referentieAanbieder);
          return [];
        }
        return [
          aangevraagdBevinding(
            meta,
            p,
            i,
            'ReferentieAanbieder',
            'deze ReferentieAanbieder komt al voor bij een eerder AangevraagdProduct in dit bericht; elk aangevraagd product heeft een ' +
              'eigen referentie',
          ),
        ];
      });
    },
  },
};
