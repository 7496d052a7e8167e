/** The unit tier of the api: specs beside the code, no database, no network (`nx run api:unit`). */
const all = require('./jest.config.cts');

module.exports = {
  ...all,
  displayName: 'api-unit',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  globalSetup: undefined,
  globalTeardown: undefined,
};
