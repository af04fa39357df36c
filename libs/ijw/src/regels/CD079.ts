import type { BerichtRegel } from './types';
import { RETOURCODE_TECHNISCH, perToegewezenProduct, productBevinding } from './util';
import { aangevraagdBevinding, aangevraagdeProducten, verzoekProductBevinding, verzoekVan } from './verzoek-util';

const meta = { code: 'CD079', niveau: 2 as const, retourcode: RETOURCODE_TECHNISCH };

/**
 * CD079 (regels/condities-constraints/Condities_constraints_per_data-element.md): Product verplicht als Budget leeg
 * is. A toewijzing without Product is a generieke toewijzing and needs a Budget (Toewijzingsvarianten_inspanning-output.md).
 */
export const CD079: BerichtRegel = {
  code: meta.code,
  bron: 'regels/condities-constraints/Condities_constraints_per_data-element.md',
  niveau: 2,
  retourcode: meta.retourcode,
  berichten: ['JW301'],
  check(bericht) {
    return perToegewezenProduct(bericht, (regel, i) =>
      !regel.product && regel.budget === undefined
        ? productBevinding(meta, regel, i, 'Product', 'een toewijzing zonder product (generieke toewijzing) moet een budget hebben')
        : undefined,
    );
  },
  // JW315 AangevraagdProduct and JW317 NieuwProduct: Product required without Budget.
  verzoek: {
    berichten: ['JW315', 'JW317'],
    check(bericht) {
      const tekst = 'een verzoek zonder product (generiek) moet een budget hebben';
      return [
        ...aangevraagdeProducten(bericht).flatMap((p, i) =>
          !p.product && p.budget === undefined ? [aangevraagdBevinding(meta, p, i, 'Product', tekst)] : [],
        ),
        ...(verzoekVan(bericht)?.nieuw ?? []).flatMap((p, i) =>
          !p.product && p.budget === undefined ? [verzoekProductBevinding(meta, 'NieuwProduct', i, 'Product', tekst)] : [],
        ),
      ];
    },
  },
};
