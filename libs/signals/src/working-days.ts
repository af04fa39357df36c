/**
 * Dutch working days, for SAP deadlines such as "JW307 within 5 working days" (STOP_ONTBREEKT).
 *
 * A working day is Monday–Friday that is not a holiday. Holidays (default: the "algemeen erkende feestdagen" of the
 * Algemene termijnenwet, art. 3, which is how Dutch statutory and administrative terms are counted):
 * - Nieuwjaarsdag (1 Jan), Eerste en Tweede Paasdag, Hemelvaartsdag (Easter + 39), Eerste en Tweede Pinksterdag
 *   (Easter + 49/50), Eerste en Tweede Kerstdag (25/26 Dec);
 * - Koningsdag: 27 April, or 26 April when the 27th is a Sunday (since 2014). Before 2014 Koninginnedag: 30 April,
 *   or 29 April when the 30th is a Sunday (kept for replays of old data);
 * - Bevrijdingsdag (5 May): the Algemene termijnenwet lists it EVERY year, although many CAOs only give a day off in
 *   lustrum years (2025, 2030, …). Configurable: 'altijd' (default) | 'lustrum' | 'nooit';
 * - Goede Vrijdag (Easter − 2): not a national day off, but the Algemene termijnenwet (art. 3 lid 2) equates it with a
 *   feestdag for terms. Default INCLUDED (true): for a deadline imposed on a provider, counting it is the lenient
 *   reading and avoids false STOP_ONTBREEKT alerts; set `goedeVrijdag: false` to count it as a working day.
 * - `extraVrijeDagen`: extra dates (e.g. the bridge days a Royal Decree equates with a feestdag every 3 years).
 * Easter is computed with the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
 */
import { addDays, weekday } from '@trajectwacht/dates';
import type { IsoDate } from '@trajectwacht/ijw';

export type BevrijdingsdagRegel = 'altijd' | 'lustrum' | 'nooit';

export interface WorkingDayOptions {
  goedeVrijdag: boolean;
  bevrijdingsdag: BevrijdingsdagRegel;
  /** Extra non-working dates (ISO). */
  extraVrijeDagen: IsoDate[];
}

export const DEFAULT_WORKING_DAY_OPTIONS: Readonly<WorkingDayOptions> = Object.freeze({
  goedeVrijdag: true,
  bevrijdingsdag: 'altijd',
  extraVrijeDagen: [],
});

function iso(year: number, month1: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Weekday of an ISO date: 0 = Sunday … 6 = Saturday (from the one date module). */
export { weekday };

/** Easter Sunday (Gregorian), anonymous Gregorian algorithm. */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(year, month, day);
}

function kingsDay(year: number): IsoDate {
  if (year >= 2014) {
    const d = iso(year, 4, 27);
    return weekday(d) === 0 ? iso(year, 4, 26) : d;
  }
  const d = iso(year, 4, 30);
  return weekday(d) === 0 ? iso(year, 4, 29) : d;
}

/** The holidays of a year with their Dutch names, sorted by date. */
export function dutchHolidays(year: number, options: Partial<WorkingDayOptions> = {}): { date: IsoDate; naam: string }[] {
  const o = { ...DEFAULT_WORKING_DAY_OPTIONS, ...options };
  const easter = easterSunday(year);
  const list: { date: IsoDate; naam: string }[] = [
    { date: iso(year, 1, 1), naam: 'Nieuwjaarsdag' },
    { date: easter, naam: 'Eerste Paasdag' },
    { date: addDays(easter, 1), naam: 'Tweede Paasdag' },
    { date: kingsDay(year), naam: year >= 2014 ? 'Koningsdag' : 'Koninginnedag' },
    { date: addDays(easter, 39), naam: 'Hemelvaartsdag' },
    { date: addDays(easter, 49), naam: 'Eerste Pinksterdag' },
    { date: addDays(easter, 50), naam: 'Tweede Pinksterdag' },
    { date: iso(year, 12, 25), naam: 'Eerste Kerstdag' },
    { date: iso(year, 12, 26), naam: 'Tweede Kerstdag' },
  ];
  if (o.goedeVrijdag) list.push({ date: addDays(easter, -2), naam: 'Goede Vrijdag' });
  if (o.bevrijdingsdag === 'altijd' || (o.bevrijdingsdag === 'lustrum' && year % 5 === 0))
    list.push({ date: iso(year, 5, 5), naam: 'Bevrijdingsdag' });
  for (const d of o.extraVrijeDagen) if (Number(d.slice(0, 4)) === year) list.push({ date: d, naam: 'Extra vrije dag' });
  return list.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

const cache = new Map<string, Set<IsoDate>>();

function holidaySet(year: number, o: WorkingDayOptions): Set<IsoDate> {
  const key = `${year}|${o.goedeVrijdag}|${o.bevrijdingsdag}|${o.extraVrijeDagen.join(',')}`;
  let set = cache.get(key);
  if (!set) {
    set = new Set(dutchHolidays(year, o).map((h) => h.date));
    if (cache.size > 500) cache.clear();
    cache.set(key, set);
  }
  return set;
}

export function isHoliday(date: IsoDate, options: Partial<WorkingDayOptions> = {}): boolean {
  return holidaySet(Number(date.slice(0, 4)), { ...DEFAULT_WORKING_DAY_OPTIONS, ...options }).has(date);
}

/** Monday–Friday and not a holiday. */
export function isWorkingDay(date: IsoDate, options: Partial<WorkingDayOptions> = {}): boolean {
  const wd = weekday(date);
  if (wd === 0 || wd === 6) return false;
  return !isHoliday(date, options);
}

/**
 * isWorkingDay for a walk over many days with the same options (addWorkingDays): the options are resolved once and
 * the holiday set looked up once per year, instead of per day.
 */
function workingDayTest(options: Partial<WorkingDayOptions>): (date: IsoDate) => boolean {
  const o = { ...DEFAULT_WORKING_DAY_OPTIONS, ...options };
  let year = -1;
  let holidays: Set<IsoDate> = new Set();
  return (date) => {
    const wd = weekday(date);
    if (wd === 0 || wd === 6) return false;
    const y = Number(date.slice(0, 4));
    if (y !== year) {
      year = y;
      holidays = holidaySet(y, o);
    }
    return !holidays.has(date);
  };
}

/**
 * The n-th working day AFTER `date` (n ≥ 1; the date itself never counts). n = 0 returns `date` unchanged; a negative
 * n counts backwards. Example: addWorkingDays('2024-03-28', 1) is '2024-04-02' (Goede Vrijdag and Tweede Paasdag).
 */
export function addWorkingDays(date: IsoDate, n: number, options: Partial<WorkingDayOptions> = {}): IsoDate {
  if (!Number.isInteger(n)) throw new Error(`addWorkingDays: n must be an integer, got ${n}`);
  const step = n < 0 ? -1 : 1;
  let remaining = Math.abs(n);
  let d = date;
  const working = workingDayTest(options);
  while (remaining > 0) {
    d = addDays(d, step);
    if (working(d)) remaining -= 1;
  }
  return d;
}
