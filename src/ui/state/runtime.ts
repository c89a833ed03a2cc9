import { AbortError, type Result, type RunInput } from '../../engine';
import { MAX_WORKERS, WorkerPool, type PoolRunOptions, type PoolRunOutput } from '../../workers/pool';
import { TaskPool } from '../../workers/taskPool';
import type { CalibrationMessage } from '../../workers/calibration.worker';

/** Workers a pool of this device uses: navigator.hardwareConcurrency (2 if unknown), capped at MAX_WORKERS (4). */
export function deviceWorkers(hardwareConcurrency: number | undefined = globalThis.navigator?.hardwareConcurrency): number {
  return Math.max(1, Math.min(MAX_WORKERS, Math.floor(hardwareConcurrency || 2)));
}

export interface RuntimeOptions {
  /** Workers for the page's runs and analyses (`workers=` in the address); null: deviceWorkers(). */
  workers?: number | null;
  /** The device's hardware threads (tests pass one; the browser's by default). */
  hardwareConcurrency?: number;
  /** Makes a simulation worker (tests pass stand-ins); the real sim.worker.ts by default. */
  simWorker?: () => Worker;
  /** Makes an analysis worker (tests pass stand-ins); the real analysis.worker.ts by default. */
  analysisWorker?: () => Worker;
  /** The analysis pool's hang limit (ms). */
  stallMs?: number;
  /** Makes the Model view's calibration worker (tests pass stand-ins). */
  calibrationWorker?: () => Worker;
  /** How long the inputs must rest before `afterMain` work starts (ms; INPUTS_SETTLE_MS by default). */
  settleMs?: number;
}

/**
 * Background work after a main run (the band across worlds) waits until the inputs have rested
 * this long (ms). While a user moves a slider, each main run would otherwise start the band on
 * both analysis workers only for the next change to abort it, and on 2 cores those workers took
 * CPU from the next main run: `bench:ui --slider` measured its run in the workers at 60 ms with
 * the band following each change and 48 ms without (`worlds=0`). A first load, or a change made
 * after a pause, starts the band as soon as the main run is in.
 */
export const INPUTS_SETTLE_MS = 400;

/** Work in the background that is for some inputs only (the band across worlds): aborted when the inputs stop matching. */
interface Dependent {
  ctl: AbortController;
  isFor: (input: RunInput) => boolean;
}

/**
 * The one owner of the page's workers: the main run's pool, the pool for runs beside it (a linked
 * or rerun baseline, the compare list: one run at a time, queued) and the analysis pool (the
 * analyses and the band across plausible worlds). Each is made on first use, sized to the device
 * (navigator.hardwareConcurrency capped at 4, or `workers=`), and all end together (`terminate`).
 *
 * The main run comes first: a change of the inputs aborts the background work made for other
 * inputs (`dependent`), and listeners of `afterMain` (the band) start once the new main run is in
 * and the inputs have rested (INPUTS_SETTLE_MS).
 * How a run is split into chunks and seeds is the pools' own: results are bit-identical whatever
 * the sizes.
 */
export class Runtime {
  /** Workers per pool. */
  readonly size: number;
  readonly #opts: RuntimeOptions;
  #main: WorkerPool | null = null;
  #aside: WorkerPool | null = null;
  #tasks: TaskPool | null = null;
  /** The runs beside the main one, one after another (a WorkerPool's new run supersedes the last). */
  #asideQueue: Promise<unknown> = Promise.resolve();
  #dependents = new Set<Dependent>();
  #afterMain = new Set<(input: RunInput, finishedAt: number) => void>();
  /** When the inputs last changed (performance.now()), and the `afterMain` call waiting for them to rest. */
  #inputsAt = -Infinity;
  #afterMainTimer: ReturnType<typeof setTimeout> | null = null;
  #taskRestart = new Set<(reason: string) => void>();
  #terminated = false;
  /** The Model view's calibration figures (computed once a page: they depend on nothing the page changes). */
  #calibration: Promise<number[]> | null = null;
  #calibrationWorker: Worker | null = null;

  constructor(opts: RuntimeOptions = {}) {
    this.#opts = opts;
    this.size = opts.workers ? Math.max(1, Math.min(MAX_WORKERS, Math.floor(opts.workers))) : deviceWorkers(opts.hardwareConcurrency);
  }

  /** Pools made so far (for tests and diagnostics): at most one of each kind. */
  get pools(): { main: WorkerPool | null; aside: WorkerPool | null; tasks: TaskPool | null } {
    return { main: this.#main, aside: this.#aside, tasks: this.#tasks };
  }

  #alive(): void {
    if (this.#terminated) throw new Error('the workers were stopped');
  }

  /** The main run's pool (made on first use). */
  main(): WorkerPool {
    this.#alive();
    return (this.#main ??= new WorkerPool(this.size, this.#opts.simWorker));
  }

  /** The analysis pool (made on first use): tornado, sweep, why, discovery and the worlds. */
  tasks(): TaskPool {
    this.#alive();
    return (this.#tasks ??= new TaskPool(this.size, this.#opts.analysisWorker, {
      stallMs: this.#opts.stallMs,
      onRestart: (reason) => this.#taskRestart.forEach((f) => f(reason)),
    }));
  }

