export * from './calibration';
export * from './region';
export * from './simulate';
export * from './stats';
export * from './random';
export * from './bsn';
export { dayOf, isoOf, addWorkingDays as addWeekdays } from './days';
