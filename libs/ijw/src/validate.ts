import { isValidBsn } from './bsn';
import {
  RETOUR,
  findEenheid,
  findFrequentie,
  findProductcategorie,
  findRedenBeeindiging,
  findRedenWijziging,
} from './codelists';
import { isRealDate } from './dates';
import { BERICHTCODES, type Berichtcode, type IjwBericht, type RetourProblem } from './model';

/**
 * Stateless validation of one message against the JSON contract and the iJw rules that need no other message:
 * shape and types, BSN 11-proef, real and ordered dates, dates not in the future where the standard forbids it,
 * codelists, gemeentecode and AGB format. Every problem is reported (not just the first).
 * Rules that need the toewijzing (start before ingangsdatum, stop after einddatum, addressed to this aanbieder)
 * live in context-rules.ts.
 */
export type ValidationResult = { ok: true; bericht: IjwBericht } | { ok: false; problems: RetourProblem[] };

export interface ValidationContext {
  /** Today's date in the Netherlands (YYYY-MM-DD); injected so tests and replays are deterministic. */
  today: string;
}

const BERICHT_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
const GEMEENTECODE = /^[0-9]{4}$/;
const AGB_CODE = /^[0-9]{8}$/;
const TOEWIJZINGNUMMER = /^[0-9]{1,8}$/;
const PRODUCTCODE = /^[0-9A-Za-z]{5}$/;
const MAX_TEXT = 1000;

const KNOWN_FIELDS: Readonly<Record<'common' | Berichtcode, readonly string[]>> = {
  common: ['berichtcode', 'berichtId', 'gemeente', 'aanbieder', 'client', 'toewijzingNummer', 'product', 'dagtekening'],
  JW301: ['ingangsdatum', 'einddatum', 'redenWijziging', 'omvang', 'verwijzer', 'referentieAanbieder', 'commentaar'],
  JW305: ['begindatum'],
  JW307: ['begindatum', 'einddatum', 'redenBeeindiging'],
};

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

class Collector {
  readonly problems: RetourProblem[] = [];
  add(code: string, field: string, message: string): void {
    this.problems.push({ code, field, message });
  }

  /** Required string field; returns it when present and a string. */
  str(obj: Record<string, unknown>, key: string, path: string, required = true): string | undefined {
    const value = obj[key];
    if (value === undefined || value === null || value === '') {
      if (required) this.add(RETOUR.FIELD_MISSING, path, `${path} is required`);
      return undefined;
    }
    if (typeof value !== 'string') {
      this.add(RETOUR.FIELD_TYPE, path, `${path} must be a string, got ${Array.isArray(value) ? 'array' : typeof value}`);
      return undefined;
    }
    if (value.length > MAX_TEXT) {
      this.add(RETOUR.FIELD_TYPE, path, `${path} is longer than ${MAX_TEXT} characters`);
      return undefined;
    }
    return value;
  }

  date(obj: Record<string, unknown>, key: string, path: string, required = true): string | undefined {
    const value = this.str(obj, key, path, required);
    if (value === undefined) return undefined;
    if (!isRealDate(value)) {
      this.add(RETOUR.DATE_INVALID, path, `${path} "${value}" is not a real date in the form YYYY-MM-DD`);
      return undefined;
    }
    return value;
  }

  notInFuture(value: string | undefined, path: string, today: string, code: string = RETOUR.DATE_IN_FUTURE): void {
    if (value !== undefined && value > today) this.add(code, path, `${path} ${value} lies in the future (today is ${today})`);
  }

  ordered(from: string | undefined, to: string | undefined, fromPath: string, toPath: string): void {
    if (from !== undefined && to !== undefined && to < from) {
      this.add(RETOUR.DATE_ORDER, toPath, `${toPath} ${to} lies before ${fromPath} ${from}`);
    }
  }
}

