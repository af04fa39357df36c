export * from './claims';
export * from './types';
export * from './verifier';
export * from './client-credentials';
