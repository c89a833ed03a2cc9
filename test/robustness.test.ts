import { describe, expect, it } from 'vitest';
import { runJobs } from '../src/cli/pool';
import {
  ASSUMPTIONS,
  bestAndRegret,
  defaultLevers,
  planRobustness,
  quantileSorted,
  robustnessCsv,
  runRobustness,
  runInWorld,
  simulate,
  worldSpread,
  summarize,
  summarizeRobustness,
  type AssumptionKey,
  type RobustnessMatrix,
  type WorldCell,
  modelParams,
} from '../src/engine/index';
import { WORLD_KEYS, type World } from '../src/engine/model/world';
import { syntheticWorlds } from './worldsFixture';

/** A matrix from rows of pWar per package (pResumption = pWar + 0.1, for a second field). */
const matrix = (rows: number[][]): RobustnessMatrix => ({
  packages: rows.length,
  worlds: rows[0].length,
  pWar: Float64Array.from(rows.flat()),
  pResumption: Float64Array.from(rows.flat(), (x) => x + 0.1),
});

describe('quantiles over worlds (type 7)', () => {
  it('interpolate linearly between order statistics, h = (n − 1)p', () => {
    const s = [1, 2, 3, 4];
    expect(quantileSorted(s, 0)).toBe(1);
    expect(quantileSorted(s, 0.1)).toBeCloseTo(1.3, 12);
    expect(quantileSorted(s, 0.5)).toBe(2.5);
    expect(quantileSorted(s, 0.9)).toBeCloseTo(3.7, 12);
    expect(quantileSorted(s, 1)).toBe(4);
    expect(quantileSorted([7], 0.1)).toBe(7);
  });
  it('give min, p10, median, p90 and max of unsorted values', () => {
    expect(worldSpread([5, 1, 3])).toEqual({ min: 1, p10: 1.4, median: 3, p90: 4.6, max: 5 });
    const hundred = Array.from({ length: 100 }, (_, i) => 99 - i);
    const s = worldSpread(hundred);
    // p10 of 0…99 lies 90% of the way from the 10th smallest (9) to the 11th (10).
    expect(s.p10).toBeCloseTo(9.9, 12);
    expect(s.median).toBe(49.5);
    expect(s.p90).toBeCloseTo(89.1, 12);
  });
});

