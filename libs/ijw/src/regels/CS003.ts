import type { Bevinding } from '../model';
import type { BerichtRegel } from './types';
import { RETOURCODE_TECHNISCH, bevinding, contacten, nlDatum, obj, perToegewezenProduct, productBevinding, str } from './util';
import { aangevraagdBevinding, aangevraagdeProducten, verzoekProductBevinding, verzoekVan } from './verzoek-util';

const meta = { code: 'CS003', niveau: 2 as const, retourcode: RETOURCODE_TECHNISCH };

/**
 * CS003 (regels/condities-constraints/Condities_constraints_per_data-element.md): een Einddatum is groter dan of gelijk
 * aan de Begindatum (of Ingangsdatum) van de aangeduide periode: ToegewezenProduct (JW301) and Contact/Periode
 * (JW301, read from the boom).
 */
export const CS003: BerichtRegel = {
  code: meta.code,
  bron: 'regels/condities-constraints/Condities_constraints_per_data-element.md',
  niveau: 2,
  retourcode: meta.retourcode,
  berichten: ['JW301'],
  check(bericht, ctx) {
    const out: Bevinding[] = perToegewezenProduct(bericht, (regel, i) =>
      regel.einddatum !== undefined && regel.einddatum < regel.ingangsdatum
        ? productBevinding(
            meta,
            regel,
            i,
            'Einddatum',
            `de einddatum ${nlDatum(regel.einddatum)} ligt voor de ingangsdatum ${nlDatum(regel.ingangsdatum)}`,
          )
        : undefined,
    );
    if (bericht.berichtcode !== 'JW301') return out;
    for (const c of contacten(ctx.boom?.client)) {
      const periode = obj(c.contact['periode']);
      const begin = str(periode?.['begindatum']);
      const eind = str(periode?.['einddatum']);
      if (begin && eind && eind < begin) {
        out.push(
          bevinding(meta, 'client', `De periode van ${c.naam} eindigt (${nlDatum(eind)}) voor de begindatum (${nlDatum(begin)}) (CS003).`, {
            pad: `${c.pad}/Periode/Einddatum`,
          }),
        );
      }
    }
    return out;
  },
  // JW315 AangevraagdProduct: ToewijzingEinddatum ≥ ToewijzingIngangsdatum; JW317 NieuwProduct and TeWijzigenProduct:
  // Einddatum ≥ GewensteIngangsdatum.
  verzoek: {
    berichten: ['JW315', 'JW317'],
    check(bericht) {
      const out = aangevraagdeProducten(bericht).flatMap((p, i) =>
        p.toewijzingEinddatum !== undefined && p.toewijzingEinddatum < p.toewijzingIngangsdatum
          ? [
              aangevraagdBevinding(
                meta,
                p,
                i,
                'ToewijzingEinddatum',
                `de einddatum ${nlDatum(p.toewijzingEinddatum)} ligt voor de ingangsdatum ${nlDatum(p.toewijzingIngangsdatum)}`,
              ),
            ]
          : [],
      );
      const verzoek = verzoekVan(bericht);
      for (const [soort, lijst] of [
        ['TeWijzigenProduct', verzoek?.teWijzigen ?? []],
        ['NieuwProduct', verzoek?.nieuw ?? []],
      ] as const) {
        lijst.forEach((p, i) => {
          if (p.einddatum !== undefined && p.einddatum < p.gewensteIngangsdatum) {
            out.push(
              verzoekProductBevinding(
                meta,
                soort,
                i,
                'Einddatum',
                `de einddatum ${nlDatum(p.einddatum)} ligt voor de gewenste ingangsdatum ${nlDatum(p.gewensteIngangsdatum)}`,
              ),
            );
          }
        });
      }
      return out;
    },
  },
};
