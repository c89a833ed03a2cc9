import { AbortError, allocateResults, mergeChunk, type AssumptionValues, type Levers, type TrialResults } from '../engine';
import type { WorkerRequest, WorkerResponse } from './messages';
import { isWorkerResponse } from './checkMessage';
import { splitRange } from './runRange';
import { MAX_RETRIES, WorkerSlots } from './workerSlots';

/** At most this many workers, whatever the machine reports. */
export const MAX_WORKERS = 4;
/** Below this many trials a single worker is faster than splitting. */
const MIN_TRIALS_PER_WORKER = 1_000;
/*
 * Every run uses every worker (ranges of at least MIN_TRIALS_PER_WORKER trials). Interactive runs
 * used to leave one hardware thread to the page, but the main thread only waits while a run is in
 * the workers, and since the band across worlds waits for the inputs to rest (Runtime's
 * INPUTS_SETTLE_MS) nothing else competes for the cores while a slider moves. Measured idle on
 * 2 cores (bench:ui --slider, 3 alternating pairs, 10,000 trials): the run in the workers took a
 * median 49/45/52 ms split over both against 53/61/67 ms on one, slider to charts 77/63/77 ms
 * against 78/79/93 ms, with no long task in either. Compiling and running 10,000 trials inside a
 * Chromium worker takes 36–64 ms by the minute on this shared machine (Node: 34–68 ms); the
 * messages and the merge add about 3 ms.
 */

/**
 * A user-timing entry (seen in devtools' Performance panel; `npm run bench:ui -- --slider` reads
 * them) that replaces the previous entry of the same name. The browser keeps every
 * `performance.measure` until it is cleared, so a page that measures each run would otherwise grow
 * its performance timeline by a few entries per run for as long as it stays open (the soak test saw
 * about 4 entries, 0.5 KB, per run). The page's own entries (ui/state/timing.ts) use this one too.
 */
export function measureLatest(name: string, start: number, end: number): void {
  if (typeof performance === 'undefined' || typeof performance.measure !== 'function') return;
  performance.clearMeasures(name);
  performance.measure(name, { start, end });
}

export interface PoolRunOptions {
  signal?: AbortSignal;
  /** Assumption changes from the defaults (validated on the page). */
  assumptions?: AssumptionValues;
  /** Trials done so far of the whole run. */
  onProgress?: (done: number, total: number) => void;
  /** A worker of this run crashed or stopped answering; it was replaced and its trials run again. */
  onRestart?: (reason: string) => void;
}

export interface PoolOptions {
  /** A worker with work that sends nothing for this long is taken to have died (ms). */
  stallMs?: number;
}

/**
 * A run's worker sends progress every chunk (≤ 20,000 trials, well under a second); one silent
 * for this long has died (out of memory, killed) or hung, and is replaced.
 */
export const STALL_MS = 20_000;


export interface PoolRunOutput {
  results: TrialResults;
  /** Wall time of the run in the workers, ms. */
  ms: number;
  workers: number;
}

interface Active {
  runId: number;
  onMessage: (index: number, msg: WorkerResponse) => void;
  /** Worker `index` died (an error event, or silence past the stall time); it has been replaced. */
  onCrash: (index: number, reason: string) => void;
  /** Stop this run: tell its workers, reject its promise. */
  cancel: () => void;
}

/**
 * A fixed set of simulation workers. A run splits trials [0, trials) into contiguous ranges, one
 * per worker, and merges the returned chunks into one results object; since every trial has its
 * own random stream the result equals a single-worker run. Starting a run supersedes the last one.
 *
 * A worker that crashes (an uncaught error, a failed load) or goes silent past `stallMs` while it
 * has work is terminated and replaced, and its range is run again on the new worker; the run's
 * `onRestart` says so. A range that crashes its worker twice fails the run with the reason.
 */
export class WorkerPool {
  readonly size: number;
  #stallMs: number;
  #slots: WorkerSlots<WorkerResponse>;
  #runId = 0;
  #active: Active | null = null;

