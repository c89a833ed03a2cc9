/**
 * A cheap, exact shortcut for the kernel's commonest month: no war, and the grey zone no longer
 * matters (after the trial's first probe). With noise, chooseMonth goes to war iff
 * (e^xL + e^xF)·(1 − v) > v, which costs two exps a month. But e^xL + e^xF ≤ 2·e^max(xL, xF), so
 * war is impossible whenever max(xL, xF) < logit(v) − ln 2. NO_WAR_BELOW holds, for each of
 * NO_WAR_BINS equal slices of [0, 1), a lower bound of logit(v) on the slice (its left end) less
 * 0.75 (ln 2 ≈ 0.693 plus a margin of e^0.057 ≈ 6%, far above any rounding of exp, the sum and the
 * product): a month whose larger margin is below it is peace exactly as chooseMonth would say, with
 * no exp at all. Any other month (and any NaN) goes to chooseMonth, so the results are unchanged
 * bit for bit; in a typical run well over nine months in ten take the shortcut.
 */
export const NO_WAR_BINS = 1024;
export const NO_WAR_BELOW: Float64Array = (() => {
  const t = new Float64Array(NO_WAR_BINS);
  t[0] = -Infinity;
  for (let i = 1; i < NO_WAR_BINS; i++) t[i] = Math.log(i / (NO_WAR_BINS - i)) - 0.75;
  return t;
})();

/**
 * The same shortcut before the trial's first probe, when the grey zone still counts: chooseMonth
 * says peace iff (1 − v)·(1 + W)·(1 + e^xG) ≤ 1 (war ruled out too), with W = e^xL + e^xF. With
 * x = e^max(xG, xL, xF), (1 + W)(1 + e^xG) ≤ (1 + 2x)(1 + x), which stays below 1/(1 − v) while
 * 2x² + 3x < v/(1 − v) = o, i.e. x < (√(9 + 8o) − 3)/4. NO_RESUMPTION_BELOW holds, per bin, the log
 * of that bound at the bin's left end less the same margin of 0.057: a month whose largest margin is
 * below it is peace exactly as chooseMonth would say (about a quarter of a run's months come before
 * the first probe, each with up to three exps).
 */
export const NO_RESUMPTION_BELOW: Float64Array = (() => {
  const t = new Float64Array(NO_WAR_BINS);
  t[0] = -Infinity;
  for (let i = 1; i < NO_WAR_BINS; i++) {
    const odds = i / (NO_WAR_BINS - i);
    t[i] = Math.log((Math.sqrt(9 + 8 * odds) - 3) / 4) - 0.057;
  }
  return t;
})();

/** Whether a month with scaled margins xG, xL, xF and draw v in [0, 1) is surely peace under noise (grey zone included). */
export function surelyPeace(xG: number, xL: number, xF: number, v: number): boolean {
  // Math.max, not a comparison: a NaN margin makes the maximum NaN, and a NaN month goes to chooseMonth.
  return Math.max(xG, xL, xF) < NO_RESUMPTION_BELOW[(v * NO_WAR_BINS) | 0];
}

/** Whether a month with scaled war margins xL, xF and draw v in [0, 1) is surely not war under noise. */
export function surelyNoWar(xL: number, xF: number, v: number): boolean {
  return Math.max(xL, xF) < NO_WAR_BELOW[(v * NO_WAR_BINS) | 0];
}
