import { AbortError, allocateResults, chunkedTrials, compileModel, type AssumptionValues, type Levers, type TrialResults } from '../engine';

export interface RangeOptions {
  /** Assumption changes from the defaults. */
  assumptions?: AssumptionValues;
  /** Trials per chunk: progress is reported and cancellation checked between chunks. */
  chunkSize: number;
  /** Awaited between chunks (a MessageChannel yield in the worker), so cancel messages get through. */
  yieldControl: () => Promise<void>;
  /** True once this run is stale; checked after each yield (the range then throws an AbortError). */
  isCancelled: () => boolean;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Run trials [from, to) of one run into a results object whose slot 0 is trial `from`. Each trial
 * has its own random stream (per seed and trial index), so the rows equal those of a
 * single-threaded run whatever the split into workers and chunks.
 */
export async function runRange(levers: Levers, seed: string, from: number, to: number, opts: RangeOptions): Promise<TrialResults> {
  const model = compileModel(levers, opts.assumptions);
  const out = allocateResults(to - from);
  for (const done of chunkedTrials(model, seed, from, to, out, opts.chunkSize)) {
    opts.onProgress?.(done, to - from);
    await opts.yieldControl();
    if (opts.isCancelled()) throw new AbortError();
  }
  return out;
}

/**
 * Split trials [0, trials) into at most `parts` contiguous ranges of nearly equal size (none empty).
 */
export function splitRange(trials: number, parts: number): [number, number][] {
  const n = Math.max(1, Math.min(Math.floor(parts), trials));
  const out: [number, number][] = [];
  for (let k = 0; k < n; k++) {
    const a = Math.floor((k * trials) / n);
    const b = Math.floor(((k + 1) * trials) / n);
    if (b > a) out.push([a, b]);
  }
  return out;
}
