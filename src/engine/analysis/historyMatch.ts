import { normalQuantile, trialRng } from '../math/rng';

/**
 * History matching (Craig, Goldstein, Seheult and Smith 1997; Vernon, Goldstein and Bower 2010;
 * Andrianakis et al. 2015; R's `hmer`): rule out the parts of a model's input space where it cannot
 * reproduce the evidence, in waves, and keep the whole region that is left. Generic and
 * deterministic: the inputs are named ranges, the model is any evaluator from a point to one figure
 * per anchor, the evidence is a band per anchor with a model-discrepancy term.
 *
 * Implausibility of one anchor at a point x, with band [lo, hi], discrepancy δ (how far outside the
 * band a figure may still come from a defensible model: observation error plus model discrepancy,
 * argued per anchor) and the figure's Monte Carlo standard error σ(x) (the code variance: the model
 * is a simulation, so f(x) is only known to ±σ):
 *
 *     I(x) = 0                               if lo ≤ f(x) ≤ hi
 *     I(x) = d(f(x)) / √(δ² + σ(x)²)         otherwise, d = the distance from f(x) to the band
 *
 * the Craig–Goldstein–Vernon I = |z − f(x)| / √(Var(e) + Var(δ) + Var(code)) with the observation z
 * widened to the band. A point is non-implausible at cutoff c if max over anchors of I(x) ≤ c
 * (Pukelsheim's three-sigma rule gives c = 3 for any unimodal error).
 *
 * Waves: wave 1 draws a Latin hypercube over the full ranges. Each later wave samples inside the
 * region the previous wave left non-implausible: it resamples that wave's survivors with jitter (a
 * survivor's children are drawn from a normal around it whose spread per input is `bandwidth` times
 * the survivors' standard deviation on that input, reflected into the range), the sequential Monte
 * Carlo move of approximate Bayesian computation, so the samples follow the region's own shape
 * rather than a box or a ball. The final judgement rounds the last wave's survivors (so what is
 * stored is what was judged), evaluates them at the committed trial count and keeps those whose
 * largest implausibility is within the final cutoff.
 */

/** A point of the input space: a value per named input. */
export type Point = Record<string, number>;

/** Named inclusive ranges [min, max], in a fixed key order (the order draws are taken in). */
export type Ranges = Record<string, readonly [number, number]>;

/** An anchor's band and model discrepancy δ (both in the figure's units). */
export interface MatchAnchor {
  band: readonly [number, number];
  discrepancy: number;
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
  const scale = Math.sqrt(anchor.discrepancy * anchor.discrepancy + se * se);
  return scale > 0 ? d / scale : Infinity;
}

/** The figures in both shapes as Figures. */
export function asFigures(f: number[] | Figures): Figures {
  return Array.isArray(f) ? { values: f, se: f.map(() => 0) } : f;
}

