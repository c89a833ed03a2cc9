import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { defaultLevers, simulate, summarize, type Levers } from '../../src/engine';
import { STORE_KEY } from '../../src/ui/state/store';
import { SHOTS, browserSession, expectAccessible, nextFrames, runId, settled } from './harness';

const session = browserSession();
const { consoleErrors } = session;

/** A page on `query`; the first page of a test starts from an empty store, later ones share it. */
async function open(query = '', { keepStorage = false, viewport = { width: 1280, height: 900 } } = {}): Promise<Page> {
  const page = await session.track({ keepStorage });
  await page.setViewportSize(viewport);
  await page.goto(session.url + query);
  await settled(page, null);
  return page;
}

function expected(levers: Partial<Levers>, seed = '1', trials = 10_000): number {
  const full = { ...defaultLevers(), ...levers };
  const { model, results } = simulate(full, { seed, trials });
  return summarize(model, results, seed).pResumption;
}

async function headline(page: Page): Promise<{ p: number; text: string }> {
  return {
    p: Number(await page.getAttribute('[data-testid=headline]', 'data-p-resumption')),
    text: await page.innerText('[data-testid=p-resumption]'),
  };
}

/** The stored JSON (parsed), or null. */
async function stored(page: Page): Promise<Record<string, unknown> | null> {
  return page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null'), STORE_KEY);
}

/** Wait until the store holds `value` for lever `key`. */
async function storedLever(page: Page, key: string, value: unknown): Promise<void> {
  await page.waitForFunction(
    ([storeKey, k, v]) => {
      const s = JSON.parse(localStorage.getItem(storeKey as string) ?? 'null');
      return s?.levers?.[k as string] === v;
    },
    [STORE_KEY, key, value] as const,
  );
}

async function typeLever(page: Page, key: string, text: string): Promise<void> {
  const before = await runId(page);
  await page.fill(`#lever-${key}-text`, text);
  await page.press(`#lever-${key}-text`, 'Enter');
  await settled(page, before);
}

async function importFile(page: Page, name: string, content: string | object): Promise<void> {
  await page.setInputFiles('[data-testid=import-scenario]', {
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(typeof content === 'string' ? content : JSON.stringify(content)),
  });
}

async function savedTitles(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid=saved-list] li .t', (els) => els.map((e) => e.textContent ?? ''));
}

const IMPORTED = {
  id: 'imported-plan',
  title: 'Imported plan',
  summary: 'A file from a colleague.',
  sources: [],
  levers: { euTroops: 70_000, usTier: 'none' },
};

