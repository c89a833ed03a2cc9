import { describe, expect, it } from 'vitest';
import { allocateResults, checkpoints, compareRuns, convergence, defaultLevers, pairedDifference, simulate, warIndicator, wilson } from '../src/engine/index';

describe('convergence', () => {
  it('reports checkpoints from 100 to n, ending at n', () => {
    const c = checkpoints(10_000, 4);
    expect(c[0]).toBe(100);
    expect(c.at(-1)).toBe(10_000);
    expect(c).toEqual([100, 178, 316, 562, 1000, 1778, 3162, 5623, 10000]);
  });

  it('gives the running share at war and its Wilson interval over the first n trials, probes not counted', () => {
    const r = allocateResults(400);
    for (let i = 0; i < 400; i++) {
      // Every fourth trial goes to war; every fourth other one only probes in the grey zone.
      r.month[i] = i % 4 === 0 || i % 4 === 1 ? 5 : 0;
      r.warMonth[i] = i % 4 === 0 ? 9 : 0;
    }
    const pts = convergence(r, [100, 400]);
    expect(pts[0]).toEqual({ trials: 100, pWar: 0.25, ci95: wilson(25, 100) });
    expect(pts[1]).toEqual({ trials: 400, pWar: 0.25, ci95: wilson(100, 400) });
  });

  it('ends at the run’s own estimate, with an interval that narrows', () => {
    const { results } = simulate(defaultLevers(), { seed: 'c', trials: 3000 });
    const pts = convergence(results);
    const wars = Array.from(results.warMonth).filter((m) => m > 0).length;
    expect(wars).toBeGreaterThan(0);
    expect(pts.at(-1)!.pWar).toBe(wars / 3000);
    const widths = pts.map((p) => p.ci95[1] - p.ci95[0]);
    expect(widths.at(-1)!).toBeLessThan(widths[0] / 4);
  });
});

describe('comparing two runs', () => {
  it('tells a large force from none on the same seed by war, and a run from itself not at all', () => {
    const a = simulate({ ...defaultLevers(), euTroops: 0 }, { seed: 'k', trials: 2000 }).results;
    const b = simulate({ ...defaultLevers(), euTroops: 150_000, euPosture: 'combat' }, { seed: 'k', trials: 2000 }).results;
    const d = compareRuns(a, b);
    const paired = pairedDifference(warIndicator(a), warIndicator(b));
    expect(d.diff).toBe(paired.diff);
    expect(d.ci95).toEqual(paired.ci);
    expect(d.diff).toBeLessThan(0);
    expect(d.distinguishable).toBe(true);
    const same = compareRuns(a, a);
    expect(same).toEqual({ diff: 0, ci95: [0, 0], distinguishable: false });
  });
});
