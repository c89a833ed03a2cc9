import { quantileSorted } from '../math/stats';
import type { Point, Ranges, WaveResult } from './historyMatch';

/**
 * What history matching learned, in three reports (docs/calibration.md prints them): each anchor's
 * power to rule samples out, each input's span across the kept points as a share of its range, and
 * which inputs the evidence pins down and which it leaves open. Pure functions of a wave's result
 * or of the kept points.
 */

/** One anchor's power over a wave's samples. */
export interface AnchorPower {
  /** Share of the samples whose implausibility on this anchor exceeds the wave's cutoff. */
  ruledOut: number;
  /** Share ruled out by this anchor and by no other (what would be lost without it). */
  ruledOutAlone: number;
  /** Share out of its band (implausibility above 0). */
  outOfBand: number;
  median: number;
  p90: number;
  max: number;
}

/** Each anchor's power over one wave (wave 1, over the full ranges, is the fair test). */
export function anchorPower(w: Pick<WaveResult, 'implausibility' | 'cutoff'>): AnchorPower[] {
  const n = w.implausibility.length;
  const A = w.implausibility[0]?.length ?? 0;
  const out = (i: number, a: number) => w.implausibility[i][a] > w.cutoff;
  return Array.from({ length: A }, (_, a) => {
    const col = w.implausibility.map((r) => r[a]).sort((x, y) => x - y);
    let alone = 0;
    for (let i = 0; i < n; i++) if (out(i, a) && w.implausibility[i].every((_, b) => b === a || !out(i, b))) alone++;
    return {
      ruledOut: n ? col.filter((v) => v > w.cutoff).length / n : 0,
      ruledOutAlone: n ? alone / n : 0,
      outOfBand: n ? col.filter((v) => v > 0).length / n : 0,
      median: n ? quantileSorted(col, 0.5) : 0,
      p90: n ? quantileSorted(col, 0.9) : 0,
      max: n ? col[n - 1] : 0,
    };
  });
}

/**
 * How much of an input's range the evidence leaves open:
 * - `pinned`: the kept points' middle 80% (p10–p90) covers less than 40% of the range (half of the
 *   80% a uniform spread over the whole range would cover);
 * - `open`: it covers at least 64% (four fifths of the uniform 80%);
 * - `narrowed`: in between.
 */
export type Openness = 'pinned' | 'narrowed' | 'open';

export interface InputSpan {
  key: string;
  /** (max − min) of the kept points over the range's width, 0–1. */
  span: number;
  /** (p90 − p10) of the kept points over the range's width, 0–1 (0.8 for a uniform spread). */
  central: number;
  min: number;
  max: number;
  openness: Openness;
}

/** Each input's span across `points` as a share of its range, in the ranges' key order. */
export function inputSpans(points: readonly Point[], ranges: Ranges): InputSpan[] {
  return Object.entries(ranges).map(([key, [lo, hi]]) => {
    const w = hi - lo;
    const v = Float64Array.from(points, (p) => p[key]).sort();
    if (!v.length || !(w > 0)) return { key, span: 0, central: 0, min: lo, max: lo, openness: 'pinned' as const };
    const central = (quantileSorted(v, 0.9) - quantileSorted(v, 0.1)) / w;
    return {
      key,
      span: (v[v.length - 1] - v[0]) / w,
      central,
      min: v[0],
      max: v[v.length - 1],
      openness: central < 0.4 ? ('pinned' as const) : central >= 0.64 ? ('open' as const) : ('narrowed' as const),
    };
  });
}
