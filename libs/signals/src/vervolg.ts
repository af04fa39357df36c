/**
 * The recorded follow-up for 18+ (issue 15): what a toegang worker may record, checked before it is stored. Pure.
 * The service adds who and when (the audit) and publishes it on vervolg.v1 (libs/contracts).
 */
import { addDays, birthday, isRealDate, type IsoDate } from '@trajectwacht/dates';
import { VERVOLG_SOORTEN, type VervolgSoort } from './model';

export interface VervolgInput {
  soort: VervolgSoort;
  /** verlengde_jeugdhulp: decided until (inclusive), required. */
  totDatum?: IsoDate;
  /** wmo/wlz/zvw: hand-over arranged per, required. */
  perDatum?: IsoDate;
  /** wmo/wlz/zvw: to whom, required. */
  overdrachtAan?: string;
  /** geen_vervolg_nodig: why, required; otherwise an optional note. */
  reden?: string;
  /** The OVERGANG_18 alert it answers. */
  alertId?: string;
}

const FIELDS = ['soort', 'totDatum', 'perDatum', 'overdrachtAan', 'reden', 'alertId'] as const;
const OVERDRACHT: readonly VervolgSoort[] = ['wmo', 'wlz', 'zvw'];
/** Nine digits in a row may be a BSN: never in free text (it would travel on an internal topic). */
const NINE_DIGITS = /(^|\D)\d{9}(\D|$)/;

/**
 * Checks a follow-up as posted (`value`) for a child born on `geboortedatum`, recorded on `vastgelegdOp`. Returns the
 * clean input or every problem, in field order.
 */
export function parseVervolgInput(
  value: unknown,
  context: { geboortedatum: IsoDate; vastgelegdOp: IsoDate },
): { ok: true; value: VervolgInput } | { ok: false; problems: string[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, problems: ['the body must be a JSON object'] };
  const v = value as Record<string, unknown>;
  const problems: string[] = [];
  for (const k of Object.keys(v))
    if (!(FIELDS as readonly string[]).includes(k)) problems.push(`${k}: unknown field (use ${FIELDS.join(', ')})`);
  const soort = v.soort;
  if (typeof soort !== 'string' || !(VERVOLG_SOORTEN as readonly string[]).includes(soort)) {
    problems.push(`soort: must be one of ${VERVOLG_SOORTEN.join(', ')}, got ${JSON.stringify(soort)}`);
    return { ok: false, problems };
  }
  const s = soort as VervolgSoort;
  const date = (key: 'totDatum' | 'perDatum', required: boolean): IsoDate | undefined => {
    const d = v[key];
    if (d === undefined || d === null || d === '') {
      if (required) problems.push(`${key}: required for soort ${s}`);
      return undefined;
    }
    if (typeof d !== 'string' || !isRealDate(d)) {
      problems.push(`${key}: must be a date YYYY-MM-DD, got ${JSON.stringify(d)}`);
      return undefined;
    }
    return d;
  };
  const text = (key: 'overdrachtAan' | 'reden', required: boolean, max: number): string | undefined => {
    const t = v[key];
    if (t === undefined || t === null || (typeof t === 'string' && t.trim() === '')) {
      if (required) problems.push(`${key}: required for soort ${s}`);
      return undefined;
    }
    if (typeof t !== 'string') return void problems.push(`${key}: must be text`);
    if (t.length > max) problems.push(`${key}: at most ${max} characters`);
    if (NINE_DIGITS.test(t)) problems.push(`${key}: must not contain a BSN or another 9-digit number`);
    return t.trim();
  };
  const out: VervolgInput = { soort: s };
  const einde = addDays(birthday(context.geboortedatum, 23), -1);
  if (s === 'verlengde_jeugdhulp') {
    const tot = date('totDatum', true);
    if (tot !== undefined && tot < context.vastgelegdOp) problems.push(`totDatum: must not lie before today (${context.vastgelegdOp})`);
    if (tot !== undefined && tot > einde)
      problems.push(`totDatum: verlengde jeugdhulp ends before the 23rd birthday (at the latest ${einde}; Jeugdwet art. 1.1 jeugdige 4°)`);
    if (tot !== undefined) out.totDatum = tot;
  } else if (v.totDatum !== undefined) problems.push(`totDatum: only for soort verlengde_jeugdhulp`);
  if (OVERDRACHT.includes(s)) {
    const per = date('perDatum', true);
    if (per !== undefined) out.perDatum = per;
    const aan = text('overdrachtAan', true, 200);
    if (aan !== undefined) out.overdrachtAan = aan;
  } else {
    if (v.perDatum !== undefined) problems.push(`perDatum: only for soort wmo, wlz or zvw`);
    if (v.overdrachtAan !== undefined) problems.push(`overdrachtAan: only for soort wmo, wlz or zvw`);
  }
  const reden = text('reden', s === 'geen_vervolg_nodig', 1000);
  if (reden !== undefined) out.reden = reden;
  if (v.alertId !== undefined) {
    if (typeof v.alertId !== 'string' || !/^A[0-9a-f]{23}$/.test(v.alertId))
      problems.push('alertId: must be an alert id (A + 23 hexadecimal characters)');
    else out.alertId = v.alertId;
  }
  return problems.length ? { ok: false, problems } : { ok: true, value: out };
}
