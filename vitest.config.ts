import { defineConfig } from 'vitest/config';

// Integration tests start worker threads and servers; the machine has two cores, so keep parallelism modest.
export default defineConfig({
  test: {
    include: ['packages/*/tests/**/*.test.ts', 'services/*/tests/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
