/** Unit tests live beside the code; end-to-end tests in test/ boot Hearth against real PostgreSQL and SMTP. */
const moduleNameMapper = {
  '^@app/(core|identity|community|mail|calendar|notifications|events|rsvp|inbound|account|i18n|scheduling|runtime|networking)$':
    '<rootDir>/libs/$1/src',
  '^@app/(core|identity|community|mail|calendar|notifications|events|rsvp|inbound|account|i18n|scheduling|runtime|networking)/(.*)$':
    '<rootDir>/libs/$1/src/$2',
  '^@app/migrations$': '<rootDir>/migrations',
};
const transform = { '^.+\\.(ts|js)$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] };
// Node's require(esm) does not reach inside jest's module system (still so on Node 22 and 24.22 with
// jest 30), so the few ESM-only dependencies that CommonJS packages require are compiled for tests.
const ESM_ONLY = ['content-disposition', 'intl-messageformat', '@formatjs'];
const transformIgnorePatterns = [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`];

// Specs that read the interop corpus in ../shared (test/interop/*.interop-spec.ts) are not part of
// `npm test`, which must pass on a fresh clone with nothing beside it: `npm run test:interop -- <dir>`
// sets HEARTH_INTEROP_DIR and runs them (CI requires that script and counts its results).
const interop = process.env.HEARTH_INTEROP_DIR
  ? [
      {
        displayName: 'interop',
        testEnvironment: 'node',
        rootDir: __dirname,
        testMatch: ['<rootDir>/test/interop/**/*.interop-spec.ts'],
        moduleNameMapper,
        transform,
        transformIgnorePatterns,
      },
    ]
  : [];

module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      rootDir: __dirname,
      testMatch: [
        '<rootDir>/libs/**/*.spec.ts',
        '<rootDir>/apps/*/src/**/*.spec.ts',
        '<rootDir>/scripts/**/*.spec.ts',
      ],
      moduleNameMapper,
      transform,
      transformIgnorePatterns,
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      moduleNameMapper,
      transform,
      transformIgnorePatterns,
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/e2e-timeout.ts'],
    },
    ...interop,
  ],
};
