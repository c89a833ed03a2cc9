// Issue 21: the page's address has one codec (state/address.ts): read once into everything the
// page takes from it, written from the same parts, and replaced only when the query changed.
import { describe, expect, test } from 'vitest';
import { RUN_SETTINGS, defaultLevers, type RunInput } from '../../src/engine';
import { decodeUrlState } from '../../src/engine/io/urlState';
import { hasRunState, readAddress, serializeAddress, uniqueErrors, withRun, writeAddress, type AddressParts } from '../../src/ui/state/address';
import { EMPTY_LINK } from '../../src/ui/state/linkState';
import { DEFAULT_WORLDS_OPTIONS, PAGE_KEYS } from '../../src/ui/state/pageOptions';
import { loadPresets } from '../../src/ui/state/presets';
import { VIEWS } from '../../src/ui/state/views';

const PRESETS = loadPresets({
  '/scenarios/baseline.json': { id: 'baseline', title: 'Baseline', summary: 'Defaults.', sources: [], levers: {} },
  '/scenarios/robust.json': { id: 'robust', title: 'Robust', summary: 'More troops.', sources: [], levers: { euTroops: 120_000 } },
}).presets;
const d = defaultLevers();
const DEFAULT_RUN: RunInput = { levers: d, seed: RUN_SETTINGS.seed.default, trials: RUN_SETTINGS.trials.default };

describe('readAddress() and serializeAddress(): round trips', () => {
  const cases: [string, AddressParts][] = [
    ['the defaults', { run: DEFAULT_RUN, view: 'explore' }],
    ['levers, seed, trials and a view', { run: { levers: { ...d, euTroops: 120_000, usTier: 'none' }, seed: 'x y&z', trials: 5_000 }, view: 'sweep' }],
    ['model assumptions', { run: { levers: d, seed: '7', trials: 2_000, assumptions: { euWarCost: 0.4 } }, view: 'model' }],
    [
      'what a link keeps: preset, baseline, compare list, reference, threshold, worlds',
      {
        run: { levers: { ...d, euTroops: 120_000, decisionNoise: 0.2 }, seed: 's', trials: 3_000, assumptions: { euWarCost: 0.4 } },
        view: 'compare',
        link: {
          preset: 'robust',
          modified: true,
          baseline: { scenario: { kind: 'preset', id: 'baseline' }, seed: 'b', trials: 1_000, assumptions: { euWarCost: 0.3 } },
          compare: [{ kind: 'preset', id: 'baseline' }, { kind: 'current' }, { kind: 'levers', levers: { ...d, euTroops: 10_000 } }],
          reference: 2,
          threshold: 0.05,
        },
        worlds: { worlds: 8, trials: 200 },
      },
    ],
  ];
  test.each(cases)('%s', (_, parts) => {
    const a = readAddress(serializeAddress(parts), PRESETS);
    expect(a.run).toEqual(parts.run);
    expect(a.options).toEqual({ view: parts.view === 'explore' ? null : parts.view, workers: null });
    expect(a.link).toEqual(parts.link ?? EMPTY_LINK);
    expect(a.worlds).toEqual(parts.worlds ?? DEFAULT_WORLDS_OPTIONS);
    expect(a.runErrors).toEqual([]);
    expect(a.pageErrors).toEqual([]);
    expect(a.hasRun).toBe(true);
    // Written again from what was read: the same query.
    expect(serializeAddress({ run: a.run, view: a.options.view ?? 'explore', link: a.link, worlds: a.worlds })).toBe(serializeAddress(parts));
  });

  test('every view round-trips', () => {
    for (const view of VIEWS) expect(readAddress(serializeAddress({ run: DEFAULT_RUN, view })).options.view).toBe(view === 'explore' ? null : view);
  });

  test("the run's part is the engine's own codec (the command line's), with the page's keys skipped", () => {
    const q = serializeAddress(cases[3][1]);
    expect(readAddress(q, PRESETS).run).toEqual(decodeUrlState(q, PAGE_KEYS).state);
    expect(decodeUrlState(q, PAGE_KEYS).errors).toEqual([]);
  });

  test('an empty address is the defaults, with nothing to report', () => {
    for (const q of ['', '?']) {
      const a = readAddress(q, PRESETS);
      expect(a.run).toEqual(DEFAULT_RUN);
      expect(a).toMatchObject({ hasRun: false, engine: null, options: { view: null, workers: null }, worlds: DEFAULT_WORLDS_OPTIONS, link: EMPTY_LINK, runErrors: [], pageErrors: [] });
    }
  });
});

