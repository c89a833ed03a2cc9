// Scenario discovery: Spearman against hand-computed values, PRIM on synthetic data with a known
// answer, then on a real engine run, and the discover command line.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/discover';
import {
  argsort,
  averageRanks,
  boxMembers,
  defaultLevers,
  discover,
  outcomeIndicator,
  prim,
  spearman,
  simulate,
  timeToWar,
  trialFeatures,
  trialRng,
  type PrimBox,
  type PrimFeature,
} from '../src/engine/index';
import { commandRunner } from './cliHarness';

describe('averageRanks and spearman', () => {
  it('give tied values the average of the ranks they span', () => {
    expect(Array.from(averageRanks([10, 20, 20, 30]))).toEqual([1, 2.5, 2.5, 4]);
    expect(Array.from(averageRanks([5, 1, 5, 5]))).toEqual([3, 1, 3, 3]);
    expect(Array.from(averageRanks([]))).toEqual([]);
  });

  it('match hand-computed rank correlations, ties included', () => {
    // Ranks x = [1, 2.5, 2.5, 4, 5], y = [2, 1, 4, 3, 5]: Σdxdy = 6.5, Σdx² = 9.5, Σdy² = 10.
    expect(spearman([1, 2, 2, 3, 4], [2, 1, 4, 3, 5])).toBeCloseTo(6.5 / Math.sqrt(95), 14);
    // Ranks x = [1.5, 1.5, 3.5, 3.5], y = [1, 2, 3, 4]: Σdxdy = 4, Σdx² = 4, Σdy² = 5.
    expect(spearman([0, 0, 1, 1], [1, 2, 3, 4])).toBeCloseTo(4 / Math.sqrt(20), 14);
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 40])).toBe(1);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBe(-1);
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNaN();
  });

  it('equals 1 − 6Σd²/(n(n² − 1)) when there are no ties (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer(), { minLength: 3, maxLength: 40 }), fc.integer({ min: 0, max: 1e6 }), (x, salt) => {
        const rng = trialRng('spearman', salt);
        const y = x.map(() => rng());
        const rx = averageRanks(x);
        const ry = averageRanks(y);
        let d2 = 0;
        for (let i = 0; i < x.length; i++) d2 += (rx[i] - ry[i]) ** 2;
        const n = x.length;
        expect(spearman(x, y)).toBeCloseTo(1 - (6 * d2) / (n * (n * n - 1)), 10);
      }),
      { seed: 3, numRuns: 200 },
    );
  });

  it('argsort orders ascending and keeps tied values in index order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 60 }), (x) => {
        const o = Array.from(argsort(x));
        const expected = x.map((v, i) => [v, i]).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((p) => p[1]);
        expect(o).toEqual(expected);
      }),
      { seed: 5, numRuns: 200 },
    );
  });
});

/** Recount a box's statistics from its limits. */
function recount(features: PrimFeature[], y: ArrayLike<number>, box: PrimBox) {
  const inside = boxMembers(features, box.limits);
  let count = 0;
  let pos = 0;
  let all = 0;
  for (let i = 0; i < y.length; i++) {
    all += y[i];
    if (inside[i]) {
      count++;
      pos += y[i];
    }
  }
  return { count, positives: pos, support: count / y.length, coverage: pos / all, density: pos / count };
}

/** Three uniform features; outcome = x1 > 0.7 and x2 < 0.3, each label flipped with probability `noise`. */
function synthetic(n: number, noise: number) {
  const rng = trialRng('prim', 0);
  const x = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    for (const f of x) f[i] = rng();
    const inside = x[0][i] > 0.7 && x[1][i] < 0.3;
    y[i] = rng() < noise ? Number(!inside) : Number(inside);
  }
  const features: PrimFeature[] = x.map((values, k) => ({ key: `x${k + 1}`, label: `x${k + 1}`, values }));
  return { features, y };
}

