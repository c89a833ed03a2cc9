// Every chart of the page, drawn in Chromium for a fixed seed and compared with its committed SVG
// (test/browser/snapshots/). A model change moves every number: regenerate them all with
// `npm run test:snapshots:update`, look at the screenshots, and say in the commit why they moved.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { SHOTS, browserSession, nextFrames, runSmallSweep } from './harness';
import { expectSvgSnapshot, normalizeSvg } from './svgSnapshot';

const session = browserSession();
/** A small fixed run: every figure the charts draw follows from this seed and these trials. */
// A 5-year horizon keeps the month-by-month curves short.
const QUERY = '?v=1&seed=snapshot&trials=4000&horizonYears=5&workers=2&worlds=0'; // worlds=0: no band across worlds, so the snapshots do not depend on the worlds file

let page: Page;

/** The markup of every <svg> in a chart card's body, and a screenshot of the card to look at. */
async function chartSvg(id: string): Promise<string> {
  const card = page.locator(`[data-chart=${id}]`);
  await card.scrollIntoViewIfNeeded();
  // The pointer off every chart: a hovered bar or cell is drawn highlighted.
  await page.mouse.move(1, 1);
  await nextFrames(page);
  await card.screenshot({ path: join(SHOTS, `snapshot-${id}.png`) });
  const svgs = await card.locator('.body svg').evaluateAll((els) => els.map((e) => e.outerHTML));
  expect(svgs.length, `chart ${id} draws an svg`).toBeGreaterThan(0);
  return svgs.join('\n');
}

describe('chart snapshots (fixed seed, normalised SVG)', () => {
  test('the normaliser renumbers ids, drops scoped classes and rounds decimals', () => {
    const raw = '<svg><defs><clipPath id="clip-a7"></clipPath></defs><g class="bar svelte-1x2y3z" clip-path="url(#clip-a7)"><rect x="12.3456789" width="-0.00001" y="3"></rect></g></svg>';
    expect(normalizeSvg(raw)).toBe(
      '<svg>\n<defs>\n<clipPath id="id-1"></clipPath>\n</defs>\n<g class="bar" clip-path="url(#id-1)">\n<rect x="12.35" width="-0.00001" y="3"></rect>\n</g>\n</svg>\n',
    );
    expect(normalizeSvg('<path d="M-0.4,1.6L20.5e0,3"></path><!----><text x="-0.00004">1.00004</text>')).toBe('<path d="M0,2L21,3"></path>\n<text x="-0.00004">1</text>\n');
  });

  test('explore: survival, mode histogram, guarantors and convergence', async () => {
    page = await session.track();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(session.url + QUERY);
    await page.waitForFunction(() => document.querySelector('main[data-busy="false"] [data-testid=headline]'), undefined, { timeout: 60_000 });
    for (const id of ['survival', 'histogram', 'guarantors', 'convergence']) expectSvgSnapshot(id, await chartSvg(id));
  });

  test('which levers matter: the tornado', async () => {
    await page.click('[data-testid=sensitivity-tab]');
    await page.selectOption('[data-testid=sens-trials]', '1000');
    await page.click('[data-testid=sens-run]');
    await page.waitForSelector('[data-testid=tornado-svg]', { timeout: 90_000 });
    expectSvgSnapshot('tornado', await chartSvg('tornado'));
    expectSvgSnapshot('tornado-model', await chartSvg('tornado-model'));
  });

  test('two-lever sweep: the heatmap (3 × 3, 300 trials a cell)', async () => {
    await runSmallSweep(page);
    expectSvgSnapshot('sweep', await chartSvg('sweep'));
  });

  test('why it breaks: the components over time', async () => {
    await page.click('[data-testid=why-tab]');
    await page.waitForSelector('[data-testid=components-svg] path[stroke-width="2"]', { timeout: 60_000 });
    expectSvgSnapshot('components', await chartSvg('components'));
  });

  test('conditions for war: the rank correlations', async () => {
    await page.click('[data-testid=discover-tab]');
    await page.waitForSelector('[data-testid=ranking-svg] rect', { timeout: 60_000 });
    expectSvgSnapshot('discover', await chartSvg('ranking'));
    await page.close();
  });

  test('no console errors while drawing', () => {
    expect(session.consoleErrors).toEqual([]);
  });
});
