import { describe, expect, it } from 'vitest';
import { batchOf, focusBox, historyMatch, implausibility, latinHypercube, spannedBox, type Point } from '../src/engine/analysis/historyMatch';

// A toy model whose plausible region is known: f(x, y) = [x + y, x − y] on the unit square, bands
// x + y ∈ [0.6, 1] and x − y ∈ [−0.2, 0.2]: a square rotated by 45°, of side 0.4/√2 in (x, y), area
// 0.4 · 0.4 / 2 = 0.08 (the map (x, y) → (x + y, x − y) doubles areas).
const ranges = { x: [0, 1], y: [0, 1] } as const;
const anchors = [
  { band: [0.6, 1] as const, tolerance: 0.05 },
  { band: [-0.2, 0.2] as const, tolerance: 0.05 },
];
const toy = (p: Point) => [p.x + p.y, p.x - p.y];
const inRegion = (p: Point) => p.x + p.y >= 0.6 && p.x + p.y <= 1 && Math.abs(p.x - p.y) <= 0.2;
const AREA = 0.08;

describe('implausibility', () => {
  it('is 0 inside the band and the miss over √(tolerance² + se²) outside it', () => {
    expect(implausibility({ band: [0, 1], tolerance: 0.3 }, 0.5, 0.2)).toBe(0);
    expect(implausibility({ band: [0, 1], tolerance: 0.3 }, 1.5)).toBeCloseTo(0.5 / 0.3, 12);
    expect(implausibility({ band: [0, 1], tolerance: 0.3 }, -0.5, 0.4)).toBeCloseTo(0.5 / 0.5, 12);
    expect(implausibility({ band: [0, 1], tolerance: 0.3 }, NaN)).toBe(Infinity);
  });
});

describe('the Latin hypercube', () => {
  it('puts exactly one sample in each of N strata of each dimension', () => {
    const N = 137;
    const box = { a: [0, 1], b: [-5, 5], c: [10, 10.5] } as const;
    const pts = latinHypercube(box, N, 'lhs-test');
    for (const [k, [lo, hi]] of Object.entries(box)) {
      const strata = pts.map((p) => Math.floor(((p[k] - lo) / (hi - lo)) * N)).sort((u, v) => u - v);
      expect(strata, k).toEqual(Array.from({ length: N }, (_, i) => i));
    }
  });
  it('is deterministic: same seed, same samples; another seed, others', () => {
    expect(latinHypercube(ranges, 50, 's')).toEqual(latinHypercube(ranges, 50, 's'));
    expect(latinHypercube(ranges, 50, 't')).not.toEqual(latinHypercube(ranges, 50, 's'));
  });
  it('gives a degenerate range its one value', () => {
    expect(latinHypercube({ u: [3, 3] }, 5, 's').map((p) => p.u)).toEqual([3, 3, 3, 3, 3]);
  });
});

describe('history matching on the toy model', async () => {
  const N = 4000;
  const cutoff = 2;
  const res = await historyMatch({
    ranges,
    anchors,
    waves: [
      { samples: N, trials: 1, cutoff },
      { samples: 1000, trials: 1, cutoff: 1 },
    ],
    finalTrials: 1,
    seed: 'toy',
    round: (_k, v) => Number(v.toPrecision(4)),
    evaluate: batchOf(toy),
  });
  const w1 = res.waves[0];

  it('keeps only samples in the true region', () => {
    expect(res.kept.length).toBeGreaterThan(100);
    for (const k of res.kept) expect(inRegion(k.x), JSON.stringify(k.x)).toBe(true);
    for (const k of res.kept) expect(k.values).toEqual(toy(k.x));
  });
  it('rules out no sample of the region in wave 1, nor any within the cutoff times the tolerance of it', () => {
    w1.samples.forEach((p, i) => {
      if (inRegion(p)) expect(w1.kept[i]).toBe(true);
      const [u, v] = toy(p);
      const near = u >= 0.6 - cutoff * 0.05 && u <= 1 + cutoff * 0.05 && Math.abs(v) <= 0.2 + cutoff * 0.05;
      if (near) expect(w1.kept[i]).toBe(true);
      else expect(w1.kept[i]).toBe(false);
    });
  });
  it("keeps the region's area fraction of wave 1 within sampling error", () => {
    const share = w1.inBand.filter(Boolean).length / N;
    const sd = Math.sqrt((AREA * (1 - AREA)) / N);
    expect(Math.abs(share - AREA)).toBeLessThan(4 * sd);
  });
  it('samples wave 2 inside the box spanned by the survivors of wave 1', () => {
    const box = spannedBox(w1.samples.filter((_, i) => w1.kept[i]), ranges);
    expect(res.waves[1].box).toEqual(box);
    for (const p of res.waves[1].samples) for (const k of ['x', 'y']) expect(p[k] >= box[k][0] && p[k] <= box[k][1]).toBe(true);
    // The box is smaller than the unit square, so wave 2 is denser in the region.
    expect(res.waves[1].inBand.filter(Boolean).length / 1000).toBeGreaterThan(AREA * 1.5);
  });
  it('judges rounded samples and is deterministic', async () => {
    for (const k of res.kept) for (const v of Object.values(k.x)) expect(v).toBe(Number(v.toPrecision(4)));
    const again = await historyMatch({
      ranges,
      anchors,
      waves: [{ samples: N, trials: 1, cutoff }, { samples: 1000, trials: 1, cutoff: 1 }],
      finalTrials: 1,
      seed: 'toy',
      round: (_k, v) => Number(v.toPrecision(4)),
      evaluate: batchOf(toy),
    });
    expect(again.kept).toEqual(res.kept);
  });
});

describe('a refocusing wave', () => {
  it('draws around the center, `focus` of the way to each end, and finds a small region a full-range wave misses', async () => {
    expect(focusBox({ x: [0, 10], y: [0, 1] }, { x: 2, y: 1 }, 0.5)).toEqual({ x: [1, 6], y: [0.5, 1] });
    // In 20 dimensions the plausible region is the cube |x_i − 0.5| ≤ 0.02: a full-range wave of 200
    // samples finds nothing; a wave focused 3% of the way around the center finds only points inside it.
    const ranges = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`x${i}`, [0, 1] as const]));
    const center = Object.fromEntries(Object.keys(ranges).map((k) => [k, 0.5]));
    const model = (p: Point) => Object.values(p).map((v) => Math.abs(v - 0.5));
    const anchors = Object.keys(ranges).map(() => ({ band: [0, 0.02] as [number, number], tolerance: 0.01 }));
    const r = await historyMatch({
      ranges,
      center,
      anchors,
      waves: [
        { samples: 200, trials: 1, cutoff: 3 },
        { samples: 200, trials: 1, cutoff: 0, focus: 0.03 },
      ],
      finalTrials: 1,
      seed: 'focus',
      evaluate: batchOf((p) => model(p)),
    });
    expect(r.waves[0].inBand.filter(Boolean).length).toBe(0);
    expect(r.waves[1].box.x0).toEqual([0.485, 0.515]);
    expect(r.kept.length).toBe(200);
    for (const k of r.kept) for (const v of Object.values(k.x)) expect(Math.abs(v - 0.5)).toBeLessThanOrEqual(0.02);
  });
});
