import { trialRng } from '../math/rng';

/**
 * History matching (Craig, Goldstein, Seheult and Smith 1997; Vernon, Goldstein and Bower 2010):
 * rule out the parts of a model's input space where it cannot reproduce the evidence, in waves,
 * and keep what is left. Generic and deterministic: the inputs are named ranges, the model is any
 * evaluator from a point to one figure per anchor, the evidence is a band per anchor.
 *
 * Implausibility of one anchor at a point x, with band [lo, hi], tolerance τ (how far outside the
 * band a figure may still come from a defensible model: the band's own slack, playing the part of
 * observation error plus model discrepancy) and the figure's Monte Carlo standard error σ(x) (the
 * code variance: the model is a simulation, so f(x) is only known to ±σ):
 *
 *     I(x) = 0                               if lo ≤ f(x) ≤ hi
 *     I(x) = d(f(x)) / √(τ² + σ(x)²)         otherwise, d = the distance from f(x) to the band
 *
 * the Craig–Goldstein–Vernon I = |z − f(x)| / √(Var(e) + Var(code)) with the observation z widened
 * to the band. A point is non-implausible at cutoff c if max over anchors of I(x) ≤ c (Pukelsheim's
 * three-sigma rule gives c = 3 for any unimodal error).
 *
 * Waves: wave 1 draws a Latin hypercube over the full ranges and evaluates it cheaply (few trials,
 * so σ is larger and the cutoff tolerant); each later wave draws a Latin hypercube over the box
 * spanned by the previous wave's non-implausible samples (optionally widened by a margin). The
 * final judgement rounds the last wave's non-implausible samples (so what is stored is what was
 * judged), evaluates them at the committed trial count and keeps those in which every anchor lies
 * in its band (I = 0: the cutoff is for screening, the kept set for use).
 */

/** A point of the input space: a value per named input. */
export type Point = Record<string, number>;

/** Named inclusive ranges [min, max], in a fixed key order (the order draws are taken in). */
export type Ranges = Record<string, readonly [number, number]>;

/** An anchor's band and tolerance (both in the figure's units). */
export interface MatchAnchor {
  band: readonly [number, number];
  tolerance: number;
}

/** The figures at one point: one per anchor, with their Monte Carlo standard errors (0 if exact). */
export interface Figures {
  values: number[];
  se: number[];
}

/** A model: the figures at a point, run at `trials` trials (a deterministic model may ignore it). */
export type Evaluator = (x: Point, trials: number) => number[] | Figures;

/** A model evaluating many points at once (over worker threads, say); results in the points' order. */
export type BatchEvaluator = (xs: Point[], trials: number) => Promise<(number[] | Figures)[]>;

/** Implausibility of one figure against one anchor (see the module comment). */
export function implausibility(anchor: MatchAnchor, value: number, se = 0): number {
  if (Number.isNaN(value)) return Infinity;
  const [lo, hi] = anchor.band;
  const d = value < lo ? lo - value : value > hi ? value - hi : 0;
  if (d === 0) return 0;
  return d / Math.sqrt(anchor.tolerance * anchor.tolerance + se * se);
}

/** The figures in both shapes as Figures. */
export function asFigures(f: number[] | Figures): Figures {
  return Array.isArray(f) ? { values: f, se: f.map(() => 0) } : f;
}

/**
 * A Latin hypercube of n points over `ranges`: each range is cut into n equal strata and each
 * stratum of each input holds exactly one point, at a uniform position inside it. Deterministic:
 * input k (in key order) draws from its own stream `trialRng(`lhs/${seed}`, k)`, first a shuffle
 * (Fisher–Yates) of the strata, then the positions, so one input's values do not depend on the others.
 * A degenerate range (min = max) gives its one value.
 */
export function latinHypercube(ranges: Ranges, n: number, seed: string): Point[] {
  const points: Point[] = Array.from({ length: n }, () => ({}));
  Object.entries(ranges).forEach(([key, [lo, hi]], k) => {
    const rng = trialRng(`lhs/${seed}`, k);
    const strata = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [strata[i], strata[j]] = [strata[j], strata[i]];
    }
    for (let i = 0; i < n; i++) points[i][key] = hi > lo ? lo + ((strata[i] + rng()) / n) * (hi - lo) : lo;
  });
  return points;
}

/**
 * The box spanned by `points`, each side widened by `margin` times its width over `n` (one stratum
 * of the Latin hypercube the points came from, when margin = 1), clipped to `within`.
 */
export function spannedBox(points: readonly Point[], within: Ranges, margin = 0, n = points.length): Ranges {
  const box: Record<string, [number, number]> = {};
  for (const [key, [lo0, hi0]] of Object.entries(within)) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const p of points) {
      lo = Math.min(lo, p[key]);
      hi = Math.max(hi, p[key]);
    }
    const pad = (margin * (hi0 - lo0)) / Math.max(1, n);
    box[key] = [Math.max(lo0, lo - pad), Math.min(hi0, hi + pad)];
  }
  return box;
}

/** One wave's plan: how many samples, at how many trials, and the cutoff on the maximum implausibility. */
export interface WavePlan {
  samples: number;
  trials: number;
  cutoff: number;
  /**
   * Refocus: draw this wave around `center` (HistoryMatchOptions) instead of over the box the last
   * wave's survivors span: each input from center − focus × (center − min) to center + focus ×
   * (max − center). For when the non-implausible region is too small for a box of survivors to find
   * in many dimensions (the survivors of a full-range wave span nearly the full box).
   */
  focus?: number;
}

