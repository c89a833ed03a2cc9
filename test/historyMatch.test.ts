import { describe, expect, it } from 'vitest';
import { batchOf, historyMatch, implausibility, jitterSample, latinHypercube, reflect, type Point } from '../src/engine/analysis/historyMatch';
import { anchorPower, inputSpans } from '../src/engine/analysis/historyMatchReport';

describe('implausibility', () => {
  it('is 0 inside the band and the miss over √(discrepancy² + se²) outside it', () => {
    expect(implausibility({ band: [0, 1], discrepancy: 0.3 }, 0.5, 0.2)).toBe(0);
    expect(implausibility({ band: [0, 1], discrepancy: 0.3 }, 1.5)).toBeCloseTo(0.5 / 0.3, 12);
    expect(implausibility({ band: [0, 1], discrepancy: 0.3 }, -0.5, 0.4)).toBeCloseTo(0.5 / 0.5, 12);
    expect(implausibility({ band: [0, 1], discrepancy: 0.3 }, NaN)).toBe(Infinity);
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
    const r = { x: [0, 1], y: [0, 1] } as const;
    expect(latinHypercube(r, 50, 's')).toEqual(latinHypercube(r, 50, 's'));
    expect(latinHypercube(r, 50, 't')).not.toEqual(latinHypercube(r, 50, 's'));
  });
  it('gives a degenerate range its one value', () => {
    expect(latinHypercube({ u: [3, 3] }, 5, 's').map((p) => p.u)).toEqual([3, 3, 3, 3, 3]);
  });
});

describe('resampling with jitter', () => {
  it('reflects a value that leaves the range back into it', () => {
    expect(reflect(1.2, 0, 1)).toBeCloseTo(0.8, 12);
    expect(reflect(-0.3, 0, 1)).toBeCloseTo(0.3, 12);
    expect(reflect(2.5, 0, 1)).toBeCloseTo(0.5, 12);
    expect(reflect(0.4, 0, 1)).toBe(0.4);
  });
  it('gives every parent its share of children, near it, inside the ranges, deterministically', () => {
    const parents = [{ x: 0.1, y: 0.9 }, { x: 0.9, y: 0.1 }];
    const kids = jitterSample(parents, { x: [0, 1], y: [0, 1] }, 100, 'j', 0.05);
    expect(kids).toEqual(jitterSample(parents, { x: [0, 1], y: [0, 1] }, 100, 'j', 0.05));
    kids.forEach((k, i) => {
      const p = parents[i % 2];
      expect(Math.abs(k.x - p.x)).toBeLessThan(0.3);
      expect(k.x >= 0 && k.x <= 1 && k.y >= 0 && k.y <= 1).toBe(true);
    });
  });
});

// A toy model whose non-implausible region is known and is not a ball: an annulus. Six inputs on
// [0, 1]; the one figure is the distance of (x, y) from (0.5, 0.5), with band [0.25, 0.35] and
// discrepancy 0.01, so at cutoff 3 the region is the ring 0.22 ≤ r ≤ 0.38 around the centre, of any
// z1…z4 (they do nothing). Its extent is 0.12–0.88 in x and y and the full range in each z.
describe('history matching on a toy model whose region is a ring', async () => {
  const ranges = { x: [0, 1], y: [0, 1], z1: [0, 1], z2: [0, 1], z3: [0, 1], z4: [0, 1] } as const;
  const anchors = [{ band: [0.25, 0.35] as const, discrepancy: 0.01 }];
  const r = (p: Point) => Math.hypot(p.x - 0.5, p.y - 0.5);
  const inRegion = (p: Point) => r(p) >= 0.22 - 1e-9 && r(p) <= 0.38 + 1e-9;
  const extent: Record<string, [number, number]> = { x: [0.12, 0.88], y: [0.12, 0.88], z1: [0, 1], z2: [0, 1], z3: [0, 1], z4: [0, 1] };
  const options = {
    ranges,
    anchors,
    waves: [
      { samples: 1500, trials: 1, cutoff: 3 },
      { samples: 1000, trials: 1, cutoff: 3 },
      { samples: 1000, trials: 1, cutoff: 3 },
    ],
    finalTrials: 1,
    seed: 'ring',
    round: (_k: string, v: number) => Number(v.toPrecision(4)),
    evaluate: batchOf((p) => [r(p)]),
  };
  const res = await historyMatch(options);

  it('keeps at least 200 points and nothing outside the region', () => {
    expect(res.kept.length).toBeGreaterThanOrEqual(200);
    for (const k of res.kept) expect(inRegion(k.x), JSON.stringify(k.x)).toBe(true);
    for (const k of res.kept) expect(k.implausibility).toBeLessThanOrEqual(3);
  });
  it('covers at least 80% of the region’s extent in every input', () => {
    for (const s of inputSpans(res.kept.map((k) => k.x), ranges)) {
      const [lo, hi] = extent[s.key];
      expect((s.max - s.min) / (hi - lo), s.key).toBeGreaterThanOrEqual(0.8);
    }
  });
  it('rules out, in wave 1, exactly the samples outside the region', () => {
    const w1 = res.waves[0];
    w1.samples.forEach((p, i) => expect(w1.kept[i]).toBe(inRegion(p)));
  });
  it('samples the later waves inside the region far more often than wave 1 did', () => {
    const share = (w: (typeof res.waves)[number]) => w.kept.filter(Boolean).length / w.samples.length;
    expect(share(res.waves[2])).toBeGreaterThan(1.5 * share(res.waves[0]));
  });
  it('reports the inert inputs as left open and the anchor’s power as its ruled-out share', () => {
    const spans = inputSpans(res.kept.map((k) => k.x), ranges);
    for (const z of ['z1', 'z2', 'z3', 'z4']) expect(spans.find((s) => s.key === z)!.openness).toBe('open');
    const [power] = anchorPower(res.waves[0]);
    expect(power.ruledOut).toBeCloseTo(1 - res.waves[0].kept.filter(Boolean).length / 1500, 12);
    expect(power.ruledOutAlone).toBe(power.ruledOut);
  });
  it('is deterministic for a seed', async () => {
    expect((await historyMatch(options)).kept).toEqual(res.kept);
  });
});

describe('the input spans', () => {
  it('call an input pinned, narrowed or open by the share of its range its middle 80% covers', () => {
    const pts = Array.from({ length: 101 }, (_, i) => ({ a: i / 100, b: 0.5 + (i / 100 - 0.5) * 0.3, c: 0.5 + (i / 100 - 0.5) * 0.7 }));
    const s = inputSpans(pts, { a: [0, 1], b: [0, 1], c: [0, 1] });
    expect(s.map((x) => x.openness)).toEqual(['open', 'pinned', 'narrowed']);
    expect(s[0].span).toBe(1);
    expect(s[0].central).toBeCloseTo(0.8, 12);
  });
});
