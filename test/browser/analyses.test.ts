import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvParse } from 'd3-dsv';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  ENGINE_VERSION,
  LEVERS,
  SENSITIVITY_KEYS,
  SWEEP_CSV_COLUMNS,
  compileModel,
  defaultAxes,
  defaultLevers,
  replayTrial,
  runSweepCell,
  sensitivity,
} from '../../src/engine';
import { SHOTS, browserSession, expectAccessible, resize, smallSweep } from './harness';

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

const session = browserSession();
const { requests, consoleErrors } = session;
const track = () => session.track();

/** Open the page and wait for its first run (the explore view's headline). */
async function open(query = '', viewport = DESKTOP): Promise<Page> {
  const page = await track();
  await page.setViewportSize(viewport);
  await page.goto(session.url + query);
  await page.waitForFunction(() => document.querySelector('main[data-busy="false"] [data-testid=headline]'), undefined, { timeout: 60_000 });
  return page;
}

const axe = expectAccessible;

/** Desktop and phone screenshots of the current view (top of the page and the whole page). */
async function shots(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SHOTS, `${name}-desktop.png`), fullPage: true });
  await resize(page, PHONE);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${name}: horizontal overflow on a phone`).toBeLessThanOrEqual(0);
  await page.evaluate(() => document.querySelector('main')?.scrollIntoView());
  await page.screenshot({ path: join(SHOTS, `${name}-phone.png`), fullPage: false });
  await resize(page, DESKTOP);
}


describe('the analyses in Chromium', () => {
  test('a 3 × 3 sweep fills its cells, reads out, loads a cell, downloads its CSV, and equals the engine in Node', async () => {
    const page = await open();
    const got = await smallSweep(page);
    expect(got.size).toBe(9);
    const { x, y } = defaultAxes(3);
    for (let j = 0; j < 3; j++) {
      for (let i = 0; i < 3; i++) {
        expect(got.get(`${i},${j}`), `cell ${i},${j}`).toBe(runSweepCell(defaultLevers(), x, y, i, j, '1', 300).pWar);
      }
    }
    // Hover reads out the figures with the CI.
    await page.hover('[data-cell="1,1"]');
    const readout = await page.innerText('[data-testid=sweep-readout]');
    expect(readout).toContain('95% CI');
    expect(readout).toContain('100,000');
    // The CSV.
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-sweep]')]);
    const rows = csvParse(readFileSync(await dl.path(), 'utf8'));
    expect(rows.columns).toEqual([...SWEEP_CSV_COLUMNS]);
    expect(rows.columns.slice(4, 9)).toEqual(['pWar', 'warCiLo', 'warCiHi', 'medianMonthsToWar', 'pGreyZone']);
    expect(rows.length).toBe(9);
    for (const r of rows) {
      const i = x.values.indexOf(Number(r.x));
      const j = y.values.indexOf(Number(r.y));
      const cell = runSweepCell(defaultLevers(), x, y, i, j, '1', 300);
      expect(Number(r.pWar)).toBe(cell.pWar);
      expect(Number(r.pResumption)).toBe(cell.pResumption);
      expect(r.xLever).toBe('euTroops');
      expect(r.trials).toBe('300');
    }
    // The heatmap downloads as SVG and PNG like every chart.
    const [svg] = await Promise.all([page.waitForEvent('download'), page.click('[data-chart=sweep] button:has-text("SVG")')]);
    expect(readFileSync(await svg.path(), 'utf8')).toContain('<svg');
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('[data-chart=sweep] button:has-text("PNG")')]);
    expect(readFileSync(await png.path()).subarray(1, 4).toString('latin1')).toBe('PNG');
    await shots(page, 'sweep');
    // Clicking a cell loads its two levers into the controls.
    await page.click('[data-cell="2,0"]');
    expect(await page.innerText('[data-testid=sweep-loaded]')).toContain('200,000 troops');
    expect(await page.inputValue('#lever-euTroops-text')).toBe('200000');
    expect(Number(await page.inputValue('#lever-usCredibility-text'))).toBe(0);
    await axe(page, 'sweep view');
    await page.close();
  });

  test('an 11 × 11 sweep draws the labelled deterrence frontier where cells cross the threshold', async () => {
    const page = await open();
    await page.click('[data-testid=sweep-tab]');
    await page.selectOption('[data-testid=sweep-trials]', '300');
    await page.fill('[data-testid=sweep-threshold]', '45');
    await page.press('[data-testid=sweep-threshold]', 'Enter');
    await page.click('[data-testid=sweep-run]');
    await page.waitForSelector('[data-testid=sweep-svg][data-complete=true]', { timeout: 60_000 });
    expect(await page.locator('[data-cell]').count()).toBe(121);
    const ps = await page.$$eval('[data-cell]', (els) => els.map((e) => Number(e.getAttribute('data-p'))));
    // The grid straddles 45%, so the frontier must be drawn.
    expect(Math.min(...ps)).toBeLessThan(0.45);
    expect(Math.max(...ps)).toBeGreaterThan(0.45);
    expect(await page.locator('[data-testid=frontier] line').count()).toBeGreaterThan(0);
    expect(await page.textContent('[data-testid=frontier] text')).toBe('deterrence frontier');
    await page.evaluate(() => document.querySelector('[data-testid=sweep-view]')?.scrollIntoView());
    await page.screenshot({ path: join(SHOTS, 'sweep-frontier-desktop.png'), fullPage: false });
    await resize(page, PHONE);
    await page.evaluate(() => document.querySelector('[data-testid=sweep-svg]')?.scrollIntoView());
    await page.screenshot({ path: join(SHOTS, 'sweep-frontier-phone.png'), fullPage: false });
    await page.close();
  });

  test('a running sweep and a running tornado show progress and can be cancelled', async () => {
    const page = await open();
    await page.click('[data-testid=sweep-tab]');
    await page.fill('[data-testid=sweep-steps-x]', '30');
    await page.fill('[data-testid=sweep-steps-y]', '30');
    await page.selectOption('[data-testid=sweep-trials]', '5000');
    await page.click('[data-testid=sweep-run]');
    await page.waitForSelector('[data-testid=sweep-view] progress');
    await page.waitForSelector('[data-cell]');
    await page.click('[data-testid=sweep-cancel]');
    await page.waitForSelector('[data-testid=sweep-run]');
    expect(await page.locator('[data-testid=sweep-view] progress').count()).toBe(0);
    const n = await page.locator('[data-cell]').count();
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(900);
    const incomplete = `This sweep stopped before it finished: ${n} of 900 cells were run; the blank cells have no result.`;
    expect(await page.innerText('[data-testid=sweep-incomplete]')).toBe(incomplete);
    await page.click('[data-testid=sensitivity-tab]');
    await page.selectOption('[data-testid=sens-trials]', '20000');
    await page.click('[data-testid=sens-run]');
    await page.waitForSelector('[data-testid=sensitivity-view] progress');
    // A tornado run done (20,000 trials, four times a sweep cell's) means the analysis workers have
    // moved on: any sweep cell still computing at the cancel has come back by now.
    await page.waitForFunction(() => /Run [1-9]\d* of/.test(document.querySelector('[data-testid=sensitivity-view] .prog')?.textContent ?? ''), undefined, { timeout: 60_000 });
    await page.click('[data-testid=sens-cancel]');
    await page.waitForSelector('[data-testid=sens-run]');
    expect(await page.locator('[data-testid=tornado-svg]').count()).toBe(0);
    // Nothing of the cancelled sweep landed after its cancel.
    await page.click('[data-testid=sweep-tab]');
    await page.waitForSelector('[data-testid=sweep-incomplete]'); // the view mounts a tick after the tap
    expect(await page.locator('[data-cell]').count()).toBe(n);
    expect(await page.innerText('[data-testid=sweep-incomplete]')).toBe(incomplete);
    await page.close();
  });

  test('a sweep gives the same cells with one worker as with several', async () => {
    const one = await open('?v=1&workers=1');
    const many = await open('?v=1&workers=3');
    const a = await smallSweep(one);
    const b = await smallSweep(many);
    expect([...a.entries()].sort()).toEqual([...b.entries()].sort());
    await one.close();
    await many.close();
  });

  test('the tornado has one bar per swung lever, equals combineSensitivity in Node, and a bar focuses its control', async () => {
    // A 3-year horizon: a tornado is about 200 runs, in the page and again in Node, and what is
    // checked here (the bars, their order, the equality with Node, the focus) does not depend on it.
    const page = await open('?v=1&horizonYears=3');
    await page.click('[data-testid=sensitivity-tab]');
    await page.selectOption('[data-testid=sens-trials]', '1000');
    await page.click('[data-testid=sens-run]');
    await page.waitForSelector('[data-testid=tornado-svg]', { timeout: 90_000 });
    // Two groups, policy then model, each largest span first; the model group shows its top 12 until "Show all".
    expect(await page.$$eval('[data-testid=tornado-group]', (els) => els.map((e) => e.getAttribute('data-group')))).toEqual(['policy', 'model']);
    expect(await page.locator('[data-testid=tornado-svg][data-group=model] .bar').count()).toBe(12);
    await page.click('[data-testid=tornado-show-all]');
    const bars = await page.$$eval('[data-testid=tornado-svg] .bar', (els) => els.map((e) => ({ key: e.getAttribute('data-key')!, low: Number(e.getAttribute('data-low')), high: Number(e.getAttribute('data-high')) })));
    expect(bars.length).toBe(SENSITIVITY_KEYS.length);
    const result = sensitivity({ ...defaultLevers(), horizonYears: 3 }, { seed: '1', trials: 1000 });
    const want = { swings: [...result.swings.filter((s) => s.group === 'policy'), ...result.swings.filter((s) => s.group === 'model')] };
    expect(bars.map((b) => b.key)).toEqual(want.swings.map((s) => s.key));
    want.swings.forEach((s, k) => {
      expect(bars[k].low).toBe(s.low.delta * 100);
      expect(bars[k].high).toBe(s.high.delta * 100);
    });
    await page.focus('[data-testid=tornado-svg] .bar');
    expect(await page.innerText('[data-testid=tornado-readout]')).toContain('95% CI');
    await shots(page, 'tornado');
    await axe(page, 'tornado view');
    // An advanced lever's bar: clicking it opens the advanced levers and focuses its control.
    const advanced = want.swings.find((s) => s.kind === 'lever' && !LEVERS.find((l) => l.key === s.key)!.basic && LEVERS.find((l) => l.key === s.key)!.kind !== 'choice')!;
    await page.click(`[data-testid=tornado-svg] .bar[data-key=${advanced.key}]`);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`lever-${advanced.key}`);
    // Enter on a bar does the same.
    const first = want.swings[0];
    await page.focus(`[data-testid=tornado-svg] .bar[data-key=${first.key}]`);
    await page.keyboard.press('Enter');
    const spec = LEVERS.find((l) => l.key === first.key)!;
    const active = await page.evaluate(() => ({ id: document.activeElement?.id, lever: document.activeElement?.closest('[data-lever]')?.getAttribute('data-lever') }));
    expect(spec.kind === 'choice' ? active.lever : active.id).toBe(spec.kind === 'choice' ? first.key : `lever-${first.key}`);
    await page.close();
  });

  test('why it breaks draws the components and a trial story matches replayTrial in Node', async () => {
    const page = await open();
    await page.click('[data-testid=why-tab]');
    await page.waitForSelector('[data-testid=components-svg] path[stroke-width="2"]', { timeout: 60_000 });
    expect(await page.locator('[data-testid=trial-table] tbody tr').count()).toBe(50);
    const model = compileModel(defaultLevers());
    // The first trial that resumed.
    let trial = 0;
    const texts = await page.$$eval('[data-testid=trial-table] tbody tr td:nth-child(3)', (els) => els.map((e) => e.textContent));
    trial = texts.findIndex((t) => t !== '—');
    await page.click(`[data-testid=open-trial-${trial}]`);
    await page.waitForSelector('[data-testid=story-narrative]');
    expect(await page.innerText('[data-testid=story-narrative]')).toBe(replayTrial(model, '1', trial).narrative);
    await page.selectOption('[data-testid=component-select]', 'pWar');
    await shots(page, 'why');
    await axe(page, 'why view');
    await page.close();
  });

  test('the discovery panel shows a box on Moscow’s resolve at the defaults', async () => {
    const page = await open();
    await page.click('[data-testid=discover-tab]');
    await page.waitForSelector('[data-testid=box-conditions]', { timeout: 60_000 });
    const conds = await page.$$eval('[data-testid=box-conditions]', (els) => els.map((e) => e.textContent ?? ''));
    expect(conds.length).toBe(2);
    expect(conds.some((c) => c.includes("Moscow's resolve"))).toBe(true);
    expect(await page.locator('[data-testid=ranking-svg] rect').count()).toBeGreaterThan(2);
    await shots(page, 'discover');
    await axe(page, 'discover view');
    await page.close();
  });

  test('compare mode with the same seed gives a paired difference that tells 150,000 troops apart', async () => {
    const page = await open();
    await page.click('[data-testid=pin-baseline]');
    const before = await page.getAttribute('[data-testid=headline]', 'data-run-id');
    await page.fill('#lever-euTroops-text', '150000');
    await page.press('#lever-euTroops-text', 'Enter');
    await page.waitForFunction((prev) => {
      const h = document.querySelector<HTMLElement>('[data-testid=headline]');
      return h && h.dataset.runId !== prev && document.querySelector<HTMLElement>('main[data-busy]')?.dataset.busy === 'false';
    }, before);
    expect(await page.getAttribute('[data-testid=difference]', 'data-paired')).toBe('true');
    expect(await page.innerText('[data-testid=distinguishable]')).toMatch(/^Detectable with these trials/);
    expect(await page.locator('[data-testid=convergence-svg]').count()).toBe(1);
    await shots(page, 'convergence-compare');
    await page.close();
  });

  test('a link from another engine version shows a notice and still runs', async () => {
    const page = await open('?v=1&engine=0.9.0&euTroops=50000');
    expect(await page.innerText('[data-testid=engine-notice]')).toContain('0.9.0');
    expect(await page.inputValue('#lever-euTroops-text')).toBe('50000');
    await page.waitForFunction((v) => location.search.includes(`engine=${v}`), ENGINE_VERSION);
    await page.close();
  });

  test('no console errors and no request to any host but the page', () => {
    expect(consoleErrors).toEqual([]);
    expect(session.foreignRequests()).toEqual([]);
    expect(requests.length).toBeGreaterThan(0);
  });
});
