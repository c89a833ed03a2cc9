import type { Levers, World, WorldCell } from '../../engine';
import type { AnalysisState, Progress } from './analysisState.svelte';
import { AbortableTask } from './abortableTask';
import { DEFAULT_WORLDS_OPTIONS, type WorldsOptions } from './pageOptions';
import { robustnessRows, type PackageWorlds, type RobustnessRow } from './robustness';
import { pickWorlds } from './worldsState.svelte';

/** One package of the robustness view: a preset, a saved scenario or the current levers. */
export interface RobustnessPackage {
  key: string;
  name: string;
  kind: 'preset' | 'saved' | 'current';
  levers: Levers;
}

/** A finished robustness run: every package in the same worlds with one seed. */
export interface RobustnessResult {
  seed: string;
  trials: number;
  worlds: World[];
  packages: RobustnessPackage[];
  /** Per package (in `packages` order), its pWar in each world (in `worlds` order). */
  pWar: PackageWorlds[];
  rows: RobustnessRow[];
  ms: number;
}

/**
 * The robustness view's state: every package across the plausible worlds ('world' jobs on the
 * analysis workers), with progress and cancel. One run at a time; starting another aborts it.
 */
export class RobustnessState {
  result = $state.raw<RobustnessResult | null>(null);
  progress = $state.raw<Progress | null>(null);
  error = $state<string | null>(null);
  /** The user cancelled the last run. */
  cancelled = $state(false);
  options: WorldsOptions = DEFAULT_WORLDS_OPTIONS;
  #task = new AbortableTask();
  readonly #analysis: AnalysisState;

  constructor(analysis: AnalysisState) {
    this.#analysis = analysis;
  }

  get running(): boolean {
    return this.progress !== null;
  }

  async run(packages: readonly RobustnessPackage[], seed: string): Promise<void> {
    // worlds=0 turns the headline's band off; this view still needs at least one world.
    const worlds = pickWorlds(Math.max(1, this.options.worlds));
    const { trials } = this.options;
    const list = [...packages];
    const total = list.length * worlds.length;
    let done = 0;
    const t0 = performance.now();
    this.error = null;
    this.cancelled = false;
    this.progress = { done: 0, total };
    await this.#task.start(
      (signal) =>
        Promise.all(
          list.map((p) =>
            this.#analysis.runWorlds('the robustness run', p.levers, worlds, seed, trials, signal, () => (this.progress = { done: ++done, total })),
          ),
        ),
      {
        done: (cells: WorldCell[][]) => {
          const pWar = list.map((p, i) => ({ key: p.key, name: p.name, pWar: cells[i].map((c) => c.pWar) }));
          this.result = { seed, trials, worlds, packages: list, pWar, rows: robustnessRows(pWar), ms: performance.now() - t0 };
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
