import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ASSUMPTIONS, WORLD_KEYS, survivalBandAcrossWorlds, type AssumptionKey, type World, type WorldCell } from '../../src/engine';
import { DEFAULT_WORLDS_OPTIONS, parseWorldsOptions } from '../../src/ui/state/pageOptions';
import { bestPerWorld, bestShares, boxWords, failsAboveMedian, jitter, limitWords, maxRegrets, robustnessRows, sig3, whichAssumptionsDecide, type PackageWorlds } from '../../src/ui/state/robustness';

const pkg = (key: string, pWar: number[]): PackageWorlds => ({ key, name: key.toUpperCase(), pWar });

describe('robustness across worlds', () => {
  test('bestShares gives each world to its lowest package and splits ties evenly', () => {
    const shares = bestShares([pkg('a', [0.1, 0.3, 0.2, 0.5]), pkg('b', [0.2, 0.3, 0.2, 0.4]), pkg('c', [0.3, 0.3, 0.1, 0.6])]);
    // World 0: a; world 1: a, b, c tied; world 2: c; world 3: b.
    expect(shares[0]).toBeCloseTo((1 + 1 / 3) / 4, 15);
    expect(shares[1]).toBeCloseTo((1 / 3 + 1) / 4, 15);
    expect(shares[2]).toBeCloseTo((1 / 3 + 1) / 4, 15);
  });

  test('best shares always sum to 1, whatever the ties (property)', () => {
    const level = fc.constantFrom(0, 0.1, 0.25, 0.5, 1);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 30 }), fc.infiniteStream(level), (np, nw, s) => {
        const it = s[Symbol.iterator]();
        const packages = Array.from({ length: np }, (_, i) => pkg(`p${i}`, Array.from({ length: nw }, () => it.next().value as number)));
        const shares = bestShares(packages);
        expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
        for (const x of shares) expect(x).toBeGreaterThanOrEqual(0);
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  test('maximum regret is the largest excess over the best package in the same world, 0 for a package never beaten', () => {
    const packages = [pkg('a', [0.1, 0.4, 0.2]), pkg('b', [0.3, 0.2, 0.2]), pkg('c', [0.05, 0.1, 0.15])];
    expect(bestPerWorld(packages)).toEqual([0.05, 0.1, 0.15]);
    const r = maxRegrets(packages);
    expect(r[0]).toBeCloseTo(0.3, 15); // world 1: 0.4 − 0.1
    expect(r[1]).toBeCloseTo(0.25, 15); // world 0: 0.3 − 0.05
    expect(r[2]).toBe(0);
  });

  test('regret and worst case are never negative and the worst case is the maximum (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 5, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (m) => {
        const rows = robustnessRows(m.map((v, i) => pkg(`p${i}`, v)));
        for (const r of rows) {
          expect(r.maxRegret).toBeGreaterThanOrEqual(0);
          expect(r.worst).toBe(Math.max(...m[Number(r.key.slice(1))]));
        }
        // Sorted by median, lowest first.
        for (let i = 1; i < rows.length; i++) expect(rows[i].spread.median).toBeGreaterThanOrEqual(rows[i - 1].spread.median);
      }),
      { seed: 5, numRuns: 200 },
    );
  });

  test('robustnessRows sorts by median and keeps input order between equal medians', () => {
    const rows = robustnessRows([pkg('x', [0.5, 0.5, 0.5]), pkg('y', [0.1, 0.2, 0.3]), pkg('z', [0.5, 0.5, 0.5])]);
    expect(rows.map((r) => r.key)).toEqual(['y', 'x', 'z']);
    expect(rows[0].spread).toMatchObject({ min: 0.1, median: 0.2, max: 0.3 });
  });

  test('mismatched world counts are refused', () => {
    expect(() => bestShares([pkg('a', [0.1]), pkg('b', [0.1, 0.2])])).toThrow(/b has 2 worlds, expected 1/);
  });

  test('jitter is deterministic and lies in [−0.5, 0.5)', () => {
    const xs = Array.from({ length: 500 }, (_, k) => jitter(3, k));
    expect(xs).toEqual(Array.from({ length: 500 }, (_, k) => jitter(3, k)));
    for (const x of xs) {
      expect(x).toBeGreaterThanOrEqual(-0.5);
      expect(x).toBeLessThan(0.5);
    }
    // Spread out, not bunched: both halves used.
    expect(xs.filter((x) => x < 0).length).toBeGreaterThan(200);
  });

  test('a package fails in a world where its pWar is above its median across the worlds', () => {
    expect([...failsAboveMedian([0.1, 0.5, 0.3, 0.9, 0.2])]).toEqual([0, 1, 0, 1, 0]);
  });

  test('box conditions read as words', () => {
    expect(limitWords({ label: 'Decision noise', lo: 0.123456, hi: null })).toBe('Decision noise is above 0.123');
    expect(limitWords({ label: 'X', lo: null, hi: 36170 })).toBe('X is below 36,200');
    expect(limitWords({ label: 'X', lo: 1, hi: 2 })).toBe('X is between 1 and 2');
    expect(boxWords([{ label: 'A', lo: null, hi: 0.5 }, { label: 'Decision noise', lo: 0.2, hi: null }])).toBe('fails where A is below 0.5 and Decision noise is above 0.2');
    expect(sig3(0)).toBe('0');
  });

  test('PRIM over the world parameters finds a failure region planted on one assumption', () => {
    const key: AssumptionKey = WORLD_KEYS[0];
    const base = Object.fromEntries(Object.entries(ASSUMPTIONS).map(([k, a]) => [k, a.value])) as Record<AssumptionKey, number>;
    const worlds: World[] = Array.from({ length: 100 }, (_, id) => {
      const a = { ...base };
      for (const [j, k] of WORLD_KEYS.entries()) a[k] = ((id * (j + 7) * 37) % 101) / 101; // scrambled but deterministic
      a[key] = id / 100;
      return { id, decisionNoise: ((id * 53) % 97) / 97 * 0.3, assumptions: a };
    });
    // Fails (pWar high) exactly where the planted assumption is above 0.5.
    const pWar = worlds.map((w) => (w.assumptions[key] > 0.5 ? 0.6 : 0.2) + w.id * 1e-6);
    const { prim, words } = whichAssumptionsDecide(worlds, WORLD_KEYS, pWar);
    expect(prim.box.limits.map((l) => l.key)).toContain(key);
    expect(prim.box.density).toBeGreaterThan(0.9);
    expect(words).toContain(`${ASSUMPTIONS[key].label} is above`);
  });
});

