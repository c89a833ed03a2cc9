import type { Levers } from '../levers';
import type { AssumptionKey } from '../model/assumptions';
import type { World } from '../model/world';
import { argsort } from '../math/rankCorrelation';
import type { PrimOptions } from './prim';
import { decidesFor, worldFeatures, type Decides, type FailureRule } from './robustnessDecides';
import { valueOfInformation, type ValueOfInformation } from './valueOfInformation';
import { runInWorld, worldSpread, type WorldCell, type WorldSpread } from './worlds';

export * from './robustnessDecides';
export * from './robustnessCsv';
export { evpi, partialEvpi, valueOfInformation, type ValueOfInformation } from './valueOfInformation';

/**
 * Robustness across plausible worlds (robust decision making): every package of levers is run in
 * every world (a full assumption set plus `decisionNoise`, model/world.ts), and the packages are
 * compared on the spread of their outcomes over the worlds, not in one world.
 *
 * - Each cell (package, world) is one run with the same seed and trials: common random numbers, so
 *   in one world every package sees the same draws and packages compare paired. A cell is
 *   deterministic given (levers, world, seed, trials), so cells can run in any worker, in any order.
 * - "Best" in a world = the lowest probability of war (pWar). Ties share the world evenly.
 * - Quantiles are type 7 (R's default, numpy's "linear"): for n sorted values x[0…n−1], the
 *   p-quantile is x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]) with h = (n − 1)p; so p10 of 100 worlds
 *   lies 90% of the way from the 10th to the 11th smallest value; min = quantile 0, max = quantile 1.
 * - Regret of a package in a world = its pWar − the best package's pWar in that world (≥ 0);
 *   maxRegret = its largest regret over the worlds (Savage's minimax regret criterion).
 * - "Which assumptions decide": PRIM over the worlds' parameters, for each package, with the
 *   outcome "this package fails" (see FailureRule; robustnessDecides.ts).
 * - "What would you most want to know?": the value of information over the worlds, in points of
 *   war (valueOfInformation.ts): EVPI, and each assumption's partial value by binning the worlds.
 *
 * Pure: no DOM, no Node. The command line spreads the cells over worker threads (runInWorld); the
 * page can do the same with Web Workers and call summarizeRobustness on the matrix.
 */

/** A package of levers to compare: a preset or the user's own scenario. */
export interface RobustnessPackage {
  id: string;
  title: string;
  levers: Levers;
}

/**
 * The per-(package, world) figures, package-major: cell (p, w) is at index p × worlds + w. Typed
 * arrays, so a matrix of 13 packages × 1,000 worlds is two 104 KB buffers.
 */
export interface RobustnessMatrix {
  packages: number;
  worlds: number;
  pResumption: Float64Array;
  pWar: Float64Array;
}

/** Five points of a distribution over worlds (type-7 quantiles): worlds.ts's WorldSpread. */
export type Spread = WorldSpread;

export interface RobustnessOptions {
  failure?: FailureRule;
  /** PRIM's options (defaults as in prim.ts: alpha 0.05, minimum support 5%, minimum coverage 50%, pasting). */
  prim?: PrimOptions;
  /** The assumptions used as PRIM features besides decisionNoise (default WORLD_KEYS). */
  keys?: readonly AssumptionKey[];
}

export interface PackageRobustness {
  id: string;
  title: string;
  pResumption: Spread;
  pWar: Spread;
  /** Share of worlds in which this package has the lowest pWar (ties split evenly); they sum to 1. */
  bestShare: number;
  /** The worst case: the world with its largest pWar (pWar.max), the first such world on ties. */
  worstWorld: number;
  /** Largest regret over the worlds (its pWar − the best pWar in that world), 0–1; and where (first on ties). */
  maxRegret: number;
  maxRegretWorld: number;
}

export interface RobustnessResult {
  seed: string;
  trials: number;
  worlds: number;
  failure: FailureRule;
  packages: PackageRobustness[];
  decides: Decides[];
  valueOfInformation: ValueOfInformation;
}

/** The cells of a study in matrix order (package-major): what to run, one job each. */
export function planRobustness(
  packages: readonly RobustnessPackage[],
  worlds: readonly World[],
  seed: string,
  trials: number,
): { levers: Levers; world: World; seed: string; trials: number }[] {
  return packages.flatMap((p) => worlds.map((world) => ({ levers: p.levers, world, seed, trials })));
}

/** A matrix from cells in planRobustness order. Throws a RangeError on a wrong count. */
export function matrixFromCells(packages: number, worlds: number, cells: readonly WorldCell[]): RobustnessMatrix {
  if (cells.length !== packages * worlds) throw new RangeError(`matrixFromCells: ${cells.length} cells for ${packages} × ${worlds}`);
  const m: RobustnessMatrix = { packages, worlds, pResumption: new Float64Array(cells.length), pWar: new Float64Array(cells.length) };
  cells.forEach((c, i) => {
    m.pResumption[i] = c.pResumption;
    m.pWar[i] = c.pWar;
  });
  return m;
}

