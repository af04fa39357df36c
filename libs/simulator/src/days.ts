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

/** The day a person with this birth day turns `years` old (a 29 February birthday falls on 1 March). */
export function birthdayDay(birthDay: number, years: number): number {
  const b = new Date(birthDay * DAY_MS);
  const y = b.getUTCFullYear() + years;
  const m = b.getUTCMonth();
  let ms = Date.UTC(y, m, b.getUTCDate());
  if (new Date(ms).getUTCMonth() !== m) ms = Date.UTC(y, m + 1, 1);
  return Math.round(ms / DAY_MS);
}
