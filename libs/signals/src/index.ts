export * from './model';
export * from './config';
export * from './working-days';
export * from './lifecycle';
export * from './rules';
export * as signalTestBuilders from './test-builders';
export * from './vervolg';