describe('prim', () => {
  it('recovers a known box from clean data, with density 1 and nearly all the cases', () => {
    const { features, y } = synthetic(5000, 0);
    const r = prim(features, y);
    const lim = Object.fromEntries(r.box.limits.map((l) => [l.key, l]));
    expect(Object.keys(lim).sort()).toEqual(['x1', 'x2']);
    expect(lim.x1.lo).toBeGreaterThan(0.69);
    expect(lim.x1.lo).toBeLessThan(0.72);
    expect(lim.x1.hi).toBeNull();
    expect(lim.x2.hi).toBeGreaterThan(0.28);
    expect(lim.x2.hi).toBeLessThan(0.31);
    expect(lim.x2.lo).toBeNull();
    expect(r.box.density).toBe(1);
    expect(r.box.coverage).toBeGreaterThan(0.95);
    expect(r.box.conditions).toMatch(/^x1 ≥ 0\.\d\d and x2 ≤ 0\.\d\d$/);
  });

  it('recovers the box within a tolerance from noisy labels (5% flipped)', () => {
    const { features, y } = synthetic(5000, 0.05);
    const r = prim(features, y);
    const lim = Object.fromEntries(r.box.limits.map((l) => [l.key, l]));
    expect(Math.abs((lim.x1?.lo ?? 0) - 0.7)).toBeLessThan(0.05);
    expect(Math.abs((lim.x2?.hi ?? 1) - 0.3)).toBeLessThan(0.05);
    expect(lim.x3).toBeUndefined();
    expect(r.box.density).toBeGreaterThan(0.9);
    expect(r.box.coverage).toBeGreaterThanOrEqual(r.options.minCoverage);
  });

  it('reports coverage, density and support that a recount from the limits confirms, on every step', () => {
    const { features, y } = synthetic(3000, 0.1);
    const r = prim(features, y, { minCoverage: 0.3 });
    for (const s of [...r.trajectory, r.box]) {
      const c = recount(features, y, s);
      expect(s.count).toBe(c.count);
      expect(s.positives).toBe(c.positives);
      expect(s.support).toBeCloseTo(c.support, 14);
      expect(s.coverage).toBeCloseTo(c.coverage, 14);
      expect(s.density).toBeCloseTo(c.density, 14);
    }
  });

  it('peels a trajectory of rising density down to the minimum support, and picks the densest box with enough coverage', () => {
    const { features, y } = synthetic(3000, 0.1);
    const r = prim(features, y, { paste: false });
    expect(r.trajectory[0].support).toBe(1);
    expect(r.trajectory[0].conditions).toBe('all trials');
    for (let s = 1; s < r.trajectory.length; s++) {
      expect(r.trajectory[s].density).toBeGreaterThan(r.trajectory[s - 1].density);
      expect(r.trajectory[s].support).toBeLessThan(r.trajectory[s - 1].support);
      expect(r.trajectory[s].support).toBeGreaterThanOrEqual(0.05);
    }
    const eligible = r.trajectory.filter((s) => s.coverage >= 0.5);
    expect(r.trajectory[r.chosen].density).toBe(Math.max(...eligible.map((s) => s.density)));
    expect(r.box.count).toBe(r.trajectory[r.chosen].count);
  });

  it('never splits a tied block: a five-level draw is peeled a whole level at a time', () => {
    const n = 1000;
    const level = Float64Array.from({ length: n }, (_, i) => i % 5);
    const other = Float64Array.from({ length: n }, (_, i) => ((i * 7919) % 1000) / 1000);
    const y = Uint8Array.from(level, (l) => (l >= 3 ? 1 : 0));
    const features = [
      { key: 'level', label: 'level', values: level },
      { key: 'other', label: 'other', values: other },
    ];
    const r = prim(features, y);
    expect(r.box.conditions).toBe('level ≥ 3.00');
    expect(r.box.density).toBe(1);
    expect(r.box.coverage).toBe(1);
    for (const s of r.trajectory) expect((s.count * 5) % n).toBe(0);
    // A one-sided bound on the top level reads as that level.
    const top = prim(features, Uint8Array.from(level, (l) => (l === 4 ? 1 : 0)), { minCoverage: 1 });
    expect(top.box.conditions).toBe('level = 4.00');
    expect(top.box.limits[0]).toMatchObject({ key: 'level', lo: 4, hi: null });
  });

  it('is deterministic and handles an outcome that never happens', () => {
    const { features, y } = synthetic(2000, 0.1);
    expect(prim(features, y)).toEqual(prim(features, y));
    const none = prim(features, new Uint8Array(2000));
    expect(none.positives).toBe(0);
    expect(none.trajectory).toHaveLength(1);
    expect(none.box.conditions).toBe('all trials');
  });

  it('refuses invalid options and mismatched lengths', () => {
    const { features, y } = synthetic(100, 0);
    expect(() => prim(features, y, { alpha: 0 })).toThrow(/alpha must lie strictly between 0 and 1/);
    expect(() => prim(features, y, { minSupport: 1 })).toThrow(/minSupport/);
    expect(() => prim(features, y, { minCoverage: 2 })).toThrow(/minCoverage/);
    expect(() => prim(features, y.subarray(1))).toThrow(/feature x1 has 100 values for 99 outcomes/);
  });
});

