export * from './tokens';
export * from './platform.module';
export * from './auth.guard';
export * from './health.controller';
export * from './batch-consumer.service';
export * from './run-service';
export * from './not-found.filter';
