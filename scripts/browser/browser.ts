import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { CSP_HEADER } from '../../src/build/csp';
import { findChromium, type FoundChromium } from './findChromium';

/*
 * Serving the built page and launching Chromium, without the test runner: the browser tests
 * (through test/browser/harness.ts), `npm run screenshot`, `npm run soak` and `npm run bench:ui`
 * all use these. Scripts and benches import nothing from test/ (test/purity.test.ts).
 */

/** The Chromium the tests drive (found once per process); a missing browser is a failure, never a skip. */
let found: Promise<FoundChromium> | undefined;
export function chromiumPath(): Promise<FoundChromium> {
  found ??= findChromium();
  return found;
}
/** The built page to serve: dist/, or DIST_DIR (so parallel builds, e.g. `vite build --outDir`, do not collide). */
export const DIST = resolve(process.env.DIST_DIR ?? resolve(import.meta.dirname, '../../dist'));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Serve dist/ (the built page) on a free loopback port. */
export async function serveDist(
  dist = DIST,
): Promise<{ url: string; close: () => Promise<void>; setOffline: (offline: boolean) => void; served: string[] }> {
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`${dist}/index.html is missing: run \`npm run build\` first`);
  let offline = false;
  const served: string[] = [];
  const DIST = dist;
  const server: Server = createServer((req, res) => {
    // "Offline": every request fails as a dropped connection does (a network error in the browser).
    if (offline) {
      req.socket.destroy();
      return;
    }
    served.push(req.url ?? '');
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(DIST, path));
    if (!file.startsWith(DIST)) {
      res.writeHead(403).end();
      return;
    }
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(DIST, 'index.html');
    // Sent as a real host should (the built page also carries it in a <meta>); workers get it too.
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      'content-security-policy': CSP_HEADER,
      'x-content-type-options': 'nosniff',
    });
    res.end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${addr.port}/`,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
    setOffline: (o) => {
      offline = o;
      if (o) server.closeAllConnections();
    },
    served,
  };
}

/**
 * Headless Chromium with a fresh profile (playwright-core refuses --user-data-dir in args).
 * `serviceWorkers: 'block'` (the default) keeps the page's offline cache out of the tests that do
 * not test it (it would serve files past page.route); test/browser/offline.test.ts allows it.
 */
export async function launch({ serviceWorkers = 'block' }: { serviceWorkers?: 'allow' | 'block' } = {}): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const browser = await chromiumPath();
  const dir = mkdtempSync(join(tmpdir(), 'ceasefire-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: browser.path,
    headless: true,
    acceptDownloads: true,
    serviceWorkers,
    viewport: { width: 1280, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