describe('discover on an engine run (defaults, seed 1, 10,000 trials)', () => {
  const { model, results } = simulate(defaultLevers(), { seed: '1', trials: 10_000 });
  const d = discover(model, results);

  it('uses the draws of the trial CSV, with one credibility per administration elected within the horizon', () => {
    expect(d.features.map((f) => f.key)).toEqual([
      'resolve',
      'europeDraw',
      'perceivedStrength',
      'reliefLevel',
      'reconstitutionLevel',
      'usCredibilityTerm1',
      'usCredibilityTerm2',
      'usCredibilityTerm3',
    ]);
    expect(d.features[5].label).toBe('US credibility (elected Nov 2028)');
  });

  it("ranks Moscow's resolve first: higher resolve, earlier war", () => {
    expect(d.ranking[0].key).toBe('resolve');
    expect(d.ranking[0].rho).toBeLessThan(-0.2);
    expect(d.ranking[0].direction).toBe('earlier');
    expect(d.ranking[0].z!).toBeLessThan(-10);
  });

  it("finds that Moscow's view of the balance moves the war as much as its resolve, and Europe's draw only a little", () => {
    // Engine 3: Moscow decides on what it believes. An optimistic view of the balance brings war
    // earlier about as strongly as a high resolve; Europe's true resolve (its draw) shows only through
    // noisy signals at incidents (signalAccuracy), so it moves the war little.
    const seen = d.ranking.find((r) => r.key === 'perceivedStrength')!;
    expect(seen.direction).toBe('earlier');
    expect(seen.z!).toBeLessThan(-10);
    const eu = d.ranking.find((r) => r.key === 'europeDraw')!;
    expect(Math.abs(eu.z!)).toBeLessThan(Math.abs(seen.z!) / 5);
    // A slower reconstitution (higher level) delays the war.
    expect(d.ranking.find((r) => r.key === 'reconstitutionLevel')!.direction).toBe('later');
  });

  it('finds a second box among the trials outside the first, and counts its cases against the whole run', () => {
    const two = discover(model, results, { outcomes: ['resumed'], boxesPerOutcome: 2 });
    expect(two.boxes.map((b) => b.rank)).toEqual([1, 2]);
    const [first, second] = two.boxes;
    expect(first.prim.box).toEqual(d.boxes[0].prim.box);
    expect(second.trialsConsidered).toBe(10_000 - first.prim.box.count);
    expect(second.prim.positives).toBe(first.prim.positives - first.prim.box.positives);
    expect(second.coverageOfAll).toBeCloseTo(second.prim.box.positives / first.prim.positives, 14);
    expect(second.prim.box.density).toBeGreaterThan(second.prim.baseDensity);
  });

  it('measures time to war, censoring trials with no war (probes or not) at horizon + 1', () => {
    const t = timeToWar(model, results);
    let probedOnly = 0;
    for (let i = 0; i < results.trials; i++) {
      expect(t[i]).toBe(results.warMonth[i] > 0 ? results.warMonth[i] : model.horizon + 1);
      if (results.month[i] > 0 && results.warMonth[i] === 0) probedOnly++;
    }
    expect(probedOnly).toBeGreaterThan(0);
  });

  it("counts a trial as 'resumed' for any first resumption and 'conventional' only for a war", () => {
    const resumed = outcomeIndicator(results, 'resumed');
    const war = outcomeIndicator(results, 'conventional');
    for (let i = 0; i < results.trials; i++) {
      expect(resumed[i]).toBe(results.month[i] > 0 ? 1 : 0);
      expect(war[i]).toBe(results.warMonth[i] > 0 ? 1 : 0);
      expect(war[i]).toBeLessThanOrEqual(resumed[i]);
    }
  });

  it('finds boxes for both outcomes that bound resolve from below, with statistics a recount confirms', () => {
    const features = trialFeatures(model, results);
    expect(d.boxes.map((b) => b.outcome)).toEqual(['resumed', 'conventional']);
    for (const b of d.boxes) {
      const resolveLimit = b.prim.box.limits.find((l) => l.key === 'resolve');
      expect(resolveLimit?.lo).toBeDefined();
      expect(resolveLimit!.hi).toBeNull();
      // With Moscow's view of the balance (also bounded from below), the box leaves out at least the
      // lower half of the trials (war: more).
      const seen = b.prim.box.limits.find((l) => l.key === 'perceivedStrength');
      expect(seen?.lo).toBeDefined();
      expect(b.prim.box.count / results.trials).toBeLessThanOrEqual(b.outcome === 'conventional' ? 0.4 : 0.55);
      // Denser than the run by at least 30% of the way to certainty (most trials resume in some mode).
      expect(b.prim.box.density).toBeGreaterThan(b.prim.baseDensity + 0.3 * (1 - b.prim.baseDensity));
      expect(b.prim.box.coverage).toBeGreaterThanOrEqual(0.5);
      const c = recount(features, outcomeIndicator(results, b.outcome), b.prim.box);
      expect(b.prim.box.count).toBe(c.count);
      expect(b.prim.box.positives).toBe(c.positives);
    }
  });
});

