import { csvFormatRows } from 'd3-dsv';
import type { Levers } from '../levers';
import { ASSUMPTIONS, type AssumptionKey } from '../model/assumptions';
import { WORLD_DECISION_NOISE, WORLD_KEYS, type World } from '../model/world';
import { safeCsvText } from '../io/csv';
import { ENGINE_VERSION } from '../version';
import { argsort, spearman } from '../math/rankCorrelation';
import { prim, type PrimFeature, type PrimOptions } from './prim';
import { runInWorld, worldSpread, type WorldCell, type WorldSpread } from './worlds';

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
 *   outcome "this package fails" (see FailureRule).
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

/**
 * When a package "fails" in a world, for "which assumptions decide":
 * - `above-median` (default): its pWar is strictly above its own median over the worlds, so about
 *   half the worlds fail for every package and PRIM asks where this package does worse than usual;
 * - `above`: its pWar is strictly above `threshold` (0–1), an absolute bar (e.g. 0.2).
 */
export type FailureRule = { kind: 'above-median' } | { kind: 'above'; threshold: number };

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

/** One bound of a box over the worlds: `lo ≤ value ≤ hi` (null: unbounded on that side). */
export interface DecidingLimit {
  /** An assumption key, or 'decisionNoise'. */
  key: string;
  label: string;
  lo: number | null;
  hi: number | null;
  /** e.g. "peace base value (peaceBaseValue) is at most 0.21". */
  text: string;
}

/** "Which assumptions decide" for one package: the PRIM box of the worlds where it fails. */
export interface Decides {
  id: string;
  title: string;
  /** The pWar above which it fails (its median, or the absolute threshold). */
  threshold: number;
  /** Worlds where it fails, of all worlds. */
  failures: number;
  worlds: number;
  /** The box (null when it never fails, always fails, or no peel concentrates its failures). */
  box: {
    limits: DecidingLimit[];
    /** Worlds in the box, and failures among them. */
    count: number;
    positives: number;
    /** Failures in the box / all failures. */
    coverage: number;
    /** Failures in the box / worlds in the box. */
    density: number;
    /** Worlds in the box / all worlds. */
    support: number;
  } | null;
  /** The box in words, e.g. "Full package fails where … (…)." */
  sentence: string;
}

export interface RobustnessResult {
  seed: string;
  trials: number;
  worlds: number;
  failure: FailureRule;
  packages: PackageRobustness[];
  decides: Decides[];
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

/** A bound as text: 3 significant digits; whole thousands grouped (35,000). */
export function formatBound(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) >= 1000) return x.toLocaleString('en-GB');
  if (Math.abs(x) >= 1000) return Math.round(x).toLocaleString('en-GB');
  return String(Number(x.toPrecision(3)));
}

/** An assumption's label shortened for a sentence: up to its first colon, without a closing parenthesis. */
export function shortLabel(label: string): string {
  return label.split(': ')[0].replace(/\s*\([^()]*\)\s*$/, '');
}

