import { flushSync } from 'svelte';
import {
  ASSUMPTION_KEYS,
  ENGINE_VERSION,
  changedLevers,
  checkRunMemory,
  formatErrors,
  isAbort,
  maxTrialsFor,
  sameAssumptions,
  sameRun,
  type AssumptionKey,
  type AssumptionValues,
  type FieldError,
  type Levers,
  type LoadedScenario,
  type Result,
  type RunInput,
} from '../../engine';
import type { Address } from './address';
import { LayoutState } from './layoutState.svelte';
import { RunInputs } from './runInputs.svelte';
import { Runtime } from './runtime';
import { RunScheduler } from './scheduler';
import { scenarioName, type Named, type ScenarioName } from './scenarioName';
import { DEFAULT_THRESHOLD, parseThresholdPoints } from './threshold';
import { PREVIEW_ABOVE, PREVIEW_TRIALS, browserMemoryBudget, runView, type RunView } from './runView';
import { measureLatest } from './timing';
import { capUrlErrors } from './urlErrors';
import type { PageOptions } from './pageOptions';

export { PREVIEW_ABOVE, PREVIEW_TRIALS, type RunView } from './runView';
export { DEFAULT_THRESHOLD, THRESHOLD_POINTS } from './threshold';
export { VIEWS, type View } from './views';
export { leverControlSelector } from './layoutState.svelte';

/**
 * The page's shared state: the run inputs (`inputs`, one RunInputs), the run lifecycle (the latest
 * run, progress, errors, cancel), the pinned baseline, the loaded scenario and the messages. The
 * layout (`layout`) and the workers (`runtime`) are owned beside it.
 */
export class AppState {
  /** The levers, assumptions, seed and trials every view runs. */
  readonly inputs = new RunInputs();
  /** The open view, the folded panels, focus. */
  readonly layout = new LayoutState();
  /** The workers (made by `init`, sized by the address's `workers=`); tests may pass their own. */
  runtime: Runtime | null = null;
  run = $state.raw<RunView | null>(null);
  baseline = $state.raw<RunView | null>(null);
  running = $state(false);
  /** Trials done of the run in progress (0–trials). */
  progressDone = $state(0);
  progressTotal = $state(0);
  runError = $state<string | null>(null);
  urlErrors = $state.raw<FieldError[]>([]);
  importErrors = $state.raw<{ file: string; errors: FieldError[] } | null>(null);
  scenario = $state.raw<LoadedScenario | null>(null);
  /** The engine version a link was made with, when it differs from this page's. */
  linkEngine = $state<string | null>(null);
  /** What happened to a worker (crashed and restarted), until dismissed. */
  workerNotice = $state<string | null>(null);
  /** The last run was cancelled by the user (no result for the current inputs beyond any preview). */
  cancelled = $state(false);
  /** Bytes this browser can spare for a run's trial arrays (see limits.ts). */
  readonly memoryBudget = browserMemoryBudget();
  /** The most trials this device has the memory for (RUN_SETTINGS.trials.max on most). */
  readonly maxTrialsHere = maxTrialsFor(this.memoryBudget);
  /** The page's options from its address (view, workers), read once by `init`. */
  options: PageOptions = { view: null, workers: null };
  /** Runs finished (the charts mark the id they drew, for tests and the benchmark). */
  #runCount = 0;
  #scheduler: RunScheduler<RunInput, RunView> | null = null;
  /** Why a worker of the current run was restarted (told once the run's outcome is known). */
  #restartReason: string | null = null;

  /** The bundled presets, to name levers that equal one (given by the page; none in tests that build an AppState). */
  presets: readonly Named[] = [];
  /** The smallest difference that matters, as a share (0.02 = 2 points): the results sentence's threshold. */
  threshold = $state(DEFAULT_THRESHOLD);
  /** The pinned baseline's name ("Coalition tripwire", "Full package (modified)", "your levers"). */
  baselineName = $state('');
  /** What the current levers are called: the loaded scenario (modified or not), a preset they equal, or "your levers". */
  currentName = $derived<ScenarioName>(scenarioName(this.inputs.levers, this.scenario, this.presets, this.inputs.assumptions));

  constructor(presets: readonly Named[] = [], runtime: Runtime | null = null) {
    this.presets = presets;
    this.runtime = runtime;
  }

  /** Levers that differ from the loaded scenario's resolved levers. */
  changedSinceScenario = $derived.by(() => {
    const s = this.scenario;
    if (!s) return [] as string[];
    return changedLevers(s.resolved, this.inputs.levers);
  });

