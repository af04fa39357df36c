/**
 * Calendar helpers for the signal rules. All dates are ISO YYYY-MM-DD business dates (Dutch calendar).
 *
 * Month arithmetic follows the same convention as `ageOn` of @trajectwacht/trajectory: when the target month has no
 * such day (31 Jan + 1 month, 29 Feb + 12 months) the result is the FIRST day of the following month, i.e. the first
 * day on which the full period has passed. So "12 months after 2024-02-29" is 2025-03-01 and someone born on
 * 2008-02-29 turns 18 on 2026-03-01.
 */
import { addDays, daysBetween, type IsoDate } from '@trajectwacht/ijw';

export { addDays, daysBetween };

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function daysInMonth(year: number, month1: number): number {
  return new Date(Date.UTC(year, month1, 0)).getUTCDate();
}

/** date + n months (n may be negative); a non-existent day rolls over to the 1st of the next month. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const index = y * 12 + (m - 1) + months;
  let year = Math.floor(index / 12);
  let month = (index % 12) + 1;
  if (d <= daysInMonth(year, month)) return `${pad(year, 4)}-${pad(month)}-${pad(d)}`;
  month += 1;
  if (month > 12) {
    month = 1;
    year += 1;
  }
  return `${pad(year, 4)}-${pad(month)}-01`;
}

/** The first day on which someone born on `geboortedatum` is `years` old (same rule as ageOn: 29 Feb → 1 March). */
export function birthday(geboortedatum: IsoDate, years: number): IsoDate {
  return addMonths(geboortedatum, years * 12);
}

/** The first day on which someone is `years` and a half old: birthday(years) + 6 months (same roll-over rule). */
export function halfBirthday(geboortedatum: IsoDate, years: number): IsoDate {
  return addMonths(birthday(geboortedatum, years), 6);
}

export function minDate(...dates: (IsoDate | null | undefined)[]): IsoDate | null {
  let best: IsoDate | null = null;
  for (const d of dates) if (d !== null && d !== undefined && (best === null || d < best)) best = d;
  return best;
}

export function maxDate(...dates: (IsoDate | null | undefined)[]): IsoDate | null {
  let best: IsoDate | null = null;
  for (const d of dates) if (d !== null && d !== undefined && (best === null || d > best)) best = d;
  return best;
}

/** Earliest date strictly after `now`, or null. */
export function nextAfter(now: IsoDate, dates: (IsoDate | null | undefined)[]): IsoDate | null {
  return minDate(...dates.filter((d): d is IsoDate => d !== null && d !== undefined && d > now));
}
