import { compileModel, memoryBudget, summarize, survivalBand, type CompiledModel, type Result, type RunInput, type Summary, type TrialResults } from '../../engine';
import { WorkerPool } from '../../workers/pool';
import { histogramBins, histogramEvents, type HistBin } from './histogram';
import { measureLatest } from './timing';

/** The browser's memory hints (Chromium: performance.memory, navigator.deviceMemory) as a budget. */
export function browserMemoryBudget(): number {
  const perf = (globalThis.performance as { memory?: { jsHeapSizeLimit?: number } } | undefined)?.memory;
  const nav = globalThis.navigator as { deviceMemory?: number } | undefined;
  return memoryBudget({ jsHeapSizeLimit: perf?.jsHeapSizeLimit, deviceMemoryGb: nav?.deviceMemory });
}
/**
 * Runs above this many trials first show a preview of their first PREVIEW_TRIALS trials. Trials
 * have their own random streams, so the preview is exactly the run with fewer trials.
 */
export const PREVIEW_ABOVE = 50_000;
export const PREVIEW_TRIALS = 10_000;

/** Everything the charts need from a finished run (computed once, kept in $state.raw). */
export interface RunView {
  id: number;
  input: RunInput;
  summary: Summary;
  band: { lo: number[]; hi: number[] };
  bins: HistBin[];
  model: CompiledModel;
  /** Trial rows (for the CSV, convergence and the paired comparison with a baseline). */
  results: TrialResults | null;
  ms: number;
  /** Workers the run was split across. */
  workers: number;
  /** True for the quick first look at a big run: its first PREVIEW_TRIALS trials only. */
  preview: boolean;
}

/** A finished run as the charts need it: its model, summary, band and histogram, computed once. */
export function runView(id: number, input: RunInput, out: { results: TrialResults; ms: number; workers: number }): RunView {
  const t0 = performance.now();
  const model = compileModel(input.levers, input.assumptions);
  const t1 = performance.now();
  const summary = summarize(model, out.results, input.seed);
  const t2 = performance.now();
  // User-timing entries: how long the page spends on a finished run (seen in devtools and the bench).
  measureLatest('compileModel', t0, t1);
  measureLatest('summarize', t1, t2);
  return {
    id,
    input,
    summary,
    band: survivalBand(summary),
    bins: histogramBins(histogramEvents(out.results), summary.horizonMonths),
    model,
    results: out.results,
    ms: out.ms,
    workers: out.workers,
    preview: false,
  };
}

/**
 * Run `input` on workers of its own, so the page's run is not disturbed (a linked baseline, or the
 * baseline rerun under the current assumptions). `fit` refuses trials this device cannot hold.
 */
export async function runAside(input: RunInput, fit: (trials: number) => Result<number>): Promise<RunView> {
  const pool = new WorkerPool(WorkerPool.defaultSize());
  try {
    const fits = fit(input.trials);
    if (!fits.ok) throw new Error(fits.errors.map((e) => e.message).join('; '));
    return runView(0, input, await pool.run(input.levers, input.seed, input.trials, { assumptions: input.assumptions ?? {} }));
  } finally {
    pool.terminate();
  }
}
