/**
 * `@trajectwacht/signals/testing`: builders for specs (a child with its trajectories, a rule input). Not part of the
 * production entry point (index.ts) nor of the build (tsconfig.build.json).
 */
export * from './test-builders';
