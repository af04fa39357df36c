/** The date basics of the iJw model, from the one date module (libs/dates), re-exported as part of this library's API. */
export { addDays, daysBetween, dutchDate, isRealDate } from '@trajectwacht/dates';
