import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { ASSUMPTIONS, defaultLevers, runInWorld, runRobustness, survivalBandAcrossWorlds, worldSpread } from '../../src/engine';
import { WORLDS_FILE } from '../../src/engine/model/worlds';
import { loadPresets } from '../../src/ui/state/presets';
import { pct } from '../../src/ui/format';
import { DEFAULT_FAIL_ABOVE, pointsOfWar } from '../../src/ui/state/robustness';
import { SHOTS, browserSession, expectAccessible, resize } from './harness';

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

const session = browserSession();
const { consoleErrors } = session;

/** Open the page and wait for its first run (`ready`: the element the view shows once it has one). */
async function open(query: string, ready = '[data-testid=headline]', viewport = DESKTOP): Promise<Page> {
  const page = await session.track({ worldsBand: true });
  await page.setViewportSize(viewport);
  await page.goto(session.url + query);
  await page.waitForFunction((sel) => document.querySelector(`main[data-busy="false"] ${sel}`), ready, { timeout: 60_000 });
  return page;
}

/** The bundled presets as the page loads them (scenarios/*.json, validated and ordered by loadPresets). */
function presets() {
  const dir = resolve(import.meta.dirname, '../../scenarios');
  const modules: Record<string, unknown> = {};
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.json'))) modules[`/scenarios/${f}`] = JSON.parse(readFileSync(join(dir, f), 'utf8'));
  return loadPresets(modules).presets;
}

const bandDone = (page: Page) => page.waitForSelector('[data-testid=worlds-range][data-complete=true]', { timeout: 60_000 });

