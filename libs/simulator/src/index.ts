export * from './calibration';
export * from './region';
export * from './simulate';
export * from './stats';
export * from './verzoek-stats';
export { VerzoekPlanner, type PlannedVerzoek } from './verzoeken';
export * from './random';
export * from './bsn';
export { dayOf, isoOf, addWorkingDays as addWeekdays } from './days';