describe('the page keeps the user\'s work in the browser', () => {
  test('levers moved with the keyboard and by typing survive a reload, and a bare address restores them', async () => {
    const page = await open();
    await page.focus('#lever-euTroops');
    const first = await runId(page);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await settled(page, first);
    expect(await page.inputValue('#lever-euTroops-text')).toBe('40000');
    await typeLever(page, 'usCredibility', '0.8');
    await storedLever(page, 'euTroops', 40_000);
    await storedLever(page, 'usCredibility', 0.8);
    const before = await headline(page);
    expect(before.p).toBe(expected({ euTroops: 40_000, usCredibility: 0.8 }));

    // A reload (the address holds the run too).
    await page.reload();
    await settled(page, null);
    expect(await page.inputValue('#lever-euTroops-text')).toBe('40000');
    expect(await page.inputValue('#lever-usCredibility-text')).toBe('0.8');
    expect(await headline(page)).toEqual(before);

    // The bare address in a new tab: the levers come from the store, and the address follows.
    const bare = await open('', { keepStorage: true });
    expect(await bare.inputValue('#lever-euTroops-text')).toBe('40000');
    expect(await bare.inputValue('#lever-usCredibility-text')).toBe('0.8');
    expect(await headline(bare)).toEqual(before);
    await bare.waitForFunction(() => location.search.includes('euTroops=40000') && location.search.includes('usCredibility=0.8'));
    expect(await bare.locator('[data-testid=store-error]').count()).toBe(0);
    await bare.close();
    await page.close();
  });

  test('the view is kept too', async () => {
    const page = await open();
    await page.click('[data-testid=model-tab]');
    await page.waitForFunction((key) => JSON.parse(localStorage.getItem(key) ?? 'null')?.view === 'model', STORE_KEY);
    const again = await session.track({ keepStorage: true });
    await again.goto(session.url);
    await again.waitForSelector('[data-testid=assumptions]');
    await again.close();
    await page.close();
  });

  test('an imported file and a saved scenario are listed after a reload and load their levers', async () => {
    const page = await open();
    let before = await runId(page);
    await importFile(page, 'imported-plan.json', IMPORTED);
    await settled(page, before);
    expect(await savedTitles(page)).toEqual(['Imported plan']);
    expect(await page.innerText('[data-testid=saved-message]')).toContain('Imported “Imported plan” and kept it');
    expect(await page.innerText('[data-testid=loaded-scenario]')).toContain('Imported plan');

    // Save the current levers, changed, under a title holding markup: shown as text, never as HTML.
    await typeLever(page, 'euTroops', '110000');
    await page.click('[data-testid=save-open]');
    await page.click('[data-testid=save-scenario]');
    expect(await page.innerText('#save-title-err')).toContain('Title is required');
    expect(await page.getAttribute('#save-title', 'aria-invalid')).toBe('true');
    const title = 'My <b>bold</b> plan & more';
    await page.fill('#save-title', title);
    await page.press('#save-title', 'Enter');
    expect(await savedTitles(page)).toEqual([title, 'Imported plan']);
    expect(await page.locator('[data-testid=saved-list] b').count()).toBe(0);
    expect(await page.innerText('[data-testid=saved-list]')).toContain('Saved from the page on');
    const s = await stored(page);
    const scenarios = s?.scenarios as { id: string; levers: Partial<Levers>; sources: unknown[] }[];
    expect(scenarios.map((x) => x.id)).toEqual(['my-b-bold-b-plan-more', 'imported-plan']);
    expect(scenarios[0].levers).toEqual({ euTroops: 110_000, usTier: 'none' });
    expect(scenarios[0].sources).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SHOTS, 'persist-saved.png'), fullPage: false });

    // A new tab on the bare address: both listed, the saved one loaded, each loads its levers.
    const again = await open('', { keepStorage: true });
    expect(await savedTitles(again)).toEqual([title, 'Imported plan']);
    expect(await again.innerText('[data-testid=loaded-scenario]')).toContain(title);
    expect(await again.innerText('[data-testid=loaded-scenario]')).toContain('unchanged');
    before = await runId(again);
    await again.click('[data-saved-id=imported-plan] [data-testid=saved-load]');
    await settled(again, before);
    expect(await again.inputValue('#lever-euTroops-text')).toBe('70000');
    expect(await again.innerText('[data-testid=loaded-scenario]')).toContain('Imported plan');
    expect((await headline(again)).p).toBe(expected({ euTroops: 70_000, usTier: 'none' }));
    before = await runId(again);
    await again.click('[data-saved-id=my-b-bold-b-plan-more] [data-testid=saved-load]');
    await settled(again, before);
    expect(await again.inputValue('#lever-euTroops-text')).toBe('110000');
    await again.close();
    await page.close();
  });

  test('deleting with the keyboard can be undone; a deletion is kept after a reload', async () => {
    const page = await open();
    let before = await runId(page);
    await importFile(page, 'a.json', { ...IMPORTED, id: 'plan-a', title: 'Plan A' });
    await settled(page, before);
    before = await runId(page);
    await importFile(page, 'b.json', { ...IMPORTED, id: 'plan-b', title: 'Plan B', levers: { euTroops: 20_000 } });
    await settled(page, before);
    expect(await savedTitles(page)).toEqual(['Plan B', 'Plan A']);
    await page.focus('[data-saved-id=plan-a] [data-testid=saved-delete]');
    await page.keyboard.press('Enter');
    expect(await savedTitles(page)).toEqual(['Plan B']);
    expect(await page.innerText('[data-testid=saved-message]')).toContain('Deleted “Plan A”');
    // Focus moved to Undo: Enter brings the scenario back in its place.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('saved-undo');
    await page.keyboard.press('Enter');
    expect(await savedTitles(page)).toEqual(['Plan B', 'Plan A']);
    expect(await page.evaluate(() => document.activeElement?.closest('[data-saved-id]')?.getAttribute('data-saved-id'))).toBe('plan-a');
    expect(((await stored(page))?.scenarios as unknown[]).length).toBe(2);
    await page.click('[data-saved-id=plan-b] [data-testid=saved-delete]');
    await page.waitForFunction((key) => JSON.parse(localStorage.getItem(key) ?? 'null')?.scenarios?.length === 1, STORE_KEY);
    await page.reload();
    await settled(page, null);
    expect(await savedTitles(page)).toEqual(['Plan A']);
    await page.close();
  });

  test('two tabs: a scenario saved in one is not lost when the other writes its levers', async () => {
    const a = await open();
    const b = await open('', { keepStorage: true });
    await b.click('[data-testid=save-open]');
    await b.fill('#save-title', 'From tab B');
    await b.click('[data-testid=save-scenario]');
    // Tab A hears of it (the storage event) and lists it too.
    await a.waitForFunction(() => document.querySelector('[data-testid=saved-list]')?.textContent?.includes('From tab B'));
    await typeLever(a, 'euTroops', '75000');
    await storedLever(a, 'euTroops', 75_000);
    expect(((await stored(a))?.scenarios as { title: string }[]).map((x) => x.title)).toEqual(['From tab B']);
    await b.close();
    await a.close();
  });

  test('a failed import leaves the levers, the list, the loaded scenario and the store untouched', async () => {
    const page = await open();
    let before = await runId(page);
    await importFile(page, 'imported-plan.json', IMPORTED);
    await settled(page, before);
    await typeLever(page, 'euTroops', '55000');
    await storedLever(page, 'euTroops', 55_000);
    const snapshot = async () => ({
      store: await page.evaluate((key) => localStorage.getItem(key), STORE_KEY),
      list: await savedTitles(page),
      loaded: await page.innerText('[data-testid=loaded-scenario]'),
      euTroops: await page.inputValue('#lever-euTroops-text'),
      usTier: await page.$eval('[data-lever=usTier] input[type=radio]:checked', (el) => (el as HTMLInputElement).value),
      run: await runId(page),
    });
    const was = await snapshot();
    expect(was.loaded).toContain('Imported plan');
    expect(was.loaded).toContain('changed since loading');
    for (const [name, content] of [
      ['broken.json', '{"id": "broken", '],
      ['bad-levers.json', JSON.stringify({ ...IMPORTED, id: 'bad', levers: { euTroops: 999_999 } })],
      ['same-id-bad.json', JSON.stringify({ ...IMPORTED, title: '', levers: { euTroops: 10_000 } })],
    ] as const) {
      await importFile(page, name, content);
      // The file is read asynchronously: wait for this file's message, not the previous one's.
      await page.waitForFunction((n) => document.querySelector('[data-testid=import-error]')?.textContent?.includes(n), name);
      const err = await page.innerText('[data-testid=import-error]');
      expect(err).toContain(name);
      // Anything the failed import left for the store is written now, as when the tab is hidden.
      await nextFrames(page);
      await page.evaluate(() => dispatchEvent(new PageTransitionEvent('pagehide')));
      expect(await snapshot()).toEqual(was);
    }
    await page.close();
  });

  test('a corrupt store is reported, the page works, and the store is reset', async () => {
    const page = await open();
    await page.waitForFunction((key) => localStorage.getItem(key) !== null, STORE_KEY);
    await page.evaluate((key) => localStorage.setItem(key, '{"version": 1, "levers": {'), STORE_KEY);
    await page.close();
    const again = await open('', { keepStorage: true });
    const msg = await again.innerText('[data-testid=store-error]');
    expect(msg).toContain('not valid JSON');
    expect(msg).toContain('cleared');
    expect((await headline(again)).p).toBe(expected({}));
    // Reset: the page wrote a valid store again.
    await again.waitForFunction((key) => JSON.parse(localStorage.getItem(key) ?? 'null')?.version === 1, STORE_KEY);
    await again.evaluate(() => window.scrollTo(0, 0));
    await again.screenshot({ path: join(SHOTS, 'persist-corrupt.png'), fullPage: false });
    await expectAccessible(again, 'corrupt-store message');
    await again.click('[data-testid=store-error] button');
    expect(await again.locator('[data-testid=store-error]').count()).toBe(0);
    // The page still works: a lever moves and runs.
    await typeLever(again, 'euTroops', '60000');
    expect((await headline(again)).p).toBe(expected({ euTroops: 60_000 }));
    await again.close();
  });

  test('bad fields of the store are named; the good parts are kept and the store repaired', async () => {
    const page = await open();
    await page.waitForFunction((key) => localStorage.getItem(key) !== null, STORE_KEY);
    const good = { id: 'good-one', title: 'Good one', summary: 'Fine.', sources: [], levers: { article5Like: true } };
    const bad = { id: 'bad-one', title: 'Bad one', summary: 'No.', sources: [], levers: { euTroops: -1 } };
    await page.evaluate(
      ([key, value]) => localStorage.setItem(key, value),
      [
        STORE_KEY,
        JSON.stringify({
          version: 1,
          levers: { ...defaultLevers(), euTroops: 999_999, usCredibility: 0.8 },
          seed: 'kept seed',
          trials: 'lots',
          view: 'explore',
          scenarios: [good, bad],
          current: { kind: 'saved', id: 'bad-one' },
        }).replace('"levers":{', '"levers":{"__proto__":{"polluted":true},'),
      ] as const,
    );
    await page.close();
    const again = await open('', { keepStorage: true });
    const msg = await again.innerText('[data-testid=store-error]');
    expect(msg).toContain('stored levers.euTroops: 999999 is out of range');
    expect(msg).toContain('stored levers.__proto__');
    expect(msg).toContain('stored trials: "lots" is not allowed');
    expect(msg).toContain('stored scenarios[1]: dropped (“Bad one”)');
    expect(msg).toContain('stored current.id');
    expect(await again.evaluate(() => ({} as Record<string, unknown>).polluted)).toBeUndefined();
    await again.evaluate(() => window.scrollTo(0, 0));
    await again.screenshot({ path: join(SHOTS, 'persist-repaired.png'), fullPage: false });
    expect(await again.inputValue('#lever-euTroops-text')).toBe('30000');
    expect(await again.inputValue('#lever-usCredibility-text')).toBe('0.8');
    expect(await again.inputValue('#run-seed')).toBe('kept seed');
    expect(await savedTitles(again)).toEqual(['Good one']);
    expect((await headline(again)).p).toBe(expected({ usCredibility: 0.8 }, 'kept seed', 10_000));
    await again.waitForFunction((key) => {
      const s = JSON.parse(localStorage.getItem(key) ?? 'null');
      return s?.levers?.euTroops === 30000 && s.trials === 10000 && s.scenarios.length === 1 && !s.current;
    }, STORE_KEY);
    await again.close();
  });

  test('a link with run state wins over the store; the levers it replaced can be restored', async () => {
    const page = await open();
    await typeLever(page, 'euTroops', '90000');
    await storedLever(page, 'euTroops', 90_000);
    const link = await open('?v=1&usTier=none', { keepStorage: true });
    expect(await link.inputValue('#lever-euTroops-text')).toBe('30000');
    expect(await link.$eval('[data-lever=usTier] input[type=radio]:checked', (el) => (el as HTMLInputElement).value)).toBe('none');
    expect((await headline(link)).p).toBe(expected({ usTier: 'none' }));
    expect(await link.innerText('[data-testid=store-previous]')).toContain('2 settings differ');
    await link.evaluate(() => window.scrollTo(0, 0));
    await link.screenshot({ path: join(SHOTS, 'persist-link.png'), fullPage: false });
    const before = await runId(link);
    await link.click('[data-testid=restore-previous]');
    await settled(link, before);
    expect(await link.inputValue('#lever-euTroops-text')).toBe('90000');
    expect((await headline(link)).p).toBe(expected({ euTroops: 90_000 }));
    expect(await link.locator('[data-testid=store-previous]').count()).toBe(0);
    await link.waitForFunction(() => location.search.includes('euTroops=90000') && !location.search.includes('usTier'));
    await link.close();
    await page.close();
  });

  test('storage that is disabled or full is reported and the page still works', async () => {
    const denied = await session.track();
    await denied.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        configurable: true,
        get() {
          throw new DOMException('Access is denied for this document.', 'SecurityError');
        },
      });
    });
    await denied.goto(session.url);
    await settled(denied, null);
    expect(await denied.innerText('[data-testid=store-error]')).toContain('SecurityError');
    expect(await denied.innerText('[data-testid=store-error]')).toContain('cannot be kept in this browser');
    await typeLever(denied, 'euTroops', '60000');
    expect((await headline(denied)).p).toBe(expected({ euTroops: 60_000 }));
    await denied.evaluate(() => window.scrollTo(0, 0));
    await denied.screenshot({ path: join(SHOTS, 'persist-disabled.png'), fullPage: false });
    await denied.close();

    const full = await session.track();
    await full.addInitScript(() => {
      Storage.prototype.setItem = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await full.goto(session.url);
    await settled(full, null);
    await typeLever(full, 'euTroops', '65000');
    const err = await full.waitForSelector('[data-testid=store-write-error]');
    expect(await err.innerText()).toContain('full (QuotaExceededError');
    expect((await headline(full)).p).toBe(expected({ euTroops: 65_000 }));
    // Saving a scenario into the full storage: never "Saved … in your scenarios" (issue 12).
    await full.click('[data-testid=save-open]');
    await full.fill('#save-title', 'Kept nowhere');
    await full.press('#save-title', 'Enter');
    const msg = await full.innerText('[data-testid=saved-message]');
    expect(msg).toContain('“Kept nowhere” was not saved: it could not be stored in this browser (');
    expect(msg).toContain('kept only for this tab and will be gone after a reload');
    expect(msg).not.toContain('in your scenarios.');
    expect(await full.getAttribute('[data-testid=saved-message]', 'class')).toContain('err');
    await full.evaluate(() => window.scrollTo(0, 0));
    await full.screenshot({ path: join(SHOTS, 'persist-full.png'), fullPage: false });
    await expectAccessible(full, 'storage-full message');
    await full.close();
  });

  test('on a phone the list and its messages fit, and axe finds no serious violations', async () => {
    const page = await open('', { viewport: { width: 390, height: 844 } });
    let before = await runId(page);
    await importFile(page, 'long.json', {
      ...IMPORTED,
      title: 'A scenario with a very long title that has to wrap onto several lines on a narrow phone screen without overlapping the buttons',
    });
    await settled(page, before);
    await page.click('[data-testid=save-open]');
    await page.fill('#save-title', 'Phone plan');
    await page.click('[data-testid=save-scenario]');
    before = await runId(page);
    expect(await savedTitles(page)).toHaveLength(2);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.evaluate(() => document.querySelector('[data-testid=saved-scenarios]')?.scrollIntoView());
    await page.screenshot({ path: join(SHOTS, 'persist-phone.png'), fullPage: false });
    await expectAccessible(page, 'your scenarios on a phone');
    await page.click('[data-saved-id=phone-plan] [data-testid=saved-delete]');
    await expectAccessible(page, 'after a deletion (undo shown)');
    await page.close();
  });

  test('no console errors', () => {
    expect(consoleErrors).toEqual([]);
    expect(session.foreignRequests()).toEqual([]);
  });
});
