import { randomBytes } from 'node:crypto';

// Integration tests run against the real local infrastructure (started by scripts/test.sh). Secrets are generated
// per test run when the environment does not provide them: none is ever stored in the repository.
process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';
process.env.REDIS_URL ??= 'redis://127.0.0.1:6379';
process.env.KAFKA_BROKERS ??= '127.0.0.1:9092';
process.env.PSEUDONYM_SECRET ??= randomBytes(32).toString('hex');
process.env.AUTH_SECRET ??= randomBytes(32).toString('hex');
// The BSN store's key encryption key (docs/security.md, "The BSN store"): one per test run, like the secrets above.
process.env.BSN_KEYS ??= `test1:${randomBytes(32).toString('base64')}`;
process.env.LOG_LEVEL ??= 'warn';
// Test traffic lives on this run's own topics (prefix chosen and topics created by test/global-setup.js).
process.env.TRAJECTWACHT_TOPIC_PREFIX ??= 'test.';
