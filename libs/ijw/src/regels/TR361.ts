import type { IsoDate, Product } from '../model';
import { toewijzingSleutel } from './historie';
import { bevinding } from './util';
import { toewijzingProbleem } from './verzoek-historie-util';
import type { VerzoekHistorieRegel } from './verzoek-historie';

const meta = { code: 'TR361', niveau: 3 as const, retourcode: '9361' };

interface Zorgperiode {
  product?: Product;
  begin: IsoDate;
  /** Absent: no end. */
  eind?: IsoDate;
  naam: string;
  pad: string;
}

/** Same product: same Code when both have one, else the same Categorie; a product without Categorie matches every product. */
function zelfdeProduct(a: Product | undefined, b: Product | undefined): boolean {
  if (!a?.categorie || !b?.categorie) return true;
  if (a.code && b.code) return a.categorie === b.categorie && a.code === b.code;
  return a.categorie === b.categorie;
}

const overlapt = (a: Zorgperiode, b: Zorgperiode): boolean => (!a.eind || b.begin <= a.eind) && (!b.eind || a.begin <= b.eind);

/**
 * TR361 (regels/technische-regels/berichtoverstijgend/TR361.md): Een Product mag alleen vaker in verzoek om wijziging voorkomen als de
 * zorgperiodes elkaar niet overlappen, retourcode 9361.
 * The products of a JW317 — an OngewijzigdProduct and a TeWijzigenProduct with the Product of its toewijzing (by
 * ToewijzingNummer, the rule's toelichting), a NieuwProduct with its own — compared pairwise: the same Product Code,
 * or without a Code the same Categorie, or without a Categorie any product, with overlapping zorgperiodes gives 9361
 * on the later one of the pair. Zorgperiodes: an OngewijzigdProduct the toewijzing's Ingangsdatum–Einddatum; a
 * TeWijzigenProduct the toewijzing's Ingangsdatum (Begindatum and Product stay the same, IV092) to the Einddatum it
 * asks for; a NieuwProduct GewensteIngangsdatum–Einddatum; no Einddatum: no end. Choice: a TeWijzigenProduct without
 * Einddatum is taken as asking for no end (the xsd leaves it optional and the standard does not say it keeps the
 * toewijzing's). Products whose toewijzing TR350/TR351 refuses are left to those rules.
 */
export const TR361: VerzoekHistorieRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/berichtoverstijgend/TR361.md',
  niveau: 3,
  retourcode: meta.retourcode,
  berichten: ['JW317'],
  check(bericht, historie) {
    const v = bericht.regels.find((r) => r.berichtcode === 'JW317');
    if (!v || v.berichtcode !== 'JW317') return [];
    const toewijzing = (nummer: string) =>
      toewijzingProbleem(historie, v, nummer) ? undefined : historie.toewijzingen[toewijzingSleutel(v.gemeente, nummer)];
    const perioden: Zorgperiode[] = [];
    v.ongewijzigd.forEach((nummer, i) => {
      const t = toewijzing(nummer);
      if (!t?.ingangsdatum) return;
      perioden.push({
        ...(t.product ? { product: t.product } : {}),
        begin: t.ingangsdatum,
        ...(t.einddatum ? { eind: t.einddatum } : {}),
        naam: `OngewijzigdProduct ${i + 1} (toewijzing ${nummer})`,
        pad: `Client/Verzoek/OngewijzigdeProducten/OngewijzigdProduct[${i + 1}]/ToewijzingNummer`,
      });
    });
    v.teWijzigen.forEach((p, i) => {
      const t = toewijzing(p.toewijzingNummer);
      if (!t?.ingangsdatum) return;
      perioden.push({
        ...(t.product ? { product: t.product } : {}),
        begin: t.ingangsdatum,
        ...(p.einddatum ? { eind: p.einddatum } : {}),
        naam: `TeWijzigenProduct ${i + 1} (toewijzing ${p.toewijzingNummer})`,
        pad: `Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct[${i + 1}]/ToewijzingNummer`,
      });
    });
    v.nieuw.forEach((p, i) => {
      perioden.push({
        ...(p.product ? { product: p.product } : {}),
        begin: p.gewensteIngangsdatum,
        ...(p.einddatum ? { eind: p.einddatum } : {}),
        naam: `NieuwProduct ${i + 1}`,
        pad: `Client/Verzoek/NieuweProducten/NieuwProduct[${i + 1}]/GewensteIngangsdatum`,
      });
    });
    return perioden.flatMap((b, j) => {
      const a = perioden.slice(0, j).find((x) => zelfdeProduct(x.product, b.product) && overlapt(x, b));
      return a
        ? [
            bevinding(
              meta,
              'product',
              `${b.naam} (${b.begin}–${b.eind ?? 'geen einddatum'}): hetzelfde product als ${a.naam} ` +
                `(${a.begin}–${a.eind ?? 'geen einddatum'}) met overlappende zorgperiode (${meta.code}).`,
              { pad: b.pad },
            ),
          ]
        : [];
    });
  },
};
