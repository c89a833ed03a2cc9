// Precision arithmetic: how many trials the headline figure needs.
import { describe, expect, it } from 'vitest';
import { Z95, defaultLevers, simulate, summarize, wilson, worstCaseHalfWidth } from '../../src/engine';

describe('the precision of pResumption', () => {
  it('is within ±0.7 percentage points at 20,000 trials even in the worst case p = 0.5', () => {
    const [lo, hi] = wilson(10_000, 20_000);
    const half = (hi - lo) / 2;
    // By hand: 1.96 × √(0.25 / 20,000) = 0.00693 (Wilson shrinks it a hair).
    expect(Z95 * Math.sqrt(0.25 / 20_000)).toBeCloseTo(0.00693, 5);
    expect(half).toBeLessThan(0.007);
    expect(half).toBeLessThanOrEqual(Z95 * Math.sqrt(0.25 / 20_000));
    expect(worstCaseHalfWidth(20_000)).toBeCloseTo(half, 15);
  });

  it('needs about 20,000 trials for that: 10,000 are not enough', () => {
    expect(worstCaseHalfWidth(10_000)).toBeGreaterThan(0.007);
  });

  it('is within ±0.7 percentage points on an actual baseline run of 20,000 trials', () => {
    const run = simulate(defaultLevers(), { seed: '1', trials: 20_000 });
    const s = summarize(run.model, run.results, '1');
    const [lo, hi] = s.pResumptionCI95;
    expect(hi - lo).toBeLessThan(2 * 0.007);
    expect(lo).toBeLessThan(s.pResumption);
    expect(hi).toBeGreaterThan(s.pResumption);
    expect([lo, hi]).toEqual(wilson(Math.round(s.pResumption * 20_000), 20_000));
  });
});
