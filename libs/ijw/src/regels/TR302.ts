import type { Bevinding, Jw301Toewijzing } from '../model';
import type { BerichtRegel } from './types';
import { RETOURCODE_TECHNISCH, productBevinding, productOmschrijving } from './util';

const meta = { code: 'TR302', niveau: 2 as const, retourcode: RETOURCODE_TECHNISCH };

/** A deleted toewijzing (Einddatum = Ingangsdatum with RedenWijziging 13, or 01) does not count for stapeling (TR302 toelichting). */
function verwijderd(t: Jw301Toewijzing): boolean {
  return t.einddatum === t.ingangsdatum && (t.redenWijziging === '13' || t.redenWijziging === '01');
}

function overlappen(a: Jw301Toewijzing, b: Jw301Toewijzing): boolean {
  return a.ingangsdatum <= (b.einddatum ?? '9999-12-31') && b.ingangsdatum <= (a.einddatum ?? '9999-12-31');
}

/** Same product in the sense of TR302: a generieke toewijzing clashes with every product; without code the category decides. */
function zelfdeProduct(a: Jw301Toewijzing, b: Jw301Toewijzing): boolean {
  if (!a.product || !b.product) return true;
  if (a.product.categorie !== b.product.categorie) return false;
  return !a.product.code || !b.product.code || a.product.code === b.product.code;
}

/**
 * TR302 (regels/technische-regels/xslt/TR302.md): een Product mag alleen vaker in een toewijzingsbericht voorkomen
 * indien de zorgperiodes elkaar niet overlappen. Without ProductCode the rule works on the category; a toewijzing
 * without category (generiek) may not overlap any other; deleted toewijzingen do not count.
 */
export const TR302: BerichtRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/xslt/TR302.md',
  niveau: 2,
  retourcode: meta.retourcode,
  berichten: ['JW301'],
  check(bericht) {
    if (bericht.berichtcode !== 'JW301') return [];
    const regels = bericht.regels as Jw301Toewijzing[];
    const out: Bevinding[] = [];
    regels.forEach((regel, i) => {
      if (verwijderd(regel)) return;
      const j = regels.findIndex((eerder, k) => k < i && !verwijderd(eerder) && zelfdeProduct(eerder, regel) && overlappen(eerder, regel));
      if (j >= 0) {
        out.push(
          productBevinding(
            meta,
            regel,
            i,
            undefined,
            `${productOmschrijving(regel.product)} overlapt in periode met ToegewezenProduct ${j + 1} ` +
              `(${productOmschrijving(regels[j]!.product)}); hetzelfde product mag alleen vaker voorkomen met niet-overlappende periodes`,
          ),
        );
      }
    });
    return out;
  },
};
