// Answers across plausible worlds (issue 11, part 3): one package run in each world, the spread of
// its answers, and `simulate --worlds N`.
import { describe, expect, it } from 'vitest';
import { main as simulateMain } from '../src/cli/simulate';
import { ASSUMPTIONS, acrossWorlds, defaultLevers, quantileSorted, runInWorld, simulate, summarize, survivalBandAcrossWorlds, worldLevers, worldSpread, WORLD_TRIALS, type WorldCell } from '../src/engine';
import { DEFAULT_WORLDS_OPTIONS } from '../src/ui/state/pageOptions';
import { WORLDS_FILE } from '../src/engine/model/worlds';
import { asyncCommandRunner } from './cliHarness';

const sim = asyncCommandRunner(simulateMain);

describe('spreads across worlds', () => {
  it('type-7 quantiles: interpolated between order statistics at q·(n − 1)', () => {
    const s = Float64Array.from([1, 2, 3, 4, 10]);
    expect(quantileSorted(s, 0)).toBe(1);
    expect(quantileSorted(s, 1)).toBe(10);
    expect(quantileSorted(s, 0.5)).toBe(3);
    expect(quantileSorted(s, 0.1)).toBeCloseTo(1.4, 12);
    expect(quantileSorted(s, 0.9)).toBeCloseTo(7.6, 12);
    expect(worldSpread([10, 1, 4, 3, 2])).toEqual({ min: 1, p10: quantileSorted(s, 0.1), median: 3, p90: quantileSorted(s, 0.9), max: 10 });
    expect(quantileSorted(new Float64Array(0), 0.5)).toBeNaN();
  });

  it('the survival band is the p10 and p90 of the worlds at each month', () => {
    const cells: WorldCell[] = [0, 1, 2, 3, 4].map((k) => ({ world: k, pWar: 0, pResumption: 0, survivalWar: [1, 1 - 0.1 * k, 1 - 0.2 * k] }));
    const band = survivalBandAcrossWorlds(cells);
    expect(band.p10[0]).toBe(1);
    expect(band.p10[2]).toBeCloseTo(quantileSorted(Float64Array.from([0.2, 0.4, 0.6, 0.8, 1]), 0.1), 12);
    expect(band.p90[1]).toBeCloseTo(quantileSorted(Float64Array.from([0.6, 0.7, 0.8, 0.9, 1]), 0.9), 12);
  });
});

describe('a package in a world', () => {
  const world = WORLDS_FILE.worlds[0];

  it('replaces the assumptions and decisionNoise by the world’s, whatever the run had', () => {
    const levers = { ...defaultLevers(), decisionNoise: 0.9 };
    const cell = runInWorld(levers, world, 'w', 1500);
    const { model, results } = simulate(worldLevers(levers, world), { seed: 'w', trials: 1500, assumptions: world.assumptions });
    const s = summarize(model, results, 'w');
    expect(cell).toEqual({ world: world.id, pWar: s.pWar, pResumption: s.pResumption, survivalWar: s.survivalWar });
    expect(s.params.decisionNoise).toBe(world.decisionNoise);
    expect(s.params.assumptions).toEqual(world.assumptions);
    expect(Object.keys(world.assumptions)).toEqual(Object.keys(ASSUMPTIONS));
  });

  it('simulate --worlds N adds acrossWorlds for pWar and pResumption, equal to the cells computed here', async () => {
    const out = JSON.parse(await sim.run(['--worlds', '5', '--world-trials', '500', '--trials', '500', '--format', 'json']));
    const cells = WORLDS_FILE.worlds.slice(0, 5).map((w) => runInWorld(defaultLevers(), w, '1', 500));
    const want = acrossWorlds(cells);
    expect(out.acrossWorlds.worlds).toBe(5);
    expect(out.acrossWorlds.trialsPerWorld).toBe(500);
    expect(out.acrossWorlds.pWar).toEqual(want.pWar);
    expect(out.acrossWorlds.pResumption).toEqual(want.pResumption);
    expect(Object.keys(out.acrossWorlds.pWar)).toEqual(['min', 'p10', 'median', 'p90', 'max']);
    expect(out.acrossWorlds.worldsFile).toEqual({ engineVersion: WORLDS_FILE.engineVersion, seed: WORLDS_FILE.seed, kept: WORLDS_FILE.kept, sampled: WORLDS_FILE.sampled });
  });

  it('uses one trials-per-world number everywhere: the worlds file was judged at it, and the command line and the page default to it', async () => {
    expect(WORLDS_FILE.trials).toBe(WORLD_TRIALS);
    expect(DEFAULT_WORLDS_OPTIONS.trials).toBe(WORLD_TRIALS);
    const out = JSON.parse(await sim.run(['--worlds', '2', '--trials', '100', '--format', 'json']));
    expect(out.acrossWorlds.trialsPerWorld).toBe(WORLD_TRIALS);
  });

  it('refuses a count of worlds the file does not have, naming the flag and the range', async () => {
    expect(await sim.errorOf(['--worlds', String(WORLDS_FILE.worlds.length + 1)])).toBe(`--worlds: ${WORLDS_FILE.worlds.length + 1} is out of range; expected 1–${WORLDS_FILE.worlds.length}`);
    expect(await sim.errorOf(['--world-trials', '5'])).toBe('--world-trials: 5 is out of range; expected 100–100000');
  });
});
