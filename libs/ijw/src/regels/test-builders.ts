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
} from '../model';
import type { Bevinding } from '../model';
import { bouwHistorie, pasToe } from './historie';
import type { EerderBericht } from './historie';
import type { BerichtBoom, BerichtRegel, BoomObject, HistorieBericht, HistorieRegel, RegelContext } from './types';

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
  return bevindingen.map((b) => (b.klasse === 'product' ? (b.productIndex as number) : b.klasse));
}

/** Asserts where the findings are and that each carries the rule's metadata, a path and a toelichting without a BSN. */
export function expectBevindingen(regel: { code: string; niveau: number; retourcode: string }, found: Bevinding[], verwacht: (number | string)[]): void {
  expect(waar(found)).toEqual(verwacht);
  for (const b of found) {
    expect(b).toMatchObject({ regel: regel.code, niveau: regel.niveau, retourcode: regel.retourcode });
    expect(b.pad).toBeTruthy();
    expect(b.toelichting.length).toBeGreaterThan(10);
    expect(b.toelichting).not.toContain(BSN);
    expect(b.toelichting).not.toContain(BSN_2);
  }
}
