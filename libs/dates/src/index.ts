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

/** Today's date in the Netherlands (Europe/Amsterdam), which is the calendar the iJw dates are in. */
export function dutchDate(at: Date): IsoDate {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** Whole days from a to b (b - a); ISO dates compare as UTC midnights. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The number of days of a month (month 1–12): 28–31. */
export function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The day of the week, 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
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
