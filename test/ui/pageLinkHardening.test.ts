// The page's address and local store, hardened (issue 22): a pinned baseline keeps its own model
// assumptions in a link, repeated compare entries are reported and dropped, `ref=` never shifts,
// the worlds options are checked and kept, a link of page keys survives a kept store, one bad stored
// assumption does not drop the good ones, and the list of address problems is capped.
import { describe, expect, it } from 'vitest';
import { ASSUMPTIONS, MAX_ANALYSIS_TRIALS, decodeUrlState, defaultLevers } from '../../src/engine';
import { AppState } from '../../src/ui/state/appState.svelte';
import {
  BASE_ASSUMPTION_PREFIX,
  assumptionOverrides,
  baselineAssumptions,
  decodePageLink,
  encodePageLink,
  pageLinkOf,
  type PageView,
} from '../../src/ui/state/linkState';
import { DEFAULT_WORLDS_OPTIONS, PAGE_KEYS, decodeWorldsOptions, isPageKey, worldsQuery, worldsSizeProblem } from '../../src/ui/state/pageOptions';
import { Persistence, hasRunState } from '../../src/ui/state/persistence.svelte';
import { readAddress, serializeAddress } from '../../src/ui/state/address';
import { loadPresets } from '../../src/ui/state/presets';
import { STORE_KEY, readStore, serializeStore, type StorageLike, type StoredState } from '../../src/ui/state/store';
import { MAX_URL_ERRORS, capUrlErrors } from '../../src/ui/state/urlErrors';

const d = defaultLevers();
const presets = [
  { id: 'baseline', title: 'Baseline', resolved: d },
  { id: 'full-package', title: 'Full package', resolved: { ...d, euTroops: 60_000 } },
];
const dflt = (k: keyof typeof ASSUMPTIONS) => ASSUMPTIONS[k].value;

function view(baseline: PageView['baseline'], runAssumptions: PageView['run']['assumptions']): PageView {
  return { loadedPreset: null, modified: false, baseline, run: { seed: '1', trials: 2000, assumptions: runAssumptions }, compare: [], reference: null, threshold: 0.02, defaultThreshold: 0.02 };
}

/** The baseline's assumptions as a fresh browser would rebuild them from the link, given the run's from `a.*`. */
function reopened(query: string): { run: object; baseline: object } {
  const run = decodeUrlState(query, PAGE_KEYS).state.assumptions ?? {};
  const { link, errors } = decodePageLink(query, presets);
  expect(errors).toEqual([]);
  return { run, baseline: baselineAssumptions(link.baseline!.assumptions, run) };
}

describe('a link that pins a baseline keeps its model assumptions (H1)', () => {
  it('a baseline pinned with the run’s changed assumptions reopens with them', () => {
    // The case: a.euWarCost=0.5&a.peaceBaseValue=0.1, pinned, then the levers changed.
    const a = { euWarCost: 0.5, peaceBaseValue: 0.1 };
    const link = pageLinkOf(view({ levers: d, seed: '1', trials: 2000, assumptions: a }, a), presets);
    const q = `v=1&a.euWarCost=0.5&a.peaceBaseValue=0.1&euTroops=100000&${new URLSearchParams(encodePageLink(link))}`;
    expect(reopened(q)).toEqual({ run: a, baseline: a });
  });

  it('a baseline at the calibrated defaults, while the run changed an assumption, says so with base.a.', () => {
    const link = pageLinkOf(view({ levers: d, seed: '1', trials: 2000 }, { euWarCost: 0.5 }), presets);
    const pairs = encodePageLink(link);
    expect(pairs).toContainEqual([`${BASE_ASSUMPTION_PREFIX}euWarCost`, String(dflt('euWarCost'))]);
    expect(reopened(`v=1&a.euWarCost=0.5&${new URLSearchParams(pairs)}`)).toEqual({ run: { euWarCost: 0.5 }, baseline: {} });
  });

  it('a baseline with an assumption the run does not have carries it alone', () => {
    const link = pageLinkOf(view({ levers: d, seed: '1', trials: 2000, assumptions: { peaceBaseValue: 0.1 } }, {}), presets);
    expect(encodePageLink(link)).toEqual([['base', 'baseline'], [`${BASE_ASSUMPTION_PREFIX}peaceBaseValue`, '0.1']]);
    expect(assumptionOverrides({ euWarCost: 0.5 }, { euWarCost: 0.5 })).toEqual({});
  });

  it('the run decoder skips base.a. keys; bad ones are reported by the page link, naming the key and range', () => {
    expect(decodeUrlState('v=1&base=baseline&base.a.euWarCost=0.5', PAGE_KEYS).errors).toEqual([]);
    const { link, errors } = decodePageLink('base=baseline&base.a.euWarCost=99&base.a.nope=1', presets);
    expect(link.baseline!.assumptions).toEqual({});
    expect(errors.map((e) => e.field)).toEqual(['base.a.euWarCost', 'base.a.nope']);
    expect(errors[0].message).toMatch(/out of range; expected a number from/);
    expect(decodePageLink('base.a.euWarCost=0.5', presets).errors).toEqual([{ field: 'base.a.euWarCost', message: expect.stringMatching(/no base=/) }]);
  });
});

