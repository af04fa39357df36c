export * from './intensity';
export * from './overgang18';
export * from './trajectory';
export * from './events';
export * from './client';
export * from './hash';
export * from './columns';
export * from './verzoek';
