/**
 * `@trajectwacht/ijw/testing`: builders for specs (heenberichten per soort, rule runners, the expected findings) and
 * the retour fixtures (`retourFixtures.jw301()` …, berichten in the JSON form). Not part of the production entry point
 * (index.ts) nor of the build (tsconfig.build.json).
 */
export * from './regels/test-builders';
export * as retourFixtures from './retour/fixtures';
