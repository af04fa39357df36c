/**
 * `@trajectwacht/trajectory/testing`: builders for specs and benchmarks (accepted JW301/JW305/JW307 with defaults,
 * the legacy message corpus). Not part of the production entry point (index.ts) nor of the build (tsconfig.build.json).
 */
export * from './test-fixtures';
export { legacyCorpus, legacyMessageSetArb } from './legacy-corpus';
