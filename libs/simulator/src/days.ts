/**
 * Calendar arithmetic on day numbers (days since 1970-01-01, UTC), which is what the simulator computes with;
 * ISO strings are only made when a message is written (and cached: a run covers a few thousand distinct days).
 */
import type { IsoDate } from '@trajectwacht/ijw';

export const DAY_MS = 86_400_000;

export function dayOf(date: IsoDate): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new Error(`not a date: ${date}`);
  return Math.round(ms / DAY_MS);
}

const isoCache = new Map<number, string>();

export function isoOf(day: number): IsoDate {
  let s = isoCache.get(day);
  if (s === undefined) {
    s = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (isoCache.size < 200_000) isoCache.set(day, s);
  }
  return s;
}

/** Weekday of a day number: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/**
 * Adds working days (Monday–Friday; public holidays are ignored here, which only makes the simulated senders a
 * little stricter than the 5-working-day rule of the platform).
 */
export function addWorkingDays(day: number, n: number): number {
  let d = day;
  let left = n;
  while (weekdayOf(d) === 0 || weekdayOf(d) === 6) d++;
  while (left > 0) {
    d++;
    if (weekdayOf(d) !== 0 && weekdayOf(d) !== 6) left--;
  }
  return d;
}

/** Year, month (1–12) and day of a day number (Howard Hinnant's civil_from_days; no Date objects). */
export function civilOf(day: number): [number, number, number] {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** Day number of a civil date (days_from_civil). */
export function dayFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** The day a person with this birth day turns `years` old (a 29 February birthday falls on 1 March). */
export function birthdayDay(birthDay: number, years: number): number {
  const [y, m, d] = civilOf(birthDay);
  const ty = y + years;
  if (m === 2 && d === 29 && !isLeap(ty)) return dayFromCivil(ty, 3, 1);
  return dayFromCivil(ty, m, d);
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** ISO timestamp (UTC, milliseconds) of an epoch-ms value, without a Date object. */
export function isoTimestamp(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let rest = ms - day * DAY_MS;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const mi = Math.floor(rest / 60_000);
  rest -= mi * 60_000;
  const s = Math.floor(rest / 1000);
  const milli = rest - s * 1000;
  return `${isoOf(day)}T${pad2(h)}:${pad2(mi)}:${pad2(s)}.${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
}
