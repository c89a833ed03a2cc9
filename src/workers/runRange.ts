import { STORED_TERMS, allocateResults, compileModel, runTrials, type Levers, type TrialResults } from '../engine';

export class RangeCancelled extends Error {
  constructor() {
    super('run cancelled');
    this.name = 'RangeCancelled';
  }
}

export interface RangeOptions {
  /** Trials per chunk: progress is reported and cancellation checked between chunks. */
  chunkSize: number;
  /** Awaited between chunks (a MessageChannel yield in the worker), so cancel messages get through. */
  yieldControl: () => Promise<void>;
  /** True once this run is stale; checked after each yield. */
  isCancelled: () => boolean;
  onProgress?: (done: number, total: number) => void;
}

/** Views of slots [a, b) of `r` (no copy): runTrials writes a chunk straight into its place. */
export function resultsView(r: TrialResults, a: number, b: number): TrialResults {
  return {
    trials: b - a,
    month: r.month.subarray(a, b),
    mode: r.mode.subarray(a, b),
    flags: r.flags.subarray(a, b),
    cls: r.cls.subarray(a, b),
    resolve: r.resolve.subarray(a, b),
    uEurope: r.uEurope.subarray(a, b),
    usCredibility: r.usCredibility.subarray(a * STORED_TERMS, b * STORED_TERMS),
  };
}

/**
 * Run trials [from, to) of one run into a results object whose slot 0 is trial `from`. Each trial
 * has its own random stream (per seed and trial index), so the rows equal those of a
 * single-threaded run whatever the split into workers and chunks.
 */
export async function runRange(levers: Levers, seed: string, from: number, to: number, opts: RangeOptions): Promise<TrialResults> {
  const model = compileModel(levers);
  const out = allocateResults(to - from);
  const chunk = Math.max(1, Math.floor(opts.chunkSize));
  for (let a = from; a < to; a += chunk) {
    const b = Math.min(to, a + chunk);
    runTrials(model, seed, a, b, resultsView(out, a - from, b - from));
    opts.onProgress?.(b - from, to - from);
    await opts.yieldControl();
    if (opts.isCancelled()) throw new RangeCancelled();
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
