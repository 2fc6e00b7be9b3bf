import { defineConfig } from 'vitest/config';

/**
 * One config for every test. `OUTPOST_TEST_DB=postgres` runs the integration tests against a fresh
 * PostgreSQL database per test file (scripts/test.mjs runs the suite once per back end).
 */
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