  constructor(
    size: number,
    factory: () => Worker = () => new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module' }),
    opts: PoolOptions = {},
  ) {
    this.size = Math.max(1, Math.min(MAX_WORKERS, Math.floor(size)));
    this.#stallMs = opts.stallMs ?? STALL_MS;
    this.#slots = new WorkerSlots<WorkerResponse>(
      this.size,
      factory,
      'worker',
      (i, msg) => {
        if (this.#active && msg.runId === this.#active.runId) this.#active.onMessage(i, msg);
      },
      // The active run reposts the dead worker's range or fails.
      (i, reason) => this.#active?.onCrash(i, reason),
      isWorkerResponse,
    );
  }

  /** Workers replaced after a crash, over the pool's life (for tests and diagnostics). */
  get restarts(): number {
    return this.#slots.restarts;
  }

  run(levers: Levers, seed: string, trials: number, opts: PoolRunOptions = {}): Promise<PoolRunOutput> {
    // A new run supersedes the last: its promise rejects rather than hanging.
    this.#active?.cancel();
    const runId = ++this.#runId;
    const parts = Math.min(this.size, Math.max(1, Math.floor(trials / MIN_TRIALS_PER_WORKER)));
    const ranges = splitRange(trials, parts);
    const t0 = performance.now();
    return new Promise<PoolRunOutput>((resolve, reject) => {
      if (opts.signal?.aborted) {
        reject(new AbortError());
        return;
      }
      const all = allocateResults(trials);
      const done = new Array<number>(ranges.length).fill(0);
      const complete = new Array<boolean>(ranges.length).fill(false);
      const restarts = new Array<number>(ranges.length).fill(0);
      const heard = new Array<number>(ranges.length).fill(performance.now());
      let finished = 0;
      let inWorker = 0;
      const start = (i: number) => {
        const [from, to] = ranges[i];
        const chunkSize = Math.min(20_000, Math.max(1_000, Math.ceil((to - from) / 8)));
        heard[i] = performance.now();
        this.#post(i, { type: 'run', runId, levers, assumptions: opts.assumptions ?? {}, seed, from, to, chunkSize });
      };
      // Watchdog: a worker with work that has said nothing for stallMs has died or hung.
      const watchdog = setInterval(
        () => {
          const now = performance.now();
          for (let i = 0; i < ranges.length; i++) {
            if (!complete[i] && now - heard[i] > this.#stallMs) {
              this.#slots.replace(i, `the worker sent nothing for ${Math.round(this.#stallMs / 1000)} s`);
              return; // replacing it may have ended the run
            }
          }
        },
        Math.max(50, Math.min(1_000, this.#stallMs / 4)),
      );
      const stop = () => {
        clearInterval(watchdog);
        if (this.#active?.runId === runId) this.#active = null;
        opts.signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        for (let i = 0; i < ranges.length; i++) this.#post(i, { type: 'cancel', runId });
        stop();
        reject(new AbortError());
      };
      opts.signal?.addEventListener('abort', onAbort);
      this.#active = {
        runId,
        cancel: onAbort,
        onCrash: (i, reason) => {
          // A slot this run does not use (an idle worker), or whose part is in: nothing to redo.
          if (i >= ranges.length || complete[i]) return;
          if (restarts[i] >= MAX_RETRIES) {
            for (let k = 0; k < ranges.length; k++) this.#post(k, { type: 'cancel', runId });
            stop();
            reject(new Error(`a simulation worker failed twice on this run (${reason}); the run was stopped`));
            return;
          }
          restarts[i]++;
          done[i] = 0;
          opts.onRestart?.(reason);
          start(i);
        },
        onMessage: (i, msg) => {
          heard[i] = performance.now();
          switch (msg.type) {
            case 'progress':
              done[i] = msg.done;
              opts.onProgress?.(done.reduce((a, b) => a + b, 0), trials);
              return;
            case 'result':
              // The chunk's buffers were transferred; copying into place is one memcpy per array.
              mergeChunk(all, msg.results, msg.from);
              complete[i] = true;
              inWorker = Math.max(inWorker, msg.ms);
              if (++finished === ranges.length) {
                stop();
                const t1 = performance.now();
                measureLatest('workers', t0, t1);
                measureLatest('in-worker', t1 - inWorker, t1);
                resolve({ results: all, ms: t1 - t0, workers: ranges.length });
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
      ranges.forEach((_, i) => start(i));
    });
  }

  #post(i: number, msg: WorkerRequest): void {
    this.#slots.post(i, msg);
  }

  terminate(): void {
    this.#slots.terminate();
  }
}
