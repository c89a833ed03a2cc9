/**
 * PRIM, the patient rule induction method (Friedman and Fisher, "Bump hunting in high-dimensional
 * data", Statistics and Computing 9, 1999), as used for scenario discovery in robust decision making
 * (Bryant and Lempert 2010; the EMA workbench's `prim`). Deterministic and pure: no randomness.
 *
 * Given points with numeric features and a boolean outcome, it looks for a box (a conjunction of
 * `lo ≤ feature ≤ hi` conditions) where the outcome is much more common than overall:
 * - coverage = positives inside the box / all positives (how many of the cases it explains),
 * - density  = positives inside the box / points inside the box (how pure it is),
 * - support  = points inside the box / all points (how big it is).
 *
 * Peeling: from the box holding everything, each step considers, for every feature and both ends,
 * removing the `alpha` share of the box's points with the lowest (or highest) values, and takes the
 * peel with the largest gain in density per point removed (Friedman and Fisher's criterion, which the
 * EMA workbench calls "lenient1"; when every peel removes the same `alpha` share, as for continuous
 * draws, this is simply the peel that most increases density). Ties between values are never split:
 * a peel removes values strictly beyond a cut, or a whole tied block (e.g. one level of a 5-level
 * draw) when the cut falls inside it. Peeling stops when no peel raises the density or the next box
 * would hold fewer than `minSupport` of all points.
 *
 * Choice of box on the trajectory: the densest box whose coverage is at least `minCoverage` (ties:
 * the larger one). The whole trajectory is returned so a page can offer the trade-off instead.
 *
 * Pasting (optional, on by default): from the chosen box, repeatedly widen the one bound that adds
 * about `pasteAlpha` of the box's points and most increases density, while any does (a paste that
 * leaves density exactly unchanged but adds positives is taken too: coverage at no cost).
 *
 * Cost: each feature is sorted once (O(n log n)); a peel step walks each feature's points from its
 * current ends, O(n · features) at worst; 20,000 points and 7 features take a few tens of ms.
 */

import { argsort } from '../math/rankCorrelation';
import { paste } from './primPaste';

export interface PrimFeature {
  /** Machine name (e.g. `resolve`, `usCredibilityTerm1`). */
  key: string;
  /** Human label used in the readable conditions. */
  label: string;
  values: ArrayLike<number>;
  /** How to print a bound of this feature (default: two decimals). */
  format?: (x: number) => string;
}

export interface PrimOptions {
  /** Share of the box's points removed per peel, 0 < alpha < 1 (default 0.05). */
  alpha?: number;
  /** Smallest box, as a share of all points (default 0.05). */
  minSupport?: number;
  /** Smallest coverage of the chosen box (default 0.5). */
  minCoverage?: number;
  /** Widen the chosen box where that raises density (default true). */
  paste?: boolean;
  /** Share of the box's points added per paste (default 0.01). */
  pasteAlpha?: number;
}

/** One restricted feature of a box: `lo ≤ value ≤ hi` (null: no bound on that side). */
export interface PrimLimit {
  key: string;
  label: string;
  lo: number | null;
  hi: number | null;
  /** Readable condition, e.g. "resolve ≥ 0.83". */
  text: string;
}

export interface PrimBox {
  /** Points in the box, and positives among them. */
  count: number;
  positives: number;
  /** All shares 0–1: see the module comment. */
  support: number;
  coverage: number;
  density: number;
  /** Restricted features only, in feature order. */
  limits: PrimLimit[];
  /** The limits joined with " and " ("all trials" when there are none). */
  conditions: string;
}

export interface PrimStep extends PrimBox {
  /** The peel that led here (null for the first box, which holds everything). */
  peeled: { key: string; side: 'lower' | 'upper' } | null;
}

export interface PrimResult {
  /** Points and positives overall, and the overall density (the base rate). */
  n: number;
  positives: number;
  baseDensity: number;
  options: Required<PrimOptions>;
  /** Peeling trajectory: box 0 holds everything; each next box is one peel smaller. */
  trajectory: PrimStep[];
  /** Index in the trajectory of the chosen box (before pasting). */
  chosen: number;
  /** The chosen box after pasting (equal to trajectory[chosen] when pasting is off or adds nothing). */
  box: PrimBox;
}

const DEFAULTS: Required<PrimOptions> = { alpha: 0.05, minSupport: 0.05, minCoverage: 0.5, paste: true, pasteAlpha: 0.01 };

const fmt2 = (x: number) => x.toFixed(2);

/** Which end of a feature a peel or paste moves: 0 the lower bound, 1 the upper. */
export type Side = 0 | 1;

/** Step along a sorted order that moves from this side's end toward the middle. */
const inwardStep = (side: Side): 1 | -1 => (side === 0 ? 1 : -1);

