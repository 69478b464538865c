import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', ...['spec', 'core', 'transports', 'clients', 'generators', 'suites', 'emulator', 'run', 'reporters', 'vitest', 'bin'].map((d) => `${d}/**/*.test.ts`)],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
