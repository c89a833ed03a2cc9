// Issue 20 "Every number on the page says the same thing" (items 1–7) and issue 22 H2 and M9: every
// view runs the inputs it names, one verdict and one rounding everywhere. Screenshots at 1440 and
// 390 px go to test-output/screenshots/numbers-*.png.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { SHOTS, browserSession, expectAccessible, resize, runId, settled } from './harness';

const DESK = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const session = browserSession();

async function open(query: string, viewport = DESK): Promise<Page> {
  const page = await session.track();
  await page.addInitScript(() => localStorage.setItem('ceasefire-sim:guide', 'dismissed'));
  await page.setViewportSize(viewport);
  await page.goto(session.url + query);
  await page.waitForFunction(() => document.querySelector('main[data-busy="false"]'), undefined, { timeout: 60_000 });
  return page;
}

async function loadPreset(page: Page, id: string) {
  const before = await runId(page);
  // A preset loads as soon as it is chosen (with Undo).
  await page.selectOption('#preset-select', id);
  await settled(page, before);
}

async function setLever(page: Page, key: string, value: string) {
  const before = await runId(page);
  await page.fill(`#lever-${key}-text`, value);
  await page.press(`#lever-${key}-text`, 'Enter');
  await settled(page, before);
}

async function setAssumption(page: Page, group: string, key: string, value: string) {
  if (!(await page.locator('[data-testid=assumptions-panel] > details').evaluate((d) => (d as HTMLDetailsElement).open))) await page.click('[data-testid=assumptions-toggle]');
  const g = page.locator(`[data-assumption-group=${group}]`);
  if (!(await g.evaluate((d) => (d as HTMLDetailsElement).open))) await g.locator('summary').click();
  const before = await runId(page);
  await page.fill(`[data-assumption="${key}"]`, value);
  await page.press(`[data-assumption="${key}"]`, 'Enter');
  await settled(page, before);
}

async function shots(page: Page, name: string, locator = '[data-testid=headline]') {
  for (const [vp, tag] of [
    [DESK, 'desktop'],
    [PHONE, 'phone'],
  ] as const) {
    await resize(page, vp);
    const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(over, `${name} at ${vp.width}px scrolls sideways by ${over}px`).toBeLessThanOrEqual(0);
    await page.locator(locator).first().screenshot({ path: join(SHOTS, `numbers-${name}-${tag}.png`) });
  }
  await page.setViewportSize(DESK);
}

const compareAdd = async (page: Page, value: string) => {
  await page.selectOption('[data-testid=compare-pick]', value);
  await page.click('[data-testid=compare-add]');
};

describe('a comparison names every difference, levers and model assumptions alike (item 1)', () => {
  test('an edited assumption is listed with the levers, and the baseline can be rerun under it', async () => {
    const page = await open('?v=1&seed=1&trials=4000');
    await loadPreset(page, 'full-package');
    await page.click('[data-testid=pin-baseline]');
    await setLever(page, 'euTroops', '55000');
    await setLever(page, 'usCredibility', '0.25');
    await setAssumption(page, 'decision', 'peaceBaseValue', '0.2');
    const changes = await page.innerText('[data-testid=baseline-changes]');
    expect(changes).toContain('What differs from the baseline (3 changes)');
    expect(changes).toMatch(/value to Moscow of keeping the ceasefire”: 0\.289 → 0\.2/);
    expect(await page.innerText('[data-testid=result-sentence]')).toContain('the 3 changes listed below');
    expect(await page.innerText('[data-testid=baseline-other-assumptions]')).toContain('The baseline ran under other model assumptions');
    await shots(page, 'baseline-assumptions', '[data-testid=difference]');
    await expectAccessible(page, 'explore with a baseline under other assumptions');
    // Rerun the baseline under the current assumptions: now only the two levers differ.
    await page.click('[data-testid=rerun-baseline]');
    await page.waitForFunction(() => !document.querySelector('[data-testid=baseline-other-assumptions]'), undefined, { timeout: 60_000 });
    expect(await page.innerText('[data-testid=baseline-changes]')).toContain('What differs from the baseline (2 changes)');
    expect(await page.innerText('[data-testid=baseline-own]')).toContain('value to Moscow of keeping the ceasefire” 0.2');
    await page.close();
  });
});

