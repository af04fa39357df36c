/**
 * Test inputs for the rule specs: valid JW301/JW305/JW307 heenberichten (flat form as the parser yields it) with
 * overridable fields, their pseudonymised form for the level-3 rules, and the camelCase tree of a JW301 client.
 * Values follow the standard's example berichten (ijw-3.2/berichten).
 */
import type {
  Berichtcode,
  ClientGegevens,
  Heenbericht,
  HeenberichtHeader,
  IjwBericht,
  Jw301Toewijzing,
  Jw305StartZorg,
  Jw307StopZorg,
  PseudonymisedBericht,
  PseudonymisedVerzoek,
  VerzoekBericht,
  VerzoekBerichtcode,
  Verzoekheenbericht,
} from '../model';
import type { Bevinding } from '../model';
import { toVerzoekbericht } from '../mapping';
import type { IjwJson } from '../schema/types';
import { bouwHistorie, pasToe } from './historie';
import type { EerderBericht } from './historie';
import type { BerichtBoom, BerichtRegel, BoomObject, HistorieBericht, HistorieRegel, RegelContext } from './types';
import { bouwVerzoekHistorie, type VerzoekHistorieBericht, type VerzoekHistorieRegel } from './verzoek-historie';

export const TODAY = '2026-07-20';
export const GEMEENTE = '0363';
export const AANBIEDER = '65656055';
/** Passes the elfproef (example BSN of the standard). */
export const BSN = '999900006';
export const BSN_2 = '999996770';

export const CTX: RegelContext = { today: TODAY };

const BERICHTCODE: Record<Berichtcode, string> = { JW301: '436', JW305: '438', JW307: '440' };

export interface BerichtOpties {
  header?: Partial<HeenberichtHeader>;
  client?: Partial<ClientGegevens>;
}

function header(berichtcode: Berichtcode, o: Partial<HeenberichtHeader> = {}): HeenberichtHeader {
  const gemeenteZendt = berichtcode === 'JW301';
  return {
    berichtCode: BERICHTCODE[berichtcode],
    berichtVersie: '3',
    berichtSubversie: '2',
    afzender: gemeenteZendt ? GEMEENTE : AANBIEDER,
    ontvanger: gemeenteZendt ? AANBIEDER : GEMEENTE,
    identificatie: 'ID-1',
    dagtekening: TODAY,
    ...o,
  };
}

function client(o: Partial<ClientGegevens> = {}): ClientGegevens {
  return { bsn: BSN, geboortedatum: '2010-02-14', ...o };
}

function base(berichtcode: Berichtcode, h: HeenberichtHeader, c: ClientGegevens, i: number) {
  return {
    berichtId: `${h.identificatie}/${i + 1}`,
    gemeente: berichtcode === 'JW301' ? h.afzender : h.ontvanger,
    aanbieder: berichtcode === 'JW301' ? h.ontvanger : h.afzender,
    client: c,
    dagtekening: h.dagtekening,
    identificatie: h.identificatie,
  };
}

/** A JW301 with one ToegewezenProduct per entry (default: one specifieke toewijzing, 4 uur per week). */
export function jw301(producten: Partial<Jw301Toewijzing>[] = [{}], opties: BerichtOpties = {}): Heenbericht<Jw301Toewijzing> {
  const h = header('JW301', opties.header);
  const c = client(opties.client);
  return {
    berichtcode: 'JW301',
    header: h,
    client: c,
    regels: producten.map((p, i) => ({
      berichtcode: 'JW301' as const,
      ...base('JW301', h, c, i),
      toewijzingNummer: String(300201 + i),
      product: { categorie: '45', code: `45A1${i + 1}` },
      toewijzingsdatum: '2026-03-20',
      toewijzingstijd: '10:00:00',
      ingangsdatum: '2026-04-01',
      einddatum: '2026-12-31',
      omvang: { volume: 4, eenheid: '04', frequentie: '2' },
      ...p,
    })),
  };
}

