export * from './envelope';
export * from './bsn-vault';
export * from './bsn-store.repository';
