import type { Bevinding } from '../model';
import type { BerichtRegel } from './types';
import { bevinding, productNaam, productPad } from './util';

const meta = { code: 'TR381', niveau: 4 as const, retourcode: 'S329' };

/**
 * TR381 (regels/technische-regels/externe-bon/TR381.md): ProductCode past volgens de gehanteerde productcodelijst bij
 * de ProductCategorie, retourcode S329. The productcodelijst is the gemeente's (or the national) list and not part of
 * the standard's files: the rule is active only when `ctx.productcodePastBijCategorie` is given.
 */
export const TR381: BerichtRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/externe-bon/TR381.md',
  niveau: 4,
  retourcode: meta.retourcode,
  berichten: ['JW301', 'JW305', 'JW307'],
  check(bericht, ctx) {
    const lookup = ctx.productcodePastBijCategorie;
    if (!lookup) return [];
    const out: Bevinding[] = [];
    bericht.regels.forEach((regel, i) => {
      const product = regel.product;
      if (!product?.code) return;
      const datum = regel.berichtcode === 'JW301' ? regel.ingangsdatum : regel.begindatum;
      if (lookup(product.categorie, product.code, datum) === false) {
        out.push(
          bevinding(
            meta,
            'product',
            `${productNaam(regel, i)}: productcode ${product.code} hoort volgens de productcodelijst niet bij productcategorie ` +
              `${product.categorie} (TR381).`,
            {
              productIndex: i,
              pad: productPad(regel.berichtcode, i, 'Product/Code'),
            },
          ),
        );
      }
    });
    return out;
  },
};
