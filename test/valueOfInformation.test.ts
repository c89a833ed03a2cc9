import { describe, expect, it } from 'vitest';
import { binsOf, evpi, partialEvpi, valueOfInformation } from '../src/engine/analysis/valueOfInformation';

// A toy world set with a known answer: 100 worlds on a 10 × 10 grid of two assumptions a and b
// (values 0.05, 0.15, …, 0.95). Package A's chance of war is 20% where a < 0.5 and 60% elsewhere;
// package B's is 40% everywhere; b does nothing. Choosing now, A and B both average 40%; knowing the
// world, one takes A where a < 0.5 (20%) and B elsewhere (40%): 30% on average. So EVPI = 10 points,
// knowing a alone is worth all of it (two bins split at 0.5), and knowing b is worth nothing.
const grid = Array.from({ length: 100 }, (_, w) => ({ a: 0.05 + 0.1 * Math.floor(w / 10), b: 0.05 + 0.1 * (w % 10) }));
const A = grid.map((g) => (g.a < 0.5 ? 0.2 : 0.6));
const B = grid.map(() => 0.4);
const pWar = Float64Array.from([...A, ...B]);
const features = [
  { key: 'b', label: 'Assumption b', values: Float64Array.from(grid, (g) => g.b) },
  { key: 'a', label: 'Assumption a', values: Float64Array.from(grid, (g) => g.a) },
];

describe('value of information on a toy world set', () => {
  it('EVPI is the war saved by choosing the best package in each world: 10 points', () => {
    expect(evpi(pWar, 2, 100)).toBeCloseTo(0.1, 12);
  });
  it('knowing the assumption that decides is worth all of it; knowing one that does nothing, nothing', () => {
    expect(partialEvpi(pWar, 2, 100, features[1].values, 2)).toBeCloseTo(0.1, 12);
    expect(partialEvpi(pWar, 2, 100, features[0].values, 2)).toBeCloseTo(0, 12);
    expect(partialEvpi(pWar, 2, 100, features[0].values, 5)).toBeCloseTo(0, 12);
  });
  it('ranks the assumptions in points of war, largest first, with a noise floor', () => {
    const v = valueOfInformation(pWar, 2, 100, features, 2);
    expect(v.total).toBeCloseTo(10, 10);
    expect(v.byAssumption.map((x) => x.key)).toEqual(['a', 'b']);
    expect(v.byAssumption[0]).toEqual({ key: 'a', label: 'Assumption a', value: expect.closeTo(10, 10) });
    expect(v.byAssumption[1].value).toBeCloseTo(0, 10);
    expect(v.noiseFloor).toBeGreaterThanOrEqual(0);
    expect(v.noiseFloor).toBeLessThan(v.total);
    expect(v.unit).toBe('points');
  });
  it('is zero when one package is best in every world', () => {
    const dominated = Float64Array.from([...A.map((x) => x + 0.5), ...A]);
    expect(evpi(dominated, 2, 100)).toBe(0);
    expect(partialEvpi(dominated, 2, 100, features[1].values, 5)).toBeCloseTo(0, 12);
  });
  it('approaches the analytic value for a continuous assumption: E[min(θ, ½)] gives EVPI = 1/8', () => {
    // Package A's war is θ, uniform on (0, 1); B's is ½. EVPI = ½ − E[min(θ, ½)] = ½ − 3/8 = 1/8.
    const W = 2000;
    const theta = Float64Array.from({ length: W }, (_, i) => (i + 0.5) / W);
    const m = Float64Array.from([...theta, ...theta.map(() => 0.5)]);
    expect(evpi(m, 2, W)).toBeCloseTo(0.125, 6);
    // Binning θ into 20 equal bins loses only the bin straddling ½ (none does with 20): exact here.
    expect(partialEvpi(m, 2, W, theta, 20)).toBeCloseTo(0.125, 6);
    expect(partialEvpi(m, 2, W, theta, 20)).toBeLessThanOrEqual(evpi(m, 2, W) + 1e-12);
  });
  it('keeps tied values in one bin and makes bins of equal counts', () => {
    expect(binsOf([3, 1, 2, 4], 2)).toEqual([[1, 2], [0, 3]]);
    expect(binsOf([1, 1, 1, 2], 2)).toEqual([[0, 1, 2], [3]]);
  });
});
