import {
  changedLevers,
  combineSensitivity,
  planSensitivity,
  sameRun,
  type ComponentsOverTime,
  type Discovery,
  type Levers,
  type RunInput,
  type SensitivityResult,
  type SweepAxis,
  type SweepCell,
  type TrialStory,
} from '../../engine';
import { TaskPool } from '../../workers/taskPool';
import { WorkerPool } from '../../workers/pool';
import { axisFor } from '../views/sweepView';


/** Progress of a running analysis: jobs done of total. */
export interface Progress {
  done: number;
  total: number;
}

function sameInput(a: RunInput | null, b: RunInput): boolean {
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
  sens = $state.raw<{ input: RunInput; swing: number | null; result: SensitivityResult; ms: number } | null>(null);
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
  sweep = $state.raw<{ input: RunInput; x: SweepAxis; y: SweepAxis; ms: number | null } | null>(null);
  /** Row-major by y then x; null until the cell is done. Replaced (not mutated) once per frame. */
  sweepCells = $state.raw<(SweepCell | null)[]>([]);
  sweepProgress = $state.raw<Progress | null>(null);
  sweepError = $state<string | null>(null);
  #sweepAbort: AbortController | null = null;

  // Why it breaks
  components = $state.raw<{ input: RunInput; data: ComponentsOverTime } | null>(null);
  componentsBusy = $state(false);
  story = $state.raw<{ input: RunInput; story: TrialStory } | null>(null);
  storyBusy = $state<number | null>(null);
  whyError = $state<string | null>(null);
  #componentsAbort: AbortController | null = null;
  #storyAbort: AbortController | null = null;

  // Discovery
  discovery = $state.raw<{ input: RunInput; data: Discovery } | null>(null);
  discoveryBusy = $state(false);
  discoveryError = $state<string | null>(null);
  #discoveryAbort: AbortController | null = null;

  /** What happened to an analysis worker (crashed and restarted), until dismissed. */
  workerNotice = $state<string | null>(null);

  #tasks(): TaskPool {
    this.#pool ??= new TaskPool(this.workers, undefined, {
      onRestart: (reason) => {
        this.workerNotice = `An analysis worker stopped (${reason}). It was restarted and its job was run again, so the results are complete.`;
      },
    });
    return this.#pool;
  }

  /** Whether the tornado shown was computed for other levers or seed than `now`. */
  sensStale(now: RunInput): boolean {
    return !!this.sens && !sameInput(this.sens.input, { ...now, trials: this.sens.input.trials });
  }

  /** Whether the sweep shown was run with other levers (besides its two axes) or another seed than `now`. */
  sweepStale(now: RunInput): boolean {
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
    } catch (e) {
      ctl.abort();
      if (!isAbort(e)) this.sensError = message(e);
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
    } catch (e) {
      ctl.abort();
      if (frame) cancelAnimationFrame(frame);
      if (!isAbort(e)) this.sweepError = message(e);
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
  async loadComponents(input: RunInput): Promise<void> {
    if (sameInput(this.components?.input ?? null, input)) return;
    this.#componentsAbort?.abort();
    const ctl = (this.#componentsAbort = new AbortController());
    this.componentsBusy = true;
    this.whyError = null;
    try {
      const out = await this.#tasks().run({ type: 'components', levers: input.levers, seed: input.seed, trials: input.trials, maxTrials: 2_000 }, ctl.signal);
      this.components = { input, data: out.data };
    } catch (e) {
      if (!isAbort(e)) this.whyError = message(e);
    } finally {
      if (this.#componentsAbort === ctl) this.componentsBusy = false;
    }
  }

  async loadStory(input: RunInput, trial: number): Promise<void> {
    this.#storyAbort?.abort();
    const ctl = (this.#storyAbort = new AbortController());
    this.storyBusy = trial;
    try {
      const out = await this.#tasks().run({ type: 'replay', levers: input.levers, seed: input.seed, trial }, ctl.signal);
      this.story = { input, story: out.story };
    } catch (e) {
      if (!isAbort(e)) this.whyError = message(e);
    } finally {
      if (this.#storyAbort === ctl) this.storyBusy = null;
    }
  }

  async loadDiscovery(input: RunInput): Promise<void> {
    if (sameInput(this.discovery?.input ?? null, input)) return;
    this.#discoveryAbort?.abort();
    const ctl = (this.#discoveryAbort = new AbortController());
    this.discoveryBusy = true;
    this.discoveryError = null;
    try {
      const out = await this.#tasks().run({ type: 'discover', levers: input.levers, seed: input.seed, trials: input.trials }, ctl.signal);
      this.discovery = { input, data: out.discovery };
    } catch (e) {
      if (!isAbort(e)) this.discoveryError = message(e);
    } finally {
      if (this.#discoveryAbort === ctl) this.discoveryBusy = false;
    }
  }
}
