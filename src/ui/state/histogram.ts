import { MODE_CODE, MODE_KEYS, type ModeKey, type TrialResults } from '../../engine';

/** One bin of the time-to-resumption histogram: months (x0, x1] after the ceasefire. */
export interface HistBin {
  /** First month of the bin minus one (months after the ceasefire). */
  x0: number;
  /** Last month of the bin. */
  x1: number;
  /** Trials resuming in this bin, by mode (counts). */
  counts: Record<ModeKey, number>;
  /** Same, as shares of all trials (0–1). */
  shares: Record<ModeKey, number>;
  /** Share of all trials resuming in this bin, any mode. */
  total: number;
}

/** Bin width in months: half-years for horizons up to five years, years beyond. */
export function binMonthsFor(horizonMonths: number): number {
  return horizonMonths <= 60 ? 6 : 12;
}

/**
 * Count resumptions per bin of `binMonths` months and per mode, from the trial rows' month and
 * mode. Month t (1…horizon) falls in bin ⌊(t − 1) / binMonths⌋; trials that held are not counted.
 */
export function histogramBins(results: Pick<TrialResults, 'trials' | 'month' | 'mode'>, horizonMonths: number, binMonths = binMonthsFor(horizonMonths)): HistBin[] {
  const nb = Math.ceil(horizonMonths / binMonths);
  const counts = MODE_KEYS.map(() => new Float64Array(nb));
  for (let i = 0; i < results.trials; i++) {
    const m = results.mode[i];
    if (m === MODE_CODE.none) continue;
    const b = Math.min(nb - 1, Math.floor((results.month[i] - 1) / binMonths));
    counts[m - 1][b]++;
  }
  const n = results.trials;
  const bins: HistBin[] = [];
  for (let b = 0; b < nb; b++) {
    const c = {} as Record<ModeKey, number>;
    const s = {} as Record<ModeKey, number>;
    let total = 0;
    MODE_KEYS.forEach((k, j) => {
      c[k] = counts[j][b];
      s[k] = n ? counts[j][b] / n : 0;
      total += s[k];
    });
    bins.push({ x0: b * binMonths, x1: Math.min(horizonMonths, (b + 1) * binMonths), counts: c, shares: s, total });
  }
  return bins;
}

/**
 * The events the histogram counts, one per trial at most: its war (month and mode) if it had one,
 * else its first grey-zone probe, else nothing. Shaped like TrialResults' month and mode.
 */
export function histogramEvents(results: Pick<TrialResults, 'trials' | 'month' | 'mode' | 'warMonth' | 'warMode'>): Pick<TrialResults, 'trials' | 'month' | 'mode'> {
  const month = new Uint16Array(results.trials);
  const mode = new Uint8Array(results.trials);
  for (let i = 0; i < results.trials; i++) {
    if (results.warMode[i] > 0) {
      month[i] = results.warMonth[i];
      mode[i] = results.warMode[i];
    } else if (results.mode[i] === MODE_CODE.greyZone) {
      month[i] = results.month[i];
      mode[i] = MODE_CODE.greyZone;
    }
  }
  return { trials: results.trials, month, mode };
}
