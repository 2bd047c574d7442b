// Two tiers: unit specs beside the code (no I/O), integration tests under test/ that talk to the
// real PostgreSQL and Redis of the machine, each file in its own database and Redis prefix.
const swc = ['@swc/jest', { swcrc: true }];
// otplib 13 depends on ESM-only packages (@scure/base, @noble/hashes); Node loads them through
// require(esm), Jest does not, so they are compiled to CommonJS like our own files.
const esmOnly = ['@scure', '@noble'];
const transform = {
  '^.+\\.ts$': swc,
  [`node_modules/(${esmOnly.join('|')})/.+\\.js$`]: swc,
};
const transformIgnorePatterns = [`/node_modules/(?!(${esmOnly.join('|')})/)`];

/** @type {import('jest').Config} */
module.exports = {
  // Jest 30 reads testTimeout only at the top level, not per project.
  testTimeout: 60000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/src'],
      testMatch: ['**/*.spec.ts'],
      transform,
      transformIgnorePatterns,
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      transform,
      transformIgnorePatterns,
      globalSetup: '<rootDir>/test/support/global-setup.ts',
    },
  ],
};
