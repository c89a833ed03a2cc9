import { defineConfig } from 'vitest/config';

/** End-to-end tests: real Chromium (playwright-core) against the built page in dist/. */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two files at once, each with its own Chromium and server: a browser file keeps the CPU about
    // 75% busy (the page waits on frames, workers and the test's own Node work), so a second file
    // fills the gaps. Timed checks keep generous limits (the band's is 15 s for a 2 s target).
    fileParallelism: true,
    maxWorkers: 2,
  },
});
