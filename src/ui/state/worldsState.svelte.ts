import { acrossWorlds, changedLevers, survivalBandAcrossWorlds, type Levers, type WorldCell, type WorldSpread } from '../../engine';
import { loadWorlds, loadWorldsFile, worldCount } from './worldsFile';
import type { AnalysisState, Progress } from './analysisState.svelte';
import { AbortableTask } from './abortableTask';
import { DEFAULT_WORLDS_OPTIONS, worldsSizeProblem, type WorldsOptions } from './pageOptions';
import { measureLatest } from './timing';
import type { Runtime } from './runtime';

/** Same levers in the worlds: decisionNoise is each world's own, so a change of it alone changes nothing there. */
export function sameLeversInWorlds(a: Levers, b: Levers): boolean {
  return changedLevers(a, b).every((k) => k === 'decisionNoise');
}

/** What the worlds band of one run is: its levers and seed in the worlds, and the result. */
export interface WorldsBand {
  levers: Levers;
  seed: string;
  /** Worlds and trials per world. */
  worlds: number;
  trials: number;
  cells: WorldCell[];
  pWar: WorldSpread;
  /** p10 and p90 across worlds of the share with no war yet, per month 0…horizon. */
  survival: { p10: number[]; p90: number[] };
  /** From the main result to the band (ms), the wait for the inputs to rest included. */
  ms: number;
}

/**
 * The headline's second uncertainty: after each main run, the same levers across the plausible
 * worlds (each world's assumptions and decisionNoise replace the run's, so the user's own assumption
 * changes do not apply), with the run's seed. A newer run supersedes one in flight; changing the
 * levers or seed aborts it (the band would be for other inputs): with a Runtime, the band is its
 * background work for these levers and seed, aborted by the first change of the inputs, and started
 * again after each main run (`follow`).
 */
export class WorldsState {
  band = $state.raw<WorldsBand | null>(null);
  progress = $state.raw<Progress | null>(null);
  error = $state<string | null>(null);
  /** The levers and seed being run across the worlds (null when idle). */
  #pending: { levers: Levers; seed: string } | null = null;
  /** Bytes the browser can spare for one world's trial arrays (the page sets it: AppState.memoryBudget). */
  memoryBudget = 1e9;
  #task = new AbortableTask();
  readonly #analysis: AnalysisState;
  readonly #runtime: Runtime | null;
  options: WorldsOptions = DEFAULT_WORLDS_OPTIONS;

  constructor(analysis: AnalysisState, runtime: Runtime | null = null) {
    this.#analysis = analysis;
    this.#runtime = runtime;
  }

  /** Run the band after each main run of `runtime` (its levers and seed). Returns the unsubscribe. */
  follow(): () => void {
    return this.#runtime?.afterMain((input, finishedAt) => void this.start(input.levers, input.seed, finishedAt)) ?? (() => undefined);
  }

  /** Off with `worlds=0` in the address. */
  get enabled(): boolean {
    return this.options.worlds > 0;
  }

  /** How many worlds the page uses (the first `options.worlds` of the file). */
  get count(): number {
    return worldCount(this.options.worlds);
  }

  /** Start loading what the band needs (the worlds file, the analysis workers) while the first run goes. */
  prepare(): void {
    if (!this.enabled) return;
    void loadWorldsFile().catch(() => undefined); // a failure shows when the band starts
    this.#runtime?.tasks();
  }

  /** Whether the band shown is for these levers and seed. */
  isFor(levers: Levers, seed: string): boolean {
    return !!this.band && this.band.seed === seed && sameLeversInWorlds(this.band.levers, levers);
  }

  /**
   * Run `levers` with `seed` across the worlds (skipped if the band already is for them). `since`
   * (performance.now() of the main result) is where the band's time (`ms`) counts from.
   */
  async start(levers: Levers, seed: string, since = performance.now()): Promise<void> {
    if (!this.enabled) return;
    if (this.isFor(levers, seed) && !this.error) return;
    if (this.#pending && this.#pending.seed === seed && sameLeversInWorlds(this.#pending.levers, levers)) return;
    const n = this.count;
    const { trials } = this.options;
    // The command line's limits, before anything starts (a link can ask for 1,000 worlds × 100,000 trials).
    const tooBig = worldsSizeProblem(n, trials, this.memoryBudget);
    if (tooBig) {
      this.error = `it was not started: ${tooBig}`;
      return;
    }
    this.error = null;
    const pending = (this.#pending = { levers, seed });
    this.progress = { done: 0, total: n };
    // Work for these levers and seed only: the runtime aborts it when the inputs change.
    const dep = this.#runtime?.dependent((now) => now.seed === seed && sameLeversInWorlds(now.levers, levers));
    // Dropped at once (not a task later), unless a newer band has started since.
    dep?.signal.addEventListener('abort', () => this.#pending === pending && this.cancel(), { once: true });
    await this.#task.start(
      async (signal) => {
        const worlds = await loadWorlds(n);
        return this.#analysis.runWorlds('the band across plausible worlds', levers, worlds, seed, trials, dep ? AbortSignal.any([signal, dep.signal]) : signal, (done) => (this.progress = { done, total: n }));
      },
      {
        done: (cells) => {
          const ms = performance.now() - since;
          measureLatest('worlds-band', since, since + ms);
          this.band = { levers, seed, worlds: cells.length, trials, cells, pWar: acrossWorlds(cells).pWar, survival: survivalBandAcrossWorlds(cells), ms };
        },
        failed: (m) => (this.error = m),
        settled: () => {
          this.progress = null;
          this.#pending = null;
        },
      },
    );
    dep?.release();
  }

  cancel(): void {
    this.#task.cancel();
    this.#pending = null;
    this.progress = null;
  }

  /** Run again after a failure. */
  retry(levers: Levers, seed: string): void {
    this.error = null;
    void this.start(levers, seed);
  }
}
