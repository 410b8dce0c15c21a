// Shared by every project's jest.config.cjs. SWC strips types (typecheck is its own target),
// and the results reporter feeds the CI summary line.
const path = require('node:path');

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  resolver: '@nx/jest/plugins/resolver',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // Integration tests talk to real stores: a consumer group join alone can take seconds.
  testTimeout: 60000,
  reporters: ['default', path.join(__dirname, 'tools/ci/jest-results-reporter.cjs')],
};
