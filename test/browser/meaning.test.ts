// Issue 13, "Say what it means": the results sentence, the compare view, the report and its print
// layout, self-describing exports, the first-visit guide, phone layouts. Screenshots at 1440 and 390
// px and in print emulation go to test-output/screenshots/meaning-*.png.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { csvParse } from 'd3-dsv';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { CALIBRATION_CASES, dataDictionaryMarkdown, defaultLevers, formatCalibrationValue, inBand, simulate, summarize, trialCsvHeader, validateScenario, type Levers } from '../../src/engine';
import { summaryDictionaryMarkdown } from '../../src/engine/io/summaryColumns';
import { SHOTS, browserSession, downloadText, expectAccessible, nextFrames, resize, runId, settled } from './harness';
import { committedCalibration } from '../fixtures/calibration';

const ROOT = resolve(import.meta.dirname, '../..');
const DESK = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const session = browserSession();

function preset(id: string): { title: string; levers: Levers } {
  const r = validateScenario(JSON.parse(readFileSync(join(ROOT, 'scenarios', `${id}.json`), 'utf8')));
  if (!r.ok) throw new Error(id);
  return { title: r.value.title, levers: r.value.resolved };
}
const expected = (levers: Levers, seed = '1', trials = 10_000) => {
  const { model, results } = simulate(levers, { seed, trials });
  return summarize(model, results, seed);
};

/** Open the page (first visit guide dismissed unless `guide`) and wait for its first run. */
async function open(query = '?v=1', viewport = DESK, { guide = false } = {}): Promise<Page> {
  const page = await session.track();
  if (!guide) await page.addInitScript(() => localStorage.setItem('ceasefire-sim:guide', 'dismissed'));
  await page.setViewportSize(viewport);
  await page.goto(session.url + query);
  // The Model view runs nothing; every other view waits for its first run.
  await page.waitForFunction(() => document.querySelector('main[data-busy="false"], main.model-main:not([data-busy])'), undefined, { timeout: 60_000 });
  return page;
}

async function loadPreset(page: Page, id: string) {
  const before = await runId(page);
  await page.selectOption('#preset-select', id);
  await settled(page, before);
}

/** No horizontal scrolling of the page itself (wide tables scroll inside their own box). */
async function noOverflow(page: Page, where: string) {
  const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(over, `${where}: the page scrolls sideways by ${over}px`).toBeLessThanOrEqual(0);
}

async function shot(page: Page, name: string, fullPage = true) {
  await page.screenshot({ path: join(SHOTS, `meaning-${name}.png`), fullPage });
}

describe('the results sentence', () => {
  test('names the baseline and the change, and tells detectable from large enough to matter', async () => {
    const page = await open('?v=1&seed=1&trials=10000');
    await loadPreset(page, 'coalition-tripwire');
    const tripwire = preset('coalition-tripwire');
    expect(await page.innerText('[data-testid=headline-scenario]')).toContain('Coalition tripwire');
    expect(await page.innerText('[data-testid=result-sentence]')).toMatch(/^With “Coalition tripwire”, the chance of renewed war \(a limited or full-scale offensive\) within 10 years is [\d.]+%\./);
    await page.click('[data-testid=pin-baseline]');
    const before = await runId(page);
    await page.fill('#lever-euTroops-text', '100000');
    await page.press('#lever-euTroops-text', 'Enter');
    await settled(page, before);
    const base = expected(tripwire.levers);
    const cur = expected({ ...tripwire.levers, euTroops: 100_000 });
    const sentence = page.locator('[data-testid=result-sentence]');
    const text = await sentence.innerText();
    expect(text).toContain('Against the baseline (Coalition tripwire), European troops in Ukraine at 100,000 troops instead of 25,000 troops cuts');
    // One decimal, as the headline shows them.
    expect(text).toContain(`from ${(base.pWar * 100).toFixed(1)}% to ${(cur.pWar * 100).toFixed(1)}%`);
    expect(await sentence.getAttribute('data-verdict')).toBe('matters');
    expect(await page.innerText('[data-testid=baseline-name]')).toBe('Coalition tripwire');
    expect(await page.innerText('[data-testid=baseline-changes]')).toContain('European troops in Ukraine: 25,000 troops → 100,000 troops');
    expect(await page.innerText('[data-testid=distinguishable]')).toBe('Detectable with these trials, and large enough to matter: its whole interval is beyond 2 points.');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'sentence-desktop', false);
    // A threshold above the difference: still detectable, now "too small to matter".
    await page.fill('[data-testid=threshold]', '40');
    await page.press('[data-testid=threshold]', 'Tab');
    await page.waitForFunction(() => document.querySelector('[data-testid=result-sentence]')?.getAttribute('data-verdict') === 'too-small');
    expect(await sentence.innerText()).toContain('under 40 points, the smallest difference you said matters');
    // Out of range: refused with the field and range named, the threshold kept.
    await page.fill('[data-testid=threshold]', '80');
    await page.press('[data-testid=threshold]', 'Tab');
    expect(await page.innerText('.threshold [role=alert]')).toBe('threshold: 80 is out of range; expected 0.1–50 points');
    expect(await sentence.getAttribute('data-verdict')).toBe('too-small');
    await resize(page, PHONE);
    await noOverflow(page, 'sentence on a phone');
    await page.locator('[data-testid=headline]').scrollIntoViewIfNeeded();
    await shot(page, 'sentence-phone', false);
    await expectAccessible(page, 'explore with a baseline');
    await page.close();
  });

  test('says plainly when a difference cannot be told apart with these trials', async () => {
    const page = await open('?v=1&seed=1&trials=500');
    await page.click('[data-testid=pin-baseline]');
    const before = await runId(page);
    await page.fill('#lever-euTroops-text', '31000');
    await page.press('#lever-euTroops-text', 'Enter');
    await settled(page, before);
    const s = page.locator('[data-testid=result-sentence]');
    expect(await s.getAttribute('data-verdict')).toBe('not-detectable');
    expect(await s.innerText()).toContain('cannot be told apart from chance');
    await page.close();
  });
});

