import {
  changedLevers,
  combineSensitivity,
  planSensitivity,
  sameRun,
  type ComponentsOverTime,
  type Discovery,
  type Levers,
  type SensitivityResult,
  type SweepAxis,
  type SweepCell,
  type TrialStory,
} from '../../engine';
import { TaskPool } from '../../workers/taskPool';
import { WorkerPool } from '../../workers/pool';
import { axisFor } from '../views/sweepView';

/** What a finished analysis was computed for (to tell whether the levers have moved on since). */
export interface AnalysisInput {
  levers: Levers;
  seed: string;
  trials: number;
}

/** Progress of a running analysis: jobs done of total. */
export interface Progress {
  done: number;
  total: number;
}

function sameInput(a: AnalysisInput | null, b: AnalysisInput): boolean {
  return !!a && sameRun(a, b);
}

const isAbort = (e: unknown) => (e as Error)?.name === 'AbortError';
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The analyses' state (tornado, sweep, why it breaks, discovery) and the analysis workers. Every job
 * runs in a worker; the page only merges results, so it stays responsive during a 1,600-cell sweep.
 */
export class AnalysisState {
  #pool: TaskPool | null = null;
  /** Workers used (navigator.hardwareConcurrency capped at 4; `?workers=` overrides for tests). */
  workers = WorkerPool.defaultSize();

  // Sensitivity (the tornado)
  sensTrials = $state(5_000);
  /** null: swing each lever to the ends of its range; else ± this share (0–1) of its range. */
  sensSwing = $state<number | null>(null);
  sens = $state.raw<{ input: AnalysisInput; swing: number | null; result: SensitivityResult; ms: number } | null>(null);
  sensProgress = $state.raw<Progress | null>(null);
  sensError = $state<string | null>(null);
  #sensAbort: AbortController | null = null;

  // Two-lever sweep (the heatmap)
  sweepX = $state('euTroops');
  sweepY = $state('usCredibility');
  sweepStepsX = $state(11);
  sweepStepsY = $state(11);
  sweepTrials = $state(2_000);
  /** Breakdown probability (0–1) drawn as the deterrence frontier. */
  sweepThreshold = $state(0.2);
  sweep = $state.raw<{ input: AnalysisInput; x: SweepAxis; y: SweepAxis; ms: number | null } | null>(null);
  /** Row-major by y then x; null until the cell is done. Replaced (not mutated) once per frame. */
  sweepCells = $state.raw<(SweepCell | null)[]>([]);
  sweepProgress = $state.raw<Progress | null>(null);
  sweepError = $state<string | null>(null);
  #sweepAbort: AbortController | null = null;

  // Why it breaks
  components = $state.raw<{ input: AnalysisInput; data: ComponentsOverTime } | null>(null);
  componentsBusy = $state(false);
  story = $state.raw<{ input: AnalysisInput; story: TrialStory } | null>(null);
  storyBusy = $state<number | null>(null);
  whyError = $state<string | null>(null);
  #componentsAbort: AbortController | null = null;
  #storyAbort: AbortController | null = null;

  // Discovery
  discovery = $state.raw<{ input: AnalysisInput; data: Discovery } | null>(null);
  discoveryBusy = $state(false);
  discoveryError = $state<string | null>(null);
  #discoveryAbort: AbortController | null = null;

  /** What happened to an analysis worker (crashed and restarted), until dismissed. */
  workerNotice = $state<string | null>(null);
  /** Workers restarted so far, and the last reason: an analysis compares the count before and after. */
  #restarts = 0;
  #restartReason = '';
  #factory: (() => Worker) | undefined;
  #stallMs: number | undefined;

  /** `factory` makes the analysis workers and `stallMs` is the pool's hang limit (tests pass stand-ins that fail in chosen ways). */
  constructor(opts: { factory?: () => Worker; stallMs?: number } = {}) {
    this.#factory = opts.factory;
    this.#stallMs = opts.stallMs;
  }