describe('pinning with nothing changed (item 6)', () => {
  test('says only that the inputs are the same: no ±0.0 and no "not detectable"', async () => {
    const page = await open('?v=1&seed=1&trials=2000');
    await page.click('[data-testid=pin-baseline]');
    await page.waitForSelector('[data-testid=difference]');
    const text = await page.innerText('[data-testid=difference]');
    expect(text).toContain('nothing differs from it');
    expect(text).not.toMatch(/±0\.0|detectable/i);
    expect(await page.getAttribute('[data-testid=result-sentence]', 'data-verdict')).toBe('same');
    await page.close();
  });
});

describe('Compare runs the inputs it names (items 2 and 3, issue 22 H2)', () => {
  test('"Current levers" runs under the page\'s assumptions and equals the headline; the chart plots survival to war', async () => {
    const page = await open('?v=1&seed=1&trials=3000&a.peaceBaseValue=0.1');
    const headline = Number(await page.getAttribute('[data-testid=headline]', 'data-p-war'));
    await page.click('[data-testid=compare-tab]');
    await compareAdd(page, 'current');
    await compareAdd(page, 'preset:steel-porcupine');
    await compareAdd(page, 'preset:bluff-and-pray');
    await page.waitForSelector('[data-testid=compare-done]', { timeout: 90_000 });
    const cells = await page.$$eval('[data-testid=compare-table] tr[data-metric=headline] td', (tds) => tds.map((td) => Number(td.getAttribute('data-value'))));
    expect(cells[0]).toBe(headline);
    expect(await page.innerText('[data-testid=compare-assumptions]')).toContain('Current levers under 1 changed');
    expect(await page.locator('[data-testid=compare-levers] tr[data-assumption=peaceBaseValue]').count()).toBe(1);
    // The chart measures war, as the headline does: each line ends at 1 − the scenario's war share.
    expect(await page.getAttribute('[data-testid=compare-survival-svg]', 'data-measure')).toBe('war');
    expect(await page.innerText('[data-chart=compare-survival] h3')).toContain('No war yet');
    const last = await page.$$eval('[data-chart=compare-survival] table tbody tr:last-child td', (tds) => tds.slice(1).map((td) => td.textContent ?? ''));
    const shares = cells.map((p) => `${((1 - p) * 100).toFixed(1)}%`);
    last.forEach((cell, i) => {
      if (!/^(under|over)/.test(cell)) expect(cell).toBe(shares[i]);
    });
    // Any resumption is a second, labelled option.
    await page.check('[data-testid=compare-measure-any]');
    expect(await page.getAttribute('[data-testid=compare-survival-svg]', 'data-measure')).toBe('any');
    expect(await page.innerText('[data-chart=compare-survival] .caption')).toContain('not the headline');
    await page.check('[data-testid=compare-measure-war]');
    await shots(page, 'compare', '[data-testid=compare-view]');
    await expectAccessible(page, 'compare with assumptions');
    await page.close();
  });
});

describe('one verdict on one threshold (item 4)', () => {
  test('Explore, Compare and the Report give the same verdict on the same pair of runs, with "you said" only once the threshold is set', async () => {
    const page = await open('?v=1&seed=1&trials=4000');
    await loadPreset(page, 'coalition-tripwire');
    await page.click('[data-testid=pin-baseline]');
    await loadPreset(page, 'full-package');
    const kind = await page.getAttribute('[data-testid=result-sentence]', 'data-verdict');
    const explore = await page.innerText('[data-testid=result-sentence]');
    expect(explore).not.toContain('you said');
    await page.click('[data-testid=compare-tab]');
    await compareAdd(page, 'preset:coalition-tripwire');
    await compareAdd(page, 'preset:full-package');
    await page.waitForSelector('[data-testid=compare-done]', { timeout: 90_000 });
    expect(await page.getAttribute('[data-testid=compare-diffs] tr[data-key=full-package] td[data-verdict]', 'data-verdict')).toBe(kind);
    await page.click('[data-testid=report-tab]');
    await page.waitForSelector('[data-testid=report-sentence]');
    // The report's sentence is the headline's (it names the compared scenarios from the same runs).
    expect((await page.innerText('[data-testid=report-sentence]')).split(' From the same baseline')[0]).toBe(explore.split(' From the same baseline')[0]);
    await page.click('[data-testid=explore-tab]');
    await page.waitForSelector('[data-testid=threshold]');
    await page.fill('[data-testid=threshold]', '3');
    await page.press('[data-testid=threshold]', 'Tab');
    await page.waitForFunction(() => document.querySelector('[data-testid=result-sentence]')?.textContent?.includes('3 points'));
    const text = await page.innerText('[data-testid=result-sentence]');
    if ((await page.getAttribute('[data-testid=result-sentence]', 'data-verdict')) !== 'not-detectable') expect(text).toContain('3 points, the smallest difference you said matters');
    await page.close();
  });
});