export function validateBericht(input: unknown, ctx: ValidationContext): ValidationResult {
  const c = new Collector();
  if (!isObject(input)) {
    return { ok: false, problems: [{ code: RETOUR.MALFORMED, message: `a message must be a JSON object, got ${Array.isArray(input) ? 'array' : input === null ? 'null' : typeof input}` }] };
  }

  const rawCode = c.str(input, 'berichtcode', 'berichtcode');
  const berichtcode = (BERICHTCODES as readonly string[]).includes(rawCode ?? '') ? (rawCode as Berichtcode) : undefined;
  if (rawCode !== undefined && berichtcode === undefined) {
    c.add(RETOUR.BERICHTCODE_UNKNOWN, 'berichtcode', `berichtcode "${rawCode}" is not one of ${BERICHTCODES.join(', ')}`);
  }

  const berichtId = c.str(input, 'berichtId', 'berichtId');
  if (berichtId !== undefined && !BERICHT_ID.test(berichtId)) {
    c.add(RETOUR.BERICHTID_INVALID, 'berichtId', 'berichtId must be 1–64 characters: letters, digits and . _ : -, starting with a letter or digit');
  }

  const gemeente = c.str(input, 'gemeente', 'gemeente');
  if (gemeente !== undefined && !GEMEENTECODE.test(gemeente)) {
    c.add(RETOUR.GEMEENTE_INVALID, 'gemeente', `gemeente "${gemeente}" is not a 4-digit CBS gemeentecode`);
  }

  const aanbieder = c.str(input, 'aanbieder', 'aanbieder');
  if (aanbieder !== undefined && !AGB_CODE.test(aanbieder)) {
    c.add(RETOUR.AGB_INVALID, 'aanbieder', `aanbieder "${aanbieder}" is not an 8-digit AGB code`);
  }

  const toewijzingNummer = c.str(input, 'toewijzingNummer', 'toewijzingNummer');
  if (toewijzingNummer !== undefined && !TOEWIJZINGNUMMER.test(toewijzingNummer)) {
    c.add(RETOUR.TOEWIJZINGNUMMER_INVALID, 'toewijzingNummer', 'toewijzingNummer must be 1–8 digits (iJw LDT_Nummer)');
  }

  const dagtekening = c.date(input, 'dagtekening', 'dagtekening', false);
  c.notInFuture(dagtekening, 'dagtekening', ctx.today);

  // client
  let geboortedatum: string | undefined;
  if (!isObject(input.client)) {
    if (input.client === undefined) c.add(RETOUR.FIELD_MISSING, 'client', 'client is required');
    else c.add(RETOUR.FIELD_TYPE, 'client', 'client must be an object with bsn and geboortedatum');
  } else {
    const bsn = c.str(input.client, 'bsn', 'client.bsn');
    if (bsn !== undefined && !isValidBsn(bsn)) {
      c.add(RETOUR.BSN_INVALID, 'client.bsn', 'client.bsn is not a valid BSN (9 digits passing the 11-proef)');
    }
    geboortedatum = c.str(input.client, 'geboortedatum', 'client.geboortedatum');
    if (geboortedatum !== undefined) {
      if (!isRealDate(geboortedatum)) {
        c.add(RETOUR.GEBOORTEDATUM_INVALID, 'client.geboortedatum', `client.geboortedatum "${geboortedatum}" is not a real date in the form YYYY-MM-DD`);
        geboortedatum = undefined;
      } else if (geboortedatum > ctx.today) {
        c.add(RETOUR.GEBOORTEDATUM_INVALID, 'client.geboortedatum', `client.geboortedatum ${geboortedatum} lies in the future`);
        geboortedatum = undefined;
      }
    }
  }

  // product
  if (!isObject(input.product)) {
    if (input.product === undefined) c.add(RETOUR.FIELD_MISSING, 'product', 'product is required');
    else c.add(RETOUR.FIELD_TYPE, 'product', 'product must be an object with categorie and optionally code');
  } else {
    const categorie = c.str(input.product, 'categorie', 'product.categorie');
    if (categorie !== undefined && !findProductcategorie(categorie)) {
      c.add(RETOUR.PRODUCTCATEGORIE_UNKNOWN, 'product.categorie', `product.categorie "${categorie}" is not in the Jeugdwet productcategorie codelist`);
    }
    const code = c.str(input.product, 'code', 'product.code', false);
    if (code !== undefined && !PRODUCTCODE.test(code)) {
      c.add(RETOUR.PRODUCTCODE_INVALID, 'product.code', `product.code "${code}" must be 5 letters or digits`);
    }
  }

  const allowed = new Set([...KNOWN_FIELDS.common, ...(berichtcode ? KNOWN_FIELDS[berichtcode] : [])]);
  for (const key of Object.keys(input)) {
    if (!allowed.has(key)) c.add(RETOUR.FIELD_TYPE, key, `field "${key}" is not part of ${berichtcode ?? 'this message'}`);
  }

  if (berichtcode === 'JW301') validateJw301(input, c, ctx, geboortedatum);
  if (berichtcode === 'JW305') {
    const begindatum = c.date(input, 'begindatum', 'begindatum');
    c.notInFuture(begindatum, 'begindatum', ctx.today);
    c.ordered(geboortedatum, begindatum, 'client.geboortedatum', 'begindatum');
  }
  if (berichtcode === 'JW307') {
    const begindatum = c.date(input, 'begindatum', 'begindatum');
    const einddatum = c.date(input, 'einddatum', 'einddatum');
    c.ordered(begindatum, einddatum, 'begindatum', 'einddatum');
    c.notInFuture(einddatum, 'einddatum', ctx.today);
    c.notInFuture(begindatum, 'begindatum', ctx.today);
    c.ordered(geboortedatum, begindatum, 'client.geboortedatum', 'begindatum');
    const reden = c.str(input, 'redenBeeindiging', 'redenBeeindiging');
    if (reden !== undefined && !findRedenBeeindiging(reden)) {
      c.add(RETOUR.REDEN_BEEINDIGING_UNKNOWN, 'redenBeeindiging', `redenBeeindiging "${reden}" is not in codelist JZ588`);
    }
  }

  if (c.problems.length > 0) return { ok: false, problems: c.problems };
  return { ok: true, bericht: normalise(input) };
}