  #tasks(): TaskPool {
    this.#pool ??= new TaskPool(this.workers, this.#factory, {
      stallMs: this.#stallMs,
      onRestart: (reason) => {
        this.#restarts++;
        this.#restartReason = reason;
        // Not "complete" yet: the job is still to run again, and may fail again.
        this.workerNotice = `An analysis worker stopped (${reason}). It was restarted and its job is being run again.`;
      },
    });
    return this.#pool;
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

  /** Whether the tornado shown was computed for other levers or seed than `now`. */
  sensStale(now: AnalysisInput): boolean {
    return !!this.sens && !sameInput(this.sens.input, { ...now, trials: this.sens.input.trials });
  }

  /** Whether the sweep shown was run with other levers (besides its two axes) or another seed than `now`. */
  sweepStale(now: AnalysisInput): boolean {
    const s = this.sweep;
    if (!s) return false;
    if (s.input.seed !== now.seed) return true;
    return changedLevers(s.input.levers, now.levers).some((k) => k !== s.x.key && k !== s.y.key);
  }

  async runSensitivity(levers: Levers, seed: string): Promise<void> {
    this.cancelSensitivity();
    const ctl = (this.#sensAbort = new AbortController());
    const trials = this.sensTrials;
    const swing = this.sensSwing;
    const plan = planSensitivity(levers, { seed, trials, swing });
    const t0 = performance.now();
    this.sensError = null;
    this.sensProgress = { done: 0, total: plan.runs.length };
    let done = 0;
    const since = this.#restarts;
    try {
      const resumed = await Promise.all(
        plan.runs.map((lv) =>
          this.#tasks()
            .run({ type: 'resumed', levers: lv, seed, trials }, ctl.signal)
            .then((out) => {
              this.sensProgress = { done: ++done, total: plan.runs.length };
              return out.resumed;
            }),
        ),
      );
      this.sens = { input: { levers, seed, trials }, swing, result: combineSensitivity(plan, resumed), ms: performance.now() - t0 };
      this.#settled(since, 'the tornado', true);
    } catch (e) {
      ctl.abort();
      if (!isAbort(e)) {
        this.sensError = message(e);
        this.#settled(since, 'the tornado', false);
      }
    } finally {
      if (this.#sensAbort === ctl) {
        this.#sensAbort = null;
        this.sensProgress = null;
      }
    }
  }

  cancelSensitivity(): void {
    this.#sensAbort?.abort();
    this.#sensAbort = null;
    this.sensProgress = null;
  }

  async runSweep(levers: Levers, seed: string): Promise<void> {
    this.cancelSweep();
    const ctl = (this.#sweepAbort = new AbortController());
    const x = axisFor(this.sweepX, this.sweepStepsX);
    const y = axisFor(this.sweepY, this.sweepStepsY);
    const trials = this.sweepTrials;
    const nx = x.values.length;
    const ny = y.values.length;
    const total = nx * ny;
    const cells: (SweepCell | null)[] = new Array(total).fill(null);
    this.sweepError = null;
    this.sweep = { input: { levers, seed, trials }, x, y, ms: null };
    this.sweepCells = cells.slice();
    this.sweepProgress = { done: 0, total };
    const t0 = performance.now();
    let done = 0;
    const since = this.#restarts;
    // Cells land in `cells` as they finish; the page redraws at most once a frame.
    let frame = 0;
    const flush = () => {
      frame = 0;
      if (this.#sweepAbort !== ctl) return;
      this.sweepCells = cells.slice();
      this.sweepProgress = { done, total };
    };
    try {
      const jobs: Promise<void>[] = [];
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++) {
          jobs.push(
            this.#tasks()
              .run({ type: 'sweepCell', levers, x, y, i, j, seed, trials }, ctl.signal)
              .then((out) => {
                cells[j * nx + i] = out.cell;
                done++;
                if (!frame) frame = requestAnimationFrame(flush);
              }),
          );
        }
      }
      await Promise.all(jobs);
      if (frame) cancelAnimationFrame(frame);
      flush();
      if (this.sweep?.x === x) this.sweep = { ...this.sweep, ms: performance.now() - t0 };
      this.#settled(since, 'the sweep', true);
    } catch (e) {
      ctl.abort();
      if (frame) cancelAnimationFrame(frame);
      if (!isAbort(e)) {
        this.sweepError = message(e);
        this.#settled(since, 'the sweep', false);
      }
    } finally {
      if (this.#sweepAbort === ctl) {
        this.#sweepAbort = null;
        this.sweepProgress = null;
      }
    }
  }

  cancelSweep(): void {
    this.#sweepAbort?.abort();
    this.#sweepAbort = null;
    this.sweepProgress = null;
  }

  /** The components over time for a run (skipped if already shown for the same input). */
  async loadComponents(input: AnalysisInput): Promise<void> {
    if (sameInput(this.components?.input ?? null, input)) return;
    this.#componentsAbort?.abort();
    const ctl = (this.#componentsAbort = new AbortController());
    this.componentsBusy = true;
    this.whyError = null;
    const since = this.#restarts;
    try {
      const out = await this.#tasks().run({ type: 'components', levers: input.levers, seed: input.seed, trials: input.trials, maxTrials: 2_000 }, ctl.signal);
      this.components = { input, data: out.data };
      this.#settled(since, 'the components over time', true);
    } catch (e) {
      if (!isAbort(e)) {
        this.whyError = message(e);
        this.#settled(since, 'the components over time', false);
      }
    } finally {
      if (this.#componentsAbort === ctl) this.componentsBusy = false;
    }
  }

  async loadStory(input: AnalysisInput, trial: number): Promise<void> {
    this.#storyAbort?.abort();
    const ctl = (this.#storyAbort = new AbortController());
    this.storyBusy = trial;
    const since = this.#restarts;
    try {
      const out = await this.#tasks().run({ type: 'replay', levers: input.levers, seed: input.seed, trial }, ctl.signal);
      this.story = { input, story: out.story };
      this.#settled(since, 'the trial’s story', true);
    } catch (e) {
      if (!isAbort(e)) {
        this.whyError = message(e);
        this.#settled(since, 'the trial’s story', false);
      }
    } finally {
      if (this.#storyAbort === ctl) this.storyBusy = null;
    }
  }

  async loadDiscovery(input: AnalysisInput): Promise<void> {
    if (sameInput(this.discovery?.input ?? null, input)) return;
    this.#discoveryAbort?.abort();
    const ctl = (this.#discoveryAbort = new AbortController());
    this.discoveryBusy = true;
    this.discoveryError = null;
    const since = this.#restarts;
    try {
      const out = await this.#tasks().run({ type: 'discover', levers: input.levers, seed: input.seed, trials: input.trials }, ctl.signal);
      this.discovery = { input, data: out.discovery };
      this.#settled(since, 'the discovery', true);
    } catch (e) {
      if (!isAbort(e)) {
        this.discoveryError = message(e);
        this.#settled(since, 'the discovery', false);
      }
    } finally {
      if (this.#discoveryAbort === ctl) this.discoveryBusy = false;
    }
  }
}
