import { LEVERS, formatLeverValue, type SweepAxis, type SweepCell } from '../../engine';

/** Levers that can be swept (numbers, choices, on/off), in registry order. */
export const SWEEPABLE = LEVERS.filter((l) => l.kind !== 'month');

/** The text of a value on an axis, as the controls show it. */
export function axisValueText(axis: SweepAxis, k: number): string {
  const spec = LEVERS.find((l) => l.key === axis.key)!;
  return formatLeverValue(spec, axis.values[k]);
}

/**
 * The short text of a value for an axis tick: counts compact ("20k", "1.1M"; the unit is in the
 * axis title), everything else as the controls show it.
 */
export function axisTickText(axis: SweepAxis, k: number): string {
  const spec = LEVERS.find((l) => l.key === axis.key)!;
  const v = axis.values[k];
  if (spec.kind === 'number' && spec.format === 'count' && typeof v === 'number') {
    return v >= 1e6 ? `${+(v / 1e6).toFixed(2)}M` : v >= 1e3 ? `${+(v / 1e3).toFixed(1)}k` : String(v);
  }
  return formatLeverValue(spec, v);
}

/** Grid of cells (row-major by y then x) as a Float64Array of pWar, NaN where not done. */
export function gridValues(cells: readonly (SweepCell | null)[]): Float64Array {
  return Float64Array.from(cells, (c) => (c ? c.pWar : NaN));
}

/** A line segment in grid coordinates: (i, j) are fractional cell indices (cell centres at integers). */
export type Segment = [[number, number], [number, number]];

/**
 * Marching squares over the cell centres of an nx × ny grid (values row-major by j): the segments
 * of the contour at `threshold`, linearly interpolated along each square's edges. Squares with a
 * missing (NaN) corner are skipped. Saddles are split by the square's mean.
 */
export function contourSegments(values: ArrayLike<number>, nx: number, ny: number, threshold: number): Segment[] {
  const out: Segment[] = [];
  const v = (i: number, j: number) => values[j * nx + i];
  for (let j = 0; j + 1 < ny; j++) {
    for (let i = 0; i + 1 < nx; i++) {
      const a = v(i, j); // corners counter-clockwise from (i, j)
      const b = v(i + 1, j);
      const c = v(i + 1, j + 1);
      const d = v(i, j + 1);
      if ([a, b, c, d].some((x) => Number.isNaN(x))) continue;
      const t = threshold;
      const lerp = (p: number, q: number) => (p === q ? 0.5 : (t - p) / (q - p));
      // Crossing points on each edge (null if the edge does not cross).
      const cross = (p: number, q: number) => (p >= t) !== (q >= t);
      const pts: Record<string, [number, number] | null> = {
        bottom: cross(a, b) ? [i + lerp(a, b), j] : null,
        right: cross(b, c) ? [i + 1, j + lerp(b, c)] : null,
        top: cross(d, c) ? [i + lerp(d, c), j + 1] : null,
        left: cross(a, d) ? [i, j + lerp(a, d)] : null,
      };
      const edges = (['bottom', 'right', 'top', 'left'] as const).filter((e) => pts[e]);
      if (edges.length === 2) out.push([pts[edges[0]]!, pts[edges[1]]!]);
      else if (edges.length === 4) {
        // Saddle: pair edges so the region containing the centre's side stays connected.
        const centreAbove = (a + b + c + d) / 4 >= t;
        if (centreAbove === a >= t) {
          out.push([pts.bottom!, pts.right!], [pts.top!, pts.left!]);
        } else {
          out.push([pts.bottom!, pts.left!], [pts.top!, pts.right!]);
        }
      }
    }
  }
  return out;
}

export { SWEEP_CSV_COLUMNS, sweepCsv } from '../../engine';
