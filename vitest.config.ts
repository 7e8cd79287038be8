import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: '.tmp/coverage',
      // Just below what the suite measures after the layout work of 0.2 (statements 90.2 %, branches
      // 80.2 %, functions 92.4 %, lines 92.5 %): a change that drops coverage fails the test command.
      thresholds: { statements: 90, branches: 79, functions: 92, lines: 92 },
    },
  },
});