/** A JW305 with one StartProduct per entry. */
export function jw305(producten: Partial<Jw305StartZorg>[] = [{}], opties: BerichtOpties = {}): Heenbericht<Jw305StartZorg> {
  const h = header('JW305', opties.header);
  const c = client(opties.client);
  return {
    berichtcode: 'JW305',
    header: h,
    client: c,
    regels: producten.map((p, i) => ({
      berichtcode: 'JW305' as const,
      ...base('JW305', h, c, i),
      toewijzingNummer: '300201',
      product: { categorie: '45', code: '45A11' },
      toewijzingIngangsdatum: '2026-04-01',
      begindatum: '2026-04-03',
      statusAanlevering: '1' as const,
      ...p,
    })),
  };
}

/** A JW307 with one StopProduct per entry. */
export function jw307(producten: Partial<Jw307StopZorg>[] = [{}], opties: BerichtOpties = {}): Heenbericht<Jw307StopZorg> {
  const h = header('JW307', opties.header);
  const c = client(opties.client);
  return {
    berichtcode: 'JW307',
    header: h,
    client: c,
    regels: producten.map((p, i) => ({
      berichtcode: 'JW307' as const,
      ...base('JW307', h, c, i),
      toewijzingNummer: '300201',
      product: { categorie: '45', code: '45A11' },
      toewijzingIngangsdatum: '2026-04-01',
      begindatum: '2026-04-03',
      redenBeeindiging: '31',
      einddatum: '2026-07-17',
      statusAanlevering: '1' as const,
      ...p,
    })),
  };
}

/** Test pseudonym of a BSN (the real one is a keyed hash, see pseudonym.ts). */
export function pseudonymVan(bsn: string): string {
  return `pseudo-${bsn.slice(-3)}`;
}

export function pseudo<B extends IjwBericht>(regel: B): PseudonymisedBericht<B> {
  const { client: c, ...rest } = regel;
  const client: { pseudonym: string; geboortedatum: string; datumGebruik?: ClientGegevens['datumGebruik'] } = {
    pseudonym: pseudonymVan(c.bsn),
    geboortedatum: c.geboortedatum,
  };
  if (c.datumGebruik) client.datumGebruik = c.datumGebruik;
  return { ...rest, client } as unknown as PseudonymisedBericht<B>;
}

/** The pseudonymised form of a heenbericht, as the level-3 rules receive it. */
export function historieBericht(bericht: Heenbericht, inhoudHash?: string): HistorieBericht {
  const b: HistorieBericht = { berichtcode: bericht.berichtcode, header: bericht.header, regels: bericht.regels.map((r) => pseudo(r)) };
  if (inhoudHash !== undefined) b.inhoudHash = inhoudHash;
  return b;
}

