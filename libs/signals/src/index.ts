export * from './model';
export * from './config';
export { addMonths, birthday, halfBirthday } from './dates';
export * from './working-days';
export * from './lifecycle';
export * from './rules';
export * as signalTestBuilders from './test-builders';