describe('the worlds band and options', () => {
  test('the survival band across worlds is p10 and p90 per month, p10 ≤ p90', () => {
    const cells: WorldCell[] = Array.from({ length: 11 }, (_, k) => ({ world: k, pWar: k / 10, pResumption: k / 10, survivalWar: [1, 1 - k / 20, 1 - k / 10] }));
    const band = survivalBandAcrossWorlds(cells);
    expect(band.p10[0]).toBe(1);
    expect(band.p10[2]).toBeCloseTo(0.1, 12);
    expect(band.p90[2]).toBeCloseTo(0.9, 12);
    band.p10.forEach((lo, t) => expect(lo).toBeLessThanOrEqual(band.p90[t]));
  });

  test('worlds= and worldTrials= in the address set the worlds run; bad values keep the defaults', () => {
    expect(parseWorldsOptions('')).toEqual(DEFAULT_WORLDS_OPTIONS);
    expect(DEFAULT_WORLDS_OPTIONS).toEqual({ worlds: 100, trials: 1_000 });
    expect(parseWorldsOptions('?worlds=8&worldTrials=200')).toEqual({ worlds: 8, trials: 200 });
    expect(parseWorldsOptions('worlds=0')).toEqual({ worlds: 0, trials: 1_000 });
    expect(parseWorldsOptions('worlds=-1&worldTrials=5')).toEqual(DEFAULT_WORLDS_OPTIONS);
    expect(parseWorldsOptions('worlds=2.5&worldTrials=abc')).toEqual(DEFAULT_WORLDS_OPTIONS);
  });
});
