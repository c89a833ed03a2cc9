// Offline use and worker-load failures: after one load the page works with no network (workers,
// sweep and tornado included) from its service worker; a new build gets a new cache; and a worker
// that cannot load is reported as a failure with a Retry, never as complete results.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CACHE_PREFIX } from '../../src/build/serviceWorker';
import { DIST, SHOTS, launch, serveDist, settled, smallSweep } from './harness';

const cacheOf = (dist: string) => readFileSync(join(dist, 'sw.js'), 'utf8').match(/const CACHE = "([^"]+)"/)![1];

function track(page: Page, errors: string[]): Page {
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return page;
}

async function controlled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
  });
}

async function smallSweepAndTornado(page: Page): Promise<void> {
  expect((await smallSweep(page)).size).toBe(9);
  await page.click('[data-testid=sensitivity-tab]');
  await page.selectOption('[data-testid=sens-trials]', '1000');
  await page.click('[data-testid=sens-run]');
  await page.waitForSelector('[data-testid=tornado-svg]', { timeout: 90_000 });
  expect(await page.locator('[data-testid=tornado-svg] .bar').count()).toBeGreaterThan(5);
}

describe('offline after one load', () => {
  let server: Awaited<ReturnType<typeof serveDist>>;
  let browser: Awaited<ReturnType<typeof launch>>;
  const copy = mkdtempSync(join(tmpdir(), 'ceasefire-dist-'));
  beforeAll(async () => {
    // A copy of the build, so the test can deploy a "new build" into it.
    cpSync(DIST, copy, { recursive: true });
    server = await serveDist(copy);
    browser = await launch({ serviceWorkers: 'allow' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(copy, { recursive: true, force: true });
  });

  test('the page, its workers, a sweep and a tornado work with no network once the page has been opened', async () => {
    const errors: string[] = [];
    const page = track(await browser.context.newPage(), errors);
    // worlds=0 in every address here: the band across worlds is not what these tests are about.
    await page.goto(`${server.url}?worlds=0`);
    await settled(page, null);
    await controlled(page);
    expect(await page.evaluate(() => caches.keys())).toEqual([cacheOf(copy)]);

    server.setOffline(true);
    const before = server.served.length;
    // A 1-year horizon keeps the tornado (about 200 runs) short: working offline does not depend on it.
    await page.goto(`${server.url}?v=1&seed=offline&euTroops=90000&horizonYears=1&worlds=0`);
    const id = await settled(page, null);
    expect(id).not.toBe('');
    expect(await page.innerText('[data-testid=headline]')).toMatch(/\d+(\.\d)?%/);
    await smallSweepAndTornado(page);
    await page.screenshot({ path: join(SHOTS, 'offline-tornado.png'), fullPage: false });
    expect(server.served.length).toBe(before); // nothing reached the server
    expect(await page.locator('text=results are complete').count()).toBe(0);
    // Chromium logs the failed navigation preload of the service worker's network-first load; nothing else.
    expect(errors.filter((e) => !/net::ERR_|Failed to load resource/.test(e))).toEqual([]);
    server.setOffline(false);
    await page.close();
  });

  test('a new build is a new service worker with a new cache: the page picks it up on the next load and keeps working offline', async () => {
    const page = await browser.context.newPage();
    // The first test left the page kept on the tornado's view: come back to the headline.
    await page.goto(`${server.url}?view=explore&worlds=0`);
    await settled(page, null);
    await controlled(page);
    const oldCache = cacheOf(copy);
    // Deploy: the same files under a new build's cache name (a real build changes the hashes too).
    const sw = readFileSync(join(copy, 'sw.js'), 'utf8');
    const newCache = `${CACHE_PREFIX}next-build-0001`;
    writeFileSync(join(copy, 'sw.js'), sw.replace(oldCache, newCache));
    await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      await reg!.update();
    });
    await page.waitForFunction((name) => caches.keys().then((k) => k.includes(name)), newCache, { timeout: 30_000 });
    await page.waitForFunction(
      () => navigator.serviceWorker.controller?.scriptURL.endsWith('/sw.js') && navigator.serviceWorker.controller.state === 'activated',
      undefined,
      { timeout: 30_000 },
    );
    const keys: string[] = await page.evaluate(() => caches.keys());
    expect(keys).toContain(newCache);
    expect(keys.every((k) => k.startsWith(CACHE_PREFIX))).toBe(true);
    expect(keys.length).toBeLessThanOrEqual(2); // this build and the one before it, no more
    server.setOffline(true);
    await page.goto(`${server.url}?view=explore&worlds=0`);
    expect(await settled(page, null)).not.toBe('');
    server.setOffline(false);
    await page.close();
  });
});

