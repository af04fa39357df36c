export * from './model';
export * from './config';
export * from './working-days';
export * from './lifecycle';
export * from './rules';
export * from './vervolg';
export * from './fact-labels';
export * from './timer-horizon';