describe('compare scenarios', () => {
  test('runs up to six scenarios side by side with paired differences, a chart, a CSV, and refuses a seventh', async () => {
    const page = await open('?v=1&seed=1&trials=4000&view=compare');
    expect(await page.innerText('[data-testid=compare-empty]')).toContain('No scenarios yet');
    await expectAccessible(page, 'compare view, empty');
    const ids = ['full-package', 'coalition-tripwire', 'steel-porcupine', 'bluff-and-pray', 'sanctions-only'];
    for (const id of ids) {
      await page.selectOption('[data-testid=compare-pick]', `preset:${id}`);
      await page.click('[data-testid=compare-add]');
    }
    await page.selectOption('[data-testid=compare-pick]', 'current');
    await page.click('[data-testid=compare-add]');
    expect(await page.locator('[data-testid=compare-entry]').count()).toBe(6);
    expect(await page.isDisabled('[data-testid=compare-add]')).toBe(true);
    await page.waitForSelector('[data-testid=compare-done]', { timeout: 90_000 });
    // The headline row holds each scenario's figure, exactly as the engine computes it.
    const cells = await page.$$eval('[data-testid=compare-table] tr[data-metric=headline] td', (tds) => tds.map((td) => Number(td.getAttribute('data-value'))));
    const want = [...ids.map((id) => expected(preset(id).levers, '1', 4000).pWar), expected(defaultLevers(), '1', 4000).pWar];
    expect(cells).toEqual(want);
    // Differences from the reference (the first) are paired and equal the difference of the shares.
    const diffs = await page.$$eval('[data-testid=compare-diffs] tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-key'), Number(tr.getAttribute('data-diff')), tr.getAttribute('data-paired')]));
    expect(diffs).toHaveLength(5);
    diffs.forEach(([, d, paired], i) => {
      expect(paired).toBe('true');
      expect(d as number).toBeCloseTo(want[i + 1] - want[0], 12);
    });
    expect(await page.locator('[data-testid=compare-levers] tr[data-lever]').count()).toBeGreaterThan(3);
    expect(await page.locator('[data-testid=compare-survival-svg] path[data-series]').count()).toBe(6);
    // Choose another reference: the differences follow.
    await page.check('input[name=compare-ref][value=steel-porcupine]');
    await page.waitForFunction(() => !document.querySelector('[data-testid=compare-diffs] tr[data-key=steel-porcupine]'));
    const { name, text } = await downloadText(page, 'compare-csv');
    expect(name).toBe('compare-6-scenarios-ref-steel-porcupine-seed-1-4000.csv');
    const rows = csvParse(text);
    expect(rows.map((r) => r.scenarioKey)).toEqual([...ids, 'current']);
    expect(rows.find((r) => r.reference === 'true')?.scenarioKey).toBe('steel-porcupine');
    expect(Number(rows[0].headline)).toBe(want[0]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'compare-desktop');
    await expectAccessible(page, 'compare view with six scenarios');
    await resize(page, PHONE);
    await noOverflow(page, 'compare view on a phone');
    await page.locator('[data-testid=compare-table]').screenshot({ path: join(SHOTS, 'meaning-compare-table-phone.png') });
    await page.locator('[data-chart=compare-survival]').screenshot({ path: join(SHOTS, 'meaning-compare-chart-phone.png') });
    await page.close();
  });
});