  /** Be told when an analysis worker was restarted (the AnalysisState's notice). Returns the unsubscribe. */
  onTaskRestart(f: (reason: string) => void): () => void {
    this.#taskRestart.add(f);
    return () => this.#taskRestart.delete(f);
  }

  /**
   * Run `input` beside the main run (on the pool for runs aside, after any run queued there before
   * it). `fit` refuses trials this device cannot hold.
   */
  runAside(input: RunInput, opts: { signal?: AbortSignal; fit?: (trials: number) => Result<number> } = {}): Promise<PoolRunOutput> {
    const go = async () => {
      if (opts.signal?.aborted) throw new AbortError();
      const fits = opts.fit?.(input.trials);
      if (fits && !fits.ok) throw new Error(fits.errors.map((e) => e.message).join('; '));
      this.#alive();
      this.#aside ??= new WorkerPool(this.size, this.#opts.simWorker);
      return this.#aside.run(input.levers, input.seed, input.trials, { signal: opts.signal, assumptions: input.assumptions ?? {} });
    };
    const out = this.#asideQueue.then(go, go);
    this.#asideQueue = out.catch(() => undefined);
    return out;
  }

  /** Run the main run's `input` (a new one supersedes the last: see WorkerPool.run). */
  runMain(input: RunInput, opts: PoolRunOptions = {}): Promise<PoolRunOutput> {
    return this.main().run(input.levers, input.seed, input.trials, { ...opts, assumptions: input.assumptions ?? {} });
  }

  /**
   * A signal for background work that holds only while `isFor(inputs)`: aborted by the first
   * `inputsChanged` for which it does not, by `cancelDependents` and by `terminate`. Call the
   * returned `release` once the work has settled.
   */
  dependent(isFor: (input: RunInput) => boolean): { signal: AbortSignal; release: () => void } {
    const d: Dependent = { ctl: new AbortController(), isFor };
    if (this.#terminated) d.ctl.abort();
    else this.#dependents.add(d);
    return { signal: d.ctl.signal, release: () => this.#dependents.delete(d) };
  }

  /** The page's inputs changed: abort the background work made for other inputs (the main run goes first). */
  inputsChanged(input: RunInput): void {
    this.#inputsAt = performance.now();
    this.#clearAfterMain(); // a newer main run will call mainFinished
    for (const d of [...this.#dependents]) {
      if (!d.isFor(input)) {
        this.#dependents.delete(d);
        d.ctl.abort();
      }
    }
  }

  /** Abort every piece of background work. */
  cancelDependents(): void {
    for (const d of this.#dependents) d.ctl.abort();
    this.#dependents.clear();
  }

  /**
   * Be told of each finished main run (not a preview) once the inputs have rested, with when the
   * run finished (performance.now()): the band across worlds starts from here. Returns the unsubscribe.
   */
  afterMain(f: (input: RunInput, finishedAt: number) => void): () => void {
    this.#afterMain.add(f);
    return () => this.#afterMain.delete(f);
  }

  /** A main run finished and is drawn (AppState calls this): `afterMain` listeners run once the inputs have rested (INPUTS_SETTLE_MS). */
  mainFinished(input: RunInput): void {
    this.#clearAfterMain();
    const finishedAt = performance.now();
    const call = () => {
      this.#afterMainTimer = null;
      for (const f of this.#afterMain) f(input, finishedAt);
    };
    const wait = this.#inputsAt + (this.#opts.settleMs ?? INPUTS_SETTLE_MS) - finishedAt;
    if (wait > 0) this.#afterMainTimer = setTimeout(call, wait);
    else call();
  }

  #clearAfterMain(): void {
    if (this.#afterMainTimer !== null) clearTimeout(this.#afterMainTimer);
    this.#afterMainTimer = null;
  }

  /**
   * The model's figure for each calibration case (the Model view), from a one-off worker made on
   * the first call; later calls share the answer. A failure is not kept: the next call tries again.
   */
  calibration(): Promise<number[]> {
    if (this.#calibration) return this.#calibration;
    const made = this.#opts.calibrationWorker ?? (() => new Worker(new URL('../../workers/calibration.worker.ts', import.meta.url), { type: 'module' }));
    const out = new Promise<number[]>((resolve, reject) => {
      this.#alive();
      const w = (this.#calibrationWorker = made());
      const end = () => {
        w.terminate();
        if (this.#calibrationWorker === w) this.#calibrationWorker = null;
      };
      w.onmessage = (e: MessageEvent<CalibrationMessage>) => {
        end();
        if (e.data.type === 'result') resolve(e.data.figures);
        else reject(new Error(e.data.message));
      };
      w.onerror = (e) => {
        end();
        reject(new Error(e.message || 'the calibration worker failed to start'));
      };
    });
    this.#calibration = out;
    out.catch(() => {
      if (this.#calibration === out) this.#calibration = null;
    });
    return out;
  }

  /** End every worker of every pool, and abort the background work. */
  terminate(): void {
    this.#terminated = true;
    this.#clearAfterMain();
    this.cancelDependents();
    this.#calibrationWorker?.terminate();
    this.#calibrationWorker = null;
    this.#main?.terminate();
    this.#aside?.terminate();
    this.#tasks?.terminate();
    this.#main = this.#aside = null;
    this.#tasks = null;
  }
}