describe('the plausible worlds in Chromium', () => {
  test('after a run the headline shows both uncertainties and the survival chart the worlds band, equal to runInWorld in Node', async () => {
    const [seed, trials, n, worldTrials] = ['w1', 2_000, 12, 400];
    const page = await open(`?v=1&seed=${seed}&trials=${trials}&worlds=${n}&worldTrials=${worldTrials}`);
    await bandDone(page);
    const cells = WORLDS_FILE.worlds.slice(0, n).map((w) => runInWorld(defaultLevers(), w, seed, worldTrials));
    const spread = worldSpread(cells.map((c) => c.pWar));
    const range = page.locator('[data-testid=worlds-range]');
    expect(Number(await range.getAttribute('data-p10'))).toBeCloseTo(spread.p10, 12);
    expect(Number(await range.getAttribute('data-p90'))).toBeCloseTo(spread.p90, 12);
    expect(await page.textContent('[data-testid=worlds-p10-p90]')).toBe(`${pct(spread.p10)}–${pct(spread.p90)}`);
    expect(await page.textContent('[data-testid=two-uncertainties]')).toMatch(/Simulation precision\s*±\d+\.\d pp/);
    expect(await page.textContent('[data-testid=precision]')).toContain('Monte Carlo precision only');
    expect(await page.textContent('[data-testid=worlds-range]')).toContain('what the evidence leaves open about the model');
    expect(await page.textContent('[data-testid=worlds-note]')).toContain('replace the page');
    // The survival chart: the band, its legend entry and its column in the data table.
    await page.waitForSelector('[data-chart=survival] [data-testid=worlds-band]');
    expect(await page.isVisible('[data-chart=survival] [data-testid=worlds-legend]')).toBe(true);
    const band = survivalBandAcrossWorlds(cells);
    const H = band.p10.length - 1;
    expect(await page.getAttribute('[data-chart=survival] svg[role=img]', 'aria-label')).toContain(`${pct(band.p10[H])} to ${pct(band.p90[H])} (p10–p90)`);
    await page.click('[data-chart=survival] details summary');
    const lastRow = page.locator('[data-chart=survival] tbody tr').last();
    expect(await lastRow.textContent()).toContain(`${pct(band.p10[H])}–${pct(band.p90[H])}`);
    await expectAccessible(page, 'explore with the worlds band');
    await page.locator('[data-testid=headline]').screenshot({ path: join(SHOTS, 'worlds-headline.png') });
    await page.locator('[data-chart=survival]').screenshot({ path: join(SHOTS, 'worlds-survival.png') });
    // A new lever value supersedes the band: it is recomputed for the new run.
    const before = await range.getAttribute('data-p90');
    await page.click('[data-lever=usTier] input[type=radio]:not(:checked)');
    await page.waitForFunction((b) => {
      const r = document.querySelector<HTMLElement>('[data-testid=worlds-range]');
      return r?.dataset.complete === 'true' && r.dataset.p90 !== b;
    }, before, { timeout: 60_000 });
    await page.close();
  });

  test('the band appears soon after the main result: 100 worlds × 1,000 trials on 2 workers', async () => {
    const page = await open('?v=1&seed=timing&workers=2');
    await bandDone(page);
    const first = Number(await page.getAttribute('[data-testid=worlds-range]', 'data-ms'));
    // Two more page loads (other seeds): the first figure includes starting the analysis workers each time.
    const times = [first];
    for (const seed of ['timing-2', 'timing-3']) {
      await page.goto(session.url + `?v=1&seed=${seed}&workers=2`);
      await bandDone(page);
      times.push(Number(await page.getAttribute('[data-testid=worlds-range]', 'data-ms')));
    }
    writeFileSync(join(SHOTS, '../worlds-band-timing.txt'), `${times.join(' ')}\n`);
    console.log(`worlds band after the main result (100 worlds × 1,000 trials, 2 workers): ${times.map((t) => `${t} ms`).join(', ')}`);
    // The target is 2 s on an idle 2-core machine; the bound here is loose, as timings on a shared machine vary several-fold.
    expect(Math.min(...times)).toBeLessThan(15_000);
    await page.close();
  });

  test('the robustness view draws one row per package, with figures equal to a Node computation on the same worlds', async () => {
    const [seed, n, worldTrials] = ['r1', 6, 200];
    const page = await open(`?v=1&seed=${seed}&view=robustness&worlds=${n}&worldTrials=${worldTrials}`, '[data-testid=headline-mini] strong');
    await page.click('[data-testid=robustness-run]');
    await page.waitForSelector('[data-testid=robustness-row]', { timeout: 90_000 });
    const worlds = WORLDS_FILE.worlds.slice(0, n);
    const packages = [...presets().map((p) => ({ id: p.id, title: p.title, levers: p.resolved })), { id: 'current', title: 'Current levers', levers: defaultLevers() }];
    const { result } = runRobustness(packages, worlds, { seed, trials: worldTrials }, { failure: { kind: 'above', threshold: DEFAULT_FAIL_ABOVE } });
    const want = result.packages.map((p, k) => ({ ...p, decides: result.decides[k], k })).sort((a, b) => a.pWar.median - b.pWar.median || a.k - b.k);
    const got = await page.$$eval('[data-testid=robustness-view] > .scroll [data-testid=robustness-row]', (rows) =>
      rows.map((r) => ({ key: r.getAttribute('data-key')!, median: Number(r.getAttribute('data-median')), best: Number(r.getAttribute('data-best-share')), worst: Number(r.getAttribute('data-worst')), regret: Number(r.getAttribute('data-regret')) })),
    );
    expect(got.length).toBe(packages.length);
    expect(await page.locator('[data-testid=robustness-svg] g[data-row]').count()).toBe(packages.length);
    expect(got.map((r) => r.key)).toEqual(want.map((r) => r.id));
    got.forEach((r, i) => {
      expect(r.median).toBeCloseTo(want[i].pWar.median, 12);
      expect(r.best).toBeCloseTo(want[i].bestShare, 12);
      expect(r.worst).toBeCloseTo(want[i].pWar.max, 12);
      expect(r.regret).toBeCloseTo(want[i].maxRegret, 12);
    });
    expect(got.reduce((s, r) => s + r.best, 0)).toBeCloseTo(1, 12);
    // Which assumptions decide: a box in words for the best package, and another package on request.
    expect(await page.textContent('[data-testid=prim-box]')).toContain(want[0].decides.sentence);
    const last = want[want.length - 1];
    await page.selectOption('[data-testid=prim-package]', last.id);
    // The page's current-levers package is named after the levers' preset; the sentence otherwise equals the engine's.
    expect(await page.textContent('[data-testid=prim-box]')).toContain(last.id === 'current' ? `war above ${pct(DEFAULT_FAIL_ABOVE)}` : last.decides.sentence);
    // "Fails" is a stated bar the user can change: at 10% the sentences say so, without a rerun.
    await page.fill('[data-testid=fail-above]', '10');
    await page.dispatchEvent('[data-testid=fail-above]', 'change');
    await page.waitForFunction(() => document.querySelector('[data-testid=prim-box]')?.textContent?.includes('war above 10.0%'));
    // What would you most want to know: the value of information in points of war, in plain words.
    const voi = result.valueOfInformation;
    expect(Number(await page.getAttribute('[data-testid=voi-total]', 'data-value'))).toBeCloseTo(voi.total, 9);
    expect(await page.textContent('[data-testid=voi-total]')).toContain(pointsOfWar(voi.total));
    const items = await page.locator('[data-testid=voi-item]').allTextContents();
    expect(items.length).toBeGreaterThanOrEqual(3);
    items.forEach((t, i) => expect(t.replace(/\s+/g, ' ').trim()).toBe(`${voi.byAssumption[i].label}: ${pointsOfWar(voi.byAssumption[i].value)}`));
    // No assumption or lever key in the view's visible text (keys belong in the Model view's reference table).
    const visible = await page.locator('[data-testid=robustness-view]').innerText();
    for (const key of [...Object.keys(ASSUMPTIONS), 'decisionNoise']) expect(visible, key).not.toMatch(new RegExp(`\\b${key}\\b`));
    await expectAccessible(page, 'robustness');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SHOTS, 'robustness-desktop.png'), fullPage: true });
    await resize(page, PHONE);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, 'robustness: horizontal overflow on a phone').toBeLessThanOrEqual(0);
    await page.locator('[data-testid=robustness-view]').screenshot({ path: join(SHOTS, 'robustness-phone.png') });
    await page.close();
  });

  test('a robustness run shows progress and can be cancelled', async () => {
    const page = await open('?v=1&seed=c1&view=robustness&worlds=40&worldTrials=1000', '[data-testid=headline-mini] strong');
    await page.click('[data-testid=robustness-run]');
    await page.waitForSelector('[data-testid=robustness-cancel]');
    expect(await page.textContent('[data-testid=robustness-status]')).toMatch(/Running \d+ of [\d,]+ package-world runs/);
    await page.click('[data-testid=robustness-cancel]');
    await page.waitForFunction(() => document.querySelector('[data-testid=robustness-status]')?.textContent?.includes('Cancelled'));
    expect(await page.locator('[data-testid=robustness-row]').count()).toBe(0);
    await page.close();
  });

  test('the view’s selects set the worlds and trials of its next run, and a result for other settings is marked stale', async () => {
    const page = await open('?v=1&seed=s1&view=robustness&worlds=6&worldTrials=200', '[data-testid=headline-mini] strong');
    expect(await page.inputValue('[data-testid=robustness-worlds]')).toBe('6');
    expect(await page.inputValue('[data-testid=robustness-trials]')).toBe('200');
    await page.selectOption('[data-testid=robustness-worlds]', '10');
    await page.selectOption('[data-testid=robustness-trials]', '500');
    expect(await page.textContent('[data-testid=robustness-view] .intro')).toContain('the same 10 plausible worlds, 500 trials each');
    await page.click('[data-testid=robustness-run]');
    await page.waitForFunction(() => /× 10 worlds done/.test(document.querySelector('[data-testid=robustness-status]')?.textContent ?? ''), undefined, { timeout: 90_000 });
    // One dot per world in each package's strip.
    expect(await page.locator('[data-testid=robustness-svg] g[data-row]').first().locator('circle').count()).toBe(10);
    expect(await page.locator('[data-testid=robustness-stale]').count()).toBe(0);
    await page.selectOption('[data-testid=robustness-trials]', '1000');
    await page.waitForSelector('[data-testid=robustness-stale]');
    await page.close();
  });

  test('no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});
