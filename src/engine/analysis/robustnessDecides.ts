import { ASSUMPTIONS, type AssumptionKey } from '../model/assumptions';
import { WORLD_DECISION_NOISE, WORLD_KEYS, type World } from '../model/world';
import { spearman } from '../math/rankCorrelation';
import { prim, type PrimFeature, type PrimOptions } from './prim';
import { worldSpread } from './worlds';

/**
 * "Which assumptions decide" (robustness.ts): for one package, PRIM over the worlds' parameters
 * with the outcome "this package fails" (FailureRule), in plain words: each limit names the
 * assumption by its label, never its key.
 */

/**
 * When a package "fails" in a world, for "which assumptions decide":
 * - `above-median` (the command line's default): its pWar is strictly above its own median over the
 *   worlds, so about half the worlds count for every package and PRIM asks where this package "does
 *   worse than usual" (the words the sentences use: it is not failing in any absolute sense);
 * - `above`: its pWar is strictly above `threshold` (0–1), an absolute, stated bar (the page's
 *   default, which the user can change): "war above 25%".
 */
export type FailureRule = { kind: 'above-median' } | { kind: 'above'; threshold: number };

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

/** A limit in words, by the assumption's label (no key: the page shows keys only in the Model view's reference table). */
function limitWords(label: string, lo: number | null, hi: number | null): string {
  const name = label;
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
  pkg: { id: string; title: string },
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
  const absolute = failure.kind === 'above';
  const bar = absolute ? `war above ${pct(threshold)}` : `war above its median over the worlds, ${pct(threshold)}`;
  /** "fails" against an absolute bar; against its own median, only "does worse than usual". */
  const fails_ = absolute ? 'fails' : 'does worse than usual';
  const base = { id: pkg.id, title: pkg.title, threshold, failures, worlds: W };
  if (failures === 0) return { ...base, box: null, sentence: absolute ? `${pkg.title} never fails (${bar}) in any of the ${W} worlds.` : `${pkg.title} has the same chance of war in every world: it never does worse than usual (${bar}).` };
  if (failures === W) return { ...base, box: null, sentence: `${pkg.title} ${fails_} (${bar}) in every one of the ${W} worlds.` };
  // With ~50 world parameters and ~100 worlds, PRIM on all of them peels a box of a dozen
  // conditions that fits noise. Like the EMA workbench's limit on restricted dimensions, it runs on
  // the few parameters whose rank correlation with this package's pWar is largest, so the answer
  // reads "fails where A is below x and B above y".
  const keep = decidingFeatures(features, pWar, MAX_DECIDING);
  const r = prim(keep.map((i) => features[i]), fails, options, orders ? keep.map((i) => orders[i]) : undefined);
  if (r.box.limits.length === 0) {
    return { ...base, box: null, sentence: `${pkg.title} ${fails_} (${bar}) in ${failures} of ${W} worlds, with no box of assumptions where those worlds concentrate.` };
  }
  const limits = r.box.limits.map((l) => ({ key: l.key, label: l.label, lo: l.lo, hi: l.hi, text: limitWords(l.label, l.lo, l.hi) }));
  const b = r.box;
  return {
    ...base,
    box: { limits, count: b.count, positives: b.positives, coverage: b.coverage, density: b.density, support: b.support },
    sentence:
      `${pkg.title} ${fails_} (${bar}) where ${limits.map((l) => l.text).join(' and ')}: ` +
      `${b.positives} of the ${b.count} worlds there do (density ${pct(b.density)}), ${pct(b.coverage)} of the ${failures} worlds where it does (coverage).`,
  };
}