describe('the report', () => {
  test('holds the answer, the levers, the run, the charts and the sources by title, and prints cleanly', async () => {
    const page = await open('?v=1&seed=rep&trials=5000');
    await page.click('[data-testid=pin-baseline]');
    await loadPreset(page, 'full-package');
    await page.click('[data-testid=report-tab]');
    await page.waitForSelector('[data-testid=report-figure]');
    const full = expected(preset('full-package').levers, 'rep', 5000);
    expect(await page.innerText('[data-testid=report-figure]')).toBe(`${(full.pWar * 100).toFixed(1)}%`);
    expect(await page.innerText('#report-title')).toBe('Report: Full package');
    expect(await page.innerText('[data-testid=report-sentence]')).toContain('Against the baseline (Baseline: a coalition-of-the-willing package)');
    const facts = await page.innerText('[data-testid=report-facts]');
    expect(facts).toContain('“rep”');
    expect(facts).toContain('5,000 trials');
    expect(facts).toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(await page.getAttribute('[data-testid=report-facts] a', 'href')).toContain('seed=rep');
    expect(await page.locator('[data-testid=report-levers] li').count()).toBeGreaterThan(3);
    const sources = await page.innerText('[data-testid=report-sources]');
    expect(sources).toContain('The Editorial Board');
    expect(sources).toContain('Bloomberg Opinion');
    expect(sources).toContain('Claim encoded by the scenario');
    expect(sources).not.toMatch(/[0-9a-f]{16}\.txt/);
    expect(await page.locator('.report [data-chart]').count()).toBe(3);
    await expectAccessible(page, 'report');
    await shot(page, 'report-desktop');
    // Print emulation: no navigation, controls or buttons; the charts and sources are there.
    await page.emulateMedia({ media: 'print' });
    await resize(page, { width: 794, height: 1123 }); // A4 at 96 dpi
    const hidden = await page.evaluate(() =>
      ['nav', '[data-testid=print-report]', '.banner', 'footer'].map((sel) => {
        const el = document.querySelector(sel);
        return el ? getComputedStyle(el).display : 'absent';
      }),
    );
    expect(hidden.every((d) => d === 'none' || d === 'absent'), JSON.stringify(hidden)).toBe(true);
    expect(await page.locator('[data-testid=report-sources]').isVisible()).toBe(true);
    await shot(page, 'report-print');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    // One or two pages: count the PDF's page objects.
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages, `the report prints on ${pages} pages`).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2);
    await page.emulateMedia({ media: 'screen' });
    await resize(page, PHONE);
    await noOverflow(page, 'report on a phone');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'report-phone', false);
    await page.close();
  });

  test('the explore view prints without the controls', async () => {
    const page = await open('?v=1&trials=2000');
    await page.emulateMedia({ media: 'print' });
    await resize(page, { width: 794, height: 1123 });
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('.side')!).display)).toBe('none');
    expect(await page.locator('[data-testid=result-sentence]').isVisible()).toBe(true);
    await shot(page, 'explore-print');
    await page.close();
  });
});

describe('self-describing exports', () => {
  test('file names carry the scenario id; the data dictionary download is the generated one', async () => {
    const page = await open('?v=1&seed=1&trials=2000');
    await loadPreset(page, 'full-package');
    const trials = await downloadText(page, 'download-trials');
    expect(trials.name).toBe('trials-full-package-seed-1-2000.csv');
    const rows = csvParse(trials.text);
    expect(rows.columns).toEqual(trialCsvHeader());
    expect(new Set(rows.map((r) => r.resumed))).toEqual(new Set(['true', 'false']));
    expect(rows.filter((r) => r.resumed === 'false').every((r) => r.month === '' && r.date === '')).toBe(true);
    await page.fill('#lever-euTroops-text', '90000');
    await page.press('#lever-euTroops-text', 'Enter');
    await page.waitForFunction(() => document.querySelector('main[data-busy="false"]'));
    expect((await downloadText(page, 'download-summary')).name).toMatch(/^summary-full-package-modified-seed-1-2000\.csv$/);
    const dict = await downloadText(page, 'download-dictionary');
    expect(dict.name).toBe('data-dictionary.md');
    expect(dict.text).toBe(`${dataDictionaryMarkdown()}\n${summaryDictionaryMarkdown()}`);
    await page.close();
  });
});