/** Is `value` beyond `bound` on this side (below a lower bound, above an upper one)? */
const beyond = (value: number, bound: number, side: Side): boolean => (side === 0 ? value < bound : value > bound);

/** Check PRIM's options; returns the problems (empty when fine). */
export function primOptionErrors(options: PrimOptions): string[] {
  const o = { ...DEFAULTS, ...options };
  const errors: string[] = [];
  const open01 = (name: string, x: number) => {
    if (!(x > 0 && x < 1)) errors.push(`${name} must lie strictly between 0 and 1 (got ${x})`);
  };
  open01('alpha', o.alpha);
  open01('minSupport', o.minSupport);
  open01('pasteAlpha', o.pasteAlpha);
  if (!(o.minCoverage >= 0 && o.minCoverage <= 1)) errors.push(`minCoverage must lie in [0, 1] (got ${o.minCoverage})`);
  return errors;
}

/** The readable condition for one feature's bounds. */
export function limitText(label: string, lo: number | null, hi: number | null, format: (x: number) => string = fmt2): string {
  if (lo !== null && hi !== null) return lo === hi ? `${label} = ${format(lo)}` : `${format(lo)} ≤ ${label} ≤ ${format(hi)}`;
  if (lo !== null) return `${label} ≥ ${format(lo)}`;
  if (hi !== null) return `${label} ≤ ${format(hi)}`;
  return `${label}: any`;
}

/**
 * Run PRIM on `features` (each with one value per point) and a boolean `outcome` per point.
 * Throws a RangeError on mismatched lengths or invalid options (programming errors, not user input).
 * `orders`, if given, must be `argsort(feature.values)` for each feature.
 */