/** The PRIM features of the worlds: decisionNoise, then each key (in the order given). */
export function worldFeatures(worlds: readonly World[], keys: readonly AssumptionKey[] = WORLD_KEYS): PrimFeature[] {
  const features: PrimFeature[] = [
    { key: 'decisionNoise', label: shortLabel(WORLD_DECISION_NOISE.label), values: Float64Array.from(worlds, (w) => w.decisionNoise), format: formatBound },
  ];
  for (const k of keys) {
    features.push({ key: k, label: shortLabel(ASSUMPTIONS[k].label), values: Float64Array.from(worlds, (w) => w.assumptions[k]), format: formatBound });
  }
  return features;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function limitWords(label: string, key: string, lo: number | null, hi: number | null): string {
  const name = `${label} (${key})`;
  if (lo !== null && hi !== null) return lo === hi ? `${name} is ${formatBound(lo)}` : `${name} is between ${formatBound(lo)} and ${formatBound(hi)}`;
  if (lo !== null) return `${name} is at least ${formatBound(lo)}`;
  return `${name} is at most ${formatBound(hi as number)}`;
}

/** At most this many world parameters are offered to PRIM for one package (see decidesFor). */
export const MAX_DECIDING = 3;

/**
 * Indices of the `n` features whose Spearman rank correlation with `y` is largest in absolute value
 * (ties: the earlier feature), in the features' own order. A constant feature counts as 0.
 */
export function decidingFeatures(features: readonly PrimFeature[], y: ArrayLike<number>, n: number): number[] {
  const score = features.map((f, i) => {
    const r = spearman(f.values, y);
    return { i, r: Number.isFinite(r) ? Math.abs(r) : 0 };
  });
  score.sort((a, b) => b.r - a.r || a.i - b.i);
  return score
    .slice(0, n)
    .map((x) => x.i)
    .sort((a, b) => a - b);
}

/** PRIM over the worlds for one package's pWar row: where it fails. */
export function decidesFor(
  pkg: Pick<RobustnessPackage, 'id' | 'title'>,
  pWar: ArrayLike<number>,
  features: readonly PrimFeature[],
  failure: FailureRule,
  options: PrimOptions = {},
  orders?: readonly Uint32Array[],
): Decides {
  const W = pWar.length;
  const threshold = failure.kind === 'above' ? failure.threshold : worldSpread(pWar).median;
  const fails = Uint8Array.from({ length: W }, (_, w) => (pWar[w] > threshold ? 1 : 0));
  const failures = fails.reduce((s, f) => s + f, 0);
  const bar = failure.kind === 'above' ? `war above ${pct(threshold)}` : `war above its median over the worlds, ${pct(threshold)}`;
  const base = { id: pkg.id, title: pkg.title, threshold, failures, worlds: W };
  if (failures === 0) return { ...base, box: null, sentence: `${pkg.title} never fails (${bar}) in any of the ${W} worlds.` };
  if (failures === W) return { ...base, box: null, sentence: `${pkg.title} fails (${bar}) in every one of the ${W} worlds.` };
  // With ~50 world parameters and ~100 worlds, PRIM on all of them peels a box of a dozen
  // conditions that fits noise. Like the EMA workbench's limit on restricted dimensions, it runs on
  // the few parameters whose rank correlation with this package's pWar is largest, so the answer
  // reads "fails where A is below x and B above y".
  const keep = decidingFeatures(features, pWar, MAX_DECIDING);
  const r = prim(keep.map((i) => features[i]), fails, options, orders ? keep.map((i) => orders[i]) : undefined);
  if (r.box.limits.length === 0) {
    return { ...base, box: null, sentence: `${pkg.title} fails (${bar}) in ${failures} of ${W} worlds, with no box of assumptions where its failures concentrate.` };
  }
  const limits = r.box.limits.map((l) => ({ key: l.key, label: l.label, lo: l.lo, hi: l.hi, text: limitWords(l.label, l.key, l.lo, l.hi) }));
  const b = r.box;
  return {
    ...base,
    box: { limits, count: b.count, positives: b.positives, coverage: b.coverage, density: b.density, support: b.support },
    sentence:
      `${pkg.title} fails (${bar}) where ${limits.map((l) => l.text).join(' and ')}: ` +
      `${b.positives} of the ${b.count} worlds there fail (density ${pct(b.density)}), ${pct(b.coverage)} of its ${failures} failures (coverage).`,
  };
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

/** Columns of the robustness CSV, one row per package. */
export const ROBUSTNESS_CSV_COLUMNS = [
  'id', 'title',
  'pWarMin', 'pWarP10', 'pWarMedian', 'pWarP90', 'pWarMax',
  'pResumptionMin', 'pResumptionP10', 'pResumptionMedian', 'pResumptionP90', 'pResumptionMax',
  'bestShare', 'worstWorld', 'maxRegret', 'maxRegretWorld',
  'failThreshold', 'failures', 'failsWhere', 'failCoverage', 'failDensity',
  'worlds', 'seed', 'trials', 'engineVersion',
] as const;

/** The study as CSV (RFC 4180, text cells formula-safe): one row per package, in the packages' order. */
export function robustnessCsv(r: RobustnessResult): string {
  const spread = (s: Spread) => [s.min, s.p10, s.median, s.p90, s.max].map(String);
  const rows: string[][] = [[...ROBUSTNESS_CSV_COLUMNS]];
  r.packages.forEach((p, k) => {
    const d = r.decides[k];
    rows.push([
      safeCsvText(p.id), safeCsvText(p.title),
      ...spread(p.pWar), ...spread(p.pResumption),
      String(p.bestShare), String(p.worstWorld), String(p.maxRegret), String(p.maxRegretWorld),
      String(d.threshold), String(d.failures),
      safeCsvText(d.box ? d.box.limits.map((l) => l.text).join(' and ') : ''),
      d.box ? String(d.box.coverage) : '', d.box ? String(d.box.density) : '',
      String(r.worlds), safeCsvText(r.seed), String(r.trials), ENGINE_VERSION,
    ]);
  });
  return csvFormatRows(rows) + '\n';
}
