import type { RobustnessPackage, World, WorldCell } from '../../engine';
import type { AnalysisState, Progress } from './analysisState.svelte';
import { AbortableTask } from './abortableTask';
import { DEFAULT_WORLDS_OPTIONS, worldsSizeProblem, type WorldsOptions } from './pageOptions';
import { DEFAULT_FAIL_ABOVE, robustnessStudy, type RobustnessRow } from './robustness';
import type { ValueOfInformation } from '../../engine';
import { loadWorlds, worldCount } from './worldsFile';

/** One package of the robustness view: a preset, a saved scenario or the current levers. */
export interface PagePackage extends RobustnessPackage {
  kind: 'preset' | 'saved' | 'current';
}

/** A finished robustness run: every package in the same worlds with one seed. */
export interface PageRobustness {
  seed: string;
  trials: number;
  worlds: World[];
  packages: PagePackage[];
  /** Every cell, package-major, so "fails" can be re-judged at another bar without a rerun. */
  cells: WorldCell[];
  ms: number;
}

/**
 * The robustness view's state: every package across the plausible worlds ('world' jobs on the
 * analysis workers), with progress and cancel. One run at a time; starting another aborts it.
 */
export class RobustnessState {
  result = $state.raw<PageRobustness | null>(null);
  progress = $state.raw<Progress | null>(null);
  error = $state<string | null>(null);
  /** The user cancelled the last run. */
  cancelled = $state(false);
  /** "Fails" in "which assumptions decide": war above this share (0–1) in a world; the view's own input. */
  failAbove = $state(DEFAULT_FAIL_ABOVE);
  /** Worlds and trials per world: from the address (`worlds=`, `worldTrials=`), then the view's own selects. */
  options = $state.raw<WorldsOptions>(DEFAULT_WORLDS_OPTIONS);
  /** Bytes the browser can spare for one world's trial arrays (the page sets it: AppState.memoryBudget). */
  memoryBudget = 1e9;
  #task = new AbortableTask();
  readonly #analysis: AnalysisState;

  constructor(analysis: AnalysisState) {
    this.#analysis = analysis;
  }

  /** The finished run's rows (sorted by median pWar) and value of information, "fails" judged at failAbove. */
  readonly study = $derived.by((): { rows: RobustnessRow[]; valueOfInformation: ValueOfInformation } | null => {
    const r = this.result;
    return r ? robustnessStudy(r.packages, r.worlds, r.cells, r, { kind: 'above', threshold: this.failAbove }) : null;
  });

  get running(): boolean {
    return this.progress !== null;
  }

  /** How many worlds are used: `worlds=0` turns the headline's band off, but this view needs at least one. */
  get count(): number {
    return worldCount(Math.max(1, this.options.worlds));
  }

  async run(packages: readonly PagePackage[], seed: string): Promise<void> {
    const n = this.count;
    const { trials } = this.options;
    const list = [...packages];
    const total = list.length * n;
    let done = 0;
    const t0 = performance.now();
    // The command line's limits, before anything starts (a link can ask for 1,000 worlds × 100,000 trials).
    const tooBig = worldsSizeProblem(total, trials, this.memoryBudget);
    if (tooBig) {
      this.error = `it was not started: ${tooBig}`;
      return;
    }
    this.error = null;
    this.cancelled = false;
    this.progress = { done: 0, total };
    await this.#task.start(
      async (signal) => {
        const worlds = await loadWorlds(n);
        const cells = await Promise.all(list.map((p) => this.#analysis.runWorlds('the robustness run', p.levers, worlds, seed, trials, signal, () => (this.progress = { done: ++done, total }))));
        return { worlds, cells };
      },
      {
        done: ({ worlds, cells }) => {
          this.result = { seed, trials, worlds, packages: list, cells: cells.flat(), ms: performance.now() - t0 };
        },
        failed: (m) => (this.error = m),
        settled: () => (this.progress = null),
      },
    );
  }

  cancel(): void {
    if (!this.progress) return;
    this.#task.cancel();
    this.progress = null;
    this.cancelled = true;
  }
}
