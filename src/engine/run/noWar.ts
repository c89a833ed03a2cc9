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

/** Whether a month with scaled war margins xL, xF and draw v in [0, 1) is surely not war under noise. */
export function surelyNoWar(xL: number, xF: number, v: number): boolean {
  return (xL > xF ? xL : xF) < NO_WAR_BELOW[(v * NO_WAR_BINS) | 0];
}
