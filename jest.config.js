// Two tiers: unit specs beside the code (no I/O), integration tests under test/ that talk to the
// real PostgreSQL and Redis of the machine, each file in its own database and Redis prefix.
const swc = ['@swc/jest', { swcrc: true }];

/** @type {import('jest').Config} */
module.exports = {
  // testTimeout is a global option: Jest ignores it inside a project entry.
  testTimeout: 60000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/src'],
      testMatch: ['**/*.spec.ts'],
      transform: { '^.+\\.ts$': swc },
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.ts$': swc },
      globalSetup: '<rootDir>/test/support/global-setup.ts',
    },
  ],
};
