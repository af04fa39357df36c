/**
 * Transitional: the date helpers live in the one date module (@trajectwacht/dates, libs/dates/README.md), which the
 * signal rules import directly. Only overgang-18.ts still reads them from here (another change to it is in progress);
 * `addMonths` here is addMonthsRolledOver (a missing day rolls over to the 1st of the next month). Remove this file
 * once overgang-18.ts imports @trajectwacht/dates.
 */
export { addDays, addMonthsRolledOver as addMonths, birthday, halfBirthday, maxDate, minDate } from '@trajectwacht/dates';
