import { formatNumber } from './format';
import { RUN_SETTINGS } from '../runSettings';
import { fail, ok, type Result } from './fieldErrors';
import { BYTES_PER_TRIAL } from '../run/trialResults';

/**
 * Limits on the size of a piece of work, checked before it starts so that a careless or hostile
 * input (a link asking for a huge run, a command line asking for a huge sweep) is refused with a
 * message instead of freezing the page or running for hours.
 *
 * - Trials per run: RUN_SETTINGS.trials (100–1,000,000). Horizon: the `horizonYears` lever (1–20).
 * - Sweep steps per axis: MAX_SWEEP_STEPS (sweep.ts).
 * - Trials in one analysis (a sweep's cells × trials per cell, a tornado's runs × trials per run):
 *   MAX_ANALYSIS_TRIALS.
 * - Memory: a run's trial arrays take BYTES_PER_TRIAL a trial; the page may hold RUN_COPIES of them
 *   at once. A run whose arrays would not fit the budget the caller gives is refused.
 */

/** At most this many trials in one analysis (a sweep or a tornado): a few minutes on one core. */
export const MAX_ANALYSIS_TRIALS = 50_000_000;

/**
 * Copies of a run's trial arrays the page may hold at once: the run shown, the pinned baseline,
 * and, while a new run finishes, its merged arrays plus the workers' chunks being copied in.
 */
export const RUN_COPIES = 4;

/** Bytes a page needs for a run of `trials` trials (its arrays, RUN_COPIES times). */
export function runMemoryBytes(trials: number, copies = RUN_COPIES): number {
  return trials * BYTES_PER_TRIAL * copies;
}

const mb = (bytes: number) => `${formatNumber(Math.ceil(bytes / 1e6))} MB`;

/** The most trials (a whole thousand, at most the run maximum) whose arrays fit `budgetBytes`. */
export function maxTrialsFor(budgetBytes: number, copies = RUN_COPIES): number {
  const fits = Math.max(0, Math.floor(budgetBytes / (BYTES_PER_TRIAL * copies) / 1000) * 1000);
  return Math.min(fits, RUN_SETTINGS.trials.max);
}

/**
 * Refuse a run whose trial arrays would not fit `budgetBytes` (the caller's estimate of the memory
 * it can spare), naming the trials that would fit.
 */
export function checkRunMemory(trials: number, budgetBytes: number, copies = RUN_COPIES): Result<number> {
  const need = runMemoryBytes(trials, copies);
  if (need <= budgetBytes) return ok(trials);
  const allowed = maxTrialsFor(budgetBytes, copies);
  return fail([
    {
      field: 'trials',
      message:
        `${formatNumber(trials)} trials need about ${mb(need)} of memory, more than the ${mb(budgetBytes)} this browser can spare; ` +
        (allowed >= RUN_SETTINGS.trials.min
          ? `expected at most ${formatNumber(allowed)} trials here`
          : `this device cannot hold even ${formatNumber(RUN_SETTINGS.trials.min)} trials`),
    },
  ]);
}

/**
 * Refuse an analysis of `runs` simulations of `trialsPerRun` trials each when the total exceeds
 * MAX_ANALYSIS_TRIALS. `what` names the pieces ("cells", "runs"); `field` the flag or input to lower.
 */
export function checkAnalysisSize(runs: number, trialsPerRun: number, what: string, field = 'trials'): Result<number> {
  const total = runs * trialsPerRun;
  if (total <= MAX_ANALYSIS_TRIALS) return ok(total);
  const perRun = Math.floor(MAX_ANALYSIS_TRIALS / runs);
  return fail([
    {
      field,
      message:
        `${formatNumber(runs)} ${what} × ${formatNumber(trialsPerRun)} trials = ${formatNumber(total)} trials, more than the ${formatNumber(MAX_ANALYSIS_TRIALS)} allowed in one analysis; ` +
        `expected at most ${formatNumber(perRun)} trials per ${what.replace(/s$/, '')}, or fewer ${what}`,
    },
  ]);
}

/**
 * Memory a page can spare for simulation arrays, from what the browser reports: a quarter of the
 * JS heap limit (Chromium's performance.memory) and of the device memory (navigator.deviceMemory,
 * GB, rounded down by the browser and capped at 8), whichever is smaller; 1 GB when neither is known.
 * Pure: the caller passes the values it read.
 */
export function memoryBudget(info: { jsHeapSizeLimit?: number; deviceMemoryGb?: number }): number {
  const limits: number[] = [];
  if (info.jsHeapSizeLimit && Number.isFinite(info.jsHeapSizeLimit) && info.jsHeapSizeLimit > 0) limits.push(info.jsHeapSizeLimit / 4);
  if (info.deviceMemoryGb && Number.isFinite(info.deviceMemoryGb) && info.deviceMemoryGb > 0) limits.push((info.deviceMemoryGb * 1e9) / 4);
  return limits.length ? Math.min(...limits) : 1e9;
}
