/// <reference types="vitest/config" />
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { CSP_HEADER, contentSecurityPolicy } from './src/build/csp.ts';
import { serviceWorker } from './src/build/serviceWorker.ts';
import { WORLDS_FILE } from './src/engine/model/worlds.ts';

export default defineConfig({
  plugins: [svelte(), contentSecurityPolicy(), serviceWorker()],
  // The page loads the worlds file on demand (src/ui/state/worldsFile.ts) but checks `worlds=N` at
  // once: the count is read here from the file itself, the one source.
  define: { __PLAUSIBLE_WORLDS__: JSON.stringify(WORLDS_FILE.worlds.length) },
  // `npm run preview` serves the built page with the policy as a header too (frame-ancestors included).
  preview: { headers: { 'Content-Security-Policy': CSP_HEADER } },
  optimizeDeps: { include: ['seedrandom', 'd3', 'd3-dsv'] },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: false },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**'],
    environment: 'node',
    globalSetup: ['test/globalSetup.ts'],
    // Before each file: toEqual on typed arrays in milliseconds, with vitest's verdicts (test/typedArrayEquality.ts).
    setupFiles: ['test/setup.ts'],
    // Hooks get the same time as tests: a beforeAll that spawns the command line or builds a fixture
    // timed out at vitest's default 10 s on a loaded 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two test files at once, one per core (vitest's default on 2 cores is one): most files are
    // single-threaded engine runs, and the few that start worker threads finish within their timeouts.
    maxWorkers: 2,
    // Worker threads, not forked processes: each file still gets its own module graph (isolated), but
    // starting a thread is cheaper than a process. Measured here, idle: the unit suite 184 s with forks,
    // 147 s with threads.
    pool: 'threads',
  },
});
