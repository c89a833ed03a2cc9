import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { csvParse } from 'd3-dsv';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  LEVERS,
  defaultLevers,
  parseScenario,
  simulate,
  summarize,
  trialCsvHeader,
  validateScenario,
  type Levers,
  type LeverSpec,
  type Summary,
} from '../../src/engine';
import { decodeUrlState } from '../../src/engine/io/urlState';
import { PAGE_KEYS } from '../../src/ui/state/pageOptions';
import { SHOTS, browserSession, downloadText, expectAccessible, readDownload, resize, runId, settled } from './harness';

const ROOT = resolve(import.meta.dirname, '../..');

const session = browserSession();
const { requests, consoleErrors } = session;
const track = () => session.track();

async function open(query = '', viewport = { width: 1280, height: 900 }): Promise<Page> {
  const page = await track();
  await page.setViewportSize(viewport);
  await page.goto(session.url + query);
  await settled(page, null);
  return page;
}

function expected(levers: Partial<Levers>, seed = '1', trials = 10_000): Summary {
  const full = { ...defaultLevers(), ...levers };
  const { model, results } = simulate(full, { seed, trials });
  return summarize(model, results, seed);
}

/** The page's summary, read back from its summary CSV (full-precision numbers). */
async function pageSummary(page: Page): Promise<{ pResumption: number; survival: number[]; trials: number; seed: string }> {
  const { text } = await downloadText(page, 'download-summary');
  const rows = csvParse(text);
  const get = (metric: string) => rows.find((r) => r.metric === metric)?.value ?? '';
  return {
    pResumption: Number(get('pResumption')),
    survival: rows.filter((r) => r.metric === 'survival').map((r) => Number(r.value)),
    trials: Number(get('trials')),
    seed: get('seed'),
  };
}

/** The value a lever's control shows, in the form of the lever's type. */
/**
 * Every lever's control as the page shows it, read in one round trip (a read per control, 13 presets
 * × every lever, was seconds of round trips): a number's text box, a month's input, an on/off
 * switch's aria-checked, a choice's checked radio. A control that is missing, or not the element
 * its kind has, throws (naming the lever) rather than reading as a value.
 */
async function controlValues(page: Page): Promise<Record<string, unknown>> {
  const specs = LEVERS.map((l: LeverSpec) => ({ key: l.key, kind: l.kind }));
  return page.evaluate((specs) => {
    const input = (selector: string, key: string): HTMLInputElement => {
      const el = document.querySelector(selector);
      if (!(el instanceof HTMLInputElement)) throw new Error(`${key}: ${selector} is ${el ? `a <${el.tagName.toLowerCase()}>` : 'missing'}, not an input`);
      return el;
    };
    const out: Record<string, unknown> = {};
    for (const { key, kind } of specs) {
      if (kind === 'number') out[key] = Number(input(`#lever-${key}-text`, key).value);
      else if (kind === 'month') out[key] = input(`#lever-${key}`, key).value;
      else if (kind === 'boolean') {
        const el = document.querySelector(`#lever-${key}`);
        if (!el) throw new Error(`${key}: #lever-${key} is missing`);
        out[key] = el.getAttribute('aria-checked') === 'true';
      } else if (kind === 'choice') out[key] = input(`[data-lever=${key}] input[type=radio]:checked`, key).value;
      else throw new Error(`${key}: no control of kind ${kind}`);
    }
    return out;
  }, specs);
}

async function showAdvanced(page: Page) {
  await page.check('[data-testid=show-advanced]');
}

