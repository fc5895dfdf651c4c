import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

const source = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

// Tests run against the TypeScript sources; the alias keeps cross-package imports on source too.
export default defineConfig({
  resolve: {
    alias: {
      '@xiaoneng/engine': source('./packages/engine/src/index.ts'),
      '@xiaoneng/server': source('./packages/server/src/index.ts'),
    },
  },
  test: {
    testTimeout: 30_000,
    pool: 'forks',
    // Two projects so that the throwaway PostgreSQL cluster starts only when server tests run.
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'packages/server/**', 'packages/web/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          include: ['packages/server/src/**/*.test.ts'],
          globalSetup: ['packages/server/src/test/postgres-global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          // Real chromium against a real server: one test file at a time, so one browser at a time.
          name: 'web',
          include: ['packages/web/e2e/**/*.test.ts', 'packages/web/src/**/*.test.{ts,tsx}'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          maxWorkers: 1,
        },
      },
    ],
  },
});