/** Implausibilities of evaluated figures, per anchor. */
export function implausibilities(anchors: readonly MatchAnchor[], f: Figures): number[] {
  return anchors.map((a, i) => implausibility(a, f.values[i], f.se[i]));
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

/** Reflect x into [lo, hi] (a jittered value that leaves the range comes back in by as much). */
export function reflect(x: number, lo: number, hi: number): number {
  if (hi <= lo) return lo;
  const w = hi - lo;
  let t = (x - lo) % (2 * w);
  if (t < 0) t += 2 * w;
  return lo + (t <= w ? t : 2 * w - t);
}

/**
 * n points resampled with jitter from `parents` (see the module comment): child i descends from
 * parent i mod |parents| (every survivor gets its share of children, in order), and each input is
 * the parent's value plus `bandwidth` × the parents' standard deviation on that input (at least
 * 1/1000 of its range; a tenth of the range when there is a single parent, which has no spread)
 * × a standard normal draw, reflected into the range. Child i draws from its
 * own stream `trialRng(`jitter/${seed}`, i)`, one normal per input in key order. Deterministic.
 */
export function jitterSample(parents: readonly Point[], ranges: Ranges, n: number, seed: string, bandwidth: number): Point[] {
  if (!parents.length) return [];
  const keys = Object.keys(ranges);
  const sd = keys.map((k) => {
    const [lo, hi] = ranges[k];
    const mean = parents.reduce((s, p) => s + p[k], 0) / parents.length;
    const v = parents.reduce((s, p) => s + (p[k] - mean) ** 2, 0) / Math.max(1, parents.length - 1);
    return parents.length < 2 ? (hi - lo) / 10 : Math.max(Math.sqrt(v), (hi - lo) / 1000);
  });
  return Array.from({ length: n }, (_, i) => {
    const parent = parents[i % parents.length];
    const rng = trialRng(`jitter/${seed}`, i);
    const child: Point = {};
    keys.forEach((k, j) => {
      const [lo, hi] = ranges[k];
      child[k] = reflect(parent[k] + bandwidth * sd[j] * normalQuantile(rng()), lo, hi);
    });
    return child;
  });
}

/** One wave's plan: how many samples, at how many trials, and the cutoff on the maximum implausibility. */
export interface WavePlan {
  samples: number;
  trials: number;
  cutoff: number;
  /** Later waves: the jitter's spread as a share of the survivors' standard deviation per input (default 0.5). */
  bandwidth?: number;
}

export interface HistoryMatchOptions {
  ranges: Ranges;
  anchors: readonly MatchAnchor[];
  /** Wave 1 (a Latin hypercube over `ranges`), then the resampling waves. */
  waves: readonly WavePlan[];
  /** The final judgement's trial count (the committed one) and cutoff (3 by default). */
  finalTrials: number;
  finalCutoff?: number;
  /** The stream of the samples (wave w draws with `${seed}/wave${w}`). */
  seed: string;
  /** Applied to every input of a final sample before it is judged (rounding, say); the identity by default. */
  round?: (key: string, value: number) => number;
  evaluate: BatchEvaluator;
  /** Told when a wave or the final judgement is done. */
  onWave?: (w: WaveResult | FinalResult) => void;
}

export interface WaveResult {
  wave: number;
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
  cutoff: number;
  /** The last wave's non-implausible samples, rounded. */
  samples: Point[];
  figures: Figures[];
  implausibility: number[][];
  /** Whether each is non-implausible at the final cutoff (the kept samples). */
  kept: boolean[];
}

export interface HistoryMatchResult {
  waves: WaveResult[];
  final: FinalResult;
  /** The kept samples, their figures and largest implausibility, in the order they were drawn. */
  kept: { x: Point; values: number[]; implausibility: number }[];
}

function judge(anchors: readonly MatchAnchor[], figures: Figures[], cutoff: number) {
  const imp = figures.map((f) => implausibilities(anchors, f));
  const maxI = imp.map((r) => Math.max(0, ...r));
  return { imp, maxI, kept: maxI.map((m) => m <= cutoff) };
}

/** Run the waves and the final judgement (see the module comment). Deterministic for a deterministic evaluator. */
export async function historyMatch(o: HistoryMatchOptions): Promise<HistoryMatchResult> {
  if (!o.waves.length) throw new RangeError('historyMatch: waves must hold at least one wave (wave 1 over the full ranges)');
  const waves: WaveResult[] = [];
  let survivors: Point[] = [];
  for (let w = 0; w < o.waves.length; w++) {
    const plan = o.waves[w];
    if (w > 0 && !survivors.length) break;
    const seed = `${o.seed}/wave${w + 1}`;
    const samples = w === 0 ? latinHypercube(o.ranges, plan.samples, seed) : jitterSample(survivors, o.ranges, plan.samples, seed, plan.bandwidth ?? 0.5);
    const figures = (await o.evaluate(samples, plan.trials)).map(asFigures);
    const { imp, maxI, kept } = judge(o.anchors, figures, plan.cutoff);
    const result: WaveResult = {
      wave: w + 1,
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
  const cutoff = o.finalCutoff ?? 3;
  const finalSamples = survivors.map((x) => Object.fromEntries(Object.entries(x).map(([k, v]) => [k, round(k, v)])) as Point);
  const finalFigures = finalSamples.length ? (await o.evaluate(finalSamples, o.finalTrials)).map(asFigures) : [];
  const j = judge(o.anchors, finalFigures, cutoff);
  const final: FinalResult = { wave: 'final', trials: o.finalTrials, cutoff, samples: finalSamples, figures: finalFigures, implausibility: j.imp, kept: j.kept };
  o.onWave?.(final);
  return {
    waves,
    final,
    kept: finalSamples.flatMap((x, i) => (final.kept[i] ? [{ x, values: finalFigures[i].values, implausibility: j.maxI[i] }] : [])),
  };
}

/** A batch evaluator from a point-by-point one (in this thread). */
export function batchOf(evaluate: Evaluator): BatchEvaluator {
  return async (xs, trials) => xs.map((x) => evaluate(x, trials));
}
