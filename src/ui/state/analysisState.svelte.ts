import {
  AbortError,
  changedLevers,
  combineSensitivity,
  isAbort,
  planSensitivity,
  sameAssumptions,
  sameRun,
  type AssumptionValues,
  type ComponentsOverTime,
  type Discovery,
  type Levers,
  type RunInput,
  type SensitivityResult,
  type SweepAxis,
  type SweepCell,
  type TrialStory,
  type World,
  type WorldCell,
} from '../../engine';
import { AbortableTask } from './abortableTask';
import type { TaskPool } from '../../workers/taskPool';
import { Runtime } from './runtime';
import { axisFor } from './sweepAxis';


/** Progress of a running analysis: jobs done of total. */
export interface Progress {
  done: number;
  total: number;
}

function sameInput(a: RunInput | null, b: RunInput): boolean {
  return !!a && sameRun(a, b);
}

/**
 * The analyses' state (tornado, sweep, why it breaks, discovery) and the analysis workers. Every job
 * runs in a worker; the page only merges results, so it stays responsive during a 1,600-cell sweep.
 */
export class AnalysisState {
  /** The page's workers: the analysis jobs go on its analysis pool (navigator.hardwareConcurrency capped at 4; `?workers=` overrides for tests). */
  readonly #runtime: () => Runtime;

  // Sensitivity (the tornado)
  // 2,000, not 5,000: the tornado has ~185 runs (levers and assumptions, engine 3); at 5,000 a run it took ~31 s in the page on 2 workers.
  sensTrials = $state(2_000);
  /** null: swing each lever to the ends of its range; else ± this share (0–1) of its range. */
  sensSwing = $state<number | null>(null);
  sens = $state.raw<{ input: RunInput; swing: number | null; result: SensitivityResult; ms: number } | null>(null);
  sensProgress = $state.raw<Progress | null>(null);
  sensError = $state<string | null>(null);
  #sensTask = new AbortableTask();

  // Two-lever sweep (the heatmap)
  sweepX = $state('euTroops');
  sweepY = $state('usCredibility');
  sweepStepsX = $state(11);
  sweepStepsY = $state(11);
  sweepTrials = $state(2_000);
  /** Probability of war (0–1) drawn as the deterrence frontier. */
  sweepThreshold = $state(0.2);
  sweep = $state.raw<{ input: RunInput; x: SweepAxis; y: SweepAxis; ms: number | null } | null>(null);
  /** Row-major by y then x; null until the cell is done. Replaced (not mutated) once per frame. */
  sweepCells = $state.raw<(SweepCell | null)[]>([]);
  sweepProgress = $state.raw<Progress | null>(null);
  sweepError = $state<string | null>(null);
  #sweepTask = new AbortableTask();

  // Why it breaks
  components = $state.raw<{ input: RunInput; data: ComponentsOverTime } | null>(null);
  componentsBusy = $state(false);
  story = $state.raw<{ input: RunInput; story: TrialStory } | null>(null);
  storyBusy = $state<number | null>(null);
  whyError = $state<string | null>(null);
  #componentsTask = new AbortableTask();
  #storyTask = new AbortableTask();

  // Discovery
  discovery = $state.raw<{ input: RunInput; data: Discovery } | null>(null);
  discoveryBusy = $state(false);
  discoveryError = $state<string | null>(null);
  #discoveryTask = new AbortableTask();

  /** What happened to an analysis worker (crashed and restarted), until dismissed. */
  workerNotice = $state<string | null>(null);
  /** Workers restarted so far, and the last reason: an analysis compares the count before and after. */
  #restarts = 0;
  #restartReason = '';
  #listening: Runtime | null = null;

  /**
   * `runtime` gives the page's workers (the page's one Runtime). Without one, the analyses make a
   * Runtime of their own from `factory` (the analysis workers), `stallMs` (the pool's hang limit) and `workers`:
   * tests pass stand-ins that fail in chosen ways.
   */
  constructor(opts: { runtime?: () => Runtime; factory?: () => Worker; stallMs?: number; workers?: number } = {}) {
    let own: Runtime | null = null;
    this.#runtime = opts.runtime ?? (() => (own ??= new Runtime({ analysisWorker: opts.factory, stallMs: opts.stallMs, workers: opts.workers })));
  }

