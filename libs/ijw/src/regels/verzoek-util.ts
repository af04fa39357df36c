/**
 * Helpers for the rules on the request side (JW315 verzoek om toewijzing, JW317 verzoek om wijziging, JW319
 * antwoordbericht). Pure functions. Paths follow the XML (`Client/AangevraagdeProducten/AangevraagdProduct[2]/…`,
 * `Client/Verzoek/NieuweProducten/NieuwProduct[1]/…`, `Antwoord/…`), which is where the retour (JW316/JW318/JW320)
 * puts the retourcode.
 */
import type { Bevinding, Jw315AangevraagdProduct, Jw317VerzoekOmWijziging, Jw319Antwoord, Verzoekheenbericht } from '../model';
import { bevinding, type RegelMeta } from './util';

export const AANGEVRAAGD_PAD = 'Client/AangevraagdeProducten/AangevraagdProduct';
export const NIEUW_PAD = 'Client/Verzoek/NieuweProducten/NieuwProduct';
export const TE_WIJZIGEN_PAD = 'Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct';

/** The AangevraagdProducten of a JW315, in document order. */
export function aangevraagdeProducten(bericht: Verzoekheenbericht): Jw315AangevraagdProduct[] {
  return bericht.regels.filter((r): r is Jw315AangevraagdProduct => r.berichtcode === 'JW315');
}

/** The one Verzoek of a JW317. */
export function verzoekVan(bericht: Verzoekheenbericht): Jw317VerzoekOmWijziging | undefined {
  return bericht.regels.find((r): r is Jw317VerzoekOmWijziging => r.berichtcode === 'JW317');
}

/** The one Antwoord of a JW319. */
export function antwoordVan(bericht: Verzoekheenbericht): Jw319Antwoord | undefined {
  return bericht.regels.find((r): r is Jw319Antwoord => r.berichtcode === 'JW319');
}

/** A finding on AangevraagdProduct `index` (0-based) of a JW315: klasse product, productIndex, its path. */
export function aangevraagdBevinding(
  meta: RegelMeta,
  regel: Jw315AangevraagdProduct,
  index: number,
  element: string,
  tekst: string,
): Bevinding {
  return bevinding(
    meta,
    'product',
    `AangevraagdProduct ${index + 1} (ReferentieAanbieder ${regel.referentieAanbieder}): ${tekst} (${meta.code}).`,
    {
      productIndex: index,
      pad: `${AANGEVRAAGD_PAD}[${index + 1}]${element ? `/${element}` : ''}`,
    },
  );
}

/** A finding on a NieuwProduct or TeWijzigenProduct of a JW317 (klasse product; the retour finds it by its path). */
export function verzoekProductBevinding(
  meta: RegelMeta,
  soort: 'NieuwProduct' | 'TeWijzigenProduct',
  index: number,
  element: string,
  tekst: string,
): Bevinding {
  const pad = soort === 'NieuwProduct' ? NIEUW_PAD : TE_WIJZIGEN_PAD;
  return bevinding(meta, 'product', `${soort} ${index + 1}: ${tekst} (${meta.code}).`, {
    pad: `${pad}[${index + 1}]${element ? `/${element}` : ''}`,
  });
}

/**
 * COD327 Verwijzer types that name a zorgverlener (02 huisarts, 03 jeugdarts, 04 gecertificeerde instelling, 05 medisch specialist):
 * CD066–CD068.
 */
export const ZORGVERLENER_TYPES: ReadonlySet<string> = new Set(['02', '03', '04', '05']);
