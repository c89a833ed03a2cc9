import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launch, serveDist } from '../../scripts/browser/browser';

// Serving, launching and reading the page live in scripts/browser/ (the soak and the UI bench use
// them too, and scripts import nothing from test/); the vitest parts are here.
export { DIST, chromiumPath, launch, serveDist } from '../../scripts/browser/browser';
export { runId, settled } from '../../scripts/browser/page';

export const SHOTS = resolve(import.meta.dirname, '../../test-output/screenshots');
const AXE = resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js');
let axeSource: string | undefined;

/**
 * One test file's browser session: serves dist/, launches Chromium before the file's tests and
 * closes both after (registers vitest hooks, so call it at the top level of a test file). Every
 * request and console error of pages opened with `track()` is recorded for the file's final check.
 */
export function browserSession() {
  let server: Awaited<ReturnType<typeof serveDist>> | undefined;
  let browser: Awaited<ReturnType<typeof launch>> | undefined;
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await serveDist();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    requests,
    consoleErrors,
    /** The served page's URL (after beforeAll). */
    get url(): string {
      return server!.url;
    },
    /**
     * A new page whose requests and console errors are recorded. The page keeps its levers in
     * localStorage, shared by every page of the session: a new page starts from an empty store
     * (cleared before its first load) so tests stay independent, unless `keepStorage` is set.
     *
     * After each run the page runs the levers across 100 plausible worlds (the headline's band):
     * most of a page load's work, and beside the point of most tests. Unless `worldsBand` is set,
     * every load of the page without `worlds=` in its address gets `worlds=0` (band off), reloads
     * and the page's own rewrites of its address included. Tests about the band or the Robustness
     * view set `worldsBand` (and size it with `worlds=N&worldTrials=N`).
     */
    async track({ keepStorage = false, worldsBand = false }: { keepStorage?: boolean; worldsBand?: boolean } = {}): Promise<Page> {
      const page = await browser!.context.newPage();
      if (!worldsBand) {
        // Before the page's own scripts, which read the option from the address once, at start.
        await page.addInitScript(() => {
          // Appended as text, not re-encoded: the hostile tests' addresses must reach the page as sent.
          if (!new URLSearchParams(location.search).has('worlds')) {
            history.replaceState(history.state, '', `${location.pathname}${location.search ? `${location.search}&` : '?'}worlds=0${location.hash}`);
          }
        });
      }
      if (!keepStorage) {
        // Once per tab (sessionStorage survives a reload): a reload in a test still sees its own store.
        await page.addInitScript(() => {
          try {
            if (!sessionStorage.getItem('test-fresh-store')) {
              localStorage.clear();
              sessionStorage.setItem('test-fresh-store', '1');
            }
          } catch {
            // Storage disabled: nothing to clear.
          }
        });
      }
      page.on('request', (r) => requests.push(r.url()));
      page.on('console', (m) => {
        if (m.type() === 'error') consoleErrors.push(`${page.url()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => consoleErrors.push(`${page.url()}: ${e.message}`));
      // Anything the Content-Security-Policy blocks is an error of the page (Chromium logs most, not all).
      await page.addInitScript(() =>
        document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || `inline ${JSON.stringify(e.sample)}`} (${e.sourceFile}:${e.lineNumber})`)),
      );
      return page;
    },
    /** Requests to any host but the served page (data: and same-origin blob: URLs are the page's own). */
    foreignRequests(): string[] {
      const origin = new URL(server!.url).origin;
      return requests.filter((u) => !u.startsWith(origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:' + origin));
    },
  };
}

/**
 * Resolves once the page has drawn two more frames: by then a resize or a click has gone through
 * layout, the ResizeObservers behind the charts' `bind:clientWidth` and Svelte's effects, so the
 * page shows the new state (in place of a fixed sleep, which is too long on an idle machine and too
 * short on a loaded one).
 */
export async function nextFrames(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
}

/** Set the viewport and wait until the page has laid itself out and redrawn its charts at that width. */
export async function resize(page: Page, viewport: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(viewport);
  await page.waitForFunction((w) => window.innerWidth === w, viewport.width);
  await nextFrames(page);
}

/** Run axe-core on the page and expect no serious or critical violations; `where` names the view. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  // Evaluated through the DevTools protocol: the page's CSP forbids inline <script> tags, rightly.
  // Read once per file, and evaluated once per page (half a megabyte of script to compile each time).
  axeSource ??= readFileSync(AXE, 'utf8');
  if (!(await page.evaluate(() => typeof (window as unknown as { axe?: { run?: unknown } }).axe?.run === 'function'))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document);
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad, `${where}: ${JSON.stringify(bad, null, 1)}`).toEqual([]);
}

/** Open the sweep tab and run a 3 × 3 sweep of 300 trials per cell (default axes) to the end. */
export async function runSmallSweep(page: Page): Promise<void> {
  await page.click('[data-testid=sweep-tab]');
  await page.fill('[data-testid=sweep-steps-x]', '3');
  await page.fill('[data-testid=sweep-steps-y]', '3');
  await page.selectOption('[data-testid=sweep-trials]', '300');
  await page.click('[data-testid=sweep-run]');
  await page.waitForSelector('[data-testid=sweep-svg][data-complete=true]', { timeout: 60_000 });
}

/** Run a 3 × 3 sweep of 300 trials per cell (default axes) and return each cell's pWar (its data-p). */
export async function smallSweep(page: Page): Promise<Map<string, number>> {
  await runSmallSweep(page);
  const cells = await page.$$eval('[data-cell]', (els) => els.map((e) => [e.getAttribute('data-cell')!, Number(e.getAttribute('data-p'))] as const));
  return new Map(cells);
}

/** Click the button with `testId` and read the file it downloads. */
export async function downloadText(page: Page, testId: string): Promise<{ name: string; text: string }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${testId}]`)]);
  return { name: dl.suggestedFilename(), text: await readDownload(dl) };
}

export async function readDownload(dl: Download): Promise<string> {
  return readFileSync(await dl.path(), 'utf8');
}
