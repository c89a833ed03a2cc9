/**
 * PRIM's pasting step (see `prim.ts`): from the chosen box, repeatedly widen the one bound that adds
 * about `pasteAlpha` of the box's points and most increases density, while any does.
 */

import type { PrimBox, PrimFeature, Side } from './prim';

/**
 * Paste from `start` over features `x` (each sorted by `order`) with outcomes `y` (0/1); `describe`
 * turns the final bounds, count and positives into a box exactly as the peeling does.
 */
export function paste(
  x: Float64Array[],
  order: readonly Uint32Array[],
  y: Uint8Array,
  features: readonly PrimFeature[],
  start: PrimBox,
  pasteAlpha: number,
  describe: (l: Float64Array, h: Float64Array, c: number, p: number) => PrimBox,
): PrimBox {
  const d = x.length;
  const n = y.length;
  const lo = new Float64Array(d).fill(-Infinity);
  const hi = new Float64Array(d).fill(Infinity);
  for (const l of start.limits) {
    const k = features.findIndex((f) => f.key === l.key);
    if (l.lo !== null) lo[k] = l.lo;
    if (l.hi !== null) hi[k] = l.hi;
  }
  let count = start.count;
  let pos = start.positives;
  // Inside on every feature but k?
  const insideExcept = (i: number, k: number) => {
    for (let e = 0; e < d; e++) if (e !== k && (x[e][i] < lo[e] || x[e][i] > hi[e])) return false;
    return true;
  };
  for (;;) {
    const want = Math.max(1, Math.ceil(pasteAlpha * count));
    let best: { k: number; side: Side; bound: number; added: number; addedPos: number; density: number } | null = null;
    for (let k = 0; k < d; k++) {
      for (const side of [0, 1] as const) {
        if (side === 0 ? lo[k] === -Infinity : hi[k] === Infinity) continue;
        const o = order[k];
        const v = x[k];
        // Walk outward from the bound, over points outside it on this side, adding those inside on
        // every other feature, until `want` are added and the tied block is complete.
        let added = 0;
        let addedPos = 0;
        let bound = side === 0 ? lo[k] : hi[k];
        let reachedEnd = true;
        // Side 0: points with value < lo, from the largest down; side 1: value > hi, from the smallest up.
        const step = side === 0 ? -1 : 1;
        const end = side === 0 ? -1 : n;
        for (let p = side === 0 ? lowerIndex(o, v, lo[k]) - 1 : upperIndex(o, v, hi[k]); p !== end; p += step) {
          const i = o[p];
          if (added >= want && v[i] !== bound) {
            reachedEnd = false;
            break;
          }
          if (insideExcept(i, k)) {
            added++;
            addedPos += y[i];
            bound = v[i];
          }
        }
        if (added === 0) continue;
        if (reachedEnd) bound = side === 0 ? -Infinity : Infinity;
        const density = (pos + addedPos) / (count + added);
        // Paste when density rises, or stays exactly the same while adding positives (coverage for free).
        const current = pos / count;
        const better = density > current || (density === current && addedPos > 0);
        if (better && (!best || density > best.density)) best = { k, side, bound, added, addedPos, density };
      }
    }
    if (!best) break;
    if (best.side === 0) lo[best.k] = best.bound;
    else hi[best.k] = best.bound;
    count += best.added;
    pos += best.addedPos;
  }
  return describe(lo, hi, count, pos);
}

/** First position in a sorted order whose value is ≥ b. */
function lowerIndex(o: Uint32Array, v: Float64Array, b: number): number {
  let a = 0;
  let z = o.length;
  while (a < z) {
    const m = (a + z) >>> 1;
    if (v[o[m]] < b) a = m + 1;
    else z = m;
  }
  return a;
}

/** First position in a sorted order whose value is > b. */
function upperIndex(o: Uint32Array, v: Float64Array, b: number): number {
  let a = 0;
  let z = o.length;
  while (a < z) {
    const m = (a + z) >>> 1;
    if (v[o[m]] <= b) a = m + 1;
    else z = m;
  }
  return a;
}
