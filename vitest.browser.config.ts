import { defineConfig } from 'vitest/config';

/** End-to-end tests: real Chromium (playwright-core) against the built page in dist/. */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
