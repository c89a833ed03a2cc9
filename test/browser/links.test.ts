// Issue 22's page links in a real browser: a pinned baseline's model assumptions survive its link
// (H1), a repeated compare entry is reported and dropped (M1), page keys survive a kept store (M8),
// bad worlds options are reported and good ones kept in the address (L1), and a flood of bad keys
// gives a capped list (L8).
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { ASSUMPTIONS } from '../../src/engine';
import { browserSession, runId, settled } from './harness';

const session = browserSession();

async function open(query: string, { keepStorage = false } = {}): Promise<Page> {
  const page = await session.track({ keepStorage });
  await page.addInitScript(() => localStorage.setItem('ceasefire-sim:guide', 'dismissed'));
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(session.url + query);
  await page.waitForFunction(() => document.querySelector('main[data-busy="false"], main.model-main:not([data-busy])'), undefined, { timeout: 60_000 });
  return page;
}

/**
 * The address once the page has rewritten it to include `key`. Only the page writes `engine=`, so a
 * key the opened address already had (`cmp`) is read from the page's own address, not the one typed.
 */
async function addressWith(page: Page, key: string): Promise<URL> {
  await page.waitForFunction((k) => {
    const q = new URLSearchParams(location.search);
    return q.has(k) && q.has('engine');
  }, key, { timeout: 10_000 });
  return new URL(page.url());
}

/** The run's war share and the paired difference from the pinned baseline, as the headline holds them. */
async function figures(page: Page): Promise<{ pWar: number; diff: number }> {
  await page.waitForSelector('[data-testid=difference]', { timeout: 60_000 });
  return page.evaluate(() => ({
    pWar: Number(document.querySelector<HTMLElement>('[data-testid=headline]')!.dataset.pWar),
    diff: Number(document.querySelector<HTMLElement>('[data-testid=difference]')!.dataset.diff),
  }));
}

describe('links that pin a baseline (H1)', () => {
  test("a pinned baseline with changed assumptions reopens the same in a fresh browser", async () => {
    const page = await open('?a.euWarCost=0.5&a.peaceBaseValue=0.1&trials=2000&worlds=0');
    await page.click('[data-testid=pin-baseline]');
    const before = await runId(page);
    await page.fill('#lever-euTroops-text', '100000');
    await page.press('#lever-euTroops-text', 'Enter');
    await settled(page, before);
    const here = await figures(page);
    const link = await addressWith(page, 'base');
    expect(link.searchParams.get('a.euWarCost')).toBe('0.5');
    // A fresh profile: nothing kept, only the link.
    const fresh = await open(link.search);
    expect(await figures(fresh)).toEqual(here);
    expect(await fresh.locator('[data-testid=url-error]').count()).toBe(0);
    await Promise.all([page.close(), fresh.close()]);
  });

  test('base.a. sets the baseline’s own assumptions: here the calibrated default under a changed run', async () => {
    const dflt = ASSUMPTIONS.euWarCost.value;
    const page = await open(`?v=1&a.euWarCost=0.5&trials=2000&worlds=0&base=baseline&base.a.euWarCost=${dflt}`);
    const linked = await figures(page);
    const plain = await open('?v=1&trials=2000&worlds=0');
    const p = Number(await plain.getAttribute('[data-testid=headline]', 'data-p-war'));
    // The baseline is the defaults' run: the page's war share minus the difference.
    expect(linked.pWar - linked.diff).toBeCloseTo(p, 10);
    await Promise.all([page.close(), plain.close()]);
  });
});

describe('the compare list and page keys in a link', () => {
  test('a repeated scenario is reported and dropped, and the view renders (M1)', async () => {
    const page = await open('?cmp=baseline|baseline&view=compare&worlds=0&trials=2000');
    expect(await page.innerText('[data-testid=url-error]')).toMatch(/cmp 2: repeats cmp 1/);
    expect(await page.locator('[data-testid=compare-entry]').count()).toBe(1);
    const link = await addressWith(page, 'cmp');
    expect(link.searchParams.get('cmp')).toBe('baseline');
    expect(session.consoleErrors.filter((e) => /each_key_duplicate/.test(e))).toEqual([]);
    await page.close();
  });

  test('a link of only page keys applies over levers kept in this browser (M8)', async () => {
    const first = await open('?v=1&trials=2000&worlds=0&euTroops=70000');
    await first.waitForFunction(() => (localStorage.getItem('ceasefire-sim:v1') ?? '').includes('70000'));
    const page = await open('?cmp=baseline|full-package&ref=2&view=compare&matter=3', { keepStorage: true });
    expect(await page.locator('[data-testid=compare-entry]').count()).toBe(2);
    const link = await addressWith(page, 'cmp');
    expect([link.searchParams.get('cmp'), link.searchParams.get('ref'), link.searchParams.get('matter'), link.searchParams.get('euTroops')]).toEqual(['baseline|full-package', '2', '3', '70000']);
    await Promise.all([first.close(), page.close()]);
  });

  test('bad worlds options are reported; good ones stay in the address (L1)', async () => {
    const page = await open('?v=1&trials=2000&worlds=&worldTrials=0x10');
    const errors = await page.innerText('[data-testid=url-error]');
    expect(errors).toMatch(/worlds: is empty; expected a whole number from 0 to 1,000/);
    expect(errors).toMatch(/worldTrials: "0x10" is not allowed/);
    await page.close();
    const kept = await open('?v=1&trials=2000&worlds=0&worldTrials=200&euTroops=1000');
    const link = await addressWith(kept, 'engine');
    expect([link.searchParams.get('worlds'), link.searchParams.get('worldTrials')]).toEqual(['0', '200']);
    await kept.close();
  });

  test('a flood of bad keys gives a short list that counts the rest (L8)', async () => {
    const junk = Array.from({ length: 1_500 }, (_, i) => `junk${i}=1`).join('&');
    const page = await open(`?v=1&trials=2000&worlds=0&${junk}`);
    expect(await page.locator('[data-testid=url-error] li').count()).toBe(21);
    expect(await page.innerText('[data-testid=url-error] li >> nth=20')).toMatch(/and 1,480 more problems not listed/);
    await page.close();
  });
});
