import { trialRng } from '../math/rng';
import type { PrimFeature } from './prim';

/**
 * What is worth knowing (value of information over the plausible worlds; Raiffa and Schlaifer 1961,
 * Strong and Oakley 2013 for the partial value by binning). The worlds are equally likely; the loss
 * of package p in world w is its chance of war, pWar[p × W + w] (package-major, as RobustnessMatrix).
 *
 * - Choosing now, without knowing which world is true, the best one can do is the package with the
 *   lowest mean war over the worlds: min_p E_w[L(p, w)].
 * - Knowing the world, one would pick the best package in each: E_w[min_p L(p, w)].
 * - The expected value of perfect information is the difference, EVPI ≥ 0: the war, in points,
 *   that knowing everything would save.
 * - The partial value of one assumption θ is what knowing θ alone would save:
 *   EVPPI(θ) = min_p E[L] − E_θ[min_p E[L | θ]], with E[L | θ] estimated by binning the worlds on θ
 *   into equal-count bins (ties kept together). 0 ≤ EVPPI(θ) ≤ EVPI up to the binning's error.
 * - The binning's own noise: with few worlds a bin's best package wins partly by chance, so the
 *   estimate of an assumption that does nothing is above 0. `noiseFloor` is the mean value over
 *   random binnings (the worlds dealt into bins of the same sizes at random, a permutation null):
 *   values near it are what chance binning gives.
 *
 * Pure and deterministic.
 */

/** min_p of the mean over `worlds` (indices) of each package's row. */
function bestMean(pWar: ArrayLike<number>, P: number, W: number, worlds: ArrayLike<number>): number {
  let best = Infinity;
  for (let p = 0; p < P; p++) {
    let s = 0;
    for (let i = 0; i < worlds.length; i++) s += pWar[p * W + worlds[i]];
    best = Math.min(best, s / worlds.length);
  }
  return best;
}

const all = (W: number) => Uint32Array.from({ length: W }, (_, i) => i);

/** Expected value of perfect information, in the loss's units (0–1 for pWar). */
export function evpi(pWar: ArrayLike<number>, P: number, W: number): number {
  if (!P || !W) return 0;
  let perfect = 0;
  for (let w = 0; w < W; w++) {
    let m = Infinity;
    for (let p = 0; p < P; p++) m = Math.min(m, pWar[p * W + w]);
    perfect += m;
  }
  return Math.max(0, bestMean(pWar, P, W, all(W)) - perfect / W);
}

/**
 * Equal-count bins of `values`: world w goes to bin ⌊bins × (number of worlds with a smaller value) / W⌋,
 * so tied values share a bin. Returns each bin's worlds (empty bins dropped).
 */
export function binsOf(values: ArrayLike<number>, bins: number): number[][] {
  const W = values.length;
  const order = Array.from({ length: W }, (_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
  const out: number[][] = Array.from({ length: bins }, () => []);
  let below = 0;
  for (let i = 0; i < W; i++) {
    if (i > 0 && values[order[i]] !== values[order[i - 1]]) below = i;
    out[Math.min(bins - 1, Math.floor((bins * below) / W))].push(order[i]);
  }
  return out.filter((b) => b.length);
}

/** The value of knowing which bin a world is in, for a partition of the worlds into `groups`. */
export function valueOfPartition(pWar: ArrayLike<number>, P: number, W: number, groups: readonly (readonly number[])[]): number {
  if (!P || !W) return 0;
  let informed = 0;
  for (const g of groups) informed += (g.length / W) * bestMean(pWar, P, W, g);
  return Math.max(0, bestMean(pWar, P, W, all(W)) - informed);
}

/** Partial value of information of one assumption (its value in each world), by `bins` equal-count bins. */
export function partialEvpi(pWar: ArrayLike<number>, P: number, W: number, values: ArrayLike<number>, bins: number): number {
  return valueOfPartition(pWar, P, W, binsOf(values, bins));
}

/** The default number of bins for W worlds: about √W / 2, at least 2 (5 bins of 20 for 100 worlds). */
export function defaultBins(W: number): number {
  return Math.max(2, Math.round(Math.sqrt(W) / 2));
}

/** The permutation null of the binned estimate: its mean over `repeats` random deals of the worlds into bins of the sizes given. */
export function binningNoiseFloor(pWar: ArrayLike<number>, P: number, W: number, sizes: readonly number[], repeats = 20, seed = 'voi-null'): number {
  let s = 0;
  for (let r = 0; r < repeats; r++) {
    const rng = trialRng(seed, r);
    const perm = Array.from({ length: W }, (_, i) => i);
    for (let i = W - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    const groups: number[][] = [];
    let at = 0;
    for (const n of sizes) {
      groups.push(perm.slice(at, at + n));
      at += n;
    }
    s += valueOfPartition(pWar, P, W, groups);
  }
  return repeats ? s / repeats : 0;
}

/** The study's value of information, in percentage points of war (the JSON's and the page's unit). */
export interface ValueOfInformation {
  /** EVPI, in points of war. */
  total: number;
  /** Each assumption (and decisionNoise), largest value first (ties: the features' order), in points. */
  byAssumption: { key: string; label: string; value: number }[];
  /** Bins per assumption, and the binning's noise floor in points (see the module comment). */
  bins: number;
  noiseFloor: number;
  unit: 'points';
}

/** EVPI and each feature's partial value over a package-major pWar matrix, in points (×100). */
export function valueOfInformation(
  pWar: ArrayLike<number>,
  P: number,
  W: number,
  features: readonly Pick<PrimFeature, 'key' | 'label' | 'values'>[],
  bins = defaultBins(W),
): ValueOfInformation {
  const pts = (x: number) => 100 * x;
  const byAssumption = features
    .map((f, i) => ({ key: f.key, label: f.label, value: pts(partialEvpi(pWar, P, W, f.values, bins)), i }))
    .sort((a, b) => b.value - a.value || a.i - b.i)
    .map(({ key, label, value }) => ({ key, label, value }));
  const sizes = Array.from({ length: bins }, (_, b) => Math.floor(((b + 1) * W) / bins) - Math.floor((b * W) / bins)).filter((n) => n > 0);
  return { total: pts(evpi(pWar, P, W)), byAssumption, bins, noiseFloor: pts(binningNoiseFloor(pWar, P, W, sizes)), unit: 'points' };
}
