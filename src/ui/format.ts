/** Formatting for people: percentages, durations, counts. */

const int = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/**
 * A share 0–1 as a percentage with `digits` decimals ("41.2%"). A share that is not 0 (or 1) never
 * reads as 0 (or 100): below half the last digit it is "under 0.1%", above 1 less that "over 99.9%",
 * so a rare event is not shown as certainty.
 */
export function pct(x: number, digits = 1): string {
  const step = 10 ** -digits;
  const v = x * 100;
  if (x > 0 && v < step / 2) return `under ${step.toFixed(digits)}%`;
  if (x < 1 && v > 100 - step / 2) return `over ${(100 - step).toFixed(digits)}%`;
  return `${v.toFixed(digits)}%`;
}

/**
 * A 95% interval of a share ("4.1%–5.3%"). When an end is "under 0.1%" or "over 99.9%" the ends are
 * joined by "to" ("0.0% to under 0.1%"): 0 of 10,000 trials has a Wilson upper bound of 0.04%, not 0.
 */
export function ciText(lo: number, hi: number, digits = 1): string {
  const a = pct(lo, digits);
  const b = pct(hi, digits);
  return /^(under|over)/.test(a) || /^(under|over)/.test(b) ? `${a} to ${b}` : `${a}–${b}`;
}

/** A share with its 95% interval: "6.3% (95% CI 5.8%–6.8%)". */
export function shareWithCi(x: number, ci: readonly [number, number], digits = 1): string {
  return `${pct(x, digits)} (95% CI ${ciText(ci[0], ci[1], digits)})`;
}

/** A signed difference of shares in percentage points ("+3.1 pp", "−0.4 pp"). */
export function pp(x: number, digits = 1): string {
  const s = (Math.abs(x) * 100).toFixed(digits);
  return `${x > 0 ? '+' : x < 0 ? '−' : '±'}${s} pp`;
}

/**
 * Half the width of an interval in points ("±1.2 pp"); a width that is not 0 but rounds to it is
 * "under ±0.1 pp", never "±0.0 pp".
 */
export function halfWidthText(h: number, digits = 1): string {
  const step = 10 ** -digits;
  if (h > 0 && h * 100 < step / 2) return `under ±${step.toFixed(digits)} pp`;
  return `±${(h * 100).toFixed(digits)} pp`;
}

/** A whole count with thousands separators ("10,000"). */
export function count(n: number): string {
  return int.format(n);
}

/** A number of months in years and months ("4 years 3 months", "11 months", "2 years"). */
export function duration(months: number): string {
  const y = Math.floor(months / 12);
  const m = months % 12;
  const ys = y === 1 ? '1 year' : `${y} years`;
  const ms = m === 1 ? '1 month' : `${m} months`;
  if (y === 0) return ms;
  if (m === 0) return ys;
  return `${ys} ${ms}`;
}
