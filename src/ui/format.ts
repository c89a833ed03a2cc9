/** Formatting for people: percentages, durations, counts. */

const int = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** A share 0–1 as a percentage with `digits` decimals ("41.2%"). */
export function pct(x: number, digits = 1): string {
  return `${(x * 100).toFixed(digits)}%`;
}

/** A signed difference of shares in percentage points ("+3.1 pp", "−0.4 pp"). */
export function pp(x: number, digits = 1): string {
  const s = (Math.abs(x) * 100).toFixed(digits);
  return `${x > 0 ? '+' : x < 0 ? '−' : '±'}${s} pp`;
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