describe('the compare list in a link (M1, L7)', () => {
  it('reports a repeated scenario and keeps it once', () => {
    const { link, errors } = decodePageLink('cmp=baseline|baseline', presets);
    expect(link.compare).toEqual([{ kind: 'preset', id: 'baseline' }]);
    expect(errors).toEqual([{ field: 'cmp 2', message: expect.stringMatching(/repeats cmp 1/) }]);
    expect(new URLSearchParams(encodePageLink(link)).get('cmp')).toBe('baseline');
  });

  it('treats the same levers written twice, and "current" twice, as repeats', () => {
    const { link, errors } = decodePageLink('cmp=~euTroops:5|current|~euTroops:5|current', presets);
    expect(link.compare).toHaveLength(2);
    expect(errors.map((e) => e.field)).toEqual(['cmp 3', 'cmp 4']);
  });

  it('ref= counts in the link’s own list: an invalid earlier entry does not shift it', () => {
    const { link } = decodePageLink('cmp=nope|baseline|full-package&ref=3', presets);
    expect(link.compare).toEqual([{ kind: 'preset', id: 'baseline' }, { kind: 'preset', id: 'full-package' }]);
    expect(link.reference).toBe(1);
  });

  it('ref= naming a left-out entry is reported, not moved to a neighbour', () => {
    const { link, errors } = decodePageLink('cmp=baseline|nope|full-package&ref=2', presets);
    expect(link.reference).toBeNull();
    expect(errors.find((e) => e.field === 'ref')?.message).toMatch(/names cmp 2, which was left out/);
    expect(decodePageLink('cmp=baseline|baseline|full-package&ref=2', presets).link.reference).toBe(0);
    expect(decodePageLink('cmp=baseline&ref=0x1', presets).errors.map((e) => e.field)).toEqual(['ref']);
  });
});

describe('the worlds options in the address (L1, L2)', () => {
  it.each([
    ['worlds=', 'worlds', /is empty; expected a whole number from 0 to 1,000/],
    ['worlds=0x10', 'worlds', /"0x10" is not allowed/],
    ['worlds=1e2', 'worlds', /"1e2" is not allowed/],
    ['worldTrials=50', 'worldTrials', /from 100 to 100,000/],
    ['worldTrials=abc', 'worldTrials', /"abc" is not allowed/],
  ])('%j is reported and keeps the default', (q, field, message) => {
    const r = decodeWorldsOptions(q, 118);
    expect(r.options).toEqual(DEFAULT_WORLDS_OPTIONS);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].field).toBe(field);
    expect(r.errors[0].message).toMatch(message);
  });

  it('more worlds than there are: all are used, and the page says so', () => {
    const r = decodeWorldsOptions('worlds=119', 118);
    expect(r.options.worlds).toBe(118);
    expect(r.errors[0].message).toBe('119 is more than the 118 plausible worlds there are; all 118 are used');
    expect(decodeWorldsOptions('worlds=0&worldTrials=200', 118)).toEqual({ options: { worlds: 0, trials: 200 }, errors: [] });
  });

  it('the rewritten address keeps non-default worlds options', () => {
    expect(worldsQuery({ worlds: 0, trials: 200 })).toEqual([['worlds', '0'], ['worldTrials', '200']]);
    expect(worldsQuery(DEFAULT_WORLDS_OPTIONS)).toEqual([]);
    expect(isPageKey('worlds') && isPageKey('base.a.euWarCost') && !isPageKey('euTroops')).toBe(true);
  });

  it('refuses work across worlds beyond the command line’s limits, naming the field and the limit', () => {
    expect(worldsSizeProblem(1_650, 100_000, 1e9)).toMatch(/^trials per world: 1,650 runs × 100,000 trials = 165,000,000 trials, more than the 50,000,000 allowed/);
    expect(worldsSizeProblem(100, 1_000, 1e9)).toBeNull();
    expect(worldsSizeProblem(Math.floor(MAX_ANALYSIS_TRIALS / 100_000), 100_000, 1e9)).toBeNull();
    expect(worldsSizeProblem(1, 100_000, 1e6)).toMatch(/^trials per world: 100,000 trials need about/);
  });
});

