// `npm run screenshot`: regenerates docs/screenshot.png, the README's picture of the page, from the
// built page (dist/) in the same Chromium the browser tests use, so the picture follows the page
// (and the model) whenever it is run. The shot: the Full package against the pinned default
// baseline, with the results sentence, at 1440 × 900.
import { join, resolve } from 'node:path';
import { launch, serveDist } from './browser/browser';

const OUT = resolve(import.meta.dirname, '../docs/screenshot.png');

export async function screenshot(out = OUT): Promise<string> {
  const server = await serveDist();
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    await page.addInitScript(() => {
      localStorage.clear();
      localStorage.setItem('ceasefire-sim:guide', 'dismissed');
    });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${server.url}?v=1&seed=1&trials=10000`);
    const idle = () => page.waitForFunction(() => document.querySelector('main[data-busy="false"] [data-testid=headline]'), undefined, { timeout: 60_000 });
    await idle();
    await page.click('[data-testid=pin-baseline]');
    const before = await page.getAttribute('[data-testid=headline]', 'data-run-id');
    await page.selectOption('#preset-select', 'full-package');
    await page.waitForFunction((prev) => document.querySelector<HTMLElement>('[data-testid=headline]')?.dataset.runId !== prev && document.querySelector<HTMLElement>('main[data-busy]')?.dataset.busy === 'false', before, { timeout: 60_000 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: out });
    return out;
  } finally {
    await browser.close();
    await server.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(join(import.meta.dirname, 'screenshot.ts'))) {
  screenshot().then(
    (f) => console.log(`wrote ${f}`),
    (e: Error) => {
      console.error(`screenshot: ${e.message}`);
      process.exit(1);
    },
  );
}
