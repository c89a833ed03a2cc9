import type { Page } from 'playwright-core';

/*
 * Reading the built page's state from outside, without the test runner: the browser tests (through
 * test/browser/harness.ts) and `npm run soak` use these.
 */

/** The id of the run the explore view's headline shows ('' when none is shown). */
export async function runId(page: Page): Promise<string> {
  // No waiting (a page may show no run), and no element handle kept: one would hold the headline,
  // and with it a whole unmounted view, in the page's memory (the soak test measures that heap).
  return page.evaluate(() => document.querySelector('[data-testid=headline]')?.getAttribute('data-run-id') ?? '');
}

/**
 * Wait until no run is going and the headline shows a run other than `previousRunId`; with
 * `allowNone`, a page showing no run at all (after a cancel or a failure) also counts.
 * Returns the id of the run shown ('' for none).
 */
export async function settled(page: Page, previousRunId: string | null, { allowNone = false } = {}): Promise<string> {
  await page.waitForFunction(
    ({ prev, none }) => {
      const main = document.querySelector<HTMLElement>('main[data-busy]');
      if (main?.dataset.busy !== 'false') return false;
      const h = document.querySelector<HTMLElement>('[data-testid=headline]');
      return h ? h.dataset.runId !== prev : none;
    },
    { prev: previousRunId, none: allowNone },
    { timeout: 60_000 },
  );
  return runId(page);
}
