import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ASSUMPTIONS, WORLD_KEYS, defaultLevers, survivalBandAcrossWorlds, type World, type WorldCell } from '../../src/engine';
import { DEFAULT_WORLDS_OPTIONS, parseWorldsOptions } from '../../src/ui/state/pageOptions';
import { jitter, robustnessRows } from '../../src/ui/state/robustness';

const base = Object.fromEntries(Object.entries(ASSUMPTIONS).map(([k, a]) => [k, a.value])) as World['assumptions'];
const worldsOf = (n: number): World[] => Array.from({ length: n }, (_, id) => ({ id, decisionNoise: 0.1 + id / 100, assumptions: { ...base, [WORLD_KEYS[0]]: id / n } }));
/** Cells in package-major order from a pWar matrix (rows: packages). */
const cellsOf = (m: number[][]): WorldCell[] => m.flatMap((row) => row.map((pWar, world) => ({ world, pWar, pResumption: pWar, survivalWar: [1, 1 - pWar] })));
const packagesOf = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `p${i}`, title: `P${i}`, kind: 'preset', levers: defaultLevers() }));

describe('the robustness view model (the engine study on the page\'s cells)', () => {
  test('rows are sorted by median; best shares split ties and sum to 1; regret is the largest excess over the best in a world', () => {
    const m = [
      [0.1, 0.3, 0.2, 0.5],
      [0.2, 0.3, 0.2, 0.4],
      [0.3, 0.3, 0.1, 0.6],
    ];
    const rows = robustnessRows(packagesOf(3), worldsOf(4), cellsOf(m), { seed: 's', trials: 100 });
    const by = new Map(rows.map((r) => [r.id, r]));
    // World 0: p0; world 1: all three tied; world 2: p2; world 3: p1.
    expect(by.get('p0')!.bestShare).toBeCloseTo((1 + 1 / 3) / 4, 15);
    expect(by.get('p1')!.bestShare).toBeCloseTo((1 / 3 + 1) / 4, 15);
    expect(rows.reduce((a, r) => a + r.bestShare, 0)).toBeCloseTo(1, 15);
    expect(by.get('p0')!.maxRegret).toBeCloseTo(0.1, 15); // world 3: 0.5 − 0.4
    expect(by.get('p2')!.maxRegret).toBeCloseTo(0.2, 15); // worlds 0 and 3: 0.3 − 0.1, 0.6 − 0.4
    expect(by.get('p2')!.worst).toBe(0.6);
    expect([...by.get('p1')!.pWarByWorld]).toEqual(m[1]);
    for (let i = 1; i < rows.length; i++) expect(rows[i].pWar.median).toBeGreaterThanOrEqual(rows[i - 1].pWar.median);
  });

  test('best shares always sum to 1 and regrets are never negative, whatever the ties (property)', () => {
    const level = fc.constantFrom(0, 0.1, 0.25, 0.5, 1);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 2, max: 12 }), fc.infiniteStream(level), (np, nw, s) => {
        const it = s[Symbol.iterator]();
        const m = Array.from({ length: np }, () => Array.from({ length: nw }, () => it.next().value as number));
        const rows = robustnessRows(packagesOf(np), worldsOf(nw), cellsOf(m), { seed: 's', trials: 100 });
        expect(rows.reduce((a, r) => a + r.bestShare, 0)).toBeCloseTo(1, 12);
        for (const r of rows) expect(r.maxRegret).toBeGreaterThanOrEqual(0);
      }),
      { seed: 11, numRuns: 150 },
    );
  });

  test('equal medians keep the packages\' order, and each row carries its PRIM sentence', () => {
    const rows = robustnessRows(packagesOf(3), worldsOf(4), cellsOf([[0.5, 0.5, 0.5, 0.5], [0.1, 0.2, 0.3, 0.4], [0.5, 0.5, 0.5, 0.5]]), { seed: 's', trials: 100 });
    expect(rows.map((r) => r.id)).toEqual(['p1', 'p0', 'p2']);
    expect(rows[1].decides.sentence).toBe('P0 fails (war above 25.0%) in every one of the 4 worlds.');
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