/** All products of earlier berichten, pseudonymised, in order: the input of bouwHistorie. */
export function eerder(...berichten: Heenbericht[]): PseudonymisedBericht[] {
  return berichten.flatMap((b) => b.regels.map((r) => pseudo(r)));
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A valid JW301 client tree (as in berichten/JW301.xml): name, one BRP contact with an NL address and a phone. */
export function clientBoom(wijzig: (client: Mutable<BoomObject>) => void = () => undefined): BerichtBoom {
  const c: Mutable<BoomObject> = {
    bsn: BSN,
    geboortedatum: { datum: '2010-02-14' },
    geslacht: '1',
    naam: { geslachtsnaam: { achternaam: 'Wit', voorvoegsel: 'de' }, voornamen: 'Tom', voorletters: 'T', naamGebruik: '1' },
    communicatie: { vorm: '1', taal: 'Zweeds' },
    contactgegevens: {
      contact: [
        {
          soort: '01',
          adres: { huis: { huisnummer: '9' }, postcode: '1073AB', straatnaam: 'Van Woustraat', plaatsnaam: 'Amsterdam', landCode: 'NL' },
          telefoon: { telefoon01: { telefoonnummer: '0201234567', landnummer: '0031' } },
        },
      ],
    },
  };
  wijzig(c);
  return { header: {}, client: c };
}

/** A contact for clientBoom / relaties. */
export function contact(o: Record<string, BoomObject[string]> = {}): BoomObject {
  return {
    soort: '01',
    adres: { huis: { huisnummer: '9' }, postcode: '1073AB', landCode: 'NL' },
    ...o,
  };
}

/** The findings of one niveau-2/4 rule, as `[productIndex or klasse, pad]` pairs for compact expectations. */
export function run(regel: BerichtRegel, bericht: Heenbericht, ctx: Partial<RegelContext> = {}): Bevinding[] {
  return regel.check(bericht, { ...CTX, ...ctx });
}

/**
 * Runs one niveau-3 rule over a bericht the way checkHistorie does (document order, each product without a finding
 * applied before the next), against the historie built from the earlier berichten.
 */
export function runHistorie(
  regel: HistorieRegel,
  bericht: Heenbericht,
  eerdereBerichten: Heenbericht[] = [],
  opties: { inhoudHash?: string; identificaties?: EerderBericht[] } = {},
): Bevinding[] {
  const hb = historieBericht(bericht, opties.inhoudHash);
  let h = bouwHistorie(eerder(...eerdereBerichten), opties.identificaties);
  const out: Bevinding[] = [];
  hb.regels.forEach((r, i) => {
    const b = regel.check(r, i, h, hb);
    if (b) out.push(b);
    else h = pasToe(h, r);
  });
  return out;
}

/** Where the findings are: product indexes, or the klasse for header/client findings. */
export function waar(bevindingen: Bevinding[]): (number | string)[] {
  return bevindingen.map((b) => (b.klasse === 'product' ? (b.productIndex ?? b.pad ?? 'product') : b.klasse));
}

/** Asserts where the findings are and that each carries the rule's metadata, a path and a toelichting without a BSN. */
export function expectBevindingen(
  regel: { code: string; niveau: number; retourcode: string },
  found: Bevinding[],
  verwacht: (number | string)[],
): void {
  expect(waar(found)).toEqual(verwacht);
  for (const b of found) {
    expect(b).toMatchObject({ regel: regel.code, niveau: regel.niveau, retourcode: regel.retourcode });
    expect(b.pad).toBeTruthy();
    expect(b.toelichting.length).toBeGreaterThan(10);
    expect(b.toelichting).not.toContain(BSN);
    expect(b.toelichting).not.toContain(BSN_2);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The request side (JW315, JW317, JW319): built as the camelCase tree and mapped with toVerzoekbericht, as ontvang
// does; the values follow the standard's examples berichten/JW315.xml, JW317.xml, JW319.xml.

type Json = { [key: string]: string | Json | Json[] | undefined };

function verzoekHeader(soort: VerzoekBerichtcode, o: Partial<HeenberichtHeader> = {}): Json {
  const gemeenteZendt = soort === 'JW319';
  return {
    berichtCode: { JW315: '446', JW317: '486', JW319: '488' }[soort],
    berichtVersie: '3',
    berichtSubversie: '2',
    afzender: o.afzender ?? (gemeenteZendt ? GEMEENTE : AANBIEDER),
    ontvanger: o.ontvanger ?? (gemeenteZendt ? AANBIEDER : GEMEENTE),
    berichtIdentificatie: { identificatie: o.identificatie ?? 'ID-1', dagtekening: o.dagtekening ?? TODAY },
    xsdVersie: { basisschemaXsdVersie: '0.1.0', berichtXsdVersie: '0.1.0' },
  };
}

/** One AangevraagdProduct (JSON form); `undefined` values drop the element. */
export function aangevraagd(o: Json = {}, i = 0): Json {
  const out: Json = {
    referentieAanbieder: `VOT-${i + 1}`,
    product: { categorie: '55', code: `55A1${i + 1}` },
    toewijzingIngangsdatum: '2026-08-01',
    toewijzingEinddatum: '2027-07-31',
    omvang: { volume: '2', eenheid: '16', frequentie: '4' },
    verwijzer: { type: '02', zorgverlenerCode: '01234567' },
    ...o,
  };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}

/** A JW315 with one AangevraagdProduct per entry. */
export function jw315(producten: Json[] = [{}], opties: { header?: Partial<HeenberichtHeader>; client?: Json } = {}): Verzoekheenbericht {
  const json = {
    header: verzoekHeader('JW315', opties.header),
    client: {
      bsn: BSN,
      geboortedatum: { datum: '2010-02-14' },
      geslacht: '1',
      naam: { geslachtsnaam: { achternaam: 'Wit' }, voorletters: 'T' },
      ...opties.client,
      aangevraagdeProducten: { aangevraagdProduct: producten.map((p, i) => aangevraagd(p, i)) },
    },
  };
  return toVerzoekbericht('JW315', json as unknown as IjwJson);
}

/** A JW317 with the given Verzoek parts (default: one OngewijzigdProduct and one NieuwProduct). */
export function jw317(verzoek: Json = {}, opties: { header?: Partial<HeenberichtHeader>; bsn?: string } = {}): Verzoekheenbericht {
  const v: Json = {
    referentieAanbieder: 'VOW-1',
    redenVerzoek: '1',
    ongewijzigdeProducten: { ongewijzigdProduct: [{ toewijzingNummer: '300201' }] },
    nieuweProducten: {
      nieuwProduct: [
        {
          product: { categorie: '45', code: '45A03' },
          gewensteIngangsdatum: '2026-09-01',
          einddatum: '2027-02-28',
          omvang: { volume: '4', eenheid: '04', frequentie: '2' },
        },
      ],
    },
    ...verzoek,
  };
  for (const k of Object.keys(v)) if (v[k] === undefined) delete v[k];
  const json = { header: verzoekHeader('JW317', opties.header), client: { bsn: opties.bsn ?? BSN, verzoek: v } };
  return toVerzoekbericht('JW317', json as unknown as IjwJson);
}

/** A JW319 (default: verzoek afgewezen, reden 8 woonplaatsbeginsel, with the responsible gemeente). */
export function jw319(antwoord: Json = {}, opties: { header?: Partial<HeenberichtHeader> } = {}): Verzoekheenbericht {
  const a: Json = {
    referentieAanbieder: 'VOT-1',
    verzoekAntwoord: '1',
    redenAfwijzingVerzoek: '8',
    woonplaatsbeginsel: { gemeente: '1916' },
    ...antwoord,
  };
  for (const k of Object.keys(a)) if (a[k] === undefined) delete a[k];
  return toVerzoekbericht('JW319', { header: verzoekHeader('JW319', opties.header), antwoord: a } as unknown as IjwJson);
}

/** Runs the request-side part of a rule. */
export function runVerzoek(regel: BerichtRegel, bericht: Verzoekheenbericht, ctx: Partial<RegelContext> = {}): Bevinding[] {
  if (!regel.verzoek) throw new Error(`${regel.code} has no verzoek part`);
  expect(regel.verzoek.berichten).toContain(bericht.berichtcode);
  return regel.verzoek.check(bericht, { ...CTX, ...ctx });
}

/** The pseudonymised form of a JW315/JW317/JW319, as the level-3 rules of the request side receive it. */
export function verzoekHistorieBericht(bericht: Verzoekheenbericht): VerzoekHistorieBericht {
  return { berichtcode: bericht.berichtcode, regels: bericht.regels.map((r) => pseudoVerzoek(r)) };
}

export function pseudoVerzoek(regel: VerzoekBericht): PseudonymisedVerzoek {
  if (regel.berichtcode === 'JW319') return regel;
  const { client, ...rest } = regel;
  const pseudonym = pseudonymVan(client.bsn);
  return (
    'geboortedatum' in client ? { ...rest, client: { pseudonym, geboortedatum: client.geboortedatum } } : { ...rest, client: { pseudonym } }
  ) as PseudonymisedVerzoek;
}

/**
 * Runs a level-3 rule of the request side on `bericht` against the earlier berichten (request side and toewijzing
 * cycle, in order of acceptance; a JW319 is taken as answering a verzoek of client BSN).
 */
export function runVerzoekHistorie(
  regel: VerzoekHistorieRegel,
  bericht: Verzoekheenbericht,
  eerdere: (Verzoekheenbericht | Heenbericht)[] = [],
): Bevinding[] {
  expect(regel.berichten).toContain(bericht.berichtcode);
  type Eerder = { message: PseudonymisedVerzoek | PseudonymisedBericht; clientPseudonym?: string };
  const eerdereBerichten: Eerder[] = eerdere.flatMap((b): Eerder[] =>
    ['JW301', 'JW305', 'JW307'].includes(b.berichtcode)
      ? (b as Heenbericht).regels.map((r): Eerder => ({ message: pseudo(r) }))
      : (b as Verzoekheenbericht).regels.map((r): Eerder => ({ message: pseudoVerzoek(r), clientPseudonym: pseudonymVan(BSN) })),
  );
  const historie = bouwVerzoekHistorie(eerdereBerichten);
  return regel.check(verzoekHistorieBericht(bericht), historie);
}
