/**
 * The iJw 3.2 rules for JW301, JW305 and JW307 beyond the XSD (controleniveau 2, 3 and 4, IV032), one file per rule
 * named by its code. See README.md for the full list, the rules judged not applicable and the choices made.
 */
import type { Bevinding, Heenbericht, HeenberichtHeader, PseudonymisedBericht, Verzoekheenbericht } from '../model';
import { CD005 } from './CD005';
import { CD007 } from './CD007';
import { CD009 } from './CD009';
import { CD025 } from './CD025';
import { CD034 } from './CD034';
import { CD041 } from './CD041';
import { CD075 } from './CD075';
import { CD076 } from './CD076';
import { CD077 } from './CD077';
import { CD078 } from './CD078';
import { CD079 } from './CD079';
import { CD080 } from './CD080';
import { CS002 } from './CS002';
import { CS003 } from './CS003';
import { CS050 } from './CS050';
import { CS058 } from './CS058';
import { CS089 } from './CS089';
import { CS139 } from './CS139';
import { CS318 } from './CS318';
import { CS335 } from './CS335';
import { CS336 } from './CS336';
import { CS338 } from './CS338';
import { TR002 } from './TR002';
import { TR006 } from './TR006';
import { TR018 } from './TR018';
import { TR019 } from './TR019';
import { TR056 } from './TR056';
import { TR061 } from './TR061';
import { TR063 } from './TR063';
import { TR071 } from './TR071';
import { TR074 } from './TR074';
import { TR101 } from './TR101';
import { TR134 } from './TR134';
import { TR135 } from './TR135';
import { TR302 } from './TR302';
import { TR326 } from './TR326';
import { TR332 } from './TR332';
import { TR378 } from './TR378';
import { TR381 } from './TR381';
import { TR382 } from './TR382';
import { TR413 } from './TR413';
import { TR414 } from './TR414';
import { TR415 } from './TR415';
import { CD043 } from './CD043';
import { CD066 } from './CD066';
import { CD067 } from './CD067';
import { CD068 } from './CD068';
import { CD085 } from './CD085';
import { CD086 } from './CD086';
import { TR352 } from './TR352';
import { TR353 } from './TR353';
import { TR377 } from './TR377';
import { TR380 } from './TR380';
import { TR383 } from './TR383';
import { TR409 } from './TR409';
import { TR347 } from './TR347';
import { TR349 } from './TR349';
import { TR350 } from './TR350';
import { TR351 } from './TR351';
import { TR355 } from './TR355';
import { TR359 } from './TR359';
import { TR360 } from './TR360';
import { TR365 } from './TR365';
import { TR357 } from './TR357';
import { TR361 } from './TR361';
import { TR373 } from './TR373';
import { TR374 } from './TR374';
import { TR375 } from './TR375';
import { TR411 } from './TR411';
import { TR412 } from './TR412';
import type { VerzoekHistorie, VerzoekHistorieBericht, VerzoekHistorieRegel } from './verzoek-historie';
import { bouwHistorie, pasToe, toewijzingSleutel } from './historie';
import type { BerichtRegel, Historie, HistorieBericht, HistorieRegel, RegelContext } from './types';

export * from './types';
export {
  LEGE_HISTORIE,
  alsStart,
  alsStop,
  beoordeelIdentificatie,
  bouwHistorie,
  identificatieSleutel,
  pasToe,
  startSleutel,
  stopGroepSleutel,
  stopSleutel,
  toewijzingSleutel,
} from './historie';
export type { EerderBericht } from './historie';
export { CBS_GEMEENTECODES, CBS_PEILDATUM } from './TR378';
export * from './verzoek-historie';

/**
 * Rules within one bericht (niveau 2, retourcode 0001) and against date/codelists (niveau 4), in this order:
 * header, client, products. All are run; every finding is reported.
 */
export const BERICHT_REGELS: readonly BerichtRegel[] = Object.freeze([
  // header (niveau 4)
  TR135,
  TR378,
  // client
  CS002,
  CS139,
  TR002,
  TR134,
  CS318,
  CS050,
  CD007,
  TR061,
  TR006,
  CD005,
  CD009,
  CD025,
  CD034,
  CS089,
  CS003,
  // products
  TR101,
  TR302,
  TR018,
  CS058,
  CS335,
  CS336,
  CD079,
  CD075,
  CD076,
  CD041,
  CD077,
  CD078,
  CD080,
  CS338,
  TR381,
  // only on the request side (JW315, JW317, JW319)
  TR383,
  CD043,
  CD066,
  CD067,
  CD068,
  TR352,
  TR353,
  TR380,
  CD085,
  CD086,
  TR377,
  TR409,
]);

/** Berichtoverstijgende rules (niveau 3), in the order they are checked per product. */
export const HISTORIE_REGELS: readonly HistorieRegel[] = Object.freeze([
  TR056,
  TR019,
  TR332,
  TR063,
  TR071,
  TR074,
  TR326,
  TR382,
  TR413,
  TR414,
  TR415,
]);

/** Berichtoverstijgende rules (niveau 3) of the request side (JW315, JW317, JW319), in the order they are checked. */
export const VERZOEK_HISTORIE_REGELS: readonly VerzoekHistorieRegel[] = Object.freeze([
  TR347,
  TR374,
  TR350,
  TR351,
  TR355,
  TR359,
  TR360,
  TR365,
  TR357,
  TR361,
  TR373,
  TR375,
  TR411,
  TR412,
  TR349,
]);

