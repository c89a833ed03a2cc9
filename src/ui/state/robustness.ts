import { ASSUMPTIONS, prim, worldSpread, type AssumptionKey, type PrimFeature, type PrimLimit, type PrimResult, type World, type WorldSpread } from '../../engine';

/**
 * Robustness across the plausible worlds: several packages of levers, each run in the same worlds
 * (same seed), compared world by world. Pure: no DOM, no workers. Shares are 0–1; pWar is the share
 * of trials with war by the horizon (0–1); regret is in the same unit (a difference of shares).
 */

/** One package's pWar in each world, in the same world order for every package. */
export interface PackageWorlds {
  key: string;
  name: string;
  /** pWar (0–1) per world; index k is the k-th world of the run, for every package. */
  pWar: readonly number[];
}

/** A package's robustness figures, one row of the robustness table. */
export interface RobustnessRow {
  key: string;
  name: string;
  /** Its pWar across the worlds: min, p10, median, p90, max (type-7 quantiles). */
  spread: WorldSpread;
  /** Share of worlds (0–1) in which it has the lowest pWar; a tie of m packages gives each 1/m of that world. */
  bestShare: number;
  /** Its worst case: the largest pWar over the worlds (= spread.max). */
  worst: number;
  /** Its maximum regret: max over worlds of (its pWar − the lowest pWar of any package in that world), ≥ 0. */
  maxRegret: number;
}

function checkShape(packages: readonly PackageWorlds[]): number {
  const w = packages[0]?.pWar.length ?? 0;
  for (const p of packages) if (p.pWar.length !== w) throw new RangeError(`robustness: ${p.key} has ${p.pWar.length} worlds, expected ${w}`);
  return w;
}

/** The lowest pWar of any package in each world. */
export function bestPerWorld(packages: readonly PackageWorlds[]): number[] {
  const w = checkShape(packages);
  const out: number[] = [];
  for (let k = 0; k < w; k++) out.push(Math.min(...packages.map((p) => p.pWar[k])));
  return out;
}

/**
 * Per package, the share of worlds (0–1) in which it is best (lowest pWar). Ties are split evenly:
 * in a world where m packages share the lowest pWar, each gets 1/m, so the shares sum to 1 (for
 * at least one world and one package). Exact equality decides a tie: packages run with the same
 * seed and trials give identical shares when they behave identically.
 */
export function bestShares(packages: readonly PackageWorlds[]): number[] {
  const w = checkShape(packages);
  const best = bestPerWorld(packages);
  const credit = new Array<number>(packages.length).fill(0);
  for (let k = 0; k < w; k++) {
    const tied = packages.map((p, i) => (p.pWar[k] === best[k] ? i : -1)).filter((i) => i >= 0);
    for (const i of tied) credit[i] += 1 / tied.length;
  }
  return credit.map((c) => (w ? c / w : 0));
}

/** Per package, its maximum regret: the largest (its pWar − the best package's pWar) over the worlds (0–1, 0 when it is never beaten). */
export function maxRegrets(packages: readonly PackageWorlds[]): number[] {
  const w = checkShape(packages);
  const best = bestPerWorld(packages);
  return packages.map((p) => {
    let r = 0;
    for (let k = 0; k < w; k++) r = Math.max(r, p.pWar[k] - best[k]);
    return r;
  });
}

/** The robustness table: one row per package, sorted by median pWar (lowest first; ties keep input order). */
export function robustnessRows(packages: readonly PackageWorlds[]): RobustnessRow[] {
  const shares = bestShares(packages);
  const regrets = maxRegrets(packages);
  return packages
    .map((p, i) => {
      const spread = worldSpread(p.pWar);
      return { row: { key: p.key, name: p.name, spread, bestShare: shares[i], worst: spread.max, maxRegret: regrets[i] }, i };
    })
    .sort((a, b) => a.row.spread.median - b.row.spread.median || a.i - b.i)
    .map((x) => x.row);
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

/**
 * "The package fails" in each world: 1 where its pWar is above the median of its pWar across the
 * worlds, else 0 (so about half the worlds count as failures; a world at the median does not).
 */
export function failsAboveMedian(pWar: readonly number[]): Uint8Array {
  const median = worldSpread(pWar).median;
  return Uint8Array.from(pWar, (p) => (p > median ? 1 : 0));
}

/** Three significant figures, as the box's bounds are printed ("0.0412", "36,200", "1.25"). */
export function sig3(x: number): string {
  if (x === 0) return '0';
  const v = Number(x.toPrecision(3));
  return Math.abs(v) >= 1000 ? v.toLocaleString('en-GB') : String(v);
}

/** The world parameters as PRIM features: every key the worlds vary, then decision noise; one value per world. */
export function worldFeatures(worlds: readonly World[], keys: readonly AssumptionKey[]): PrimFeature[] {
  const features: PrimFeature[] = keys.map((k) => ({ key: k, label: ASSUMPTIONS[k].label, values: worlds.map((w) => w.assumptions[k]), format: sig3 }));
  features.push({ key: 'decisionNoise', label: 'Decision noise', values: worlds.map((w) => w.decisionNoise), format: sig3 });
  return features;
}

/** One box condition in words: "<label> is below x", "… above x", "… between x and y". */
export function limitWords(l: Pick<PrimLimit, 'label' | 'lo' | 'hi'>): string {
  // Labels start with a capital ("Russia's offensive capacity…"), some of them names: kept as they are.
  const label = l.label;
  if (l.lo !== null && l.hi !== null) return `${label} is between ${sig3(l.lo)} and ${sig3(l.hi)}`;
  if (l.lo !== null) return `${label} is above ${sig3(l.lo)}`;
  if (l.hi !== null) return `${label} is below ${sig3(l.hi)}`;
  return `${label} is anything`;
}

/** "fails where A is below x and B is above y" (or "no set of assumptions stands out"). */
export function boxWords(limits: readonly Pick<PrimLimit, 'label' | 'lo' | 'hi'>[]): string {
  if (!limits.length) return 'no range of the assumptions stands out: failures are spread across the worlds';
  return `fails where ${limits.map(limitWords).join(' and ')}`;
}

/** Which assumptions decide whether `pWar` (one package, per world) is above its median: PRIM over the world parameters. */
export function whichAssumptionsDecide(worlds: readonly World[], keys: readonly AssumptionKey[], pWar: readonly number[]): { prim: PrimResult; words: string } {
  if (worlds.length !== pWar.length) throw new RangeError(`whichAssumptionsDecide: ${worlds.length} worlds, ${pWar.length} values`);
  const result = prim(worldFeatures(worlds, keys), failsAboveMedian(pWar), { alpha: 0.1, minSupport: 0.1 });
  return { prim: result, words: boxWords(result.box.limits) };
}