describe('best share and regret', () => {
  it('split a world evenly among packages tied at the lowest war, and sum to 1', () => {
    const { bestShare, maxRegret, maxRegretWorld } = bestAndRegret(
      matrix([
        [0.1, 0.2, 0.3, 0.4],
        [0.1, 0.1, 0.5, 0.2],
        [0.1, 0.3, 0.3, 0.3],
      ]),
    );
    // World 0: all three tie; world 1: package 1; world 2: packages 0 and 2 tie; world 3: package 1.
    expect(Array.from(bestShare)).toEqual([(1 / 3 + 1 / 2) / 4, (1 / 3 + 1 + 1) / 4, (1 / 3 + 1 / 2) / 4]);
    expect(bestShare.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 15);
    expect(maxRegret[0]).toBeCloseTo(0.2, 15); // world 3: 0.4 − 0.2
    expect(maxRegret[1]).toBeCloseTo(0.2, 15); // world 2: 0.5 − 0.3
    expect(maxRegret[2]).toBeCloseTo(0.2, 15); // world 1: 0.3 − 0.1 (first of the ties)
    expect(Array.from(maxRegretWorld)).toEqual([3, 2, 1]);
  });
  it('give a package that is best everywhere a share of 1 and no regret', () => {
    const { bestShare, maxRegret } = bestAndRegret(matrix([[0, 0.1], [0.2, 0.3]]));
    expect(Array.from(bestShare)).toEqual([1, 0]);
    expect(Array.from(maxRegret)).toEqual([0, 0.2]);
  });
  it('sum to 1 over many packages and worlds with ties', () => {
    const rows = Array.from({ length: 13 }, (_, p) => Array.from({ length: 101 }, (_, w) => ((p * 7 + w * 3) % 5) / 10));
    const { bestShare } = bestAndRegret(matrix(rows));
    expect(Math.abs(bestShare.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
  });
});

describe('the robustness summary', () => {
  const worlds = syntheticWorlds(4);
  const pkgs = [
    { id: 'a', title: 'A' },
    { id: 'b', title: 'B' },
  ];
  const m = matrix([
    [0.4, 0.1, 0.3, 0.2],
    [0.2, 0.2, 0.2, 0.2],
  ]);
  const r = summarizeRobustness(pkgs, worlds, m, { seed: 's', trials: 100 });

  it('reports each package with its spreads, best share, worst world and maximum regret', () => {
    expect(r.packages[0]).toEqual({
      id: 'a',
      title: 'A',
      pResumption: worldSpread([0.5, 0.2, 0.4, 0.30000000000000004]),
      pWar: worldSpread([0.4, 0.1, 0.3, 0.2]),
      bestShare: (1 + 0.5) / 4,
      worstWorld: 0,
      maxRegret: 0.4 - 0.2,
      maxRegretWorld: 0,
    });
    expect(r.packages[1].bestShare).toBe((1 + 1 + 0.5) / 4);
    expect(r.packages[1].maxRegret).toBeCloseTo(0.1, 15);
    expect(r.packages[1].maxRegretWorld).toBe(1);
  });
  it('does not call a package above its own median failing: it "does worse than usual", and one with the same war everywhere never does', () => {
    expect(r.decides[1]).toMatchObject({ failures: 0, box: null });
    expect(r.decides[1].sentence).toBe('B has the same chance of war in every world: it never does worse than usual (war above its median over the worlds, 20.0%).');
    for (const d of r.decides) expect(d.sentence).not.toMatch(/\bfails\b/);
  });
  it('carries the value of information in points of war, no part above the whole beyond the binning noise', () => {
    const v = r.valueOfInformation;
    expect(v.unit).toBe('points');
    expect(v.total).toBeGreaterThanOrEqual(0);
    expect(v.byAssumption.length).toBe(WORLD_KEYS.length + 1);
    for (let i = 1; i < v.byAssumption.length; i++) expect(v.byAssumption[i].value).toBeLessThanOrEqual(v.byAssumption[i - 1].value);
    for (const a of v.byAssumption) expect(a.value).toBeLessThanOrEqual(v.total + 1e-9);
  });
  it('writes one CSV row per package', () => {
    const lines = robustnessCsv(r).trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^id,title,pWarMin,pWarP10,pWarMedian,pWarP90,pWarMax,/);
    expect(lines[1]).toMatch(/^a,A,0\.1,/);
  });
});

describe('which assumptions decide', () => {
  // 60 worlds; a constructed package fails (war 0.6) exactly where peace is worth less than 0.2 and
  // holds (war 0.1) elsewhere; Russia's capacity and decisionNoise vary but do not matter.
  const key: AssumptionKey = 'peaceBaseValue';
  const worlds: World[] = syntheticWorlds(60).map((w, i) => ({
    ...w,
    decisionNoise: ((i * 37) % 60) / 200,
    assumptions: { ...w.assumptions, [key]: 0.05 + (0.35 * ((i * 13) % 60)) / 59 },
  }));
  const pWar = worlds.map((w) => (w.assumptions[key] < 0.2 ? 0.6 : 0.1));
  const m = matrix([pWar]);
  const r = summarizeRobustness([{ id: 'p', title: 'The package' }], worlds, m, { seed: 's', trials: 100 }, { failure: { kind: 'above', threshold: 0.5 } });
  const d = r.decides[0];

  it('finds the box where the package fails: peace worth little, and nothing else', () => {
    const failing = worlds.filter((w) => w.assumptions[key] < 0.2);
    expect(d.failures).toBe(failing.length);
    expect(d.box).not.toBeNull();
    expect(d.box!.limits.map((l) => l.key)).toEqual([key]);
    const limit = d.box!.limits[0];
    expect(limit.lo).toBeNull();
    expect(limit.hi).toBe(Math.max(...failing.map((w) => w.assumptions[key])));
    expect(d.box!.density).toBe(1);
    expect(d.box!.coverage).toBe(1);
  });
  it('says it in plain words, the assumption named by its label and never by its key', () => {
    const label = ASSUMPTIONS[key].label.replace(/\s*\([^()]*\)\s*$/, '');
    expect(d.sentence).toContain(`The package fails (war above 50.0%) where ${label} is at most `);
    expect(d.sentence).not.toContain(key);
    for (const l of d.box!.limits) expect(l.text).not.toContain(key);
    const k = worlds.filter((w) => w.assumptions[key] < 0.2).length;
    expect(k).toBeGreaterThan(10);
    expect(d.sentence.endsWith(`: ${k} of the ${k} worlds there do (density 100.0%), 100.0% of the ${k} worlds where it does (coverage).`)).toBe(true);
  });
});

describe('a cell: one package in one world', () => {
  const worlds = syntheticWorlds(3);
  const levers = { ...defaultLevers(), horizonYears: 5 };

  it('is the run with the world’s assumptions and decisionNoise', () => {
    const w = worlds[2];
    const c = runInWorld(levers, w, 'x', 300);
    const { model, results } = simulate({ ...levers, decisionNoise: w.decisionNoise }, { seed: 'x', trials: 300, assumptions: w.assumptions });
    expect(model.params).toEqual(modelParams(w.assumptions));
    const s = summarize(model, results, 'x');
    expect(c).toEqual({ world: w.id, pResumption: s.pResumption, pWar: s.pWar, survivalWar: s.survivalWar });
  });
  it('leaves the default assumptions as they were', () => {
    const before = ASSUMPTIONS.peaceBaseValue.value;
    runInWorld(levers, worlds[1], 'x', 100);
    expect(runInWorld(levers, { id: 9, decisionNoise: levers.decisionNoise, assumptions: Object.fromEntries(Object.entries(ASSUMPTIONS).map(([k, v]) => [k, v.value])) as World['assumptions'] }, 'x', 300)).toEqual(
      (() => {
        const { model, results } = simulate(levers, { seed: 'x', trials: 300 });
        const s = summarize(model, results, 'x');
        return { world: 9, pResumption: s.pResumption, pWar: s.pWar, survivalWar: s.survivalWar };
      })(),
    );
    expect(ASSUMPTIONS.peaceBaseValue.value).toBe(before);
  });
  it('gives bit-identical cells with one, two and four worker threads', async () => {
    const packages = [
      { id: 'a', title: 'A', levers },
      { id: 'b', title: 'B', levers: { ...levers, euTroops: 100_000, euPosture: 'combat' as const } },
    ];
    const { matrix: inThread } = runRobustness(packages, worlds, { seed: 'crn', trials: 300 });
    const jobs = planRobustness(packages, worlds, 'crn', 300).map((j) => ({ type: 'world' as const, ...j }));
    for (const n of [1, 2, 4]) {
      const cells = (await runJobs(jobs, n)).map((o) => o.cell);
      expect(Float64Array.from(cells, (c) => c.pWar), `${n} workers`).toEqual(inThread.pWar);
      expect(Float64Array.from(cells, (c) => c.pResumption), `${n} workers`).toEqual(inThread.pResumption);
    }
  });
});

describe('which assumptions decide: the parameters offered to PRIM', () => {
  it('are the few most rank-correlated with the package’s war, in feature order', async () => {
    const { decidingFeatures, MAX_DECIDING } = await import('../src/engine/index');
    const n = 200;
    const u = (k: number) => Float64Array.from({ length: n }, (_, i) => ((i * (2 * k + 7) * 2654435761) % 1000) / 1000);
    const features = Array.from({ length: 12 }, (_, k) => ({ key: `f${k}`, label: `f${k}`, values: u(k) }));
    const y = Float64Array.from({ length: n }, (_, i) => 2 * features[9].values[i] - features[4].values[i] + 0.01 * features[1].values[i]);
    expect(MAX_DECIDING).toBe(3);
    const chosen = decidingFeatures(features, y, 2);
    expect(chosen).toEqual([4, 9]);
    expect(decidingFeatures(features, y, 3)).toContain(9);
    const constant = [{ key: 'c', label: 'c', values: new Float64Array(n) }, ...features];
    expect(decidingFeatures(constant, y, 1)).toEqual([10]);
  });
});
