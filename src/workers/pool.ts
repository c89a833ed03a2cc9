import { allocateResults, mergeChunk, type Levers, type TrialResults } from '../engine';
import type { WorkerRequest, WorkerResponse } from './messages';
import { splitRange } from './runRange';

/** At most this many workers, whatever the machine reports. */
export const MAX_WORKERS = 4;
/** Below this many trials a single worker is faster than splitting. */
const MIN_TRIALS_PER_WORKER = 1_000;
/**
 * Interactive runs (fewer trials than this) leave one hardware thread to the page: with every core
 * busy in workers, the OS preempts the main thread and the bench saw 90–145 ms long tasks on
 * 2 cores. Big runs use every worker, since throughput matters more there and the progress bar shows.
 */
const ALL_WORKERS_FROM = 100_000;

export interface PoolRunOptions {
  signal?: AbortSignal;
  /** Trials done so far of the whole run. */
  onProgress?: (done: number, total: number) => void;
}

export interface PoolRunOutput {
  results: TrialResults;
  /** Wall time of the run in the workers, ms. */
  ms: number;
  workers: number;
}

export class AbortedRun extends Error {
  constructor() {
    super('run cancelled');
    this.name = 'AbortError';
  }
}

interface Active {
  runId: number;
  onMessage: (index: number, msg: WorkerResponse) => void;
  /** Stop this run: tell its workers, reject its promise. */
  cancel: () => void;
}

/**
 * A fixed set of simulation workers. A run splits trials [0, trials) into contiguous ranges, one
 * per worker, and merges the returned chunks into one results object; since every trial has its
 * own random stream the result equals a single-worker run. Starting a run supersedes the last one.
 */
export class WorkerPool {
  readonly size: number;
  #workers: Worker[];
  #runId = 0;
  #active: Active | null = null;

  constructor(size: number, factory: () => Worker = () => new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module' })) {
    this.size = Math.max(1, Math.min(MAX_WORKERS, Math.floor(size)));
    this.#workers = Array.from({ length: this.size }, (_, i) => {
      const w = factory();
      w.onmessage = (e: MessageEvent<WorkerResponse>) => {
        if (this.#active && e.data.runId === this.#active.runId) this.#active.onMessage(i, e.data);
      };
      w.onerror = (e) => {
        this.#active?.onMessage(i, { type: 'error', runId: this.#active.runId, message: e.message || 'worker failed to start' });
      };
      return w;
    });
  }

  /** Workers the page should use: navigator.hardwareConcurrency, capped at 4. */
  static defaultSize(): number {
    const n = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : 2;
    return Math.max(1, Math.min(MAX_WORKERS, n || 2));
  }

  run(levers: Levers, seed: string, trials: number, opts: PoolRunOptions = {}): Promise<PoolRunOutput> {
    // A new run supersedes the last: its promise rejects rather than hanging.
    this.#active?.cancel();
    const runId = ++this.#runId;
    const usable = trials >= ALL_WORKERS_FROM ? this.size : Math.max(1, this.size - 1);
    const parts = Math.min(usable, Math.max(1, Math.floor(trials / MIN_TRIALS_PER_WORKER)));
    const ranges = splitRange(trials, parts);
    const t0 = performance.now();
    return new Promise<PoolRunOutput>((resolve, reject) => {
      if (opts.signal?.aborted) {
        reject(new AbortedRun());
        return;
      }
      const all = allocateResults(trials);
      const done = new Array<number>(ranges.length).fill(0);
      let finished = 0;
      const stop = () => {
        if (this.#active?.runId === runId) this.#active = null;
        opts.signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        for (let i = 0; i < ranges.length; i++) this.#post(i, { type: 'cancel', runId });
        stop();
        reject(new AbortedRun());
      };
      opts.signal?.addEventListener('abort', onAbort);
      this.#active = {
        runId,
        cancel: onAbort,
        onMessage: (i, msg) => {
          switch (msg.type) {
            case 'progress':
              done[i] = msg.done;
              opts.onProgress?.(done.reduce((a, b) => a + b, 0), trials);
              return;
            case 'result':
              // The chunk's buffers were transferred; copying into place is one memcpy per array.
              mergeChunk(all, msg.results, msg.from);
              if (++finished === ranges.length) {
                stop();
                resolve({ results: all, ms: performance.now() - t0, workers: ranges.length });
              }
              return;
            case 'error':
              for (let k = 0; k < ranges.length; k++) this.#post(k, { type: 'cancel', runId });
              stop();
              reject(new Error(msg.message));
              return;
            default:
              msg satisfies never;
          }
        },
      };
      ranges.forEach(([from, to], i) => {
        const chunkSize = Math.min(20_000, Math.max(1_000, Math.ceil((to - from) / 8)));
        this.#post(i, { type: 'run', runId, levers, seed, from, to, chunkSize });
      });
    });
  }

  #post(i: number, msg: WorkerRequest): void {
    this.#workers[i].postMessage(msg);
  }

  terminate(): void {
    for (const w of this.#workers) w.terminate();
  }
}