/** The box around `center` reaching `focus` (0–1) of the way to each end of `ranges`. */
export function focusBox(ranges: Ranges, center: Point, focus: number): Ranges {
  const box: Record<string, [number, number]> = {};
  for (const [key, [lo, hi]] of Object.entries(ranges)) {
    const c = Math.min(hi, Math.max(lo, center[key]));
    box[key] = [c - focus * (c - lo), c + focus * (hi - c)];
  }
  return box;
}

export interface HistoryMatchOptions {
  ranges: Ranges;
  anchors: readonly MatchAnchor[];
  waves: readonly WavePlan[];
  /** The final judgement's trial count (the committed one). */
  finalTrials: number;
  /** The stream of the Latin hypercubes (wave w draws with `${seed}/wave${w}`). */
  seed: string;
  /** Applied to every input of a final sample before it is judged (rounding, say); the identity by default. */
  round?: (key: string, value: number) => number;
  /** The point a refocusing wave (WavePlan.focus) draws around: the calibrated values, say. */
  center?: Point;
  /** Widen each later wave's box by this many strata of the previous wave on each side (default 0). */
  margin?: number;
  evaluate: BatchEvaluator;
  /** Told when a wave or the final judgement is done. */
  onWave?: (w: WaveResult | FinalResult) => void;
}

export interface WaveResult {
  wave: number;
  box: Ranges;
  trials: number;
  cutoff: number;
  samples: Point[];
  figures: Figures[];
  /** implausibility[i][a]: sample i, anchor a. */
  implausibility: number[][];
  /** The maximum over anchors, per sample. */
  maxImplausibility: number[];
  /** Whether each sample is non-implausible (max ≤ cutoff). */
  kept: boolean[];
  /** Whether every anchor is in its band at this wave's trials. */
  inBand: boolean[];
}

export interface FinalResult {
  wave: 'final';
  trials: number;
  /** The last wave's non-implausible samples, rounded. */
  samples: Point[];
  figures: Figures[];
  implausibility: number[][];
  /** Whether every anchor is in its band (the kept samples). */
  kept: boolean[];
}

export interface HistoryMatchResult {
  waves: WaveResult[];
  final: FinalResult;
  /** The kept samples and their figures, in the order they were drawn. */
  kept: { x: Point; values: number[] }[];
}

/** Implausibilities of evaluated figures, per anchor. */
export function implausibilities(anchors: readonly MatchAnchor[], f: Figures): number[] {
  return anchors.map((a, i) => implausibility(a, f.values[i], f.se[i]));
}

/** Run the waves and the final judgement (see the module comment). Deterministic for a deterministic evaluator. */
export async function historyMatch(o: HistoryMatchOptions): Promise<HistoryMatchResult> {
  const waves: WaveResult[] = [];
  let box: Ranges = o.ranges;
  let survivors: Point[] = [];
  for (let w = 0; w < o.waves.length; w++) {
    const plan = o.waves[w];
    if (plan.focus !== undefined) {
      if (!o.center) throw new RangeError('historyMatch: a refocusing wave needs a center');
      box = focusBox(o.ranges, o.center, plan.focus);
    } else if (w > 0) {
      if (!survivors.length) break;
      box = spannedBox(survivors, box, o.margin ?? 0, o.waves[w - 1].samples);
    }
    const samples = latinHypercube(box, plan.samples, `${o.seed}/wave${w + 1}`);
    const figures = (await o.evaluate(samples, plan.trials)).map(asFigures);
    const imp = figures.map((f) => implausibilities(o.anchors, f));
    const maxI = imp.map((r) => Math.max(0, ...r));
    const kept = maxI.map((m) => m <= plan.cutoff);
    const result: WaveResult = {
      wave: w + 1,
      box,
      trials: plan.trials,
      cutoff: plan.cutoff,
      samples,
      figures,
      implausibility: imp,
      maxImplausibility: maxI,
      kept,
      inBand: maxI.map((m) => m === 0),
    };
    waves.push(result);
    o.onWave?.(result);
    survivors = samples.filter((_, i) => kept[i]);
  }
  const round = o.round ?? ((_k: string, v: number) => v);
  const finalSamples = survivors.map((x) => Object.fromEntries(Object.entries(x).map(([k, v]) => [k, round(k, v)])) as Point);
  const finalFigures = finalSamples.length ? (await o.evaluate(finalSamples, o.finalTrials)).map(asFigures) : [];
  const finalImp = finalFigures.map((f) => implausibilities(o.anchors, f));
  const final: FinalResult = {
    wave: 'final',
    trials: o.finalTrials,
    samples: finalSamples,
    figures: finalFigures,
    implausibility: finalImp,
    kept: finalImp.map((r) => r.every((i) => i === 0)),
  };
  o.onWave?.(final);
  return {
    waves,
    final,
    kept: finalSamples.flatMap((x, i) => (final.kept[i] ? [{ x, values: finalFigures[i].values }] : [])),
  };
}

/** A batch evaluator from a point-by-point one (in this thread). */
export function batchOf(evaluate: Evaluator): BatchEvaluator {
  return async (xs, trials) => xs.map((x) => evaluate(x, trials));
}