/** The rules a check without infrastructure (the CLI) skips because they need earlier berichten. */
export const REGELS_MET_HISTORIE: readonly string[] = Object.freeze([
  ...HISTORIE_REGELS.map((r) => r.code),
  ...VERZOEK_HISTORIE_REGELS.map((r) => r.code),
]);

/** All findings of the niveau-3 rules of the request side for one pseudonymised JW315, JW317 or JW319. */
export function checkVerzoekHistorie(bericht: VerzoekHistorieBericht, historie: VerzoekHistorie): Bevinding[] {
  return VERZOEK_HISTORIE_REGELS.filter((r) => r.berichten.includes(bericht.berichtcode)).flatMap((r) => r.check(bericht, historie));
}

/** All findings of the niveau-2 and niveau-4 rules for one bericht (an empty list: the bericht passes these levels). */
export function checkBericht(bericht: Heenbericht, ctx: RegelContext): Bevinding[] {
  const out: Bevinding[] = [];
  for (const regel of BERICHT_REGELS) {
    if (regel.berichten.includes(bericht.berichtcode)) out.push(...regel.check(bericht, ctx));
  }
  return out;
}

/**
 * All findings of the niveau-2 and niveau-4 rules for one JW315, JW317 or JW319 (the rules with a `verzoek` part for
 * its berichtsoort, in the order of BERICHT_REGELS). An empty list: the bericht passes these levels.
 */
export function checkVerzoek(bericht: Verzoekheenbericht, ctx: RegelContext): Bevinding[] {
  const out: Bevinding[] = [];
  for (const regel of BERICHT_REGELS) {
    if (regel.verzoek?.berichten.includes(bericht.berichtcode)) out.push(...regel.verzoek.check(bericht, ctx));
  }
  return out;
}

/** The rules that apply to JW315, JW317 or JW319 (niveau 2 and 4). */
export function verzoekRegels(): BerichtRegel[] {
  return BERICHT_REGELS.filter((r) => r.verzoek !== undefined);
}

/** Earlier accepted flat messages per `toewijzingSleutel(gemeente, toewijzingNummer)`, in the order they were accepted. */
export type EerdereBerichten = (toewijzingSleutel: string) => readonly PseudonymisedBericht[];

/**
 * All findings of the niveau-3 rules for one pseudonymised bericht against `historie`. Products are checked in
 * document order; each product without a finding is applied to a working copy of the historie before the next one
 * is checked, so that a StatusAanlevering 3 earlier in the bericht counts for the next product (IV008) and two new
 * starts for one toewijzing in one bericht are caught (TR326). `historie` itself is not changed.
 *
 * Also callable as `checkHistorie(regels, eerdere)`: the bericht's flat messages and a lookup of the earlier accepted
 * messages per toewijzing key; the Historie is then built with `bouwHistorie` (TR056 is not checked in this form:
 * it needs the header and the content hash).
 */
export function checkHistorie(
  bericht: HistorieBericht | readonly PseudonymisedBericht[],
  historie: Historie | EerdereBerichten,
): Bevinding[] {
  const b: HistorieBericht = isRegelLijst(bericht) ? alsHistorieBericht(bericht) : bericht;
  const h0: Historie = typeof historie === 'function' ? historieUit(b.regels, historie) : historie;
  const regels = HISTORIE_REGELS.filter((r) => r.berichten.includes(b.berichtcode));
  const out: Bevinding[] = [];
  let h = h0;
  b.regels.forEach((regel, i) => {
    const found = regels.map((r) => r.check(regel, i, h, b)).filter((x): x is Bevinding => x !== null);
    out.push(...found);
    if (!found.some((x) => x.klasse === 'product')) h = pasToe(h, regel);
  });
  return out;
}

function isRegelLijst(v: HistorieBericht | readonly PseudonymisedBericht[]): v is readonly PseudonymisedBericht[] {
  return Array.isArray(v);
}

function alsHistorieBericht(regels: readonly PseudonymisedBericht[]): HistorieBericht {
  const eerste = regels[0];
  const berichtcode = eerste?.berichtcode ?? 'JW301';
  const header: HeenberichtHeader = {
    berichtCode: '',
    berichtVersie: '3',
    berichtSubversie: '2',
    afzender: eerste ? (berichtcode === 'JW301' ? eerste.gemeente : eerste.aanbieder) : '',
    ontvanger: eerste ? (berichtcode === 'JW301' ? eerste.aanbieder : eerste.gemeente) : '',
    identificatie: eerste?.identificatie ?? '',
    dagtekening: eerste?.dagtekening ?? '',
  };
  return { berichtcode, header, regels };
}

/** The Historie for a bericht from the earlier messages of each toewijzing key it touches (each key once). */
export function historieUit(regels: readonly PseudonymisedBericht[], eerdere: EerdereBerichten): Historie {
  const keys = [...new Set(regels.map((r) => toewijzingSleutel(r.gemeente, r.toewijzingNummer ?? '')))];
  return bouwHistorie(keys.flatMap((k) => eerdere(k)));
}
