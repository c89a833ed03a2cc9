import { matrixFromCells, summarizeRobustness, type Decides, type FailureRule, type PackageRobustness, type RobustnessPackage, type ValueOfInformation, type World, type WorldCell } from '../../engine';

/**
 * The robustness view's model: the engine's study (analysis/robustness.ts: spreads, best share
 * with ties shared, worst case, maximum regret, "which assumptions decide") on the cells the page
 * ran, as rows sorted for the strip plot and the table. Pure: no DOM, no workers.
 */

/** One package's row: the engine's figures, its PRIM box and its pWar in each world (world order). */
export interface RobustnessRow extends PackageRobustness {
  /** Where it came from, for the table ("preset", "saved", "current"). */
  kind: string;
  /** Its worst case: the largest pWar over the worlds (= pWar.max). */
  worst: number;
  decides: Decides;
  pWarByWorld: Float64Array;
}

/** The page's default bar for "fails": war above 25% in a world (the view lets the user change it). */
export const DEFAULT_FAIL_ABOVE = 0.25;

/**
 * The study from cells in package-major order (package p, world w at p × worlds + w): rows sorted
 * by median pWar, lowest first (ties keep the packages' order), and the value of information.
 * "Fails" is `failure` (an absolute bar by default, DEFAULT_FAIL_ABOVE).
 */
export function robustnessStudy(
  packages: readonly (RobustnessPackage & { kind: string })[],
  worlds: readonly World[],
  cells: readonly WorldCell[],
  meta: { seed: string; trials: number },
  failure: FailureRule = { kind: 'above', threshold: DEFAULT_FAIL_ABOVE },
): { rows: RobustnessRow[]; valueOfInformation: ValueOfInformation } {
  const m = matrixFromCells(packages.length, worlds.length, cells);
  const r = summarizeRobustness(packages, worlds, m, meta, { failure });
  const W = worlds.length;
  const rows = r.packages
    .map((p, k) => ({ row: { ...p, kind: packages[k].kind, worst: p.pWar.max, decides: r.decides[k], pWarByWorld: m.pWar.slice(k * W, (k + 1) * W) }, k }))
    .sort((a, b) => a.row.pWar.median - b.row.pWar.median || a.k - b.k)
    .map((x) => x.row);
  return { rows, valueOfInformation: r.valueOfInformation };
}

/** The rows of robustnessStudy. */
export function robustnessRows(
  packages: readonly (RobustnessPackage & { kind: string })[],
  worlds: readonly World[],
  cells: readonly WorldCell[],
  meta: { seed: string; trials: number },
  failure?: FailureRule,
): RobustnessRow[] {
  return robustnessStudy(packages, worlds, cells, meta, failure).rows;
}

/** A value of information in words: "3.2 points of war" (one decimal; below 0.05, "under 0.1 points"). */
export function pointsOfWar(x: number): string {
  return x < 0.05 ? 'under 0.1 points of war' : `${x.toFixed(1)} points of war`;
}

/**
 * A deterministic jitter in [−0.5, 0.5) for dot `k` of row `row` of a strip plot (a hash, no
 * random source): the same data draw the same picture on every load.
 */
export function jitter(row: number, k: number): number {
  let h = (Math.imul(row + 1, 0x9e3779b1) ^ Math.imul(k + 1, 0x85ebca77)) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39) >>> 0;
  h = (h ^ (h >>> 15)) >>> 0;
  return h / 2 ** 32 - 0.5;
}