describe('workers that cannot load', () => {
  let server: Awaited<ReturnType<typeof serveDist>>;
  let browser: Awaited<ReturnType<typeof launch>>;
  beforeAll(async () => {
    server = await serveDist();
    browser = await launch(); // no service worker: the worker scripts really fail
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('a sweep whose workers fail to load says it failed with a Retry, never "complete"; Retry once they load completes it', async () => {
    const errors: string[] = [];
    const page = track(await browser.context.newPage(), errors);
    // worlds=0: no band across worlds, which would load the analysis workers before the route below blocks them.
    await page.goto(server.url + '?worlds=0');
    await settled(page, null);
    // From now on the analysis worker's script cannot be fetched (as when offline with no cache).
    let blocked = true;
    await page.route(/analysis\.worker-[^/]+\.js$/, (route) => (blocked ? route.abort('internetdisconnected') : route.continue()));
    await page.click('[data-testid=sweep-tab]');
    await page.fill('[data-testid=sweep-steps-x]', '3');
    await page.fill('[data-testid=sweep-steps-y]', '3');
    await page.selectOption('[data-testid=sweep-trials]', '300');
    await page.click('[data-testid=sweep-run]');
    const err = await page.waitForSelector('[data-testid=sweep-error]', { timeout: 60_000 });
    expect(await err.innerText()).toMatch(/The sweep failed: an analysis worker failed twice on this job \(the analysis worker could not load.*\)\. The cells shown are incomplete\./);
    expect(await page.locator('text=results are complete').count()).toBe(0);
    expect(await page.getAttribute('[data-testid=sweep-svg]', 'data-complete')).toBe('false');
    await page.screenshot({ path: join(SHOTS, 'worker-noload-sweep.png'), fullPage: false });

    blocked = false;
    await page.click('[data-testid=sweep-retry]');
    await page.waitForSelector('[data-testid=sweep-svg][data-complete=true]', { timeout: 60_000 });
    expect(await page.locator('[data-testid=sweep-error]').count()).toBe(0);
    expect(await page.locator('[data-cell]').count()).toBe(9);
    await page.close();
  });

  test('a run whose simulation workers fail to load says it failed with a Retry', async () => {
    const page = await browser.context.newPage();
    await page.route(/sim\.worker-[^/]+\.js$/, (route) => route.abort('internetdisconnected'));
    // The first test left the page kept on the sweep's view: open the headline's.
    await page.goto(`${server.url}?view=explore`);
    const err = await page.waitForSelector('[data-testid=run-error]', { timeout: 60_000 });
    expect(await err.innerText()).toMatch(/The run failed: a simulation worker failed twice on this run \(the worker could not load.*\); the run was stopped\./);
    expect(await page.locator('[data-testid=run-retry]').isVisible()).toBe(true);
    expect(await page.locator('text=results shown are complete').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'worker-noload-run.png'), fullPage: false });
    await page.close();
  });

  test('a view whose code cannot load (it loads on demand) says so with a Retry, and Retry shows it once it loads', async () => {
    const errors: string[] = [];
    const page = track(await browser.context.newPage(), errors);
    let blocked = true;
    // Routing turns the page's HTTP cache off: the chunk is requested afresh.
    await page.route(/SweepView-[^/]+\.js$/, (route) => (blocked ? route.abort('internetdisconnected') : route.continue()));
    await page.goto(`${server.url}?view=explore&worlds=0`);
    await settled(page, null);
    await page.click('[data-testid=sweep-tab]');
    const err = await page.waitForSelector('[data-testid=view-load-error]', { timeout: 30_000 });
    expect(await err.innerText()).toMatch(/^The code of the sweep could not be loaded \(.+\)\. If the page is offline and was never opened online, reconnect and retry\./);
    expect(await page.locator('[data-testid=sweep-run]').count()).toBe(0);
    // The rest of the page still works: the headline's run is there and the levers answer.
    expect(await page.locator('[data-testid=headline-mini]').innerText()).toMatch(/of 10,000 trials/);
    blocked = false;
    await page.click('[data-testid=view-load-error] button');
    await page.waitForSelector('[data-testid=sweep-run]', { timeout: 30_000 });
    expect(await page.locator('[data-testid=view-load-error]').count()).toBe(0);
    await page.close();
  });
});
