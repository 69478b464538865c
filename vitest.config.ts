import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'spec/**/*.test.ts', 'generators/**/*.test.ts', 'suites/**/*.test.ts', 'reporters/**/*.test.ts', 'harness/**/*.test.ts', 'emulator/**/*.test.ts', 'sdk/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