describe('the built page in Chromium', () => {
  test('the default run shows the same summary as the engine in Node', async () => {
    const page = await open();
    const want = expected({});
    expect(Number(await page.getAttribute('[data-testid=headline]', 'data-p-resumption'))).toBe(want.pResumption);
    const got = await pageSummary(page);
    expect(got.trials).toBe(10_000);
    expect(got.pResumption).toBe(want.pResumption);
    expect(got.survival).toEqual(want.survival);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SHOTS, 'desktop.png'), fullPage: false });
    await page.screenshot({ path: join(SHOTS, 'desktop-full.png'), fullPage: true });
    await page.close();
  });

  test('moving a slider changes the headline and the charts, matching the engine exactly', async () => {
    const page = await open();
    const before = await runId(page);
    const headline = await page.innerText('[data-testid=p-resumption]');
    const pathBefore = await page.getAttribute('[data-chart=survival] svg path[stroke-width="2.5"]', 'd');
    await page.focus('#lever-euTroops');
    await page.keyboard.press('ArrowRight'); // one step: 30,000 → 35,000 troops
    await page.keyboard.press('ArrowRight');
    await settled(page, before);
    expect(await page.inputValue('#lever-euTroops-text')).toBe('40000');
    const want = expected({ euTroops: 40_000 });
    expect(Number(await page.getAttribute('[data-testid=headline]', 'data-p-resumption'))).toBe(want.pResumption);
    expect(await page.innerText('[data-testid=p-resumption]')).not.toBe(headline);
    expect(await page.getAttribute('[data-chart=survival] svg path[stroke-width="2.5"]', 'd')).not.toBe(pathBefore);
    for (const chart of ['survival', 'histogram', 'guarantors']) {
      expect(await page.getAttribute(`[data-chart=${chart}] svg`, 'data-run-id')).toBe(await runId(page));
    }
    const got = await pageSummary(page);
    expect(got.pResumption).toBe(want.pResumption);
    expect(got.survival).toEqual(want.survival);
    await page.close();
  });

  test('a drag merges into few runs, the last value wins, and the URL is written once after it', async () => {
    const page = await track();
    // Count address updates (the page must debounce them, never one per drag event).
    await page.addInitScript(() => {
      const w = window as unknown as { __replaceState: number };
      w.__replaceState = 0;
      const original = history.replaceState.bind(history);
      history.replaceState = (...args: Parameters<History['replaceState']>) => {
        w.__replaceState++;
        return original(...args);
      };
    });
    await page.goto(session.url);
    const first = await settled(page, null);
    // The page's own first write of its address (debounced) has happened: it names the engine.
    await page.waitForFunction(() => new URLSearchParams(location.search).has('engine'));
    const before = await page.evaluate(() => (window as unknown as { __replaceState: number }).__replaceState);
    // 20 input events 16 ms apart, as a drag from 35,000 to 130,000 troops makes.
    await page.evaluate(async () => {
      const slider = document.querySelector<HTMLInputElement>('#lever-euTroops')!;
      for (let v = 35_000; v <= 130_000; v += 5_000) {
        slider.value = String(v);
        slider.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((r) => setTimeout(r, 16));
      }
    });
    await settled(page, first);
    // The address is written once the drag has been quiet for its debounce: wait for that write.
    await page.waitForFunction(() => new URLSearchParams(location.search).get('euTroops') === '130000');
    const runs = Number(await runId(page)) - Number(first);
    expect(runs).toBeGreaterThanOrEqual(1);
    expect(runs).toBeLessThanOrEqual(6);
    expect(Number(await page.getAttribute('[data-testid=headline]', 'data-p-resumption'))).toBe(expected({ euTroops: 130_000 }).pResumption);
    const writes = (await page.evaluate(() => (window as unknown as { __replaceState: number }).__replaceState)) - before;
    expect(writes).toBe(1);
    expect(new URL(page.url()).searchParams.get('euTroops')).toBe('130000');
    await page.close();
  });

  test('a typed value is validated with the command line message and the last valid value is kept', async () => {
    const page = await open();
    await page.fill('#lever-euTroops-text', '250000');
    await page.press('#lever-euTroops-text', 'Enter');
    const err = await page.innerText('[data-lever=euTroops] .error');
    expect(err).toContain('euTroops');
    expect(err).toContain('out of range');
    expect(await page.getAttribute('#lever-euTroops-text', 'aria-invalid')).toBe('true');
    expect(await page.innerText('[data-testid=value-euTroops]')).toBe('30,000 troops');
    const before = await runId(page);
    await page.fill('#lever-euTroops-text', '45_000');
    await page.press('#lever-euTroops-text', 'Enter');
    await settled(page, before);
    expect(await page.innerText('[data-testid=value-euTroops]')).toBe('45,000 troops');
    expect(await page.locator('[data-lever=euTroops] .error').count()).toBe(0);
    await page.close();
  });

  test('loading each preset sets every control to its resolved levers', async () => {
    const files = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.json'));
    const valid = files
      .map((f) => validateScenario(JSON.parse(readFileSync(join(ROOT, 'scenarios', f), 'utf8'))))
      .filter((r) => r.ok)
      .map((r) => (r.ok ? r.value : null)!);
    // 2,000 trials a run, not the default 10,000: each preset reruns the headline, and what is
    // checked here is the controls, which do not depend on the trials.
    const page = await open('?v=1&trials=2000');
    await showAdvanced(page);
    expect(await page.locator('#preset-select option:not([disabled])').count()).toBe(valid.length);
    for (const s of valid) {
      const before = await runId(page);
      await page.selectOption('#preset-select', s.id);
      if (await page.locator('[data-testid=loaded-scenario]').count()) await settled(page, before).catch(() => undefined);
      expect(await page.innerText('[data-testid=loaded-scenario]')).toContain(s.title);
      const shown = await controlValues(page);
      for (const spec of LEVERS) expect(shown[spec.key], `${s.id}: ${spec.key}`).toEqual(s.resolved[spec.key]);
    }
    await page.close();
  });

  test('the trial rows CSV parses with the engine header and one row per trial', async () => {
    const page = await open('?v=1&seed=csv&trials=2500');
    const { name, text } = await downloadText(page, 'download-trials');
    expect(name).toMatch(/\.csv$/);
    const rows = csvParse(text);
    expect(rows.columns).toEqual(trialCsvHeader());
    expect(rows.length).toBe(2500);
    expect(rows[0].seed).toBe('csv');
    const summary = csvParse((await downloadText(page, 'download-summary')).text);
    expect(summary.columns).toEqual(['metric', 'month', 'date', 'value', 'unit', 'ci95Low', 'ci95High']);
    expect(summary.find((r) => r.metric === 'engineVersion')?.value).toMatch(/\d+\.\d+\.\d+/);
    // No scenario loaded: the scenario cells are empty. A loaded preset names itself in both files.
    expect(rows.every((r) => r.scenario === '')).toBe(true);
    expect(summary.find((r) => r.metric === 'scenario')?.value).toBe('');
    const preset = JSON.parse(readFileSync(join(ROOT, 'scenarios', 'robust-reassurance.json'), 'utf8')) as { title: string };
    const before = await runId(page);
    await page.selectOption('#preset-select', 'robust-reassurance');
    await settled(page, before);
    const loaded = csvParse((await downloadText(page, 'download-trials')).text);
    expect(loaded.every((r) => r.scenario === preset.title)).toBe(true);
    const loadedSummary = csvParse((await downloadText(page, 'download-summary')).text);
    expect(loadedSummary.find((r) => r.metric === 'scenario')?.value).toBe(preset.title);
    await page.close();
  });

  test('importing an invalid scenario names the field and keeps the current levers', async () => {
    const page = await open('?v=1&euTroops=50000');
    await page.setInputFiles('[data-testid=import-scenario]', {
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ id: 'bad', title: 'Bad', summary: 'Bad file', sources: [], levers: { euTroops: 999_999 } })),
    });
    const err = await page.innerText('[data-testid=import-error]');
    expect(err).toContain('levers.euTroops');
    expect(err).toContain('bad.json');
    expect(await page.inputValue('#lever-euTroops-text')).toBe('50000');
    // A valid file is loaded.
    const before = await runId(page);
    await page.setInputFiles('[data-testid=import-scenario]', {
      name: 'good.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ id: 'good', title: 'Good file', summary: 'Fine', sources: [], levers: { euTroops: 70_000 } })),
    });
    await settled(page, before);
    expect(await page.inputValue('#lever-euTroops-text')).toBe('70000');
    expect(await page.locator('[data-testid=import-error]').count()).toBe(0);
    await page.close();
  });

  test('exporting levers as scenario JSON gives a valid scenario with the current levers', async () => {
    const page = await open('?v=1&euTroops=80000&article5Like=true');
    const { name, text } = await downloadText(page, 'export-scenario');
    expect(name).toMatch(/\.json$/);
    const r = parseScenario(text);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.levers).toEqual({ euTroops: 80_000, article5Like: true });
      expect(r.value.resolved).toEqual({ ...defaultLevers(), euTroops: 80_000, article5Like: true });
    }
    await page.close();
  });

  test('a hand-edited bad URL names the field and falls back to its default', async () => {
    const page = await open('?v=1&euTroops=999999&usCredibility=0.8');
    const err = await page.innerText('[data-testid=url-error]');
    expect(err).toContain('euTroops');
    expect(err).toContain('999999 is out of range');
    expect(await page.inputValue('#lever-euTroops-text')).toBe('30000');
    expect(await page.inputValue('#lever-usCredibility-text')).toBe('0.8');
    expect(Number(await page.getAttribute('[data-testid=headline]', 'data-p-resumption'))).toBe(expected({ usCredibility: 0.8 }).pResumption);
    await page.close();
  });

  test('the URL round-trips the state', async () => {
    const page = await open();
    await showAdvanced(page);
    let before = await runId(page);
    await page.click('[data-lever=euPosture] label:has-text("Combat")');
    before = await settled(page, before);
    await page.click('#lever-article5Like');
    before = await settled(page, before);
    await page.fill('#lever-ruResolve-text', '0.85');
    await page.press('#lever-ruResolve-text', 'Enter');
    before = await settled(page, before);
    await page.fill('#run-seed', 'round trip');
    await page.press('#run-seed', 'Enter');
    before = await settled(page, before);
    await page.fill('#run-trials', '4000');
    await page.press('#run-trials', 'Enter');
    await settled(page, before);
    await page.waitForFunction(() => location.search.includes('trials=4000') && location.search.includes('v=1'));
    const url = page.url();
    const decoded = decodeUrlState(new URL(url).search, PAGE_KEYS);
    expect(decoded.errors).toEqual([]);
    expect(decoded.state).toEqual({ levers: { ...defaultLevers(), euPosture: 'combat', article5Like: true, ruResolve: 0.85 }, seed: 'round trip', trials: 4000 });
    const p = Number(await page.getAttribute('[data-testid=headline]', 'data-p-resumption'));
    const again = await open(new URL(url).search);
    await showAdvanced(again);
    const shown = await controlValues(again);
    for (const spec of LEVERS) expect(shown[spec.key], spec.key).toEqual(decoded.state.levers[spec.key]);
    expect(await again.inputValue('#run-seed')).toBe('round trip');
    expect(Number(await again.getAttribute('[data-testid=headline]', 'data-p-resumption'))).toBe(p);
    expect(p).toBe(expected(decoded.state.levers, 'round trip', 4000).pResumption);
    await page.close();
    await again.close();
  });

  test('compare mode overlays the pinned baseline and shows the difference with its interval', async () => {
    const page = await open();
    await page.click('[data-testid=pin-baseline]');
    const before = await runId(page);
    await page.fill('#lever-euTroops-text', '120000');
    await page.press('#lever-euTroops-text', 'Enter');
    await settled(page, before);
    const diff = await page.innerText('[data-testid=difference]');
    expect(diff).toMatch(/pp/);
    // Same seed and trials: the comparison is paired, trial by trial.
    expect(diff).toContain('paired 95% CI');
    const d = Number(await page.getAttribute('[data-testid=difference]', 'data-diff'));
    expect(d).toBeCloseTo(expected({ euTroops: 120_000 }).pWar - expected({}).pWar, 12);
    expect(await page.locator('[data-chart=survival] path[stroke-dasharray="6 4"]').count()).toBe(1);
    await page.check('[data-testid=survival-zoom]');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SHOTS, 'compare.png'), fullPage: false });
    await page.screenshot({ path: join(SHOTS, 'compare-full.png'), fullPage: true });
    await resize(page, { width: 390, height: 844 });
    await page.evaluate(() => document.querySelector('[data-testid=headline]')?.scrollIntoView());
    await page.screenshot({ path: join(SHOTS, 'compare-phone.png'), fullPage: false });
    await page.close();
  });

  test('a big run first shows a labelled preview of its first 10,000 trials, then the full result', async () => {
    const page = await track();
    await page.goto(session.url + '?v=1&seed=big&trials=300000');
    await page.waitForSelector('[data-testid=preview-note]', { timeout: 60_000 });
    expect(await page.innerText('[data-testid=preview-note]')).toContain('first 10,000 trials');
    expect(Number(await page.getAttribute('[data-testid=headline]', 'data-p-resumption'))).toBe(expected({}, 'big', 10_000).pResumption);
    await page.waitForSelector('progress');
    await settled(page, null);
    expect(await page.locator('[data-testid=preview-note]').count()).toBe(0);
    expect(await page.getAttribute('[data-testid=headline]', 'data-preview')).toBe('false');
    expect(Number(await page.getAttribute('[data-testid=headline]', 'data-p-resumption'))).toBe(expected({}, 'big', 300_000).pResumption);
    await page.close();
  });

  test('every chart downloads as SVG and PNG', async () => {
    const page = await open();
    for (const chart of ['survival', 'histogram', 'guarantors']) {
      const [svg] = await Promise.all([page.waitForEvent('download'), page.click(`[data-chart=${chart}] button:has-text("SVG")`)]);
      const text = await readDownload(svg);
      expect(text).toContain('<svg');
      expect(text).toContain('xmlns="http://www.w3.org/2000/svg"');
      const [png] = await Promise.all([page.waitForEvent('download'), page.click(`[data-chart=${chart}] button:has-text("PNG")`)]);
      const bytes = readFileSync(await png.path());
      expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(bytes.length).toBeGreaterThan(2000);
    }
    await page.close();
  });

  test('the phone layout fits 390 px without horizontal scrolling', async () => {
    const page = await open('', { width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SHOTS, 'phone.png'), fullPage: false });
    await page.screenshot({ path: join(SHOTS, 'phone-full.png'), fullPage: true });
    await page.close();
  });

  test('the model view lists every assumption', async () => {
    const page = await open();
    await page.click('[data-testid=model-tab]');
    // The view loads on demand: wait for its table before counting.
    await page.waitForSelector('[data-testid=assumptions] tbody tr', { timeout: 30_000 });
    const rows = await page.locator('[data-testid=assumptions] tbody tr').count();
    const { ASSUMPTIONS } = await import('../../src/engine');
    expect(rows).toBe(Object.keys(ASSUMPTIONS).length);
    expect(await page.innerText('main')).toContain('not a forecast');
    await page.waitForFunction(() => location.search.includes('view=model'));
    // A link to the model view opens on it.
    const again = await track();
    await again.goto(page.url());
    await again.waitForSelector('[data-testid=assumptions]');
    await again.close();
    await page.screenshot({ path: join(SHOTS, 'model.png'), fullPage: false });
    await page.close();
  });

  test('axe-core finds no serious or critical accessibility violations', async () => {
    const page = await open();
    await showAdvanced(page);
    await page.click('[data-testid=pin-baseline]');
    const check = (where: string) => expectAccessible(page, where);
    await check('explore view');
    await page.click('[data-testid=model-tab]');
    await check('model view');
    await page.close();
    const bad = await open('?v=1&euTroops=999999', { width: 390, height: 844 });
    await expectAccessible(bad, 'bad-URL error on a phone');
    await bad.close();
  });

  test('no console errors and no request to any host but the page', () => {
    expect(consoleErrors).toEqual([]);
    expect(session.foreignRequests()).toEqual([]);
    expect(requests.length).toBeGreaterThan(0);
  });
});
