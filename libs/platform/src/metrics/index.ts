export * from './metrics';
export * from './outbox-metrics.repository';
