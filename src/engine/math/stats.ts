/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

/**
 * Wilson score interval for a binomial proportion: `successes` of `n`, at normal quantile z
 * (default 95%). Returns [lo, hi] within [0, 1], always containing successes / n; [0, 1] when n = 0.
 */
export function wilson(successes: number, n: number, z = Z95): [number, number] {
  if (n <= 0) return [0, 1];
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At p = 0 and p = 1 the bound is exactly 0 or 1 analytically; rounding gave 0.9999999999999998,
  // an interval that missed its own estimate when every trial resumed.
  return [successes <= 0 ? 0 : Math.max(0, centre - half), successes >= n ? 1 : Math.min(1, centre + half)];
}

/** Half-width of the widest (p = 0.5) Wilson 95% interval for n trials: the worst-case precision. */
export function worstCaseHalfWidth(n: number): number {
  const [lo, hi] = wilson(n / 2, n);
  return (hi - lo) / 2;
}

/**
 * The q-quantile (0–1) of `sorted` (ascending), by linear interpolation between order statistics
 * (Hyndman and Fan's type 7, the default of R and NumPy): position q·(n − 1). NaN when empty.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = q * (n - 1);
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