  /** Model assumptions that differ from those of the scenario the levers are named after (its own, else the calibrated defaults). */
  assumptionsChangedSinceScenario = $derived.by(() => {
    const s = this.currentName.scenario;
    if (!s) return [] as string[];
    return ASSUMPTION_KEYS.filter((k) => !sameAssumptions({ [k]: s.assumptions?.[k] }, { [k]: this.inputs.assumptions[k] }));
  });

  /** Take the run and options of the page's address (bad fields fell back to defaults and are reported), start the first run. */
  init(address: Address): void {
    // A link may ask for more trials than this device can hold: refused before anything starts
    // (the trials stay at their default).
    const refused = this.setRun(address.run);
    this.urlErrors = capUrlErrors([...address.runErrors, ...refused, ...address.pageErrors]);
    this.options = address.options;
    if (this.options.view) this.layout.view = this.options.view;
    if (address.engine !== null && address.engine !== ENGINE_VERSION) this.linkEngine = address.engine;
    this.runtime ??= new Runtime({ workers: this.options.workers });
    this.#scheduler = new RunScheduler<RunInput, RunView>({
      debounceMs: 100,
      run: (input, signal) => this.#execute(input, signal),
      onResult: (view) => {
        const t = performance.now();
        this.run = view;
        this.runError = null;
        this.cancelled = false;
        if (this.#restartReason) {
          this.workerNotice = `A simulation worker stopped (${this.#restartReason}). It was restarted and its trials were run again, so the results shown are complete.`;
          this.#restartReason = null;
        }
        // Draw now, inside this task, so the time to updated charts can be measured.
        flushSync();
        measureLatest('render', t, performance.now());
        this.runtime?.mainFinished(view.input);
      },
      onError: (err) => {
        if (isAbort(err)) return;
        this.runError = err instanceof Error ? err.message : String(err);
        this.#restartReason = null; // the error says what happened
        this.#dropStale();
      },
      onBusy: (busy) => {
        this.running = busy;
        if (!busy) this.progressDone = this.progressTotal;
      },
    });
    this.#scheduler.runNow(this.input());
  }

  /** The current run inputs (the same object until one changes). */
  input(): RunInput {
    return this.inputs.input();
  }

  /** Whether this device can hold a run of `trials` trials (checkRunMemory against its budget). */
  fitTrials(trials: number): Result<number> {
    return checkRunMemory(trials, this.memoryBudget);
  }

  /** Whether the run shown is for the current levers and seed (a preview counts: fewer trials, same inputs). */
  runIsCurrent(run: RunView | null = this.run): boolean {
    return !!run && sameRun(run.input, run.preview ? { ...this.input(), trials: run.input.trials } : this.input());
  }

  /** After a cancelled or failed run, results for other inputs must not stay on screen as if current. */
  #dropStale(): void {
    if (this.run && !this.runIsCurrent()) this.run = null;
  }

  /** Stop the run in progress (and any change waiting to run); the charts keep only results for these inputs. */
  cancelRun(): void {
    if (!this.running) return;
    this.#scheduler?.cancel();
    this.cancelled = true;
    this.#dropStale();
  }

  /** Run the current inputs again (after a cancel or a failure). */
  rerun(): void {
    this.cancelled = false;
    this.#request(true);
  }

  async #execute(input: RunInput, signal: AbortSignal): Promise<RunView> {
    if (!this.runtime) throw new Error('workers not started');
    const fits = this.fitTrials(input.trials);
    if (!fits.ok) throw new Error(formatErrors(fits.errors, '; '));
    if (input.trials > PREVIEW_ABOVE) {
      const preview = await this.#simulate({ ...input, trials: PREVIEW_TRIALS }, signal, input.trials);
      if (!signal.aborted) this.run = { ...preview, preview: true };
    }
    return this.#simulate(input, signal, input.trials);
  }

  async #simulate(input: RunInput, signal: AbortSignal, shownTotal: number): Promise<RunView> {
    this.progressDone = 0;
    this.progressTotal = shownTotal;
    const out = await this.runtime!.runMain(input, {
      signal,
      onProgress: (done) => {
        if (input.trials === shownTotal) this.progressDone = done;
      },
      onRestart: (reason) => {
        this.#restartReason = reason;
      },
    });
    return runView(++this.#runCount, input, out);
  }

  /** Run `input` beside the main run (a baseline), as a RunView. */
  async #runAside(input: RunInput): Promise<RunView> {
    this.runtime ??= new Runtime({ workers: this.options.workers });
    return runView(0, input, await this.runtime.runAside(input, { fit: (n) => this.fitTrials(n) }));
  }

  /** Pin the baseline a link names. A failure is reported with the link's other problems. */
  async pinLinked(input: RunInput, name: string): Promise<void> {
    try {
      this.baseline = await this.#runAside(input);
      this.baselineName = name;
    } catch (e) {
      this.addUrlErrors([{ field: 'base', message: `the linked baseline could not be run (${e instanceof Error ? e.message : String(e)}); nothing is pinned` }]);
    }
  }

  /** A baseline rerun under the current assumptions is on its way. */
  rebasing = $state(false);
  /** Why the last rerun of the baseline failed (the old baseline stays pinned). */
  rebaseError = $state<string | null>(null);

  /**
   * Run the pinned baseline's levers, seed and trials again under the current model assumptions and
   * pin that instead, so that the comparison measures the levers alone.
   */
  async rerunBaselineUnderCurrentAssumptions(): Promise<void> {
    const b = this.baseline;
    if (!b || this.rebasing) return;
    const assumptions = this.inputs.assumptions;
    const input: RunInput = { levers: b.input.levers, seed: b.input.seed, trials: b.input.trials, assumptions };
    this.rebasing = true;
    this.rebaseError = null;
    try {
      const view = await this.#runAside(input);
      if (this.baseline !== b) return; // unpinned or replaced meanwhile
      this.baseline = view;
      const named = scenarioName(input.levers, null, this.presets, assumptions).name;
      this.baselineName = named === 'your levers' ? this.baselineName.replace(/ \(other model assumptions\)$/, '') : named;
    } catch (e) {
      this.rebaseError = `The baseline could not be run again (${e instanceof Error ? e.message : String(e)}); the old one stays pinned.`;
    } finally {
      this.rebasing = false;
    }
  }

  /** Report more problems with the page's address (the list stays capped: capUrlErrors). */
  addUrlErrors(errors: readonly FieldError[]): void {
    if (errors.length) this.urlErrors = capUrlErrors([...this.urlErrors, ...errors]);
  }

  /** The inputs changed: background work for the old ones stops (the main run first), and a run is asked for. */
  #request(now = false): void {
    if (!this.#scheduler) return;
    this.cancelled = false;
    const input = this.input();
    this.runtime?.inputsChanged(input);
    if (now) this.#scheduler.runNow(input);
    else this.#scheduler.request(input);
  }

  setLever<K extends keyof Levers>(key: K, value: Levers[K]): void {
    if (this.inputs.setLever(key, value)) this.#request();
  }

  setLevers(levers: Levers): void {
    this.inputs.levers = levers;
    this.#request(true);
  }

  /**
   * Set the levers, seed and trials at once (one run, not three). Trials this device has not the
   * memory for (fitTrials) are refused: the levers and seed are set, the trials stay, and the
   * problems are returned (empty when all was set).
   */
  setRun(run: RunInput): FieldError[] {
    const fits = this.fitTrials(run.trials);
    if (this.inputs.set({ ...run, trials: fits.ok ? run.trials : this.inputs.trials })) this.#request(true);
    return fits.ok ? [] : fits.errors;
  }

  /** Mark `s` as the loaded scenario without touching the levers (they already are its levers), or none. */
  markLoaded(s: LoadedScenario | null): void {
    this.scenario = s;
  }

  setTrials(n: number): void {
    if (this.inputs.setTrials(n)) this.#request(true);
  }

  setSeed(s: string): void {
    if (this.inputs.setSeed(s)) this.#request(true);
  }

  loadScenario(s: LoadedScenario): void {
    this.scenario = s;
    this.importErrors = null;
    // A scenario brings its assumptions (none: the calibrated defaults).
    this.inputs.setAssumptions(s.assumptions ?? {});
    this.setLevers({ ...s.resolved });
  }

  /** Change one assumption (validated by the caller: parseAssumptionText); its default value removes the change. */
  setAssumption(key: AssumptionKey, value: number): void {
    if (this.inputs.setAssumption(key, value)) this.#request();
  }

  /** Put one assumption back to its calibrated default, or all of them. */
  resetAssumptions(key?: AssumptionKey): void {
    if (this.inputs.resetAssumptions(key)) this.#request(true);
  }

  pinBaseline(): void {
    // The baseline keeps its trial arrays: the paired comparison needs them trial by trial.
    if (!this.run) return;
    this.baseline = { ...this.run };
    this.baselineName = scenarioName(this.run.input.levers, this.scenario, this.presets, this.run.input.assumptions as AssumptionValues | undefined).name;
  }

  /** Set the threshold from points typed by the reader; a bad value is refused with the field and range named. */
  setThresholdPoints(points: number): Result<number> {
    const r = parseThresholdPoints(points);
    if (r.ok) this.threshold = r.value;
    return r;
  }

  clearBaseline(): void {
    this.baseline = null;
    this.rebaseError = null;
  }
}
