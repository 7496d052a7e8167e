const esmBundles = require('../../tools/jest/esm-bundles.cjs');

module.exports = {
  displayName: 'api',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  // ESM-only packages, bundled to CommonJS for jest (see tools/jest/esm-bundles.cjs).
  moduleNameMapper: esmBundles(),
  // Three tiers, all in `nx test api`; each alone: `nx run api:unit`, `api:e2e`, `api:browser`.
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.e2e-spec.ts', '<rootDir>/src/**/*.browser-spec.ts'],
  // One fresh database per run: real PostgreSQL (DATABASE_URL's server, or an embedded one).
  globalSetup: '<rootDir>/src/test/global-setup.ts',
  globalTeardown: '<rootDir>/src/test/global-teardown.ts',
  testTimeout: 30000,
  coverageDirectory: '../../coverage/apps/api',
};