describe('npm run discover', () => {
  const { run, errorOf } = commandRunner(main);

  it('prints the boxes, trajectories and ranking as json', () => {
    const out = JSON.parse(run(['--trials', '2000', '--seed', '3', '--format', 'json', '--alpha', '0.1']));
    expect(out.seed).toBe('3');
    expect(out.trials).toBe(2000);
    // Two outcomes, two boxes each by default on the command line.
    expect(out.boxes.map((b: { outcome: string; rank: number }) => `${b.outcome} ${b.rank}`)).toEqual([
      'resumed 1',
      'resumed 2',
      'conventional 1',
      'conventional 2',
    ]);
    expect(out.boxes[0].prim.options.alpha).toBe(0.1);
    expect(out.boxes[0].prim.trajectory[0].support).toBe(1);
    expect(out.ranking[0]).toHaveProperty('rho');
  });

  it('prints a readable table', () => {
    const out = run(['--trials', '2000']);
    expect(out).toContain('an explorable model, not a forecast');
    expect(out).toMatch(/box: .*Moscow's resolve at the ceasefire ≥ 0\.\d\d/);
    expect(out).toContain('Where war (a limited or full-scale offensive) concentrates');
    expect(out).toContain('<- chosen');
    expect(out).toContain("Draws ranked by Spearman's rank correlation");
  });

  it('refuses bad input with one message per problem naming the flag', () => {
    const lines = errorOf(['--alpha', '0.6', '--min-support', 'x', '--min-coverage', '-1', '--trial', '3', '--trials', '5']).split('\n');
    expect(lines.map((l) => l.split(':')[0])).toEqual(['--alpha', '--min-support', '--min-coverage', '--trial', '3', '--trials']);
    expect(lines[3]).toContain('unknown flag (did you mean --trials?)');
    expect(lines[4]).toContain('unexpected argument');
  });

  it('exits with code 2 and no stack trace on bad input when run as a process', () => {
    const root = resolve(__dirname, '..');
    const r = spawnSync(join(root, 'node_modules/.bin/tsx'), [join(root, 'src/cli/discover.ts'), '--set', 'euTroops=lots'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toMatch(/^error: --set euTroops: /);
    expect(r.stderr).not.toContain('    at ');
  }, 30_000);
});
