import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (tests beside the code, no servers) and `e2e` (test/**: the whole hub
 * in child processes on real PostgreSQL, one file at a time because they share ports).
 */
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'packages/*/src/**/*.test.ts',
            'services/*/src/**/*.test.ts',
            'gateway/src/**/*.test.ts',
            'web/src/**/*.test.ts',
            'infra/**/*.test.ts',
          ],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/**/*.e2e.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
