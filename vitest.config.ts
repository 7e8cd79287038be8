import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    coverage: {
      provider: 'v8',
      include: ['src/**'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: '.tmp/coverage',
      // Set just below what the suite measured before the layout refactor (statements 89.6 %,
      // branches 79.1 %, functions 91.7 %, lines 91.8 %); to be raised once it lands.
      thresholds: { statements: 88, branches: 77, functions: 90, lines: 90 },
    },
  },
});