describe('readAddress(): problems', () => {
  test('each bad field is named with what it accepts, and takes its default; the good ones are kept', () => {
    const a = readAddress('?v=1&trials=abc&euTroops=-5&usTier=none&a.euWarCost=7&worlds=5000&worldTrials=1&matter=99&preset=nope', PRESETS);
    expect(a.run).toEqual({ levers: { ...d, usTier: 'none' }, seed: RUN_SETTINGS.seed.default, trials: RUN_SETTINGS.trials.default });
    expect(a.runErrors.map((e) => e.field)).toEqual(['trials', 'euTroops', 'a.euWarCost']);
    expect(a.runErrors[0].message).toMatch(/expected a whole number from 100–1,000,000/);
    expect(a.runErrors[1].message).toMatch(/^-5 is out of range; expected a whole number from 0–200,000/);
    expect(a.runErrors[2].message).toMatch(/^7 is out of range; expected a number from [0-9.]+–[0-9.]+$/);
    expect(a.pageErrors.map((e) => e.field)).toEqual(['worlds', 'worldTrials', 'preset', 'matter']);
    expect(a.pageErrors[0].message).toMatch(/expected a whole number from 0 to 1,000 \(the default, 100, is used\)/);
    expect(a.pageErrors[1].message).toMatch(/expected a whole number from 100 to 100,000/);
    expect(a.pageErrors[2].message).toMatch(/expected one of baseline, robust$/);
    expect(a.pageErrors[3].message).toMatch(/expected 0.1–50 points$/);
    expect(a.worlds).toEqual(DEFAULT_WORLDS_OPTIONS);
    expect(a.link.threshold).toBeNull();
  });

  test('a repeated key uses its first value and is reported once, however often it repeats', () => {
    const a = readAddress('?seed=a&seed=b&seed=c&view=model&view=sweep&euTroops=1000&euTroops=2000', PRESETS);
    expect(a.run.seed).toBe('a');
    expect(a.run.levers.euTroops).toBe(1_000);
    expect(a.options.view).toBe('model');
    expect(a.runErrors).toEqual([
      { field: 'seed', message: 'appears more than once; the first value is used' },
      { field: 'view', message: 'appears more than once; the first value is used' },
      { field: 'euTroops', message: 'appears more than once; the first value is used' },
    ]);
  });

  test('a scenario repeated in the compare list is dropped, and said so', () => {
    const a = readAddress('?cmp=baseline|baseline|current&ref=3', PRESETS);
    expect(a.link.compare).toEqual([{ kind: 'preset', id: 'baseline' }, { kind: 'current' }]);
    expect(a.link.reference).toBe(1);
    expect(a.pageErrors).toEqual([{ field: 'cmp 2', message: 'repeats cmp 1; each scenario is compared once, so the repeat is dropped' }]);
  });

  test('uniqueErrors keeps the first of each (field, message), in order', () => {
    const e = (field: string, message = 'm') => ({ field, message });
    expect(uniqueErrors([e('a'), e('b'), e('a'), e('a', 'other'), e('b')])).toEqual([e('a'), e('b'), e('a', 'other')]);
  });

  test('an old engine version in a link is kept to warn about', () => {
    expect(readAddress('?v=1&engine=0.1').engine).toBe('0.1');
  });
});

describe('run state or page keys only', () => {
  test.each([
    ['', false],
    ['?view=model&workers=2', false],
    ['?cmp=baseline&base=baseline&base.a.euWarCost=0.5&matter=3&worlds=0', false],
    ['?v=1', true],
    ['?euTroops=5000', true],
    ['?euTrops=5', true],
  ])('%j → %s', (q, want) => {
    expect(hasRunState(q)).toBe(want);
    expect(readAddress(q, PRESETS).hasRun).toBe(want);
  });

  test('withRun puts a kept run and view in, keeping the page keys and their problems', () => {
    const a = readAddress('?workers=2&cmp=baseline&matter=99', PRESETS);
    const kept: RunInput = { levers: { ...d, euTroops: 90_000 }, seed: 'mine', trials: 5_000 };
    const b = withRun(a, kept, 'sweep');
    expect(b.run).toBe(kept);
    expect(b.options).toEqual({ view: 'sweep', workers: 2 });
    expect(b.link).toBe(a.link);
    expect(b.pageErrors).toBe(a.pageErrors);
    expect(b.runErrors).toEqual([]);
    // A page key given twice is still reported.
    expect(withRun(readAddress('?cmp=baseline&cmp=robust', PRESETS), kept, null).runErrors).toEqual([{ field: 'cmp', message: 'appears more than once; the first value is used' }]);
  });
});

describe('writeAddress()', () => {
  function bar(search: string) {
    const calls: string[] = [];
    const b = {
      location: { pathname: '/app/', search, hash: '#main' },
      history: {
        state: null,
        replaceState: (_: unknown, __: string, url?: string | URL | null) => {
          calls.push(String(url));
          b.location.search = String(url).replace(/^[^?]*/, '').replace(/#.*$/, '');
        },
      },
    };
    return { b, calls };
  }

  test('replaces the address only when the query changed, keeping the path and the hash', () => {
    const { b, calls } = bar('?v=1&seed=1');
    expect(writeAddress('v=1&seed=1', b)).toBe(false);
    expect(writeAddress('v=1&seed=2', b)).toBe(true);
    expect(calls).toEqual(['/app/?v=1&seed=2#main']);
    expect(writeAddress('v=1&seed=2', b)).toBe(false);
    expect(calls).toHaveLength(1);
  });

  test('an empty query on an address without one writes nothing', () => {
    const { b, calls } = bar('');
    expect(writeAddress('', b)).toBe(false);
    expect(calls).toEqual([]);
  });
});
