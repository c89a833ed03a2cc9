// Precision arithmetic: how many trials the headline figure needs, and the interval the summary reports.
import { describe, expect, it } from 'vitest';
import { Z95, defaultLevers, simulate, summarize, warIndicator, wilson, worstCaseHalfWidth } from '../../src/engine';

/**
 * Wilson's score interval written out here, apart from stats.ts, so a defect there (a wrong z, n or
 * centre) shows as a difference: centre (p + z²/2n)/(1 + z²/n), half-width
 * z/(1 + z²/n)·√(p(1 − p)/n + z²/4n²), z = 1.96 (the 97.5th percentile of the normal).
 */
function wilsonByHand(k: number, n: number): [number, number] {
  const z = 1.959963984540054;
  const p = k / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [centre - half, centre + half];
}

describe('the Wilson interval', () => {
  it.each([
    [1, 100],
    [37, 100],
    [50, 100],
    [2_000, 20_000],
    [10_000, 20_000],
    [19_999, 20_000],
  ])('of %i in %i trials is the score interval, by hand', (k, n) => {
    const [lo, hi] = wilson(k, n);
    const [hlo, hhi] = wilsonByHand(k, n);
    expect(lo).toBeCloseTo(hlo, 14);
    expect(hi).toBeCloseTo(hhi, 14);
    expect(lo).toBeLessThan(k / n);
    expect(hi).toBeGreaterThan(k / n);
  });

  it('ends exactly at 0 when no trial counts and at 1 when every one does', () => {
    expect(wilson(0, 20_000)[0]).toBe(0);
    expect(wilson(20_000, 20_000)[1]).toBe(1);
    expect(wilson(0, 20_000)[1]).toBeCloseTo(wilsonByHand(0, 20_000)[1], 14);
  });
});

describe('the precision of pResumption', () => {
  it('is within ±0.7 percentage points at 20,000 trials even in the worst case p = 0.5', () => {
    const [lo, hi] = wilsonByHand(10_000, 20_000);
    // By hand: 1.96 × √(0.25 / 20,000) = 0.00693; Wilson shrinks it a hair, to 0.006929.
    expect(Z95 * Math.sqrt(0.25 / 20_000)).toBeCloseTo(0.00693, 5);
    expect(worstCaseHalfWidth(20_000)).toBeCloseTo((hi - lo) / 2, 15);
    expect(worstCaseHalfWidth(20_000)).toBeCloseTo(0.006929, 6);
    expect(worstCaseHalfWidth(20_000)).toBeLessThan(0.007);
  });

  it('needs about 20,000 trials for that: 10,000 are not enough', () => {
    expect(worstCaseHalfWidth(10_000)).toBeGreaterThan(0.007);
  });

  it('is widest at p = 0.5: the worst case bounds every count', () => {
    const n = 20_000;
    for (let k = 0; k <= n; k += 250) {
      const [lo, hi] = wilson(k, n);
      expect((hi - lo) / 2, `${k} of ${n}`).toBeLessThanOrEqual(worstCaseHalfWidth(n) + 1e-15);
      if (k !== n / 2) expect((hi - lo) / 2, `${k} of ${n}`).toBeLessThan(worstCaseHalfWidth(n));
    }
  });

  it("a run's summary reports the Wilson interval of its own count over its own trials", () => {
    const trials = 20_000;
    const run = simulate(defaultLevers(), { seed: '1', trials });
    const s = summarize(run.model, run.results, '1');
    // The war count, from the trial rows themselves: a summary that counted another event, used a
    // chunk's n or another z would give another interval.
    const wars = warIndicator(run.results).reduce((a, b) => a + b, 0);
    expect(s.pWar).toBe(wars / trials);
    const [wlo, whi] = wilsonByHand(wars, trials);
    expect(s.pWarCI95[0]).toBeCloseTo(wlo, 14);
    expect(s.pWarCI95[1]).toBeCloseTo(whi, 14);
    const resumed = Math.round(s.pResumption * trials);
    expect(s.pResumption).toBe(resumed / trials);
    const [rlo, rhi] = wilsonByHand(resumed, trials);
    expect(s.pResumptionCI95[0]).toBeCloseTo(rlo, 14);
    expect(s.pResumptionCI95[1]).toBeCloseTo(rhi, 14);
    // The interval is about the run's own estimate, not only narrow.
    expect(s.pResumptionCI95[0]).toBeLessThan(s.pResumption);
    expect(s.pResumptionCI95[1]).toBeGreaterThan(s.pResumption);
  });
});
