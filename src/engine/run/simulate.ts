import { compileModel, type CompiledModel } from '../model/compile';
import type { Levers } from '../levers';
import type { AssumptionValues } from '../model/assumptions';
import { runTrials } from './kernel';
import { AbortError } from './abort';
import { allocateResults, resultsView, type TrialResults } from './trialResults';

export interface RunOptions {
  seed: string;
  trials: number;
  /** Assumptions changed from their defaults (validated first: resolveAssumptions). */
  assumptions?: AssumptionValues;
  /** Trials per chunk (default 10,000): progress is reported and cancellation checked between chunks. */
  chunkSize?: number;
  /** Called after each chunk with the share done (0–1]. */
  onProgress?: (done: number, total: number) => void;
  /** Checked between chunks; the run stops with an AbortError once it is aborted. */
  signal?: AbortSignal;
  /** Awaited between chunks to give the event loop a turn (a worker passes a MessageChannel yield). */
  yieldControl?: () => Promise<void>;
}

export interface RunOutput {
  model: CompiledModel;
  results: TrialResults;
}

/**
 * Run trials [from, to) into `out` (whose slot 0 is trial `from`) one chunk at a time, writing each
 * chunk straight into its slots; yields how many trials are done after each chunk. The one chunk
 * loop behind `simulate`, `simulateAsync` and the page's workers.
 */
export function* chunkedTrials(model: CompiledModel, seed: string, from: number, to: number, out: TrialResults, chunkSize = 10_000): Generator<number> {
  const chunk = Math.max(1, Math.floor(chunkSize));
  for (let a = from; a < to; a += chunk) {
    const b = Math.min(to, a + chunk);
    runTrials(model, seed, a, b, resultsView(out, a - from, b - from));
    yield b - from;
  }
}

/** The chunks of a whole run, checking cancellation before each and reporting progress after it. */
function* chunks(model: CompiledModel, results: TrialResults, options: RunOptions): Generator<void> {
  if (options.signal?.aborted) throw new AbortError();
  for (const done of chunkedTrials(model, options.seed, 0, options.trials, results, options.chunkSize)) {
    options.onProgress?.(done, options.trials);
    yield;
    if (done < options.trials && options.signal?.aborted) throw new AbortError();
  }
}

/** Run every trial synchronously in chunks (progress and cancellation between chunks). */
export function simulate(levers: Levers, options: RunOptions): RunOutput {
  const model = compileModel(levers, options.assumptions);
  const results = allocateResults(options.trials);
  // Each step of the generator runs one chunk.
  for (const _ of chunks(model, results, options)) continue;
  return { model, results };
}

/** As `simulate`, but awaits `yieldControl` between chunks so a UI or worker stays responsive. */
export async function simulateAsync(levers: Levers, options: RunOptions): Promise<RunOutput> {
  const model = compileModel(levers, options.assumptions);
  const results = allocateResults(options.trials);
  for (const _ of chunks(model, results, options)) if (options.yieldControl) await options.yieldControl();
  if (options.signal?.aborted) throw new AbortError();
  return { model, results };
}