describe('links keep what the user sees', () => {
  test('the preset and its modified flag, the view, the baseline, the compare list and the threshold survive a link', async () => {
    const page = await open('?v=1&seed=ln&trials=3000');
    await loadPreset(page, 'coalition-tripwire');
    await page.click('[data-testid=pin-baseline]');
    const before = await runId(page);
    await page.fill('#lever-euTroops-text', '100000');
    await page.press('#lever-euTroops-text', 'Enter');
    await settled(page, before);
    await page.fill('[data-testid=threshold]', '5');
    await page.press('[data-testid=threshold]', 'Tab');
    await page.click('[data-testid=compare-tab]');
    for (const v of ['preset:full-package', 'current']) {
      await page.selectOption('[data-testid=compare-pick]', v);
      await page.click('[data-testid=compare-add]');
    }
    await page.check('input[name=compare-ref][value=current]');
    await page.waitForSelector('[data-testid=compare-done]', { timeout: 60_000 });
    await page.waitForFunction(() => location.search.includes('ref=2'));
    const q = new URLSearchParams(await page.evaluate(() => location.search));
    expect(Object.fromEntries([...q].filter(([k]) => ['preset', 'modified', 'base', 'cmp', 'ref', 'matter', 'view', 'euTroops'].includes(k)))).toEqual({
      preset: 'coalition-tripwire',
      modified: '1',
      base: 'coalition-tripwire',
      cmp: 'full-package|current',
      ref: '2',
      matter: '5',
      view: 'compare',
      euTroops: '100000',
    });
    const diff = await page.evaluate(() => location.search);
    const again = await session.track();
    await again.addInitScript(() => localStorage.setItem('ceasefire-sim:guide', 'dismissed'));
    await again.goto(session.url + diff);
    await again.waitForSelector('[data-testid=compare-done]', { timeout: 60_000 });
    expect(await again.locator('[data-testid=compare-entry]').count()).toBe(2);
    expect(await again.isChecked('input[name=compare-ref][value=current]')).toBe(true);
    await again.click('[data-testid=explore-tab]');
    await again.waitForSelector('[data-testid=baseline-name]', { timeout: 60_000 });
    expect(await again.innerText('[data-testid=headline-scenario]')).toContain('Coalition tripwire (modified)');
    expect(await again.innerText('[data-testid=baseline-name]')).toBe('Coalition tripwire');
    expect(await again.inputValue('[data-testid=threshold]')).toBe('5');
    const want = expected({ ...preset('coalition-tripwire').levers, euTroops: 100_000 }, 'ln', 3000).pWar - expected(preset('coalition-tripwire').levers, 'ln', 3000).pWar;
    expect(Number(await again.getAttribute('[data-testid=difference]', 'data-diff'))).toBeCloseTo(want, 12);
    expect(await again.locator('[data-testid=url-error]').count()).toBe(0);
    await page.close();
    await again.close();
  });

  test('a link without v= opens without complaint; an old link still opens; bad page keys are named', async () => {
    const page = await open('?euTroops=50000&seed=hand');
    expect(await page.inputValue('#lever-euTroops-text')).toBe('50000');
    expect(await page.locator('[data-testid=url-error]').count()).toBe(0);
    await page.close();
    const old = await open('?v=1&engine=1.0.0&seed=1&trials=2000&euTroops=60000&view=sweep');
    expect(await old.locator('[data-testid=url-error]').count()).toBe(0);
    expect(await old.getAttribute('[data-testid=sweep-tab]', 'aria-pressed')).toBe('true');
    await old.close();
    const bad = await open('?v=1&trials=1000&preset=nope&cmp=baseline|~euTroops:-1&matter=99');
    const text = await bad.innerText('[data-testid=url-error]');
    expect(text).toContain('preset: "nope" is not a preset');
    expect(text).toContain('cmp 2: euTroops');
    expect(text).toContain('matter: "99" is out of range; expected 0.1–50 points');
    await bad.close();
  });
});