/** Every cell in this thread (tests, small studies); the command line spreads runInWorld over workers instead. */
export function robustnessMatrix(packages: readonly RobustnessPackage[], worlds: readonly World[], seed: string, trials: number): RobustnessMatrix {
  const cells = planRobustness(packages, worlds, seed, trials).map((j) => runInWorld(j.levers, j.world, j.seed, j.trials));
  return matrixFromCells(packages.length, worlds.length, cells);
}

/** One package's row of a matrix field. */
const row = (a: Float64Array, p: number, worlds: number) => a.subarray(p * worlds, (p + 1) * worlds);

/**
 * Per package, the share of worlds where it is best (lowest pWar; k packages tied at the lowest
 * each get 1/k of that world), and its regret against the best in each world.
 */
export function bestAndRegret(m: RobustnessMatrix): { bestShare: Float64Array; maxRegret: Float64Array; maxRegretWorld: Int32Array } {
  const { packages: P, worlds: W, pWar } = m;
  // Sum the 1/k shares world by world, then divide once: the shares then sum to 1 up to rounding.
  const bestCount = new Float64Array(P);
  const maxRegret = new Float64Array(P).fill(-Infinity);
  const maxRegretWorld = new Int32Array(P).fill(-1);
  for (let w = 0; w < W; w++) {
    let best = Infinity;
    for (let p = 0; p < P; p++) best = Math.min(best, pWar[p * W + w]);
    let tied = 0;
    for (let p = 0; p < P; p++) if (pWar[p * W + w] === best) tied++;
    for (let p = 0; p < P; p++) {
      const v = pWar[p * W + w];
      if (v === best) bestCount[p] += 1 / tied;
      if (v - best > maxRegret[p]) {
        maxRegret[p] = v - best;
        maxRegretWorld[p] = w;
      }
    }
  }
  return { bestShare: bestCount.map((c) => (W ? c / W : 0)), maxRegret: maxRegret.map((r) => (W ? r : 0)), maxRegretWorld };
}

/** Index of the first largest value. */
function argmax(a: ArrayLike<number>): number {
  let k = 0;
  for (let i = 1; i < a.length; i++) if (a[i] > a[k]) k = i;
  return k;
}

/**
 * The study's figures from a finished matrix: each package's spread over the worlds, its share of
 * worlds best, worst case and maximum regret, and "which assumptions decide". Deterministic.
 */
export function summarizeRobustness(
  packages: readonly Pick<RobustnessPackage, 'id' | 'title'>[],
  worlds: readonly World[],
  m: RobustnessMatrix,
  meta: { seed: string; trials: number },
  options: RobustnessOptions = {},
): RobustnessResult {
  if (m.packages !== packages.length || m.worlds !== worlds.length) {
    throw new RangeError(`summarizeRobustness: a ${m.packages} × ${m.worlds} matrix for ${packages.length} packages and ${worlds.length} worlds`);
  }
  const W = worlds.length;
  const failure = options.failure ?? { kind: 'above-median' };
  const { bestShare, maxRegret, maxRegretWorld } = bestAndRegret(m);
  const features = worldFeatures(worlds, options.keys);
  // The features are the same for every package: sort each once.
  const orders = features.map((f) => argsort(f.values));
  return {
    seed: meta.seed,
    trials: meta.trials,
    worlds: W,
    failure,
    packages: packages.map((p, k) => {
      const war = row(m.pWar, k, W);
      return {
        id: p.id,
        title: p.title,
        pResumption: worldSpread(row(m.pResumption, k, W)),
        pWar: worldSpread(war),
        bestShare: bestShare[k],
        worstWorld: worlds[argmax(war)]?.id ?? -1,
        maxRegret: maxRegret[k],
        maxRegretWorld: worlds[maxRegretWorld[k]]?.id ?? -1,
      };
    }),
    decides: packages.map((p, k) => decidesFor(p, row(m.pWar, k, W), features, failure, options.prim, orders)),
    valueOfInformation: valueOfInformation(m.pWar, m.packages, W, features),
  };
}

/** Run every cell in this thread and summarise (tests, small studies). */
export function runRobustness(
  packages: readonly RobustnessPackage[],
  worlds: readonly World[],
  run: { seed: string; trials: number },
  options: RobustnessOptions = {},
): { matrix: RobustnessMatrix; result: RobustnessResult } {
  const matrix = robustnessMatrix(packages, worlds, run.seed, run.trials);
  return { matrix, result: summarizeRobustness(packages, worlds, matrix, run, options) };
}