describe('zero does not read as certainty (item 5)', () => {
  test('a run with no war shows its upper bound and says no trial went to war', async () => {
    // One year of Steel porcupine: the strongest package over the shortest horizon.
    const page = await open('?v=1&seed=1&trials=10000');
    await loadPreset(page, 'steel-porcupine');
    await setLever(page, 'horizonYears', '1');
    const headline = await page.innerText('[data-testid=headline]');
    expect(headline).not.toMatch(/0\.0%–0\.0%|±0\.0 pp/);
    const pWar = Number(await page.getAttribute('[data-testid=headline]', 'data-p-war'));
    if (pWar === 0) {
      expect(headline).toContain('95% CI 0.0% to under 0.1%');
      expect(headline).toContain('under ±0.1 pp');
      expect(await page.innerText('[data-testid=median]')).toContain('No trial went to war');
    }
    await shots(page, 'zero');
    await page.close();
  });
});

describe('the report (item 7, issue 22 M9)', () => {
  test('rounds as the headline does, marks the user\'s changes, names changed assumptions, cites articles only for the preset, and prints on at most two pages', async () => {
    const page = await open('?v=1&seed=rep&trials=5000');
    await loadPreset(page, 'full-package');
    await page.click('[data-testid=pin-baseline]');
    await setLever(page, 'euTroops', '55000');
    await setLever(page, 'usCredibility', '0.25');
    await setAssumption(page, 'decision', 'peaceBaseValue', '0.2');
    const figure = await page.innerText('[data-testid=p-war]');
    await page.click('[data-testid=report-tab]');
    await page.waitForSelector('[data-testid=report-figure]');
    expect(await page.innerText('[data-testid=report-figure]')).toBe(figure);
    const sentence = await page.innerText('[data-testid=report-sentence]');
    expect(sentence).toContain(`to ${figure}`);
    expect(sentence).not.toContain('opposite way');
    const levers = await page.innerText('[data-testid=report-levers]');
    expect(levers).toMatch(/European troops in Ukraine: 55,000 troops \([^)]*\) — your change/);
    expect(levers).toMatch(/US credibility[^\n]*— your change/);
    expect(levers).toMatch(/Model assumption: value to Moscow of keeping the ceasefire: 0\.2 \(default 0\.289\) — your change/);
    expect(await page.innerText('[data-testid=report-inputs]')).toContain('the others are Full package’s own');
    expect(await page.innerText('[data-testid=report-baseline]')).toContain('The baseline differs from the run above in: European troops in Ukraine 30,000 troops (here 55,000 troops)');
    const sources = await page.innerText('[data-testid=report-sources]');
    expect(sources).not.toContain('US credibility');
    expect(sources).not.toContain('set here');
    expect(await page.innerText('[data-testid=report-inputs]')).toContain('Full package, as loaded, with 3 changes of your own');
    await shots(page, 'report', '[data-testid=report]');
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
    expect(pages, `the report prints on ${pages} pages`).toBeGreaterThanOrEqual(1);
    expect(pages, `the report prints on ${pages} pages`).toBeLessThanOrEqual(2);
    await page.close();
  });

  test('with every lever at its default but an assumption changed, the report says so', async () => {
    const page = await open('?v=1&seed=1&trials=2000&a.peaceBaseValue=0.1&view=report');
    await page.waitForSelector('[data-testid=report-inputs]');
    const inputs = await page.innerText('[data-testid=report-inputs]');
    expect(inputs).not.toContain("Every lever at the model's default");
    expect(await page.innerText('[data-testid=report-levers]')).toContain('Model assumption: value to Moscow of keeping the ceasefire: 0.1');
    await page.close();
  });
});
