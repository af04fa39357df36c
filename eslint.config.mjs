import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import nx from '@nx/eslint-plugin';
import { createProjectGraphAsync } from '@nx/devkit';

// @nx/enforce-module-boundaries reads the cached Nx project graph and silently skips itself when there is none (a
// fresh CI checkout: .nx/ is not committed). Build it here, in this process (nx.json: useDaemonProcess false), so
// every `eslint` run checks the boundaries against the projects and tags as they are now.
await createProjectGraphAsync({ exitOnError: true });

/**
 * Module boundaries by the projects' tags (project.json): a domain lib depends on domain libs only (pure TypeScript);
 * the platform (libs/platform and the services) on the platform and the domain; tooling (simulator, CLI) on anything.
 * No project imports an app (built into the rule), and no project imports another by a relative path.
 */
export const DEP_CONSTRAINTS = [
  { sourceTag: 'scope:domain', onlyDependOnLibsWithTags: ['scope:domain'] },
  { sourceTag: 'scope:platform', onlyDependOnLibsWithTags: ['scope:platform', 'scope:domain'] },
  { sourceTag: 'scope:tooling', onlyDependOnLibsWithTags: ['*'] },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'coverage/**', '.data/**', 'infra/kafka/target/**', '.nx/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  {
    // No line over 140 characters, comments and strings included (Prettier wraps code at the same width).
    files: ['**/*.ts', '**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: { 'max-len': ['error', { code: 140, tabWidth: 2 }] },
  },
  {
    // Untrusted JSON is read through a check, never cast: topic payloads through @trajectwacht/contracts, files and
    // other inputs through a small validator (`JSON.parse(…) as unknown` is fine: it claims nothing).
    files: ['**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...[
          "TSAsExpression:not([typeAnnotation.type='TSUnknownKeyword']) > " +
            "CallExpression[callee.object.name='JSON'][callee.property.name='parse']",
          "TSTypeAssertion > CallExpression[callee.object.name='JSON'][callee.property.name='parse']",
          "TSAsExpression > MemberExpression > CallExpression.object[callee.object.name='JSON'][callee.property.name='parse']",
        ].map((selector) => ({
          selector,
          message:
            'Do not cast JSON.parse: decode a topic payload with @trajectwacht/contracts (decodeGeaccepteerd, decodeTrajectoryEvent, …), ' +
            'check anything else.',
        })),
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    ignores: ['apps/monitor/web/**'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The dashboard: browser ES modules served as they are (no build step).
    files: ['apps/monitor/web/**/*.js'],
    languageOptions: { sourceType: 'module', globals: { ...globals.browser } },
  },
  {
    // Production code only: tests wire several projects together (an e2e spec starts every service) and share
    // test/support, which belongs to no project.
    files: ['apps/**/*.ts', 'libs/**/*.ts', 'tools/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          depConstraints: DEP_CONSTRAINTS,
          allow: [
            // The topic list shared with infra/ (libs/platform/src/topics.ts).
            'infra/kafka/topics\\.json$',
            // apps/migrations.ts: the one ordered run of every service's migrations, in no project (docs/architecture.md).
            '^\\.\\./\\.\\./migrations$',
          ],
        },
      ],
    },
  },
  {
    // Every setting is read through the typed config (libs/platform/src/config.ts: loadConfig, setting, SETTINGS).
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['libs/platform/src/config.ts', '**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'read settings through libs/platform/src/config.ts (loadConfig, setting); add a new one to SETTINGS there',
        },
      ],
    },
  },
  {
    // The domain libraries are pure TypeScript: no framework or infrastructure imports.
    files: [
      'libs/dates/**/*.ts',
      'libs/ijw/**/*.ts',
      'libs/trajectory/**/*.ts',
      'libs/signals/**/*.ts',
      'libs/indicators/**/*.ts',
      'libs/simulator/**/*.ts',
      'libs/contracts/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@nestjs/*', 'typeorm', 'kafkajs', 'bullmq', 'ioredis', 'pg', 'express'] }],
    },
  },
);