function validateJw301(input: Record<string, unknown>, c: Collector, _ctx: ValidationContext, geboortedatum: string | undefined): void {
  const ingangsdatum = c.date(input, 'ingangsdatum', 'ingangsdatum');
  const einddatum = c.date(input, 'einddatum', 'einddatum', false);
  c.ordered(ingangsdatum, einddatum, 'ingangsdatum', 'einddatum');
  c.ordered(geboortedatum, ingangsdatum, 'client.geboortedatum', 'ingangsdatum');
  const reden = c.str(input, 'redenWijziging', 'redenWijziging', false);
  if (reden !== undefined && !findRedenWijziging(reden)) {
    c.add(RETOUR.REDEN_WIJZIGING_UNKNOWN, 'redenWijziging', `redenWijziging "${reden}" is not in codelist JZ002`);
  }
  if (input.omvang !== undefined) {
    if (!isObject(input.omvang)) {
      c.add(RETOUR.OMVANG_INVALID, 'omvang', 'omvang must be an object with volume, eenheid and frequentie');
    } else {
      const { volume } = input.omvang;
      if (typeof volume !== 'number' || !Number.isInteger(volume) || volume < 1 || volume > 99_999_999) {
        c.add(RETOUR.OMVANG_INVALID, 'omvang.volume', 'omvang.volume must be a whole number from 1 to 99999999');
      }
      const eenheid = c.str(input.omvang, 'eenheid', 'omvang.eenheid');
      if (eenheid !== undefined && !findEenheid(eenheid)) c.add(RETOUR.EENHEID_UNKNOWN, 'omvang.eenheid', `omvang.eenheid "${eenheid}" is not in the eenheid codelist`);
      const frequentie = c.str(input.omvang, 'frequentie', 'omvang.frequentie');
      if (frequentie !== undefined && !findFrequentie(frequentie)) c.add(RETOUR.FREQUENTIE_UNKNOWN, 'omvang.frequentie', `omvang.frequentie "${frequentie}" is not in the frequentie codelist`);
    }
  }
  if (input.verwijzer !== undefined) {
    if (!isObject(input.verwijzer)) c.add(RETOUR.FIELD_TYPE, 'verwijzer', 'verwijzer must be an object with type and optionally zorgverlenerCode and naam');
    else {
      const type = c.str(input.verwijzer, 'type', 'verwijzer.type');
      if (type !== undefined && !/^0[1-6]$/.test(type)) c.add(RETOUR.FIELD_TYPE, 'verwijzer.type', 'verwijzer.type must be 01–06');
      const agb = c.str(input.verwijzer, 'zorgverlenerCode', 'verwijzer.zorgverlenerCode', false);
      if (agb !== undefined && !AGB_CODE.test(agb)) c.add(RETOUR.AGB_INVALID, 'verwijzer.zorgverlenerCode', 'verwijzer.zorgverlenerCode is not an 8-digit AGB code');
      c.str(input.verwijzer, 'naam', 'verwijzer.naam', false);
    }
  }
  c.str(input, 'referentieAanbieder', 'referentieAanbieder', false);
  c.str(input, 'commentaar', 'commentaar', false);
}

/** Builds a clean message with only the known fields (validated input only). */
function normalise(input: Record<string, unknown>): IjwBericht {
  const pick = (obj: Record<string, unknown>, keys: string[]): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const k of keys) if (obj[k] !== undefined && obj[k] !== null && obj[k] !== '') out[k] = obj[k];
    return out;
  };
  const client = input.client as Record<string, unknown>;
  const product = input.product as Record<string, unknown>;
  const code = input.berichtcode as Berichtcode;
  const base = {
    ...pick(input, ['berichtcode', 'berichtId', 'gemeente', 'aanbieder', 'toewijzingNummer', 'dagtekening']),
    client: { bsn: client.bsn, geboortedatum: client.geboortedatum },
    product: pick(product, ['categorie', 'code']),
    ...pick(input, [...KNOWN_FIELDS[code]]),
  } as Record<string, unknown>;
  if (isObject(input.omvang)) base.omvang = pick(input.omvang, ['volume', 'eenheid', 'frequentie']);
  if (isObject(input.verwijzer)) base.verwijzer = pick(input.verwijzer, ['type', 'zorgverlenerCode', 'naam']);
  return base as unknown as IjwBericht;
}