class FakeStorage implements StorageLike {
  map = new Map<string, string>();
  getItem = (k: string) => this.map.get(k) ?? null;
  setItem = (k: string, v: string) => void this.map.set(k, v);
  removeItem = (k: string) => void this.map.delete(k);
}
const PRESETS = loadPresets({ '/scenarios/baseline.json': { id: 'baseline', title: 'Baseline', summary: 'Defaults.', sources: [], levers: {} } });
const KEPT: StoredState = { levers: { ...d, euTroops: 90_000 }, seed: 'mine', trials: 5000, view: 'explore', scenarios: [], current: null };

describe('the local store and links of page keys only (M8, L6)', () => {
  it('a link of only page keys keeps them when the run comes from the store', () => {
    const storage = new FakeStorage();
    storage.map.set(STORE_KEY, serializeStore(KEPT));
    const persist = new Persistence(new AppState(), PRESETS, () => storage);
    const start = persist.restore(readAddress('?cmp=baseline|current&ref=2&matter=3&base=baseline&base.a.euWarCost=0.5&worlds=0', PRESETS.presets));
    expect(start.pageErrors).toEqual([]);
    const q = new URLSearchParams(serializeAddress({ run: start.run, view: 'explore', link: start.link, worlds: start.worlds }));
    expect(q.get('euTroops')).toBe('90000');
    expect([q.get('cmp'), q.get('ref'), q.get('matter'), q.get('base'), q.get('base.a.euWarCost'), q.get('worlds')]).toEqual(['baseline|current', '2', '3', 'baseline', '0.5', '0']);
    expect(hasRunState('?cmp=baseline&base.a.euWarCost=0.5')).toBe(false);
  });

  it('one bad stored assumption is reported and the good ones are kept', () => {
    const storage = new FakeStorage();
    storage.map.set(STORE_KEY, JSON.stringify({ ...JSON.parse(serializeStore(KEPT)), assumptions: { euWarCost: 0.5, peaceBaseValue: 'x', nope: 1 } }));
    const r = readStore(() => storage);
    expect(r.state!.assumptions).toEqual({ euWarCost: 0.5 });
    expect(r.problems.map((p) => p.field)).toEqual(['assumptions.peaceBaseValue', 'assumptions.nope']);
    expect(r.problems[0].message).toMatch(/it takes its calibrated default$/);
    expect(r.rewrite).toBe(true);
  });
});

describe('the list of address problems (L8)', () => {
  const many = Array.from({ length: 1_500 }, (_, i) => ({ field: `k${i}`, message: 'unknown lever' }));
  it('shows the first twenty and counts the rest', () => {
    const capped = capUrlErrors(many);
    expect(capped).toHaveLength(MAX_URL_ERRORS + 1);
    expect(capped.at(-1)).toEqual({ field: 'address', message: 'and 1,480 more problems not listed; fix the ones above first' });
  });
  it('stays capped, and counts right, as more problems are added', () => {
    const again = capUrlErrors([...capUrlErrors(many), { field: 'base', message: 'x' }]);
    expect(again).toHaveLength(MAX_URL_ERRORS + 1);
    expect(again.at(-1)!.message).toMatch(/^and 1,481 more problems/);
    expect(capUrlErrors(many.slice(0, 3))).toEqual(many.slice(0, 3));
  });
  it('the page caps what a hostile address reports', () => {
    const app = new AppState();
    app.addUrlErrors(many);
    expect(app.urlErrors).toHaveLength(MAX_URL_ERRORS + 1);
  });
});

