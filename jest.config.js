// Two Jest projects: fast unit tests of pure logic, and integration/end-to-end tests against the real
// Kafka broker, PostgreSQL and Redis (run in band: they share the local infrastructure).
const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // `@trajectwacht/<lib>/testing`: the builders of a library, outside its production entry point (tsconfig.base.json).
  moduleNameMapper: {
    '^@trajectwacht/([^/]+)/testing$': '<rootDir>/libs/$1/src/testing',
    '^@trajectwacht/([^/]+)$': '<rootDir>/libs/$1/src',
  },
  rootDir: __dirname,
};

module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts', '<rootDir>/test/conformance/**/*.spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/setup-unit-timeout.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts', '<rootDir>/{apps,libs,test}/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.js',
      globalTeardown: '<rootDir>/test/global-teardown.js',
      setupFiles: ['<rootDir>/test/setup-env.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/setup-timeout.ts'],
    },
    {
      // The longer fault-injection and load runs (`npm run test:resilience`): own infrastructure on spare ports
      // where they stop or restart it, compiled services as separate processes.
      ...shared,
      displayName: 'resilience',
      testMatch: ['<rootDir>/test/resilience/**/*.resilience-spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.js',
      globalTeardown: '<rootDir>/test/global-teardown.js',
      setupFiles: ['<rootDir>/test/setup-env.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/setup-timeout.ts'],
    },
  ],
};