  #tasks(): TaskPool {
    const runtime = this.#runtime();
    if (this.#listening !== runtime) {
      this.#listening = runtime;
      runtime.onTaskRestart((reason) => {
        this.#restarts++;
        this.#restartReason = reason;
        // Not "complete" yet: the job is still to run again, and may fail again.
        this.workerNotice = `An analysis worker stopped (${reason}). It was restarted and its job is being run again.`;
      });
    }
    return runtime.tasks();
  }

  /**
   * An analysis begun when #restarts was `since` has ended: if a worker was restarted meanwhile, say
   * so, and only call its results complete if it finished (a failure is reported by its error, with Retry).
   */
  #settled(since: number, what: string, finished: boolean): void {
    if (this.#restarts === since) return;
    this.workerNotice = finished
      ? `An analysis worker stopped (${this.#restartReason}). It was restarted and its job was run again, and ${what} finished, so its results are complete.`
      : null;
  }

  /** An analysis's job, watched for worker restarts from its start until it finishes or fails (see #settled). */
  #watched<T>(what: string, job: (signal: AbortSignal) => Promise<T>): (signal: AbortSignal) => Promise<T> {
    return async (signal) => {
      const since = this.#restarts;
      try {
        const out = await job(signal);
        this.#settled(since, what, true);
        return out;
      } catch (e) {
        if (!isAbort(e)) this.#settled(since, what, false);
        throw e;
      }
    };
  }


  /**
   * `job` for the page's current run `input` only: the runtime aborts it as soon as the inputs change
   * (the main run goes first; the view asks again for the new run once it is in).
   */
  #forRun<T>(input: RunInput, job: (signal: AbortSignal) => Promise<T>): (signal: AbortSignal) => Promise<T> {
    return async (signal) => {
      const dep = this.#runtime().dependent((now) => sameRun(now, input));
      try {
        return await job(AbortSignal.any([signal, dep.signal]));
      } finally {
        dep.release();
      }
    };
  }

  /** Whether the tornado shown was computed for other levers or seed than `now`. */
  sensStale(now: RunInput): boolean {
    return !!this.sens && !sameInput(this.sens.input, { ...now, trials: this.sens.input.trials });
  }

  /** Whether the sweep shown was run with other levers (besides its two axes) or another seed than `now`. */
  sweepStale(now: RunInput): boolean {
    const s = this.sweep;
    if (!s) return false;
    if (s.input.seed !== now.seed || !sameAssumptions(s.input.assumptions, now.assumptions)) return true;
    return changedLevers(s.input.levers, now.levers).some((k) => k !== s.x.key && k !== s.y.key);
  }

  /**
   * Run `levers` in each of `worlds` ('world' jobs on the analysis workers, spread over all of
   * them); resolves with the cells in world order. `onCell` sees each cell as it lands (for
   * progress). Rejects with an AbortError when `signal` aborts; a worker restart is told as for
   * the other analyses (`what` names it).
   */
  runWorlds(what: string, levers: Levers, worlds: readonly World[], seed: string, trials: number, signal: AbortSignal, onCell?: (done: number) => void): Promise<WorldCell[]> {
    let done = 0;
    return this.#watched(what, (s) =>
      Promise.all(
        worlds.map((w) =>
          this.#tasks()
            // The kept world's anchor figures stay on the page: the job needs the world only.
            .run({ type: 'world', levers, world: { id: w.id, decisionNoise: w.decisionNoise, assumptions: w.assumptions }, seed, trials }, s)
            .then((out) => {
              onCell?.(++done);
              return out.cell;
            }),
        ),
      ),
    )(signal);
  }

  async runSensitivity(levers: Levers, seed: string, assumptions: AssumptionValues = {}): Promise<void> {
    const trials = this.sensTrials;
    const swing = this.sensSwing;
    const plan = planSensitivity(levers, { seed, trials, swing, assumptions });
    const t0 = performance.now();
    this.sensError = null;
    this.sensProgress = { done: 0, total: plan.runs.length };
    let done = 0;
    await this.#sensTask.start(
      this.#watched('the tornado', (signal) =>
        Promise.all(
          plan.runs.map((run) =>
            this.#tasks()
              .run({ type: 'war', levers: run.levers, assumptions: run.assumptions, seed, trials }, signal)
              .then((out) => {
                this.sensProgress = { done: ++done, total: plan.runs.length };
                return out.war;
              }),
          ),
        ),
      ),
      {
        done: (war) => {
          this.sens = { input: { levers, seed, trials, assumptions: plan.assumptions }, swing, result: combineSensitivity(plan, war), ms: performance.now() - t0 };
        },
        failed: (m) => (this.sensError = m),
        settled: () => (this.sensProgress = null),
      },
    );
  }

  cancelSensitivity(): void {
    this.#sensTask.cancel();
    this.sensProgress = null;
  }

  async runSweep(levers: Levers, seed: string, assumptions: AssumptionValues = {}): Promise<void> {
    this.#sweepTask.cancel();
    const x = axisFor(this.sweepX, this.sweepStepsX);
    const y = axisFor(this.sweepY, this.sweepStepsY);
    const trials = this.sweepTrials;
    const nx = x.values.length;
    const ny = y.values.length;
    const total = nx * ny;
    const cells: (SweepCell | null)[] = new Array(total).fill(null);
    this.sweepError = null;
    this.sweep = { input: { levers, seed, trials, assumptions }, x, y, ms: null };
    this.sweepCells = cells.slice();
    this.sweepProgress = { done: 0, total };
    const t0 = performance.now();
    let done = 0;
    // Cells land in `cells` as they finish; the page redraws at most once a frame.
    let frame = 0;
    let current: AbortSignal | null = null;
    const flush = () => {
      frame = 0;
      if (current?.aborted) return;
      this.sweepCells = cells.slice();
      this.sweepProgress = { done, total };
    };
    await this.#sweepTask.start(
      this.#watched('the sweep', async (signal) => {
        current = signal;
        // The grid's first drawing (a new chart card on the first sweep) and the posting of its
        // jobs go in separate tasks: together they made one main-thread task of 52–81 ms.
        await new Promise<void>((r) => setTimeout(r, 0));
        if (signal.aborted) throw new AbortError();
        const jobs: Promise<void>[] = [];
        for (let j = 0; j < ny; j++) {
          for (let i = 0; i < nx; i++) {
            jobs.push(
              this.#tasks()
                .run({ type: 'sweepCell', levers, assumptions, x, y, i, j, seed, trials }, signal)
                .then((out) => {
                  cells[j * nx + i] = out.cell;
                  done++;
                  if (!frame) frame = requestAnimationFrame(flush);
                }),
            );
          }
        }
        try {
          await Promise.all(jobs);
        } finally {
          if (frame) cancelAnimationFrame(frame);
        }
      }),
      {
        done: () => {
          flush();
          if (this.sweep?.x === x) this.sweep = { ...this.sweep, ms: performance.now() - t0 };
        },
        failed: (m) => (this.sweepError = m),
        settled: () => (this.sweepProgress = null),
      },
    );
  }

  cancelSweep(): void {
    this.#sweepTask.cancel();
    this.sweepProgress = null;
  }

  /** The components over time for a run (skipped if already shown for the same input). */
  async loadComponents(input: RunInput): Promise<void> {
    if (sameInput(this.components?.input ?? null, input)) return;
    this.componentsBusy = true;
    this.whyError = null;
    await this.#componentsTask.start(
      this.#watched(
        'the components over time',
        this.#forRun(input, (signal) => this.#tasks().run({ type: 'components', levers: input.levers, assumptions: input.assumptions ?? {}, seed: input.seed, trials: input.trials, maxTrials: 2_000 }, signal)),
      ),
      {
        done: (out) => (this.components = { input, data: out.data }),
        failed: (m) => (this.whyError = m),
        settled: () => (this.componentsBusy = false),
      },
    );
  }

  async loadStory(input: RunInput, trial: number): Promise<void> {
    this.storyBusy = trial;
    await this.#storyTask.start(
      this.#watched('the trial’s story', (signal) => this.#tasks().run({ type: 'replay', levers: input.levers, assumptions: input.assumptions ?? {}, seed: input.seed, trial }, signal)),
      {
        done: (out) => (this.story = { input, story: out.story }),
        failed: (m) => (this.whyError = m),
        settled: () => (this.storyBusy = null),
      },
    );
  }

  async loadDiscovery(input: RunInput): Promise<void> {
    if (sameInput(this.discovery?.input ?? null, input)) return;
    this.discoveryBusy = true;
    this.discoveryError = null;
    await this.#discoveryTask.start(
      this.#watched(
        'the discovery',
        this.#forRun(input, (signal) => this.#tasks().run({ type: 'discover', levers: input.levers, assumptions: input.assumptions ?? {}, seed: input.seed, trials: input.trials }, signal)),
      ),
      {
        done: (out) => (this.discovery = { input, data: out.discovery }),
        failed: (m) => (this.discoveryError = m),
        settled: () => (this.discoveryBusy = false),
      },
    );
  }
}
