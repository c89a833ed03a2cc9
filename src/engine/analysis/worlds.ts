import type { Levers } from '../levers';
import type { World } from '../model/world';
import { simulate } from '../run/simulate';
import { summarize } from '../run/summary';
import { quantileSorted } from '../math/stats';

/**
 * Running a package of levers across the plausible worlds (the worlds file, model/worlds.ts): each
 * world's assumptions and decisionNoise replace the run's, the seed and trials stay. The spread of
 * the answers is what the evidence leaves open about the model; the Wilson interval of one run is
 * only simulation precision. Every world uses the same seed, so two packages compare paired.
 */

/**
 * Trials per world, one number for every use: history matching judges each world's anchors at this
 * many trials per run (the figures committed in the worlds file), and a package is run across the
 * worlds at this many by default (the command line's `--world-trials`, the page's `worldTrials=`).
 */
export const WORLD_TRIALS = 1_000;

/** One package in one world: the probabilities of war and of any resumption, and the survival curve to war. */
export interface WorldCell {
  /** The world's id. */
  world: number;
  pWar: number;
  pResumption: number;
  /** Share with no war by the end of each month 0…horizon. */
  survivalWar: number[];
}

/** The levers as they are in `world`: its decisionNoise replaces the lever's. */
export function worldLevers(levers: Levers, world: Pick<World, 'decisionNoise'>): Levers {
  return { ...levers, decisionNoise: world.decisionNoise };
}

/** Run `levers` in one world. Pure and deterministic: (levers, world, seed, trials) → the same cell anywhere. */
export function runInWorld(levers: Levers, world: World, seed: string, trials: number): WorldCell {
  const { model, results } = simulate(worldLevers(levers, world), { seed, trials, assumptions: world.assumptions });
  const s = summarize(model, results, seed);
  return { world: world.id, pWar: s.pWar, pResumption: s.pResumption, survivalWar: s.survivalWar };
}

/** A distribution across worlds in five numbers. */
export interface WorldSpread {
  min: number;
  p10: number;
  median: number;
  p90: number;
  max: number;
}

/** min, p10, median, p90 and max of `values` (type-7 quantiles). */
export function worldSpread(values: ArrayLike<number>): WorldSpread {
  const sorted = Float64Array.from(values).sort();
  return {
    min: sorted[0],
    p10: quantileSorted(sorted, 0.1),
    median: quantileSorted(sorted, 0.5),
    p90: quantileSorted(sorted, 0.9),
    max: sorted[sorted.length - 1],
  };
}

/** The summary's `acrossWorlds`: the spread of pResumption and pWar over the worlds' cells. */
export function acrossWorlds(cells: readonly WorldCell[]): { worlds: number; pResumption: WorldSpread; pWar: WorldSpread } {
  return {
    worlds: cells.length,
    pResumption: worldSpread(cells.map((c) => c.pResumption)),
    pWar: worldSpread(cells.map((c) => c.pWar)),
  };
}

/** The worlds' band of the survival-to-war curve: p10 and p90 at each month. */
export function survivalBandAcrossWorlds(cells: readonly WorldCell[]): { p10: number[]; p90: number[] } {
  const H1 = cells[0]?.survivalWar.length ?? 0;
  const p10: number[] = [];
  const p90: number[] = [];
  const col = new Float64Array(cells.length);
  for (let t = 0; t < H1; t++) {
    cells.forEach((c, k) => (col[k] = c.survivalWar[t]));
    col.sort();
    p10.push(quantileSorted(col, 0.1));
    p90.push(quantileSorted(col, 0.9));
  }
  return { p10, p90 };
}
