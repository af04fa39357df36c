/** Helpers of the level-3 rules of the request side (verzoek-historie.ts). Pure. */
import type { Bevinding, Jw317VerzoekOmWijziging, Jw319Antwoord, PseudonymisedVerzoek, TeWijzigenProduct } from '../model';
import { toewijzingSleutel } from './historie';
import type { HistorieToewijzing } from './types';
import { bevinding, type RegelMeta } from './util';
import { AANGEVRAAGD_PAD } from './verzoek-util';
import type { EerderVerzoekBericht, VerzoekHistorie, VerzoekHistorieBericht } from './verzoek-historie';

/** The AangevraagdProducten (JW315) or the Verzoek (JW317) of a bericht, with their position. */
export function verzoekRegels(bericht: VerzoekHistorieBericht): { regel: Exclude<PseudonymisedVerzoek, Jw319Antwoord>; index: number }[] {
  return bericht.regels.flatMap((regel, index) => (regel.berichtcode === 'JW319' ? [] : [{ regel, index }]));
}

/** The Antwoord of a JW319. */
export function antwoorden(bericht: VerzoekHistorieBericht): Jw319Antwoord[] {
  return bericht.regels.filter((r): r is Jw319Antwoord => r.berichtcode === 'JW319');
}

export const isVerzoek = (b: EerderVerzoekBericht): boolean => b.berichtcode === 'JW315' || b.berichtcode === 'JW317';

/** Same verzoek: same gemeente, aanbieder and ReferentieAanbieder (verzoekSleutel). */
export const sameKey = (b: EerderVerzoekBericht, a: { gemeente: string; aanbieder: string; referentieAanbieder: string }): boolean =>
  b.gemeente === a.gemeente && b.aanbieder === a.aanbieder && b.referentieAanbieder === a.referentieAanbieder;

/** A finding on the ReferentieAanbieder of AangevraagdProduct `index` (JW315) or of the Verzoek (JW317). */
export function referentieBevinding(meta: RegelMeta, bericht: VerzoekHistorieBericht, index: number, tekst: string): Bevinding {
  const regel = bericht.regels[index]!;
  if (bericht.berichtcode === 'JW315') {
    return bevinding(
      meta,
      'product',
      `AangevraagdProduct ${index + 1} (ReferentieAanbieder ${regel.referentieAanbieder}): ${tekst} (${meta.code}).`,
      { productIndex: index, pad: `${AANGEVRAAGD_PAD}[${index + 1}]/ReferentieAanbieder` },
    );
  }
  return bevinding(meta, 'client', `Verzoek (ReferentieAanbieder ${regel.referentieAanbieder}): ${tekst} (${meta.code}).`, {
    pad: 'Client/Verzoek/ReferentieAanbieder',
  });
}

/** A finding on the Antwoord of a JW319 (its berichtklasse: the retour JW320 puts the code there). */
export function antwoordBevinding(meta: RegelMeta, tekst: string): Bevinding {
  return bevinding(meta, 'client', `Antwoord: ${tekst} (${meta.code}).`, { pad: 'Antwoord/ReferentieAanbieder' });
}

/** Why a JW317 may not name this toewijzing (TR350, TR351), or null. */
export function toewijzingProbleem(
  historie: VerzoekHistorie,
  v: { gemeente: string; aanbieder: string; client: { pseudonym: string } },
  nummer: string,
): string | null {
  const t = historie.toewijzingen[toewijzingSleutel(v.gemeente, nummer)];
  if (!t) return `is geen bekende toewijzing van gemeente ${v.gemeente}`;
  if (t.clientPseudonym !== v.client.pseudonym) return 'is een toewijzing van een andere cliënt';
  if (t.aanbieder !== v.aanbieder) return 'is een toewijzing aan een andere aanbieder';
  if (t.verwijderd) return 'is verwijderd (RedenWijziging 13)';
  return null;
}

/**
 * The TeWijzigenProducten of a JW317 with the toewijzing each names, when TR351 accepts that toewijzing (known, this
 * client, this aanbieder, not deleted); the others are TR351's findings and skipped here.
 */
export function teWijzigenMetToewijzing(
  bericht: VerzoekHistorieBericht,
  historie: VerzoekHistorie,
): { product: TeWijzigenProduct; index: number; toewijzing: HistorieToewijzing; verzoek: PseudonymisedVerzoek<Jw317VerzoekOmWijziging> }[] {
  const v = bericht.regels.find((r) => r.berichtcode === 'JW317');
  if (!v || v.berichtcode !== 'JW317') return [];
  return v.teWijzigen.flatMap((product, index) => {
    if (toewijzingProbleem(historie, v, product.toewijzingNummer)) return [];
    const toewijzing = historie.toewijzingen[toewijzingSleutel(v.gemeente, product.toewijzingNummer)]!;
    return [{ product, index, toewijzing, verzoek: v }];
  });
}

/** The pad of a field of TeWijzigenProduct `index` (0-based). */
export const teWijzigenPad = (index: number, veld: string): string =>
  `Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct[${index + 1}]/${veld}`;
