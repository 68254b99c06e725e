/** Jest runs the TypeScript sources as ES modules (ts-jest, useESM). */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }]
  },
  reporters: ['default', '<rootDir>/scripts/plain-summary-reporter.cjs'],
  clearMocks: true,
  // The end-to-end suites mostly wait on the wall clock (metric periods, ingestion, settle), so two
  // run side by side even on two cores.
  maxWorkers: 2,
  testTimeout: 30000
}
