// Issue 21: one RunInputs (levers, assumptions, seed, trials) with a stable input(); and a run's
// summary made without compiling its model (the slider path), equal to the one from the compiled model.
import { describe, expect, test } from 'vitest';
import { compileModel, defaultLevers, simulate, summarize, type AssumptionValues, type Levers } from '../../src/engine';
import { RunInputs } from '../../src/ui/state/runInputs.svelte';
import { lazyModel, runView, summarizeRun } from '../../src/ui/state/runView';

const d = defaultLevers();

describe('RunInputs', () => {
  test('input() is the same object until an input changes', () => {
    const r = new RunInputs();
    const a = r.input();
    expect(r.input()).toBe(a);
    expect(a).toEqual({ levers: d, seed: '1', trials: 10_000 });
    expect(r.setLever('euTroops', d.euTroops)).toBe(false);
    expect(r.input()).toBe(a);
    expect(r.setLever('euTroops', 90_000)).toBe(true);
    const b = r.input();
    expect(b).not.toBe(a);
    expect(b.levers.euTroops).toBe(90_000);
    expect(r.setSeed('x')).toBe(true);
    expect(r.setTrials(2_000)).toBe(true);
    expect(r.input()).toEqual({ levers: { ...d, euTroops: 90_000 }, seed: 'x', trials: 2_000 });
  });

  test('assumptions: a default value is no change; reset one or all', () => {
    const r = new RunInputs();
    expect(r.setAssumption('euWarCost', 0.4)).toBe(true);
    expect(r.input().assumptions).toEqual({ euWarCost: 0.4 });
    expect(r.setAssumption('euWarCost', 0.4)).toBe(false);
    expect(r.resetAssumptions('euWarCost')).toBe(true);
    expect(r.input()).not.toHaveProperty('assumptions');
    expect(r.resetAssumptions()).toBe(false);
  });

  test('set() sets all four and says whether the run changed', () => {
    const r = new RunInputs();
    expect(r.set({ levers: d, seed: '1', trials: 10_000 })).toBe(false);
    expect(r.set({ levers: { ...d, usTier: 'none' }, seed: '1', trials: 10_000, assumptions: { euWarCost: 0.4 } })).toBe(true);
    expect(r.input()).toEqual({ levers: { ...d, usTier: 'none' }, seed: '1', trials: 10_000, assumptions: { euWarCost: 0.4 } });
  });
});

describe('a run without compiling its model', () => {
  const cases: [string, Levers, AssumptionValues][] = [
    ['the defaults', d, {}],
    ['a short horizon, a late start', { ...d, horizonYears: 3, ceasefireStart: '2027-06' }, {}],
    ['changed assumptions', { ...d, euTroops: 120_000 }, { euWarCost: 0.4, peaceBaseValue: 0.2 }],
  ];
  test.each(cases)('%s: the same summary as from the compiled model', (_, levers, assumptions) => {
    const { results } = simulate(levers, { seed: 'lazy', trials: 2_000, assumptions });
    const input = { levers, seed: 'lazy', trials: 2_000, assumptions };
    expect(summarizeRun(input, results)).toEqual(summarize(compileModel(levers, assumptions), results, 'lazy'));
  });

  test('the model is compiled on first use only, once, and a copy of the view shares it', () => {
    const input = { levers: d, seed: 's', trials: 1_000 };
    const { results } = simulate(d, { seed: 's', trials: 1_000 });
    const view = runView(1, input, { results, ms: 0, workers: 1 });
    const copy = { ...view };
    const m = copy.model();
    expect(view.model()).toBe(m);
    expect(m).toEqual(compileModel(d));
    expect(lazyModel(input)()).not.toBe(m);
  });
});

describe('whenQuiet()', () => {
  test('waits the delay, then while busy, but no longer than the longest wait; cancel stops it', async () => {
    const { vi } = await import('vitest');
    const { whenQuiet } = await import('../../src/ui/state/timing');
    vi.useFakeTimers();
    try {
      let busy = false;
      let calls = 0;
      whenQuiet(() => calls++, () => busy, 350);
      vi.advanceTimersByTime(349);
      expect(calls).toBe(0);
      vi.advanceTimersByTime(1);
      expect(calls).toBe(1);
      busy = true;
      whenQuiet(() => calls++, () => busy, 350, 2_000);
      vi.advanceTimersByTime(1_000);
      expect(calls).toBe(1); // a run is going: not yet
      busy = false;
      vi.advanceTimersByTime(100);
      expect(calls).toBe(2);
      busy = true;
      whenQuiet(() => calls++, () => busy, 350, 2_000);
      vi.advanceTimersByTime(2_100);
      expect(calls).toBe(3); // busy for too long: written anyway
      const cancel = whenQuiet(() => calls++, () => false, 350);
      cancel();
      vi.advanceTimersByTime(1_000);
      expect(calls).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
