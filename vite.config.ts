/// <reference types="vitest/config" />
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { CSP_HEADER, contentSecurityPolicy } from './src/build/csp.ts';
import { serviceWorker } from './src/build/serviceWorker.ts';

export default defineConfig({
  plugins: [svelte(), contentSecurityPolicy(), serviceWorker()],
  // `npm run preview` serves the built page with the policy as a header too (frame-ancestors included).
  preview: { headers: { 'Content-Security-Policy': CSP_HEADER } },
  optimizeDeps: { include: ['seedrandom', 'd3', 'd3-dsv'] },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: false },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