describe('the first-visit guide', () => {
  test('shows three steps on a first visit, stays closed once dismissed, and reopens from the header', async () => {
    const page = await open('?v=1&trials=1000', DESK, { guide: true });
    const guide = page.locator('[data-testid=guide]');
    expect(await guide.locator('li').count()).toBe(3);
    expect(await guide.innerText()).toMatch(/Pick a package[\s\S]*Read the answer[\s\S]*Compare/);
    await expectAccessible(page, 'first-visit guide');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'guide-desktop', false);
    await page.setViewportSize(PHONE);
    await shot(page, 'guide-phone', false);
    await page.click('[data-testid=guide-dismiss]');
    expect(await guide.count()).toBe(0);
    await page.reload();
    await page.waitForFunction(() => document.querySelector('main[data-busy="false"]'));
    expect(await page.locator('[data-testid=guide]').count()).toBe(0);
    await page.click('[data-testid=guide-open]');
    expect(await page.locator('[data-testid=guide]').isVisible()).toBe(true);
    await page.close();
  });
});

describe('every view on a phone and a desk', () => {
  test('a tab tapped on a phone folds the controls and brings its results into view', async () => {
    const page = await open('?v=1&trials=2000', PHONE);
    await page.click('[data-testid=sensitivity-tab]');
    // The view loads on demand; the tab folds the controls and scrolls after Svelte's next tick: done by the next frames.
    await page.waitForSelector('[data-testid=sensitivity-view]');
    await nextFrames(page);
    const top = await page.evaluate(() => document.querySelector('[data-testid=sensitivity-view]')!.getBoundingClientRect().top);
    expect(top, 'the tornado view starts on screen').toBeLessThan(PHONE.height / 2);
    expect(top).toBeGreaterThanOrEqual(-5);
    expect(await page.getAttribute('[data-testid=controls-toggle]', 'aria-expanded')).toBe('false');
    expect(await page.locator('#lever-euTroops-text').isVisible()).toBe(false);
    await shot(page, 'phone-tab', false);
    await page.click('[data-testid=controls-toggle]');
    expect(await page.locator('#lever-euTroops-text').isVisible()).toBe(true);
    // On a desk nothing folds.
    await page.setViewportSize(DESK);
    expect(await page.locator('[data-testid=controls-toggle]').isVisible()).toBe(false);
    await page.close();
  });

  test('tornado labels are never cut and every label stays inside the chart, on a desk and a phone', async () => {
    const page = await open('?v=1&trials=2000&view=sensitivity');
    await page.selectOption('[data-testid=sens-trials]', '1000');
    await page.click('[data-testid=sens-run]');
    await page.waitForSelector('[data-testid=tornado-svg]', { timeout: 90_000 });
    await page.waitForFunction(() => !document.querySelector('[data-testid=sens-cancel]'), undefined, { timeout: 90_000 });
    for (const vp of [DESK, PHONE]) {
      await resize(page, vp);
      const bad = await page.evaluate(() => {
        const svg = document.querySelector<SVGSVGElement>('[data-testid=tornado-svg]')!;
        const box = svg.getBoundingClientRect();
        return [...svg.querySelectorAll('text')]
          .filter((t) => {
            const r = t.getBoundingClientRect();
            return t.textContent!.includes('…') || r.left < box.left - 1 || r.right > box.right + 1;
          })
          .map((t) => t.textContent);
      });
      expect(bad, `${vp.width}px: labels cut or outside the chart`).toEqual([]);
      await page.locator('[data-chart=tornado]').screenshot({ path: join(SHOTS, `meaning-tornado-${vp.width}.png`) });
    }
    expect(await page.innerText('[data-chart=tornado] .caption')).toContain("the headline's 2,000 trials");
    await page.close();
  });

  test('the sweep says when no cell reaches the threshold, and why a loaded cell can differ from the headline', async () => {
    const page = await open('?v=1&trials=2000&view=sweep');
    await page.fill('[data-testid=sweep-steps-x]', '3');
    await page.fill('[data-testid=sweep-steps-y]', '3');
    await page.selectOption('[data-testid=sweep-trials]', '300');
    await page.fill('[data-testid=sweep-threshold]', '99');
    await page.press('[data-testid=sweep-threshold]', 'Tab');
    await page.click('[data-testid=sweep-run]');
    await page.waitForSelector('[data-testid=sweep-svg][data-complete=true]', { timeout: 60_000 });
    expect(await page.innerText('[data-testid=sweep-no-frontier]')).toContain('every cell stays under 99%');
    expect(await page.locator('[data-testid=frontier]').count()).toBe(0);
    expect(await page.innerText('[data-chart=sweep] .legend')).not.toContain('deterrence frontier');
    expect(await page.innerText('[data-testid=sweep-readout]')).toContain('tapping');
    await page.click('[data-cell="1,1"]');
    expect(await page.innerText('[data-testid=sweep-loaded]')).toMatch(/The cell was run with 300 trials; the headline reruns these levers with your 2,000 trials/);
    await expectAccessible(page, 'sweep without a frontier');
    await shot(page, 'sweep-no-frontier');
    await page.close();
  });

  test('Why it breaks and Conditions for war speak plainly and define their terms', async () => {
    const page = await open('?v=1&trials=2000&view=why');
    await page.waitForSelector('[data-testid=components-svg]', { timeout: 60_000 });
    expect(await page.innerText('[data-testid=component-means]')).toContain('Above zero, war pays');
    expect(await page.innerText('[data-testid=why-view]')).not.toMatch(/a_SQ|E\[success\]/);
    await page.click('[data-testid=open-trial-0]');
    await page.waitForSelector('[data-testid=story-terms]');
    await expectAccessible(page, 'why it breaks');
    await shot(page, 'why-desktop');
    await resize(page, PHONE);
    await noOverflow(page, 'why it breaks on a phone');
    await page.locator('[data-chart=components]').screenshot({ path: join(SHOTS, 'meaning-why-chart-phone.png') });
    await page.locator('[data-testid=story-terms]').screenshot({ path: join(SHOTS, 'meaning-why-terms-phone.png') });
    await page.setViewportSize(DESK);
    await page.click('[data-testid=discover-tab]');
    await page.waitForSelector('[data-testid=box-conditions]', { timeout: 60_000 });
    const text = await page.innerText('[data-testid=discover-view]');
    expect(text).not.toMatch(/reconstitution level|Europe draw|−0\.00|-0\.00|\bCoverage\b|\bDensity\b|\bSupport\b/);
    expect(await page.locator('[data-testid=draw-terms] dt').count()).toBe(5);
    await expectAccessible(page, 'conditions for war');
    await shot(page, 'discover-desktop');
    await resize(page, PHONE);
    await noOverflow(page, 'conditions for war on a phone');
    await page.locator('[data-testid=prim-boxes]').screenshot({ path: join(SHOTS, 'meaning-discover-boxes-phone.png') });
    await page.locator('[data-chart=ranking]').screenshot({ path: join(SHOTS, 'meaning-discover-ranking-phone.png') });
    await page.close();
  });

  test('the guarantees chart explains the selection effect, and the survival band shows by default', async () => {
    const page = await open('?v=1&trials=2000');
    expect(await page.innerText('[data-testid=selection-note]')).toContain('selection effect');
    expect(await page.isChecked('[data-testid=survival-zoom]')).toBe(true);
    await page.close();
  });

  test('the Model view fits a phone and shows the model beside each calibration band', async () => {
    const page = await open('?v=1&view=model', PHONE);
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=calibration-figure]')].every((td) => /band/.test(td.textContent ?? '')), undefined, { timeout: 60_000 });
    const figures = await page.$$eval('[data-testid=calibration-figure]', (tds) => tds.map((td) => td.textContent!.trim()));
    // The page's figures are the engine's, case by case (same seed and trials as docs/calibration.md).
    const values = await committedCalibration();
    expect(figures).toEqual(CALIBRATION_CASES.map((c, i) => `${formatCalibrationValue(c, values[i])}${inBand(c, values[i]) ? ' (in its band)' : ' (outside its band)'}`));
    await noOverflow(page, 'model view on a phone');
    const wide = await page.$$eval('.model table', (ts) => ts.filter((t) => t.getBoundingClientRect().right > document.documentElement.clientWidth).length);
    expect(wide, 'tables wider than the phone').toBe(0);
    expect(await page.innerText('.model')).not.toMatch(/repository|tests fail/);
    await expectAccessible(page, 'model view on a phone');
    await page.locator('[data-testid=calibration]').screenshot({ path: join(SHOTS, 'meaning-model-calibration-phone.png') });
    await page.locator('[data-testid=assumptions]').screenshot({ path: join(SHOTS, 'meaning-model-assumptions-phone.png') });
    await page.close();
  });
});

test('no console errors and no request to any host but the page', () => {
  expect(session.consoleErrors).toEqual([]);
  expect(session.foreignRequests()).toEqual([]);
});
