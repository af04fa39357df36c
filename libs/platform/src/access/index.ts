export * from './access-policy';
export * from './allow';
