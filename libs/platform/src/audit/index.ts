export * from './access-record';
export * from './access-log.repository';
export * from './access-logged';