export function prim(
  features: readonly PrimFeature[],
  outcome: ArrayLike<number | boolean>,
  options: PrimOptions = {},
  /** Optional precomputed argsort of each feature (to share sorting between runs on the same features). */
  orders?: readonly Uint32Array[],
): PrimResult {
  const bad = primOptionErrors(options);
  if (bad.length) throw new RangeError(`prim: ${bad.join('; ')}`);
  const opt = { ...DEFAULTS, ...options };
  const n = outcome.length;
  const d = features.length;
  for (const f of features) {
    if (f.values.length !== n) throw new RangeError(`prim: feature ${f.key} has ${f.values.length} values for ${n} outcomes`);
  }
  const y = new Uint8Array(n);
  let positives = 0;
  for (let i = 0; i < n; i++) {
    y[i] = outcome[i] ? 1 : 0;
    positives += y[i];
  }
  const x = features.map((f) => Float64Array.from(f.values));
  // Sort once per feature; every later step walks these orders.
  const order = orders ?? x.map((v) => argsort(v));
  const fmin = x.map((v, k) => (n ? v[order[k][0]] : NaN));
  const fmax = x.map((v, k) => (n ? v[order[k][n - 1]] : NaN));
  const lo = new Float64Array(d).fill(-Infinity);
  const hi = new Float64Array(d).fill(Infinity);
  const inBox = new Uint8Array(n).fill(1);
  let count = n;
  let pos = positives;
  // Positions in each order before/after which every point is outside the box on that feature.
  const lowPtr = new Uint32Array(d);
  const highPtr = new Uint32Array(d).fill(n); // exclusive
  const minCount = Math.max(1, Math.ceil(opt.minSupport * n));
  // A peel walks one feature's order from one end of the box inward: from the lowest value up
  // (side 0) or from the highest down (side 1); `pastInward` is the position where the walk ends.
  const innermost = (k: number, side: Side) => (side === 0 ? lowPtr[k] : highPtr[k] - 1);
  const pastInward = (k: number, side: Side) => (side === 0 ? highPtr[k] : lowPtr[k] - 1);

  const snapshot = (peeled: PrimStep['peeled']): PrimStep => ({ ...describe(lo, hi, count, pos), peeled });
  const describe = (l: Float64Array, h: Float64Array, c: number, p: number): PrimBox => {
    const limits: PrimLimit[] = [];
    for (let k = 0; k < d; k++) {
      const a = l[k] === -Infinity ? null : l[k];
      const b = h[k] === Infinity ? null : h[k];
      if (a === null && b === null) continue;
      const f = features[k];
      // A one-sided bound that sits on the data's other extreme pins a single value ("level = 0").
      const pinned = (a === null && b === fmin[k]) || (b === null && a === fmax[k]) ? (a ?? b) : null;
      const text = pinned !== null ? `${f.label} = ${(f.format ?? fmt2)(pinned)}` : limitText(f.label, a, b, f.format);
      limits.push({ key: f.key, label: f.label, lo: a, hi: b, text });
    }
    return {
      count: c,
      positives: p,
      support: n ? c / n : 0,
      coverage: positives ? p / positives : 0,
      density: c ? p / c : 0,
      limits,
      conditions: limits.length ? limits.map((l) => l.text).join(' and ') : 'all trials',
    };
  };

  /**
   * The peel of feature k on one side: the new bound and the points and positives it removes,
   * or null if it would empty the box. Never splits a tied block of values.
   */
  const candidate = (k: number, side: Side): { bound: number; removed: number; removedPos: number } | null => {
    const o = order[k];
    const v = x[k];
    const want = Math.max(1, Math.ceil(opt.alpha * count));
    const step = inwardStep(side);
    const start = innermost(k, side);
    const end = pastInward(k, side);
    let p = start;
    // Find the in-box value at rank `want` from this end (0-based): the cut.
    let seen = 0;
    let cut = NaN;
    for (; p !== end; p += step) {
      const i = o[p];
      if (!inBox[i]) continue;
      if (seen === want) {
        cut = v[i];
        break;
      }
      seen++;
    }
    if (Number.isNaN(cut)) return null; // fewer than want + 1 points: peeling would empty the box
    // Remove values strictly beyond the cut; if that removes nothing (the cut sits in a tied block
    // reaching the end), remove the whole block instead.
    let removed = 0;
    let removedPos = 0;
    let q = start;
    for (; q !== end; q += step) {
      const i = o[q];
      if (!beyond(v[i], cut, side)) break;
      if (inBox[i]) {
        removed++;
        removedPos += y[i];
      }
    }
    if (removed > 0) return { bound: cut, removed, removedPos };
    let next = NaN;
    for (; q !== end; q += step) {
      const i = o[q];
      if (v[i] !== cut) {
        if (inBox[i]) {
          next = v[i];
          break;
        }
        continue;
      }
      if (inBox[i]) {
        removed++;
        removedPos += y[i];
      }
    }
    if (Number.isNaN(next) || removed >= count) return null;
    return { bound: next, removed, removedPos };
  };

  const trajectory: PrimStep[] = [snapshot(null)];
  for (;;) {
    const density = pos / count;
    let best: { k: number; side: Side; bound: number; removed: number; removedPos: number; score: number } | null = null;
    for (let k = 0; k < d; k++) {
      for (const side of [0, 1] as const) {
        const c = candidate(k, side);
        if (!c || count - c.removed < minCount) continue;
        const newDensity = (pos - c.removedPos) / (count - c.removed);
        const score = (newDensity - density) / (c.removed / n);
        if (newDensity > density && (!best || score > best.score)) best = { k, side, ...c, score };
      }
    }
    if (!best) break;
    // Apply the peel: mark the removed points, move the bound and the walk pointer.
    const { k, side, bound } = best;
    const o = order[k];
    const v = x[k];
    const step = inwardStep(side);
    const end = pastInward(k, side);
    let p = innermost(k, side);
    for (; p !== end && beyond(v[o[p]], bound, side); p += step) {
      const i = o[p];
      if (inBox[i]) {
        inBox[i] = 0;
        count--;
        pos -= y[i];
      }
    }
    // The walk stops on the first point kept: it becomes this end's first position.
    if (side === 0) {
      lowPtr[k] = p;
      lo[k] = bound;
    } else {
      highPtr[k] = p + 1;
      hi[k] = bound;
    }
    trajectory.push(snapshot({ key: features[k].key, side: side === 0 ? 'lower' : 'upper' }));
  }

  // The densest box with enough coverage (the first box always qualifies: coverage 1).
  let chosen = 0;
  for (let s = 1; s < trajectory.length; s++) {
    const t = trajectory[s];
    if (t.coverage >= opt.minCoverage && t.density > trajectory[chosen].density) chosen = s;
  }
  const chosenStep = trajectory[chosen];
  const { peeled: _peeled, ...chosenBox } = chosenStep;
  void _peeled;
  if (!opt.paste || chosen === 0) return { n, positives, baseDensity: n ? positives / n : 0, options: opt, trajectory, chosen, box: chosenBox };
  const box = paste(x, order, y, features, chosenStep, opt.pasteAlpha, describe);
  return { n, positives, baseDensity: n ? positives / n : 0, options: opt, trajectory, chosen, box };
}

/**
 * Which points fall inside a box (1) or not (0), from its limits: e.g. to highlight a box's trials
 * on a chart. Features not named by a limit are unrestricted.
 */
export function boxMembers(features: readonly PrimFeature[], limits: readonly PrimLimit[]): Uint8Array {
  const n = features.length ? features[0].values.length : 0;
  const out = new Uint8Array(n).fill(1);
  for (const l of limits) {
    const f = features.find((g) => g.key === l.key);
    if (!f) throw new RangeError(`boxMembers: no feature ${l.key}`);
    const lo = l.lo ?? -Infinity;
    const hi = l.hi ?? Infinity;
    for (let i = 0; i < n; i++) if (f.values[i] < lo || f.values[i] > hi) out[i] = 0;
  }
  return out;
}
