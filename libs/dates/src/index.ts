/**
 * The one date module (`@trajectwacht/dates`): calendar arithmetic on ISO YYYY-MM-DD business dates in the Dutch
 * calendar. Pure, imports nothing; every other library (libs/ijw re-exports the basics) and service uses it.
 *
 * Month arithmetic comes in two conventions, named for what they do when the target month has no such day:
 * - addMonthsClamped: the last day of the target month (2024-01-31 + 1 month = 2024-02-29). The period
 *   arithmetic of the indicators ("within n months", trend periods), equal to PostgreSQL's `date + interval 'n months'`.
 * - addMonthsRolledOver: the first day of the month after (2024-01-31 + 1 month = 2024-03-01), i.e. the first day on
 *   which the full period has passed. Ages and the signal rules' norms: someone born on 2008-02-29 turns 18 on
 *   2026-03-01, as `ageOn` of libs/trajectory counts.
 */

/** A date as YYYY-MM-DD (Dutch calendar). */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** True when the string is a real calendar date in YYYY-MM-DD form (so 2023-02-29 is not), years 1900–2999. */
export function isRealDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2999 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= lastDayOfMonth(y, mo);
}

/** One formatter for every call: constructing an Intl.DateTimeFormat costs about 1 ms (it was 15 % of ingest's CPU). */
const DUTCH_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in the Netherlands (Europe/Amsterdam), which is the calendar the iJw dates are in. */
export function dutchDate(at: Date): IsoDate {
  return DUTCH_DATE.format(at);
}

/** Whole days from a to b (b - a); ISO dates compare as UTC midnights. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  const da = dayNumber(a);
  const db = dayNumber(b);
  if (da !== null && db !== null) return db - da;
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const d = dayNumber(date);
  if (d !== null && Number.isInteger(days)) {
    const out = d + days;
    if (out >= MIN_DAY && out <= MAX_DAY) return isoOfDayNumber(out);
  }
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

// Integer day arithmetic (days since 1970-01-01, proleptic Gregorian; H. Hinnant's days_from_civil): the same results
// as the Date-based forms for real dates of years 1000–9999, without parsing a timestamp or building a Date per call
// (addDays and weekday were among the signal engine's hottest functions). Anything else takes the Date-based path.
const MIN_DAY = -354_285; // 1000-01-01
const MAX_DAY = 2_932_896; // 9999-12-31

function dayNumber(date: IsoDate): number | null {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return null;
  const y = digits(date, 0, 4);
  const m = digits(date, 5, 7);
  const d = digits(date, 8, 10);
  if (y < 1000 || m < 1 || m > 12 || d < 1 || d > lastDayOfMonth(y, m)) return null;
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function isoOfDayNumber(n: number): IsoDate {
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** The number written by the ASCII digits text[from, to); -1 when one of them is not a digit. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** The number of days of a month (month 1–12): 28–31. */
export function lastDayOfMonth(year: number, month: number): number {
  if (Number.isInteger(year) && year >= 0 && month >= 1 && month <= 12 && Number.isInteger(month)) {
    if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
    return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  }
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The day of the week, 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  const d = dayNumber(date);
  // 1970-01-01 was a Thursday (4)
  if (d !== null) return (((d + 4) % 7) + 7) % 7;
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

function monthsLater(date: IsoDate, months: number): { year: number; month: number; day: number } {
  const index = Number(date.slice(0, 4)) * 12 + (Number(date.slice(5, 7)) - 1) + months;
  const year = Math.floor(index / 12);
  return { year, month: index - year * 12 + 1, day: Number(date.slice(8, 10)) };
}

/** date + n calendar months (n may be negative); a day the target month lacks becomes its LAST day (31 Jan + 1 = 28/29 Feb). */
export function addMonthsClamped(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = monthsLater(date, months);
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(day, lastDayOfMonth(year, month)))}`;
}

/**
 * date + n calendar months (n may be negative); a day the target month lacks rolls over to the 1st of the NEXT month (31 Jan + 1 = 1 Mar).
 */
export function addMonthsRolledOver(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = monthsLater(date, months);
  if (day <= lastDayOfMonth(year, month)) return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  return month === 12 ? `${pad(year + 1, 4)}-01-01` : `${pad(year, 4)}-${pad(month + 1)}-01`;
}

/** The first day on which someone born on `geboortedatum` is `years` old (29 Feb → 1 March, as ageOn counts). */
export function birthday(geboortedatum: IsoDate, years: number): IsoDate {
  return addMonthsRolledOver(geboortedatum, years * 12);
}

/** The first day on which someone is `years` and a half old: birthday(years) + 6 months (same roll-over rule). */
export function halfBirthday(geboortedatum: IsoDate, years: number): IsoDate {
  return addMonthsRolledOver(birthday(geboortedatum, years), 6);
}

/** The earliest of the dates given (null and undefined ignored), or null. */
export function minDate(...dates: (IsoDate | null | undefined)[]): IsoDate | null {
  let best: IsoDate | null = null;
  for (const d of dates) if (d !== null && d !== undefined && (best === null || d < best)) best = d;
  return best;
}

/** The latest of the dates given (null and undefined ignored), or null. */
export function maxDate(...dates: (IsoDate | null | undefined)[]): IsoDate | null {
  let best: IsoDate | null = null;
  for (const d of dates) if (d !== null && d !== undefined && (best === null || d > best)) best = d;
  return best;
}

/** Earliest date strictly after `now`, or null. */
export function nextAfter(now: IsoDate, dates: (IsoDate | null | undefined)[]): IsoDate | null {
  return minDate(...dates.filter((d): d is IsoDate => d !== null && d !== undefined && d > now));
}
