import { compileModel, memoryBudget, summarize, summaryModel, survivalBand, type CompiledModel, type RunInput, type Summary, type TrialResults } from '../../engine';
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
  /**
   * The run's compiled model, compiled on first call and kept (tens of ms of main-thread time, so
   * not on the slider path: only the trial CSV needs it). A function, so that copying a RunView
   * (`{ ...run }`) does not compile it.
   */
  model: () => CompiledModel;
  /** Trial rows (for the CSV, convergence and the paired comparison with a baseline). */
  results: TrialResults | null;
  ms: number;
  /** Workers the run was split across. */
  workers: number;
  /** True for the quick first look at a big run: its first PREVIEW_TRIALS trials only. */
  preview: boolean;
}

/** Summarise a run's results from its inputs, without compiling its model (the engine's summaryModel). */
export function summarizeRun(input: RunInput, results: TrialResults): Summary {
  return summarize(summaryModel(input.levers, input.assumptions), results, input.seed);
}

/** A function that compiles the model of `input` once, on its first call. */
export function lazyModel(input: RunInput): () => CompiledModel {
  let model: CompiledModel | null = null;
  return () => (model ??= compileModel(input.levers, input.assumptions));
}

/** A finished run as the charts need it: its summary, band and histogram, computed once (its model on demand). */
export function runView(id: number, input: RunInput, out: { results: TrialResults; ms: number; workers: number }): RunView {
  const t1 = performance.now();
  const summary = summarizeRun(input, out.results);
  const t2 = performance.now();
  // User-timing entries: how long the page spends on a finished run (seen in devtools and the bench).
  measureLatest('summarize', t1, t2);
  return {
    id,
    input,
    summary,
    band: survivalBand(summary),
    bins: histogramBins(histogramEvents(out.results), summary.horizonMonths),
    model: lazyModel(input),
    results: out.results,
    ms: out.ms,
    workers: out.workers,
    preview: false,
  };
}
